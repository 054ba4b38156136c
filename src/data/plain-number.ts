// Data stage support, the plain-object fast path: one JS number + its shortest decimal text + the
// metric's unit -> the exact value typeValue gives it, or undefined where typeValue would report.
import type { MetricUnit } from '../contract/model.js';
import { fromSafeIntegers, parseDecimal, parseSimpleDecimal, type Rational } from '../numbers/rational.js';

/**
 * The value of the finite number `v` for a metric of `unit`, exactly as typeValue types the raw
 * value `{ value: v, source }` (`source`: JSON.stringify(v), the shortest decimal): undefined
 * exactly when typeValue would report a finding (a count that is negative or not whole, a
 * negative duration, a percent above 1, or a number beyond parseDecimal's limits, such as 1e+61),
 * so the caller takes the route that reports it.
 *
 * The unit's checks are made on the double itself: the shortest decimal of a double rounds back
 * to it, so it is whole, negative or above 1 exactly when the double is (1 and 0 are doubles).
 */
export function typePlainNumber(v: number, source: string, unit: MetricUnit): Rational | undefined {
  switch (unit) {
    case 'count':
      if (!(v >= 0) || !Number.isInteger(v)) return undefined;
      break;
    case 'percent':
      if (v > 1) return undefined;
      break;
    case 'duration':
      if (v < 0) return undefined;
      break;
    default:
      // ratio, number, money: any finite number (negative money is real data).
      break;
  }
  // A safe integer's shortest decimal is its digits (below 1e21 there is no exponent), so its
  // value is v/1 without reading the text; -0 is written "0" and is +0 here too.
  if (Number.isSafeInteger(v)) return fromSafeIntegers(v === 0 ? 0 : v, 1);
  // The text typeValue reads: parseSimpleDecimal first (short decimals), else parseDecimal
  // (full-precision doubles, exponents such as 5e-7 or 1e+21, integers above 2^53).
  return parseSimpleDecimal(source) ?? parseDecimal(source);
}
