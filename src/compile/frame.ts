// Stage 7 (evaluatePeriod): the per-period evaluation frame that compiled closures read.
// Every name is resolved to a slot index at compile time; the frame holds slot-indexed arrays.
import type { Span } from '../diagnostics/diagnostic.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { DataValue } from '../data/metric-data.js';
import type { EvalContext } from './program.js';
import type { Value } from '../language/values.js';
export { noData } from '../language/values.js';
import type { Rational } from '../numbers/rational.js';

const FRAME = Symbol('attain.frame');

/**
 * The EvalContext of one period. `metrics[slot]` is the value of the metric declared at `slot`
 * (contract declaration order); `defines`, `kpiMet`, `kpiAttainment` are filled by evaluatePeriod
 * in dependency order before anything reads them.
 */
export interface Frame extends EvalContext {
  readonly [FRAME]: true;
  readonly periodMonth: number;
  readonly periodIndexValue: Rational;
  readonly periodMonthValue: Rational;
  /** Calendar year and days in the period (period.year, period.days). */
  readonly periodYearValue: Rational;
  readonly periodDaysValue: Rational;
  readonly periodSpan: Span | undefined;
  readonly metrics: readonly (DataValue | undefined)[];
  /** The period before this one; `previous` is undefined when the data has no such period. */
  readonly previousPeriod: string | undefined;
  readonly previous: readonly (DataValue | undefined)[] | undefined;
  /**
   * The metrics as fast-path numbers (compile/fast-slots.ts, packFastSlots): `fast[fastAt + 2 * slot]`
   * numerator, `[... + 1]` denominator, both safe integers; NaN numerator when missing or too
   * large. The same from `fastPreviousAt` for the period before (all NaN when there is none).
   * `fast` is a chunk shared with other frames.
   */
  readonly fast: Float64Array;
  readonly fastAt: number;
  readonly fastPreviousAt: number;
  readonly defines: Value[];
  /** Met (true), missed (false), excluded (true: counts as met), or NoData. */
  readonly kpiMet: Value[];
  /** Capped attainment as a fraction, or NoData. */
  readonly kpiAttainment: Value[];
  /** "met", "missed", "excluded" (after on_no_data), or NoData: what status(kpi) reads. */
  readonly kpiStatus: Value[];
  score: Value;
}

export type FrameInit = Omit<Frame, typeof FRAME>;

/**
 * Frames are instances of one class with every field assigned in one order, so every frame has
 * the same shape for the compiled closures that read it (docs/performance.md, "Less work per period").
 */
class PeriodFrame implements Frame {
  readonly [FRAME] = true as const;
  readonly period: string;
  readonly periodIndex: number;
  readonly periodMonth: number;
  readonly periodIndexValue: Rational;
  readonly periodMonthValue: Rational;
  readonly periodYearValue: Rational;
  readonly periodDaysValue: Rational;
  readonly periodSpan: Span | undefined;
  readonly metrics: readonly (DataValue | undefined)[];
  readonly previousPeriod: string | undefined;
  readonly previous: readonly (DataValue | undefined)[] | undefined;
  readonly fast: Float64Array;
  readonly fastAt: number;
  readonly fastPreviousAt: number;
  readonly defines: Value[];
  readonly kpiMet: Value[];
  readonly kpiAttainment: Value[];
  readonly kpiStatus: Value[];
  score: Value;

  constructor(init: FrameInit) {
    this.period = init.period;
    this.periodIndex = init.periodIndex;
    this.periodMonth = init.periodMonth;
    this.periodIndexValue = init.periodIndexValue;
    this.periodMonthValue = init.periodMonthValue;
    this.periodYearValue = init.periodYearValue;
    this.periodDaysValue = init.periodDaysValue;
    this.periodSpan = init.periodSpan;
    this.metrics = init.metrics;
    this.previousPeriod = init.previousPeriod;
    this.previous = init.previous;
    this.fast = init.fast;
    this.fastAt = init.fastAt;
    this.fastPreviousAt = init.fastPreviousAt;
    this.defines = init.defines;
    this.kpiMet = init.kpiMet;
    this.kpiAttainment = init.kpiAttainment;
    this.kpiStatus = init.kpiStatus;
    this.score = init.score;
  }
}

export function createFrame(init: FrameInit): Frame {
  return new PeriodFrame(init);
}

/** The frame behind an EvalContext; only contexts made by evaluatePeriod are accepted. */
export function asFrame(ctx: EvalContext): Frame {
  if ((ctx as Partial<Frame>)[FRAME] !== true) {
    throw new InternalError('evaluate() needs the context of a PeriodResult (evaluatePeriod)');
  }
  return ctx as Frame;
}

