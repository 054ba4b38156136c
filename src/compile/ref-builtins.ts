// Stage 7 (evaluatePeriod): the built-ins of a name (previous, growth, attainment; their
// signatures are in src/language/builtins.ts) read from the evaluation frame by slot; previous()
// and growth() of a define run the define's expression compiled for the period before.
import type { Span } from '../diagnostics/diagnostic.js';
import { InternalError, assertNever } from '../diagnostics/diagnostic.js';
import type { RefBuiltin } from '../language/builtins.js';
import { isNoData, noData, type Value } from '../language/values.js';
import { ZERO, divRationals, isRational, isZero, subRationals } from '../numbers/rational.js';
import type { Frame } from './frame.js';

/** A reader of one name's value in a frame, for the built-in `builtin` applied to slot `slot`. */
export type RefReader = (frame: Frame) => Value;

/** The reader of `builtin(name)`, `name` resolved to `slot`; NoData carries `span`. */
export function refReader(builtin: RefBuiltin, slot: number, name: string, span: Span): RefReader {
  switch (builtin.name) {
    case 'previous':
      return (frame) => readPrevious(frame, slot, name, span);
    case 'growth':
      return (frame) => readGrowth(frame, slot, name, span);
    case 'attainment':
      return (frame) => frame.kpiAttainment[slot] ?? ZERO;
    case 'status':
      return (frame) => frame.kpiStatus[slot] ?? noData(`KPI "${name}" not evaluated`, span);
    default:
      return assertNever(builtin.name, 'reference built-in');
  }
}

function readPrevious(frame: Frame, slot: number, name: string, span: Span): Value {
  const prev = frame.previousPeriod;
  if (frame.previous === undefined || prev === undefined) {
    return noData(`no data for period ${prev ?? `before ${frame.period}`} (previous(${name}))`, span);
  }
  const v = frame.previous[slot];
  return v === undefined ? noData(`metric "${name}" missing in ${prev}`, span) : v.value;
}

function readGrowth(frame: Frame, slot: number, name: string, span: Span): Value {
  const cur = frame.metrics[slot];
  if (cur === undefined) return noData(`metric "${name}" missing in ${frame.period}`, span);
  const prev = readPrevious(frame, slot, name, span);
  if (isNoData(prev) || typeof prev !== 'object') return prev;
  if (isZero(prev)) return noData(`division by zero: previous(${name}) is 0 in ${frame.previousPeriod ?? ''}`, span);
  return divRationals(subRationals(cur.value, prev), prev);
}

/**
 * The reader of previous(define) / growth(define). `previous` computes the define on the period
 * before (its metrics read from there); a NoData there is reported at the call, with the reason
 * of the define's missing input as a label where it is used.
 */
export function previousDefineReader(builtin: RefBuiltin, slot: number, name: string, span: Span, previous: RefReader): RefReader {
  const readPreviousDefine = (frame: Frame): Value => {
    const prev = frame.previousPeriod;
    if (frame.previous === undefined || prev === undefined) {
      return noData(`no data for period ${prev ?? `before ${frame.period}`} (previous(${name}))`, span);
    }
    const v = previous(frame);
    if (!isNoData(v)) return v;
    return noData(`previous(${name}) in ${prev}: ${v.reason}`, span, [{ span: v.span, message: v.reason }]);
  };
  if (builtin.name === 'previous') return readPreviousDefine;
  if (builtin.name !== 'growth') throw new InternalError(`${builtin.name}() of a define`);
  return (frame) => {
    const cur = frame.defines[slot];
    if (cur === undefined || isNoData(cur)) return cur ?? noData(`define "${name}" not evaluated`, span);
    const prev = readPreviousDefine(frame);
    if (!isRational(prev) || !isRational(cur)) return prev;
    if (isZero(prev)) return noData(`division by zero: previous(${name}) is 0 in ${frame.previousPeriod ?? ''}`, span);
    return divRationals(subRationals(cur, prev), prev);
  };
}
