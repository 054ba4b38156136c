// Exact rational arithmetic for the engine, on fraction.js (BigInt numerator/denominator).
// The only numeric type of evaluation: values are built from decimal text, never from floats.
import Fraction from 'fraction.js';
import { MAX_SAFE, MAX_SAFE_BIG } from './safe-fraction.js';
import { paddedDigits, wholeText } from './digit-text.js';

export type Rational = Fraction;

export const ZERO: Rational = new Fraction(0);
export const ONE: Rational = new Fraction(1);
export const HUNDRED: Rational = new Fraction(100);

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Max digits accepted in a decimal literal: keeps hostile inputs from building huge BigInts. */
export const MAX_DECIMAL_DIGITS = 60;
/** Max absolute decimal exponent accepted in scientific notation. */
export const MAX_EXPONENT = 60;

/**
 * Exact value of decimal text (`12.75`, `-3`, `1e3`, `1_500`). `undefined` when the text is not a
 * finite decimal or exceeds the size limits. Never goes through binary floating point.
 */
export function parseDecimal(text: string): Rational | undefined {
  const simple = parseSimpleDecimal(text);
  if (simple !== undefined) return simple;
  const t = text.replace(/_/g, '').trim();
  const m = DECIMAL.exec(t);
  if (m === null) return undefined;
  const mantissa = t.replace(/[eE].*$/, '');
  if (mantissa.replace(/[^0-9]/g, '').length > MAX_DECIMAL_DIGITS) return undefined;
  const expText = m[3];
  let value = new Fraction(mantissa.startsWith('.') || mantissa.startsWith('-.') || mantissa.startsWith('+.') ? mantissa.replace('.', '0.') : mantissa.endsWith('.') ? mantissa.slice(0, -1) : mantissa);
  if (expText !== undefined) {
    const exp = Number(expText.slice(1));
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) return undefined;
    const scale = new Fraction(10n ** BigInt(Math.abs(exp)));
    value = exp >= 0 ? value.mul(scale) : value.div(scale);
  }
  return value;
}

/** Digits a simple decimal may have: 10^15 - 1 < 2^53, so the digits accumulate exactly. */
const SIMPLE_DIGITS = 15;

/**
 * The common case of parseDecimal without regexes or string rewriting: `[+-]digits[.digits]`
 * (either side of the point may be empty, not both) with at most 15 digits in all, so numerator
 * and 10^(fraction digits) are exact safe integers; fromSafeIntegers reduces them to the same
 * Rational fraction.js builds from the text (zero is +0, as there). Anything else (underscores,
 * spaces, exponents, longer numbers, other text) returns undefined and takes the general path.
 */
export function parseSimpleDecimal(t: string): Rational | undefined {
  const len = t.length;
  if (len === 0 || len > SIMPLE_DIGITS + 2) return undefined;
  let i = 0;
  let c = t.charCodeAt(0);
  const negative = c === 45; // '-'
  if (negative || c === 43) i = 1; // '+'
  let num = 0;
  let den = 1;
  let digits = 0;
  let point = false;
  for (; i < len; i++) {
    c = t.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      num = num * 10 + c;
      digits++;
      if (point) den *= 10;
    } else if (c === -2 && !point) point = true; // '.'
    else return undefined;
  }
  if (digits === 0 || digits > SIMPLE_DIGITS) return undefined;
  return fromSafeIntegers(negative && num !== 0 ? -num : num, den);
}

export function rational(n: number | bigint | string): Rational {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new TypeError('rational() takes safe integers only; parse decimal text with parseDecimal');
  }
  return new Fraction(n);
}

/**
 * The rational n/d of two safe integers (d > 0), reduced: what the fast path (safe-fraction.ts)
 * hands back. The gcd is exact for safe integers (see gcdSafe); the object is what fraction.js
 * builds for its own results (its prototype plus s, n, d as bigints in lowest terms), skipping
 * the constructor's argument parsing.
 */
export function fromSafeIntegers(n: number, d: number): Rational {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) {
    throw new TypeError('fromSafeIntegers() takes safe integers and a positive denominator');
  }
  const a = gcdSafe(n < 0 ? -n : n, d);
  const g = a === 0 ? d : a;
  return new ReducedFraction(n < 0 ? -1n : 1n, bigintOf((n < 0 ? -n : n) / g), bigintOf(d / g));
}

/**
 * The rational (negative ? -1 : 1) x digits / 10^scale, reduced (digits >= 0, 0 <= scale <= 60):
 * the value of a plain decimal written with those digits and `scale` of them after the point, as
 * parseDecimal reads it, without its regexes and fraction.js's Euclid on bigints (about 5x
 * slower on 17-digit doubles such as 0.12345678901234568). 10^scale's only prime factors are 2
 * and 5, so reducing means taking the common 2s and 5s out of digits.
 */
export function fromDecimalDigits(negative: boolean, digits: bigint, scale: number): Rational {
  if (!Number.isSafeInteger(scale) || scale < 0 || scale > MAX_EXPONENT || digits < 0n) {
    throw new TypeError('fromDecimalDigits() takes digits >= 0 and a scale of 0..60');
  }
  // Zero is +0/1, as fraction.js writes it.
  if (digits === 0n) return new ReducedFraction(1n, 0n, 1n);
  let n = digits;
  let twos = 0;
  while (twos < scale && (n & 1n) === 0n) {
    n >>= 1n;
    twos++;
  }
  let fives = 0;
  while (fives < scale && n % 5n === 0n) {
    n /= 5n;
    fives++;
  }
  return new ReducedFraction(negative ? -1n : 1n, n, (POW2_BIG[scale - twos] as bigint) * (POW5_BIG[scale - fives] as bigint));
}

/** 2^k and 5^k for k = 0..60 (fromDecimalDigits' denominators). */
const POW2_BIG: readonly bigint[] = Array.from({ length: MAX_EXPONENT + 1 }, (_, k) => 2n ** BigInt(k));
const POW5_BIG: readonly bigint[] = Array.from({ length: MAX_EXPONENT + 1 }, (_, k) => 5n ** BigInt(k));

const INT32_MAX = 0x7fffffff;

/**
 * gcd of two non-negative safe integers (gcd(0, b) = b). Euclid's remainders are exact on
 * doubles; once both values fit in 31 bits they are taken as int32 (an integer remainder rather
 * than a call to fmod; docs/performance.md): same values, int32 range only. Large values take a
 * step or two on doubles first (each remainder is below the divisor).
 */
export function gcdSafe(a: number, b: number): number {
  while (b !== 0) {
    if (a <= INT32_MAX && b <= INT32_MAX) return gcdInt32(a | 0, b | 0);
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function gcdInt32(x: number, y: number): number {
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/** BigInts of 0..1023, shared: BigInt() allocates, and small parts (1, 2, 5, 10, 40) are common. */
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** BigInt(x) for a non-negative safe integer, without allocating when it is small. */
function bigintOf(x: number): bigint {
  return x < 1024 ? (SMALL_BIGINTS[x] as bigint) : BigInt(x);
}

/**
 * A constructor whose prototype is fraction.js's: its objects are Fractions (instanceof, every
 * method), built by one allocation with three stores, skipping fraction.js's argument parsing
 * (docs/performance.md, "Result allocation").
 */
const ReducedFraction = function (this: { s: bigint; n: bigint; d: bigint }, s: bigint, n: bigint, d: bigint) {
  this.s = s;
  this.n = n;
  this.d = d;
} as unknown as new (s: bigint, n: bigint, d: bigint) => Rational;
(ReducedFraction as unknown as { prototype: object }).prototype = Fraction.prototype;


/** -1, 0 or 1: the sign of r. */
function signOf(r: Rational): number {
  return r.n === 0n ? 0 : r.s < 0n ? -1 : 1;
}

/**
 * The helpers below equal fraction.js's `mul`, `div`, `add`, `sub` and `compare` (same value, and
 * a result reduced the way fraction.js reduces), computed on safe integers when every part and
 * every product fits (the safe-integer argument, src/numbers/safe-fraction.ts); otherwise
 * fraction.js decides. Property test: test/property/fastpath-money.prop.test.ts.
 */
export function mulRationals(a: Rational, b: Rational): Rational {
  if (a.n <= MAX_SAFE_BIG && a.d <= MAX_SAFE_BIG && b.n <= MAX_SAFE_BIG && b.d <= MAX_SAFE_BIG) {
    const n = Number(a.n) * Number(b.n);
    const d = Number(a.d) * Number(b.d);
    if (n <= MAX_SAFE && d <= MAX_SAFE) return fromSafeIntegers(a.s === b.s ? n : -n, d);
  }
  return a.mul(b);
}

/** a / b (b not zero: fraction.js throws then, and so does this). See mulRationals. */
export function divRationals(a: Rational, b: Rational): Rational {
  if (b.n !== 0n && a.n <= MAX_SAFE_BIG && a.d <= MAX_SAFE_BIG && b.n <= MAX_SAFE_BIG && b.d <= MAX_SAFE_BIG) {
    const n = Number(a.n) * Number(b.d);
    const d = Number(a.d) * Number(b.n);
    if (n <= MAX_SAFE && d <= MAX_SAFE) return fromSafeIntegers(a.s === b.s ? n : -n, d);
  }
  return a.div(b);
}

/** a + b, as fraction.js's `add`. See mulRationals (every product and the sum are checked). */
export function addRationals(a: Rational, b: Rational): Rational {
  return sumRationals(a, b, b.s) ?? a.add(b);
}

/** a - b, as fraction.js's `sub`. See addRationals. */
export function subRationals(a: Rational, b: Rational): Rational {
  return sumRationals(a, b, -b.s) ?? a.sub(b);
}

/** a + sign(bs) |b| on safe integers, or undefined when a part, product or the sum does not fit. */
function sumRationals(a: Rational, b: Rational, bs: bigint): Rational | undefined {
  if (!(a.n <= MAX_SAFE_BIG && a.d <= MAX_SAFE_BIG && b.n <= MAX_SAFE_BIG && b.d <= MAX_SAFE_BIG)) return undefined;
  const x = Number(a.n) * Number(b.d);
  const y = Number(b.n) * Number(a.d);
  const d = Number(a.d) * Number(b.d);
  if (!(x <= MAX_SAFE && y <= MAX_SAFE && d <= MAX_SAFE)) return undefined;
  const n = (a.s < 0n ? -x : x) + (bs < 0n ? -y : y);
  if (!(n <= MAX_SAFE && n >= -MAX_SAFE)) return undefined;
  return fromSafeIntegers(n, d);
}

/** -1, 0 or 1 as `a.compare(b)`. See mulRationals. */
export function compareRationals(a: Rational, b: Rational): number {
  const sa = signOf(a);
  const sb = signOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  if (a.d === b.d) return a.n === b.n ? 0 : (a.n < b.n ? -sa : sa);
  if (a.n <= MAX_SAFE_BIG && a.d <= MAX_SAFE_BIG && b.n <= MAX_SAFE_BIG && b.d <= MAX_SAFE_BIG) {
    const x = Number(a.n) * Number(b.d);
    const y = Number(b.n) * Number(a.d);
    if (x <= MAX_SAFE && y <= MAX_SAFE) return x === y ? 0 : (x < y ? -sa : sa);
  }
  return a.compare(b);
}

export function isRational(v: unknown): v is Rational {
  return v instanceof Fraction;
}

export function isZero(r: Rational): boolean {
  return r.n === 0n;
}

/**
 * Exact decimal text of `r` when it has a finite decimal expansion (`0.175`, `12`, `-3.5`);
 * otherwise rounded half-even to `maxDigits` fraction digits. Never uses exponent notation.
 */
export function toDecimalString(r: Rational, maxDigits = 12): string {
  const negative = r.s < 0n && r.n !== 0n;
  if (r.n < SMALL && r.d < SMALL) return smallDecimalString(Number(r.n), Number(r.d), maxDigits, negative);
  let n = r.n;
  const d = r.d;
  const whole = n / d;
  n = n % d;
  let digits = '';
  let i = 0;
  while (n !== 0n && i < maxDigits) {
    n *= 10n;
    digits += (n / d).toString();
    n %= d;
    i++;
  }
  let text = whole.toString() + (digits.length > 0 ? '.' + digits : '');
  if (n !== 0n) {
    // Not finite within maxDigits: round the last digit half-even on the remainder.
    const twice = n * 2n;
    const lastDigit = Number(digits.at(-1) ?? whole.toString().at(-1) ?? '0');
    const roundUp = twice > d || (twice === d && lastDigit % 2 === 1);
    if (roundUp) text = bumpLastDigit(text);
    text = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  }
  return negative && text !== '0' ? '-' + text : text;
}

/** Below 2^49, ten times a remainder (< d) and twice one stay exact safe integers. */
const SMALL = 2n ** 49n;
/** Numerators whose hundredfold is below SMALL. */
const SMALL_PERCENT = SMALL / 100n;

/**
 * toDecimalString(r x 100, maxDigits), the digits of a percent: on numbers, without building and
 * reducing the product, when 100 x n stays below 2^49 (the digits depend on the value only).
 */
export function toPercentDecimalString(r: Rational, maxDigits: number): string {
  if (r.n < SMALL_PERCENT && r.d < SMALL) return smallDecimalString(Number(r.n) * 100, Number(r.d), maxDigits, r.s < 0n && r.n !== 0n);
  return toDecimalString(mulRationals(r, HUNDRED), maxDigits);
}

/**
 * toDecimalString of the non-negative n/d given as integers below 2^49 (d > 0), not necessarily
 * reduced (the digits depend on the value only): for callers that keep a value as numbers.
 */
export function decimalStringOf(n: number, d: number, maxDigits: number): string {
  if (!(Number.isInteger(n) && Number.isInteger(d) && n >= 0 && d > 0 && n < SMALL_NUMBER && d < SMALL_NUMBER)) {
    throw new TypeError('decimalStringOf() takes integers 0 <= n < 2^49 and 0 < d < 2^49');
  }
  return smallDecimalString(n, d, maxDigits, false);
}

const SMALL_NUMBER = 2 ** 49;

/**
 * toDecimalString on numbers (n, d < 2^49, d > 0): the same digits and rounding without a BigInt
 * division per digit. Ratios in reports (attainment, score, weights) are such fractions.
 */
function smallDecimalString(n: number, d: number, maxDigits: number, negative: boolean): string {
  let whole = Math.floor(n / d);
  let rest = n - whole * d;
  if (rest !== 0 && maxDigits > 0) {
    if (maxDigits <= SMI_DIGITS && d * (POW10[maxDigits] as number) <= ONE_STEP_LIMIT) return oneStepDecimalString(whole, rest, d, maxDigits, negative);
    // Up to 18 digits in two divisions (the 12 of a report's ratios: 6 and 6) when d allows.
    if (maxDigits >= 2 && maxDigits <= 2 * SMI_DIGITS && d * (POW10[maxDigits - (maxDigits >> 1)] as number) <= ONE_STEP_LIMIT) return twoStepDecimalString(whole, rest, d, maxDigits, negative);
    // Several digits per division when d leaves room for at least two (d <= 2^52 / 100).
    if (d * 100 <= ONE_STEP_LIMIT) {
      const text = chunkedDecimalString(whole, rest, d, maxDigits, negative);
      if (text !== undefined) return text;
    }
  }
  // The fraction digits as text (char codes 48-57), built as they come.
  let digits = '';
  while (rest !== 0 && digits.length < maxDigits) {
    rest *= 10;
    const digit = Math.floor(rest / d);
    digits += DIGIT[digit] as string;
    rest -= digit * d;
  }
  if (rest !== 0) {
    // Not finite within maxDigits: round half-even on the remainder, carrying through the digits.
    const twice = rest * 2;
    const last = digits.length > 0 ? digits.charCodeAt(digits.length - 1) - 48 : whole % 10;
    if (twice > d || (twice === d && last % 2 === 1)) {
      let i = digits.length - 1;
      while (i >= 0 && digits.charCodeAt(i) === 57) i--;
      if (i >= 0) digits = digits.slice(0, i) + (DIGIT[digits.charCodeAt(i) - 47] as string) + '0'.repeat(digits.length - 1 - i);
      else {
        whole += 1;
        digits = '';
      }
    }
    let end = digits.length;
    while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
    digits = digits.slice(0, end);
  }
  const text = digits.length > 0 ? `${wholeText(whole)}.${digits}` : wholeText(whole);
  return negative && text !== '0' ? '-' + text : text;
}

/** 10^0 .. 10^9, exact doubles. */
const POW10: readonly number[] = Array.from({ length: 10 }, (_, k) => 10 ** k);
/** rest x 10^k below this (2^52) is exact, and so is each step of oneStepDecimalString. */
const ONE_STEP_LIMIT = 2 ** 52;
/**
 * At most 9 digits per division: a quotient below 10^9 < 2^31 is a small integer to V8, whose
 * text is made much faster than a larger double's (measured: 10-digit chunks were slower than
 * the digit loop).
 */
const SMI_DIGITS = 9;

/**
 * smallDecimalString's digits when d x 10^maxDigits <= 2^52 (ratios of a report: small
 * denominators): all fraction digits in one division rather than one per digit. With
 * rest < d, scaled = rest x 10^maxDigits <= 2^52 is exact; Math.floor(scaled / d) is the exact
 * quotient q (a non-integer quotient is at least 1/d from an integer, and the division's error is
 * at most scaled / d x 2^-53 <= 1/(2d)); q x d <= scaled and the remainder are exact. The same
 * half-even rounding on the remainder (q's parity is its last digit's), then trailing zeros cut.
 */
function oneStepDecimalString(whole: number, rest: number, d: number, maxDigits: number, negative: boolean): string {
  const scaled = rest * (POW10[maxDigits] as number);
  let q = Math.floor(scaled / d);
  const r = scaled - q * d;
  if (r * 2 > d || (r * 2 === d && q % 2 === 1)) {
    q += 1;
    if (q === POW10[maxDigits]) {
      // Rounded up through all nines: the next whole number, no fraction digits.
      whole += 1;
      q = 0;
    }
  }
  const text = q === 0 ? wholeText(whole) : `${wholeText(whole)}.${trimmedDigits(q, maxDigits)}`;
  return negative && text !== '0' ? '-' + text : text;
}

/**
 * smallDecimalString's digits in two divisions, when maxDigits <= 18 and d x 10^k1 <= 2^52 with
 * k1 = ceil(maxDigits / 2) (each step exact as in oneStepDecimalString, since k2 = maxDigits - k1
 * <= k1): k1 digits, then k2 rounded half-even on the remainder, the carry taken through both
 * parts and into the whole number. The texts of two quotients below 10^9 (small integers to V8)
 * rather than one of up to 10^18, which would not be exact.
 */
function twoStepDecimalString(whole: number, rest: number, d: number, maxDigits: number, negative: boolean): string {
  const k2 = maxDigits >> 1;
  const k1 = maxDigits - k2;
  const s1 = rest * (POW10[k1] as number);
  let q1 = Math.floor(s1 / d);
  const s2 = (s1 - q1 * d) * (POW10[k2] as number);
  let q2 = Math.floor(s2 / d);
  const r = s2 - q2 * d;
  if (r * 2 > d || (r * 2 === d && q2 % 2 === 1)) {
    q2 += 1;
    if (q2 === POW10[k2]) {
      q2 = 0;
      q1 += 1;
      if (q1 === POW10[k1]) {
        q1 = 0;
        whole += 1;
      }
    }
  }
  let text: string;
  if (q2 !== 0) text = `${wholeText(whole)}.${paddedDigits(q1, k1)}${trimmedDigits(q2, k2)}`;
  else if (q1 !== 0) text = `${wholeText(whole)}.${trimmedDigits(q1, k1)}`;
  else text = wholeText(whole);
  return negative && text !== '0' ? '-' + text : text;
}

/** q (0 < q < 10^size) as `size` digits with leading zeros, without its trailing zeros. */
function trimmedDigits(q: number, size: number): string {
  while (q % 10 === 0) {
    q /= 10;
    size--;
  }
  return paddedDigits(q, size);
}

/**
 * smallDecimalString's digits k at a time, k the most with d x 10^k <= 2^52 (each step exact as
 * in oneStepDecimalString): the leading chunks whole, the last one (the remaining digits) rounded
 * half-even on its remainder. Undefined when that rounding carries out of the last chunk (all its
 * digits nines): the digit loop handles the carry.
 */
function chunkedDecimalString(whole: number, rest: number, d: number, maxDigits: number, negative: boolean): string | undefined {
  let k = 2;
  while (k < SMI_DIGITS && d * (POW10[k + 1] as number) <= ONE_STEP_LIMIT) k++;
  let digits = '';
  let left = maxDigits;
  while (left > k) {
    const scaled = rest * (POW10[k] as number);
    const q = Math.floor(scaled / d);
    rest = scaled - q * d;
    digits += paddedDigits(q, k);
    left -= k;
    if (rest === 0) return withFraction(whole, digits, negative);
  }
  const scaled = rest * (POW10[left] as number);
  let q = Math.floor(scaled / d);
  const r = scaled - q * d;
  if (r * 2 > d || (r * 2 === d && q % 2 === 1)) {
    q += 1;
    if (q === POW10[left]) return undefined;
  }
  return withFraction(whole, digits + paddedDigits(q, left), negative);
}

/** `whole.digits` without the digits' trailing zeros (`whole` alone when none are left), signed. */
function withFraction(whole: number, digits: string, negative: boolean): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  const text = end > 0 ? `${wholeText(whole)}.${digits.slice(0, end)}` : wholeText(whole);
  return negative && text !== '0' ? '-' + text : text;
}

const DIGIT: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function bumpLastDigit(text: string): string {
  const chars = text.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i];
    if (c === '.') continue;
    if (c === '9') {
      chars[i] = '0';
      continue;
    }
    chars[i] = String(Number(c) + 1);
    return chars.join('');
  }
  return '1' + chars.join('');
}
