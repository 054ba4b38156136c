// Data stage support, the plain-object fast path: one JS number + its shortest decimal text + the
// metric's unit -> the exact value typeValue gives it, or undefined where typeValue would report.
import type { MetricUnit } from '../contract/model.js';
import { fromDecimalDigits, fromSafeIntegers, parseDecimal, parseSimpleDecimal, type Rational } from '../numbers/rational.js';

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
  // The text typeValue reads, read to the same value: parseSimpleDecimal first (short decimals),
  // then written without an exponent (full-precision doubles, integers above 2^53), else
  // parseDecimal (exponents such as 5e-7 or 1e+21; above its limits, undefined: E065).
  return parseSimpleDecimal(source) ?? readFixedText(source) ?? parseDecimal(source);
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

/**
 * The value of a finite number's JSON text written without an exponent (`-0.12345678901234568`,
 * `9007199254740994`): its digits with the point taken out, over 10^(digits after the point),
 * built by fromDecimalDigits; undefined for text with an exponent (`5e-7`, `1e+21`). Such text
 * has at most 23 digits, well within parseDecimal's limits, so the value is parseDecimal's.
 */
function readFixedText(t: string): Rational | undefined {
  if (t.includes('e')) return undefined;
  const negative = t.charCodeAt(0) === 45; // '-'
  const start = negative ? 1 : 0;
  const dot = t.indexOf('.');
  const digits = dot < 0 ? t.slice(start) : t.slice(start, dot) + t.slice(dot + 1);
  return fromDecimalDigits(negative, BigInt(digits), dot < 0 ? 0 : t.length - dot - 1);
}
