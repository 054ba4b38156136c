// Stage 7 and 8 outputs: the result of evaluating one period, and the priced invoice.
// Amounts are exact: rationals for quantities, bigint minor units for invoice money. Results are
// plain readonly data built once (no classes, getters or text): every sentence about them is
// written in src/report/ (explain-sentence.ts, line-detail.ts), so documents can be localized.
import type { EvalContext, Program } from '../compile/program.js';
import type { NoData, Value } from '../language/values.js';
import type { Rational } from '../numbers/rational.js';
import type { ValueType } from '../language/value-types.js';
import type { TierMode } from '../contract/model.js';
import type { KpiExplanation } from './explanation.js';

export type KpiStatus = 'met' | 'missed' | 'excluded' | 'no-data';

export interface KpiResult {
  readonly id: string;
  readonly status: KpiStatus;
  /** Attainment before the cap, as a fraction (absent when excluded or no-data). */
  readonly attainment?: Rational;
  /** min(attainment, cap): what the score counts. */
  readonly cappedAttainment?: Rational;
  readonly weight?: Rational;
  /**
   * Why: the target's comparisons with the exact values on both sides and their display types, or
   * the period window that excluded the KPI (report/explain-sentence.ts writes the sentence).
   */
  readonly explanation: KpiExplanation;
  /** The no-data cause when status is no-data (or on_no_data turned it into missed/excluded). */
  readonly noData?: NoData;
}

export interface DefineResult {
  readonly name: string;
  readonly type: ValueType;
  readonly value: Value;
}

export interface PeriodResult {
  readonly program: Program;
  readonly period: string;
  readonly periodIndex: number;
  readonly defines: readonly DefineResult[];
  readonly kpis: readonly KpiResult[];
  /** Weighted score as a fraction; absent when no weighted KPI counts this period. */
  readonly score?: Rational;
  /** For stage 8 to evaluate payment expressions in this period. */
  readonly context: EvalContext;
}

export interface InvoiceLine {
  readonly id: string;
  readonly label: string;
  /** false when `when` was false: the amount is then zero. */
  readonly applied: boolean;
  readonly quantity?: Rational;
  /** Unit price in currency units (price form, volume tier, package price). */
  readonly unitPrice?: Rational;
  /** The exact amount before per-line bounds and rounding, in currency units. */
  readonly exact: Rational;
  /** The line's amount in minor units after bounds and rounding: what the total sums. */
  readonly amount: bigint;
  /** Which per-line bound changed the amount, if any. */
  readonly bound?: 'min' | 'max';
  /** How the amount was computed, as facts (report/line-detail.ts writes the sentence). */
  readonly detail: LineDetail;
}

/** How a line's amount came about: its pricing form's facts and the bound that changed it. */
export type LineDetail =
  /** `when` was false: nothing was priced. */
  | { readonly kind: 'not-applied'; readonly reason: 'when-false' }
  | { readonly kind: 'priced'; readonly pricing: LinePricing; readonly bound?: LineBound };

/** The facts of a pricing form (the quantity, unit price and exact amount are on the line). */
export type LinePricing =
  /** `amount:` the exact amount as written. */
  | { readonly form: 'amount' }
  /** `quantity` x `price`. */
  | { readonly form: 'price' }
  /** Tiers: the slices reached in tier order (none for a zero quantity), and the mode. */
  | { readonly form: 'tiers'; readonly mode: TierMode; readonly slices: readonly TierSlice[] }
  /** Packages: how many were charged, the package size and the free units. */
  | { readonly form: 'package'; readonly packages: bigint; readonly size: Rational; readonly freeUnits: Rational };

/** The part of a tiered quantity priced by one tier (made by invoice/tiers.ts). */
export interface TierSlice {
  /** 0-based index of the tier in the contract's list. */
  readonly tier: number;
  /** Quantity in this slice: positive. Volume: the whole quantity. */
  readonly quantity: Rational;
  readonly price: Rational;
  readonly flat: Rational;
  /** quantity x price + flat, exact. */
  readonly amount: Rational;
}

/** A per-line bound that replaced the exact amount: which one, its value, and the change. */
export interface LineBound {
  readonly bound: 'min' | 'max';
  /** The amount the line was set to (the bound, in whole minor units once rounding met it). */
  readonly amount: Rational;
  /** amount - exact: positive when raised to the minimum, negative when capped at the maximum. */
  readonly change: Rational;
}

export interface Adjustment {
  readonly id: 'limits.min' | 'limits.max';
  /** Minor units; zero when the limit did not bind. */
  readonly amount: bigint;
  /** Why the amount: the sum of the lines was raised to the minimum, capped at the maximum, or left. */
  readonly reason: 'raised-to-min' | 'capped-at-max' | 'not-binding';
  /**
   * The declared limit in minor units (min rounded up, max rounded down to whole minor units, so
   * the total never undercuts the exact min nor exceeds the exact max).
   */
  readonly limit?: bigint;
}

export interface Invoice {
  readonly currency: string;
  /** Digits of the currency's minor unit (RUB 2, JPY 0, KWD 3). */
  readonly minorDigits: number;
  readonly lines: readonly InvoiceLine[];
  readonly adjustments: readonly Adjustment[];
  /** Always exactly the sum of line amounts and adjustments. */
  readonly total: bigint;
}
