// Stage 6 output: the checked program. Only checkContract (check.ts) creates a CheckedContract,
// so evaluation can never run on an unchecked tree. Every expression is compiled once into a
// CompiledExpr whose evaluate() runs many times without re-resolving names or re-checking units.
import type { Span } from '../diagnostics/diagnostic.js';
import type { Value } from '../language/values.js';
import type { Contract, KpiDecl, PaymentDecl, TierMode } from '../contract/model.js';
import type { Expr } from '../parser/ast.js';
import type { Rational } from '../numbers/rational.js';
import type { ValueType } from '../language/value-types.js';

export { isNoData, type NoData, type Value } from '../language/values.js';

/** Per-period evaluation state; created by evaluatePeriod, opaque to later stages. */
export interface EvalContext {
  readonly period: string;
  readonly periodIndex: number;
}

export interface CompiledExpr {
  /** The checked syntax tree (spans in file coordinates). */
  readonly expr: Expr;
  readonly type: ValueType;
  readonly span: Span;
  /** The value when the expression does not depend on data (literals, constant arithmetic). */
  readonly constant?: Value;
  evaluate(ctx: EvalContext): Value;
}

/** How a KPI's attainment is derived from its target (SPEC 3, "Attainment and score"). */
export type AttainmentForm =
  | { readonly kind: 'higher-is-better'; readonly value: CompiledExpr; readonly threshold: CompiledExpr; readonly strict: boolean }
  | { readonly kind: 'lower-is-better'; readonly value: CompiledExpr; readonly threshold: CompiledExpr; readonly strict: boolean }
  | { readonly kind: 'met-or-missed' }
  | { readonly kind: 'explicit'; readonly attainment: CompiledExpr };

export interface CheckedDefine {
  readonly name: string;
  readonly compiled: CompiledExpr;
}

export interface CheckedKpi {
  readonly decl: KpiDecl;
  readonly target: CompiledExpr;
  /** Weight as a fraction (0.3 for 30%); absent for unweighted KPIs. */
  readonly weight?: Rational;
  /** Maximum attainment counted in the score, as a fraction (default 1). */
  readonly cap: Rational;
  readonly form: AttainmentForm;
}

export interface CheckedTier {
  /** Inclusive upper bound; absent on the last tier. */
  readonly upTo?: Rational;
  readonly price?: CompiledExpr;
  readonly flat?: CompiledExpr;
  readonly span: Span;
}

export type CheckedPricing =
  | { readonly form: 'amount'; readonly amount: CompiledExpr }
  | { readonly form: 'price'; readonly quantity: CompiledExpr; readonly price: CompiledExpr }
  | { readonly form: 'tiers'; readonly quantity: CompiledExpr; readonly mode: TierMode; readonly tiers: readonly CheckedTier[] }
  | { readonly form: 'package'; readonly quantity: CompiledExpr; readonly size: Rational; readonly price: CompiledExpr; readonly freeUnits: Rational };

export interface CheckedPayment {
  readonly decl: PaymentDecl;
  readonly when?: CompiledExpr;
  readonly pricing: CheckedPricing;
  readonly min?: CompiledExpr;
  readonly max?: CompiledExpr;
}

/**
 * One step of evaluatePeriod, in dependency order. `slot` indexes the frame's arrays: a define's
 * position in `contract.defines` (declaration order), a KPI's position in `kpis`.
 */
export type EvalStep =
  | { readonly kind: 'define'; readonly slot: number; readonly define: CheckedDefine }
  | { readonly kind: 'kpi'; readonly slot: number }
  | { readonly kind: 'score' };

declare const checkedBrand: unique symbol;

export interface CheckedContract {
  readonly [checkedBrand]: true;
  readonly contract: Contract;
  /** Defines in dependency order (each after everything it uses). */
  readonly defines: readonly CheckedDefine[];
  /** KPIs in declaration order. */
  readonly kpis: readonly CheckedKpi[];
  /** Payments in contract order. */
  readonly payments: readonly CheckedPayment[];
  readonly limits?: { readonly min?: CompiledExpr; readonly max?: CompiledExpr; readonly span: Span };
  /** Defines, KPIs and the score in dependency order (set by checkContract). */
  readonly steps?: readonly EvalStep[];
}
