// Stage 7 (evaluatePeriod): the per-period evaluation frame that compiled closures read.
// Every name is resolved to a slot index at compile time; the frame holds slot-indexed arrays.
import type { Label, Span } from '../diagnostics/diagnostic.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { DataValue } from '../data/metric-data.js';
import type { EvalContext, NoData, Value } from './checked.js';
import type { Rational } from './rational.js';

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
  readonly periodSpan: Span | undefined;
  readonly metrics: readonly (DataValue | undefined)[];
  /** The period before this one; `previous` is undefined when the data has no such period. */
  readonly previousPeriod: string | undefined;
  readonly previous: readonly (DataValue | undefined)[] | undefined;
  readonly defines: Value[];
  /** Met (true), missed (false), excluded (true: counts as met), or NoData. */
  readonly kpiMet: Value[];
  /** Capped attainment as a fraction, or NoData. */
  readonly kpiAttainment: Value[];
  score: Value;
}

export type FrameInit = Omit<Frame, typeof FRAME>;

export function createFrame(init: FrameInit): Frame {
  return { ...init, [FRAME]: true };
}

/** The frame behind an EvalContext; only contexts made by evaluatePeriod are accepted. */
export function asFrame(ctx: EvalContext): Frame {
  if ((ctx as Partial<Frame>)[FRAME] !== true) {
    throw new InternalError('evaluate() needs the context of a PeriodResult (evaluatePeriod)');
  }
  return ctx as Frame;
}

/** A NoData value (only built on failure paths, so evaluation of good data allocates none). */
export function noData(reason: string, span: Span, labels?: readonly Label[]): NoData {
  return labels === undefined || labels.length === 0
    ? { kind: 'NoData', reason, span }
    : { kind: 'NoData', reason, span, labels };
}
