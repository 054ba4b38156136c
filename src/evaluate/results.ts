// Stage 7 and 8 outputs: the result of evaluating one period, and the priced invoice.
// Amounts are exact: rationals for quantities, bigint minor units for invoice money.
import type { EvalContext, Program } from '../compile/program.js';
import type { NoData, Value } from '../language/values.js';
import type { Rational } from '../numbers/rational.js';
import type { ValueType } from '../language/value-types.js';

export type KpiStatus = 'met' | 'missed' | 'excluded' | 'no-data';

export interface KpiResult {
  readonly id: string;
  readonly status: KpiStatus;
  /** Attainment before the cap, as a fraction (absent when excluded or no-data). */
  readonly attainment?: Rational;
  /** min(attainment, cap): what the score counts. */
  readonly cappedAttainment?: Rational;
  readonly weight?: Rational;
  /** Human explanation with the values on both sides of every comparison, in their units. */
  readonly explanation: string;
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
  /** How the amount was computed (tier slices, packages), for explain and reports. */
  readonly detail: string;
}

export interface Adjustment {
  readonly id: 'limits.min' | 'limits.max';
  readonly label: string;
  /** Minor units; zero when the limit did not bind. */
  readonly amount: bigint;
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
