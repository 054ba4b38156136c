// Library API support, a JS number -> the text JSON.stringify writes of it (its shortest decimal)
// and that decimal as digits m and scale k (|v| is m / 10^k), for the usual short numbers.
//
// Why: the data file text needs every number's text, and binding needs its exact value. Data are
// mostly whole numbers and short decimals (12000, 0.175, 226.9); for those, this finds the digits
// with a few multiplications, where V8's number-to-text (dtoa) costs about 150 ns a number and
// reading the text back costs more. Every other number returns -1 from decimalScale; callers then
// use JSON.stringify and read the text (src/api/plain-bind.ts).
import { wholeText } from '../numbers/digit-text.js';

/** m stays below this: see decimalScale for why the digits found are then exactly the shortest. */
const MAX_DIGITS_VALUE = 2 ** 50;
/** Below this (and above 0) JSON.stringify may write an exponent (1e-7): left to it. */
const MIN_FIXED = 1e-5;
/** Powers of ten 10^0..10^15, exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * k such that the shortest decimal of `v` (what JSON.stringify and String write) has k digits
 * after the point and |v| = m / 10^k with m = Math.round(|v| * 10^k) below 2^50; -1 for any other
 * number (non-finite, above 2^50, nearer 0 than 1e-5, or more digits than that: such as the
 * full-precision 0.12345678901234568).
 *
 * Why it is the shortest: the first k at which m / 10^k (division rounds correctly) gives back v
 * is the fewest digits after the point of any decimal that rounds to v, so the fewest significant
 * digits too (a decimal and v lie on the same side of every power of ten, as rounding keeps
 * order), and no other m at that k rounds to v, as 10^-k is far above v's spacing while m is below
 * 2^50. With m below 2^50, |v| * 10^k is within 1/4 of m, so Math.round finds m whenever it exists.
 */
export function decimalScale(v: number): number {
  const a = v < 0 ? -v : v;
  if (!(a < MAX_DIGITS_VALUE)) return -1;
  if (Number.isInteger(a)) return 0;
  if (a < MIN_FIXED) return -1;
  for (let k = 1; k < POW10.length; k++) {
    const p = POW10[k] as number;
    const m = Math.round(a * p);
    if (m >= MAX_DIGITS_VALUE) return -1;
    if (m / p === a) return k;
  }
  return -1;
}

/** The digits m of |v| at scale k (decimalScale's), a safe integer. */
export function scaledDigits(v: number, k: number): number {
  return Math.round((v < 0 ? -v : v) * (POW10[k] as number));
}

/** Text of the number m / 10^k (negative when `negative`) as JSON.stringify writes that double. */
export function decimalText(m: number, k: number, negative: boolean): string {
  // Below 10^9 from the digit tables (about twice as fast as JSON.stringify, and no churn of V8's
  // number-to-text cache); JSON.stringify's text beyond (the same digits for a safe integer).
  const digits = m < 1e9 ? wholeText(m) : JSON.stringify(m);
  const sign = negative && m !== 0 ? '-' : '';
  if (k === 0) return sign === '' ? digits : sign + digits;
  const whole = digits.length - k;
  if (whole > 0) return `${sign}${digits.slice(0, whole)}.${digits.slice(whole)}`;
  return `${sign}0.${'0'.repeat(-whole)}${digits}`;
}
