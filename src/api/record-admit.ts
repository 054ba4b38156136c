// Library API, expressions: one plain record value -> its fast slot pair (num, den), or a refusal
// that sends the record to the full typing (compile-rule.ts). Shared by every record reader.
import { MAX_SAFE } from '../numbers/safe-fraction.js';
import type { PlainRecord } from './plain-data.js';

/** Per-metric check before a plain number is trusted: a count is a non-negative safe integer. */
export const COUNT = 0;
/** A duration: a non-negative number. */
export const NON_NEGATIVE = 1;
/** Any other unit: any finite number a data file may write. */
export const ANY = 2;
/** A percent: as ANY, at most 1 (a plain number above 1 is the error E060, data/type-value.ts). */
export const PERCENT = 3;

/** The metrics a rule reads, in slot order: record key, slot offset (2 x slot), check. */
export interface ReadPlan {
  readonly names: readonly string[];
  readonly offsets: readonly number[];
  readonly checks: readonly number[];
}

/**
 * Writes a record's values of a plan into `slots` from `at`; false when a value needs the full
 * typing. Made per rule from its own function literal (record-readers.generated.ts).
 */
export type RecordReader = (record: PlainRecord, slots: Float64Array, at: number) => boolean;

/** The smallest and first too large magnitude whose shortest decimal parseDecimal accepts (exponent within 60). */
const TINY = 1e-60;
const HUGE = 1e61;

/**
 * Writes `x` at `slots[o]`, its denominator at `slots[o + 1]`: a missing value as NaN (the fast
 * path gives up where it is read), an integer as n/1, any other double with den 0 ("the value is
 * the shortest decimal of this double", numbers/safe-fraction.ts). False when the value needs the
 * full typing: a string or other non-number, a fraction of a count, a negative count or duration,
 * NaN, Infinity, or a magnitude whose shortest decimal has an exponent beyond 60.
 */
export function admit(x: unknown, check: number, slots: Float64Array, o: number): boolean {
  return admitterOf(check)(x, slots, o);
}

/** `admit` for one check: what a reader calls per metric (x, slots, o). */
export type Admitter = (x: unknown, slots: Float64Array, o: number) => boolean;

// One small function per check rather than one with a branch per check: a reader inlines its
// metrics' admitters into the caller's loop, and V8's inlining budget (bytecode size, summed
// over everything inlined into one optimized function) counts every branch of an inlined
// function, taken or not. A count's common case is a few bytes; the rare cases are calls (a
// double passed to a call that is not inlined is boxed, so a duration's or a rate's double
// case stays inline).

/**
 * A count: an integer from 0 to 2^32 - 1 inline (-0 passes, as 0); a larger safe integer by a
 * call. A count's den is always 1: it is written once, by fillCountDens, not per read.
 */
export function admitCount(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x === 'number' && x >>> 0 === x) {
    slots[o] = x;
    return true;
  }
  return admitCountRare(x, slots, o);
}

/** Writes den 1 for the plan's counts from `at` (before any read; admitCount leaves it). */
export function fillCountDens(plan: ReadPlan, slots: Float64Array, at: number): void {
  plan.checks.forEach((check, i) => {
    if (check === COUNT) slots[at + (plan.offsets[i] as number) + 1] = 1;
  });
}

// A duration's, a rate's or an amount's admitter tests the common case inline: a magnitude from
// 1e-60 to below 2^53 - 1, an integer (den 1) or not (den 0, the double's shortest decimal).
// Zero, larger integers, the refusals and missing values are calls to the complete version.

/** A duration: a non-negative number; a double other than an integer has den 0. */
export function admitNonNegative(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x === 'number' && x >= TINY && x < MAX_SAFE) {
    slots[o] = x;
    slots[o + 1] = Math.trunc(x) === x ? 1 : 0;
    return true;
  }
  return admitNonNegativeRest(x, slots, o);
}

/** Any other unit: any finite number within the magnitudes a data file may write. */
export function admitAny(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x === 'number' && ((x >= TINY && x < MAX_SAFE) || (x <= -TINY && x > -MAX_SAFE))) {
    slots[o] = x;
    slots[o + 1] = Math.trunc(x) === x ? 1 : 0;
    return true;
  }
  return admitAnyRest(x, slots, o);
}

/**
 * A percent: as admitAny, refusing a number above 1 (typing's E060). A double above 1 has a
 * shortest decimal above 1 and one at most 1 has one at most 1 (rounding is monotone and 1 is a
 * double), so the double decides. Inline: a rate from 1e-60 to below 1, never an integer.
 */
export function admitPercent(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x === 'number' && x >= TINY && x < 1) {
    slots[o] = x;
    slots[o + 1] = 0;
    return true;
  }
  return admitPercentRest(x, slots, o);
}

/** admitNonNegative complete: zero and integers to 2^53 - 1 as n/1, refusals, missing. */
function admitNonNegativeRest(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x !== 'number') return admitMissing(x, slots, o);
  if ((x | 0) !== x) {
    // NaN, Infinity, negatives and magnitudes whose shortest decimal has an exponent beyond
    // 60 (String(x) as 1e-61 or 1e+61, which typing refuses) fail here.
    if (!(x >= TINY && x < HUGE)) return false;
    slots[o + 1] = x <= MAX_SAFE && Math.trunc(x) === x ? 1 : 0;
  } else {
    if (x < 0) return false;
    slots[o + 1] = 1;
  }
  slots[o] = x;
  return true;
}

/** admitAny complete. */
function admitAnyRest(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x !== 'number') return admitMissing(x, slots, o);
  if ((x | 0) !== x) {
    const size = x < 0 ? -x : x;
    if (!(size >= TINY && size < HUGE)) return false;
    slots[o + 1] = size <= MAX_SAFE && Math.trunc(x) === x ? 1 : 0;
  } else {
    slots[o + 1] = 1;
  }
  slots[o] = x;
  return true;
}

/** admitPercent complete. */
function admitPercentRest(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x === 'number' && x > 1) return false;
  return admitAnyRest(x, slots, o);
}

/** The admitter of each check (COUNT, NON_NEGATIVE, ANY, PERCENT). */
const ADMITTERS: readonly Admitter[] = [admitCount, admitNonNegative, admitAny, admitPercent];

/** The admitter of a check (what a generated reader calls for one metric). */
export function admitterOf(check: number): Admitter {
  return ADMITTERS[check] ?? admitAny;
}

/** Not a number: missing (NaN, read as no value by the fast path) or the full typing. */
function admitMissing(x: unknown, slots: Float64Array, o: number): boolean {
  if (x !== undefined) return false;
  slots[o] = NaN;
  slots[o + 1] = 1;
  return true;
}

/** A count that is not a non-negative int32: a non-negative safe integer, missing, else the full typing. */
function admitCountRare(x: unknown, slots: Float64Array, o: number): boolean {
  if (typeof x !== 'number') return admitMissing(x, slots, o);
  if (!(Number.isInteger(x) && x >= 0 && x <= MAX_SAFE)) return false;
  slots[o] = x;
  slots[o + 1] = 1;
  return true;
}

/** The plan's metrics from index `from` on (the readers unroll the first few). */
export function admitRest(record: PlainRecord, plan: ReadPlan, from: number, slots: Float64Array, at: number): boolean {
  const { names, offsets, checks } = plan;
  for (let i = from; i < names.length; i++) {
    if (!admit(record[names[i] as string], checks[i] as number, slots, at + (offsets[i] as number))) return false;
  }
  return true;
}
