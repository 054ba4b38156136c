// Stage 6b output: the Program, a checked contract whose expressions are compiled closures.
// Made once by compileProgram (compile-program.ts) and evaluated for many periods and clients;
// evaluation never re-resolves names or re-checks units.
import type {
  CheckedContract,
  ContractOf,
  DefineOf,
  ExprInfo,
  KpiOf,
  PaymentOf,
  PricingOf,
  StepOf,
  TierOf,
  AttainmentForm as FormOf,
} from '../check/checked-contract.js';
import type { Value } from '../language/values.js';

export { isNoData, type NoData, type Value } from '../language/values.js';

/** Per-period evaluation state; created by evaluatePeriod, opaque to later stages. */
export interface EvalContext {
  readonly period: string;
  readonly periodIndex: number;
}

/** A compiled expression: what it is (type, span, folded constant) and how to run it. */
export interface CompiledExpr extends ExprInfo {
  evaluate(ctx: EvalContext): Value;
}

export type AttainmentForm = FormOf<CompiledExpr>;
export type ProgramDefine = DefineOf<CompiledExpr>;
export type ProgramKpi = KpiOf<CompiledExpr>;
export type ProgramTier = TierOf<CompiledExpr>;
export type ProgramPricing = PricingOf<CompiledExpr>;
export type ProgramPayment = PaymentOf<CompiledExpr>;
export type EvalStep = StepOf<CompiledExpr>;

/** A contract ready to evaluate: every expression compiled once. */
export interface Program extends ContractOf<CompiledExpr> {
  /** The checked contract it was compiled from (typed trees, for explanations and exports). */
  readonly checked: CheckedContract;
}
