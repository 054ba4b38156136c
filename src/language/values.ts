// What the DSL's values are at run time (stage 7, shared by the catalogue and the compiled
// closures): an exact quantity in base units, a boolean, a string, or "no value" with its span.
import type { Label, Span } from '../diagnostics/diagnostic.js';
import type { Rational } from '../numbers/rational.js';

/**
 * "No value": a missing metric, a missing previous period, a division by zero. Carries the span
 * of the sub-expression that produced it (and labels, e.g. the data row) so errors can point at it.
 * `??` replaces it; it never becomes NaN, Infinity or a thrown exception.
 */
export interface NoData {
  readonly kind: 'NoData';
  readonly reason: string;
  readonly span: Span;
  readonly labels?: readonly Label[];
}

/** A runtime value: exact quantity in base units, boolean, string, or no value. */
export type Value = Rational | boolean | string | NoData;

export function isNoData(v: Value): v is NoData {
  return typeof v === 'object' && (v as { kind?: unknown }).kind === 'NoData';
}

/** A NoData value (only built on failure paths, so evaluation of good data allocates none). */
export function noData(reason: string, span: Span, labels?: readonly Label[]): NoData {
  return labels === undefined || labels.length === 0
    ? { kind: 'NoData', reason, span }
    : { kind: 'NoData', reason, span, labels };
}
