// Stage 6 output: the checked contract, plain data. Every expression is a typed tree with its
// static type and, where it does not depend on data, its folded value; KPI attainment forms,
// weights, tiers and the evaluation order are data too. Only checkContract creates one (the
// brand), so compileProgram (src/compile/) never runs on an unchecked tree.
import type { Span } from '../diagnostics/diagnostic.js';
import type { Value } from '../language/values.js';
import type { Contract, JsonNode, KpiDecl, PaymentDecl, TierMode } from '../contract/model.js';
import type { Expr } from '../parser/ast.js';
import type { Rational } from '../numbers/rational.js';
import type { ValueType } from '../language/value-types.js';
import type { TypedNode } from './typed-tree.js';

export { isNoData, type NoData, type Value } from '../language/values.js';

/** What every expression of a checked or compiled contract knows about itself. */
export interface ExprInfo {
  /** The checked syntax tree (spans in file coordinates). */
  readonly expr: Expr;
  readonly type: ValueType;
  readonly span: Span;
  /** The value when the expression does not depend on data (literals, constant arithmetic). */
  readonly constant?: Value;
}

/** A checked expression: its typed tree. */
export interface CheckedExpr extends ExprInfo {
  readonly typed: TypedNode;
}

/**
 * A KPI target written as JSON Logic (`target: { jsonlogic: ... }`), checked: the rule as data,
 * the declared metrics by slot, and the metrics it reads (they must be present in the period).
 */
export interface CheckedJsonLogicTarget extends ExprInfo {
  readonly jsonlogic: JsonNode;
  readonly metricSlots: ReadonlyMap<string, number>;
  readonly reads: ReadonlyMap<string, Span>;
}

/** How a KPI's attainment is derived from its target (SPEC 3, "Attainment and score"). */
export type AttainmentForm<E> =
  | { readonly kind: 'higher-is-better'; readonly value: E; readonly threshold: E; readonly strict: boolean }
  | { readonly kind: 'lower-is-better'; readonly value: E; readonly threshold: E; readonly strict: boolean }
  | { readonly kind: 'met-or-missed' }
  | { readonly kind: 'explicit'; readonly attainment: E };

export interface DefineOf<E> {
  readonly name: string;
  readonly compiled: E;
}

export interface KpiOf<E, T = E> {
  readonly decl: KpiDecl;
  readonly target: T;
  /** Weight as a fraction (0.3 for 30%); absent for unweighted KPIs. */
  readonly weight?: Rational;
  /** Maximum attainment counted in the score, as a fraction (default 1). */
  readonly cap: Rational;
  readonly form: AttainmentForm<E>;
}

export interface TierOf<E> {
  /** Inclusive upper bound; absent on the last tier. */
  readonly upTo?: Rational;
  readonly price?: E;
  readonly flat?: E;
  readonly span: Span;
}

export type PricingOf<E> =
  | { readonly form: 'amount'; readonly amount: E }
  | { readonly form: 'price'; readonly quantity: E; readonly price: E }
  | { readonly form: 'tiers'; readonly quantity: E; readonly mode: TierMode; readonly tiers: readonly TierOf<E>[] }
  | { readonly form: 'package'; readonly quantity: E; readonly size: Rational; readonly price: E; readonly freeUnits: Rational };

export interface PaymentOf<E> {
  readonly decl: PaymentDecl;
  readonly when?: E;
  readonly pricing: PricingOf<E>;
  readonly min?: E;
  readonly max?: E;
}

export interface LimitsOf<E> {
  readonly min?: E;
  readonly max?: E;
  readonly span: Span;
}

/**
 * One step of evaluation, in dependency order. `slot` indexes the frame's arrays: a define's
 * position in `contract.defines` (declaration order), a KPI's position in `kpis`.
 */
export type StepOf<E> =
  | { readonly kind: 'define'; readonly slot: number; readonly define: DefineOf<E> }
  | { readonly kind: 'kpi'; readonly slot: number }
  | { readonly kind: 'score' };

/** A checked contract's parts over an expression type: typed trees here, closures in a Program. */
export interface ContractOf<E, T = E> {
  readonly contract: Contract;
  /** Defines in dependency order (each after everything it uses). */
  readonly defines: readonly DefineOf<E>[];
  /** KPIs in declaration order. */
  readonly kpis: readonly KpiOf<E, T>[];
  /** Payments in contract order. */
  readonly payments: readonly PaymentOf<E>[];
  readonly limits?: LimitsOf<E>;
  /** Defines, KPIs and the score in dependency order. */
  readonly steps?: readonly StepOf<E>[];
}

export type CheckedDefine = DefineOf<CheckedExpr>;
export type CheckedKpi = KpiOf<CheckedExpr, CheckedExpr | CheckedJsonLogicTarget>;
export type CheckedTier = TierOf<CheckedExpr>;
export type CheckedPricing = PricingOf<CheckedExpr>;
export type CheckedPayment = PaymentOf<CheckedExpr>;
export type CheckedStep = StepOf<CheckedExpr>;

declare const checkedBrand: unique symbol;

/** The output of checkContract: plain data, branded so only checkContract makes one. */
export interface CheckedContract extends ContractOf<CheckedExpr, CheckedExpr | CheckedJsonLogicTarget> {
  readonly [checkedBrand]: true;
}

export function isJsonLogicTarget(t: CheckedExpr | CheckedJsonLogicTarget): t is CheckedJsonLogicTarget {
  return 'jsonlogic' in t;
}
