// Library API, expressions: what a compiled rule's evaluate() is made of (compile-rule.ts), handed
// to a generated maker (record-readers.generated.ts) so each rule's evaluate is its own function.
import type { FastFn } from '../compile/fast-number.js';
import type { Frame } from '../compile/frame.js';
import type { RecordReader } from './record-admit.js';
import type { PlainRecord } from './plain-data.js';

/**
 * What a rule gives: a boolean for a condition, a number for a numeric result whose shortest
 * decimal is exactly the result (every integer up to 2^53, 0.6, 46000.5), else an exact decimal
 * string (a non-terminating ratio: 12 digits, as in the JSON report); a string for a string
 * expression; null when there is no value (a missing metric, a division by zero, bad input).
 */
export type RuleValue = boolean | number | string | null;

/** The parts of a rule's fast evaluate; everything rare is one of the calls. */
export interface RuleParts {
  /** The record's metrics into `slots` (from 0; `previous`'s from its own offset). */
  readonly read: RecordReader;
  readonly slots: Float64Array;
  /** The fast closure of the expression and the frame it reads the slots through. */
  readonly fast: FastFn;
  readonly frame: Frame;
  /** The rule gives a boolean (1/0 from the fast closure). */
  readonly boolean: boolean;
  /** The expression reads the period before (previous(), growth()). */
  readonly readsPrevious: boolean;
  /** `previous` into its slots; false when it needs the full typing. */
  readonly readPrevious: (previous: PlainRecord | undefined) => boolean;
  /** A numeric fast result (the numerator; its denominator in lastDen()) as a RuleValue. */
  readonly numeric: (x: number) => RuleValue;
  /** The full typing and the rational closures (check(), its value). */
  readonly slowly: (record: PlainRecord, previous?: PlainRecord) => RuleValue;
}

/** A rule's evaluate on the fast path, falling back to `slowly`. */
export type RuleEvaluate = (record: PlainRecord, previous?: PlainRecord) => RuleValue;
