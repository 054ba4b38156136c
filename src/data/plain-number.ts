// Data stage support, the plain-object fast path: one JS number + its shortest decimal text + the
// metric's unit -> the exact value typeValue gives it, or undefined where typeValue would report.
import type { MetricUnit } from '../contract/model.js';
import { fromSafeIntegers, parseDecimal, parseSimpleDecimal, type Rational } from '../numbers/rational.js';

/**
 * The value of the finite number `v` for a metric of `unit`, exactly as typeValue types the raw
 * value `{ value: v, source }` (`source`: JSON.stringify(v), the shortest decimal): undefined
 * exactly when typeValue would report a finding (a count that is negative or not whole, a
 * negative duration, a percent above 1, or a number beyond parseDecimal's limits, such as 1e+61),
 * so the caller takes the route that reports it. The unit's checks: fitsUnit.
 */
export function typePlainNumber(v: number, source: string, unit: MetricUnit): Rational | undefined {
  if (!fitsUnit(v, unit)) return undefined;
  // A safe integer's shortest decimal is its digits (below 1e21 there is no exponent), so its
  // value is v/1 without reading the text; -0 is written "0" and is +0 here too.
  if (Number.isSafeInteger(v)) return fromSafeIntegers(v === 0 ? 0 : v, 1);
  // The text typeValue reads: parseSimpleDecimal first (short decimals), else parseDecimal
  // (full-precision doubles, exponents such as 5e-7 or 1e+21, integers above 2^53).
  return parseSimpleDecimal(source) ?? parseDecimal(source);
}

/**
 * Whether typeValue's checks for `unit` pass on the number `v` (finite): a count is whole and not
 * negative, a duration not negative, a percent written as a plain number at most 1 (SPEC 4).
 * Made on the double: its shortest decimal rounds back to it, so it is whole, negative or above 1
 * exactly when the double is (1 and 0 are doubles).
 */
export function fitsUnit(v: number, unit: MetricUnit): boolean {
  switch (unit) {
    case 'count':
      return v >= 0 && Number.isInteger(v);
    case 'percent':
      return v <= 1;
    case 'duration':
      return v >= 0;
    default:
      // ratio, number, money: any finite number (negative money is real data).
      return true;
  }
}
