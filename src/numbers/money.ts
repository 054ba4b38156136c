// Stage 8 support: money in minor units (bigint), the named rounding functions, and formatting.
// Input: exact Rational amounts in currency units; output: bigint minor units and decimal text.
// This file and the invoice are the only places where an amount is rounded (STYLE 5).
import Fraction from 'fraction.js';
import { fromSafeIntegers, toDecimalString, type Rational } from './rational.js';
import { MAX_SAFE, MAX_SAFE_BIG } from './safe-fraction.js';

/** How a value exactly halfway between two minor units rounds (SPEC 2 `rounding:`). */
export type RoundingMode = 'half-even' | 'half-up';

/** Largest minor-unit digit count accepted (ISO 4217 uses 0-4). */
const MAX_MINOR_DIGITS = 18;

/** 10^digits for every accepted digit count, as bigint and as a (safe, exact) number. */
const SCALES: readonly bigint[] = Array.from({ length: MAX_MINOR_DIGITS + 1 }, (_, i) => 10n ** BigInt(i));
const SCALES_NUMBER: readonly number[] = SCALES.map((s) => (s <= MAX_SAFE_BIG ? Number(s) : NaN));

function scaleOf(digits: number): bigint {
  const scale = SCALES[digits];
  if (scale === undefined || !Number.isSafeInteger(digits)) {
    throw new RangeError(`invalid minor-unit digits: ${digits}`);
  }
  return scale;
}

/**
 * Fast path of the rounding functions (exact or it declines): |amount| x 10^digits as safe
 * integers. Returns false when a part is not a safe integer; otherwise sets FAST_NUM and FAST_DEN.
 * Exact by the safe-integer argument (src/numbers/safe-fraction.ts): the parts are converted only
 * when they fit, and the product n x 10^digits is kept only when it fits.
 */
function fastScaled(amount: Rational, digits: number): boolean {
  const scale = SCALES_NUMBER[digits];
  if (scale === undefined || !(amount.n <= MAX_SAFE_BIG) || !(amount.d <= MAX_SAFE_BIG)) return false;
  const num = Number(amount.n) * scale;
  if (!(num <= MAX_SAFE)) return false;
  FAST_NUM = num;
  FAST_DEN = Number(amount.d);
  return true;
}

let FAST_NUM = 0;
let FAST_DEN = 1;

/** |amount| x 10^digits as numerator/denominator (both non-negative) and the sign of amount. */
function scaled(amount: Rational, digits: number): { num: bigint; den: bigint; negative: boolean } {
  return { num: amount.n * scaleOf(digits), den: amount.d, negative: amount.s < 0n && amount.n !== 0n };
}

/**
 * Round an exact amount (currency units) to minor units: `roundToMinor(0.125, 2, m)` is 12n
 * (half-even) or 13n (half-up). Rounding acts on the magnitude and keeps the sign, so negative
 * amounts round symmetrically (-0.125 -> -12n / -13n).
 * - `half-even`: to the nearest minor unit; an exact tie goes to the even neighbour (banker's).
 * - `half-up`: to the nearest minor unit; an exact tie goes away from zero (commercial rounding).
 * Only exact ties count: 0.12500000001 is above the tie in both modes. No float ever rounds: the
 * fast path (safe integers, see fastScaled) is exact or declines to the bigint path.
 * The result differs from the exact amount by at most half a minor unit; an amount that is
 * already whole minor units is returned unchanged.
 */
export function roundToMinor(amount: Rational, digits: number, mode: RoundingMode): bigint {
  if (fastScaled(amount, digits)) return fastRound(FAST_NUM, FAST_DEN, amount.s < 0n && amount.n !== 0n, mode);
  return roundToMinorRational(amount, digits, mode);
}

/** roundToMinor on bigints only (the reference its fast path must agree with). @internal */
export function roundToMinorRational(amount: Rational, digits: number, mode: RoundingMode): bigint {
  const { num, den, negative } = scaled(amount, digits);
  return roundedQuotient(num, den, negative, mode);
}

/**
 * roundToMinor(minorToRational(minor, digits) x factor, digits, mode) without building either
 * Rational: in minor units the product is minor x factor.n / factor.d exactly (the 10^digits of
 * both sides cancel), rounded on its magnitude as roundToMinorRational does. A tax on whole minor
 * units (base x rate) is this, once per rate and invoice.
 */
export function roundMinorTimes(minor: bigint, factor: Rational, mode: RoundingMode): bigint {
  const negative = (minor < 0n) !== (factor.s < 0n) && minor !== 0n && factor.n !== 0n;
  return roundedQuotient((minor < 0n ? -minor : minor) * factor.n, factor.d, negative, mode);
}

/** num / den (num >= 0, den > 0) rounded to a whole number by `mode`, negated when `negative`. */
function roundedQuotient(num: bigint, den: bigint, negative: boolean, mode: RoundingMode): bigint {
  const quotient = num / den;
  const twiceRemainder = (num % den) * 2n;
  let magnitude = quotient;
  if (twiceRemainder > den) magnitude = quotient + 1n;
  else if (twiceRemainder === den) {
    magnitude = mode === 'half-up' || quotient % 2n === 1n ? quotient + 1n : quotient;
  }
  return negative ? -magnitude : magnitude;
}

/**
 * roundToMinor on safe integers num/den (den > 0, both at most 2^53 - 1): `%` on doubles is exact,
 * num - rem is an integer no larger than num (exact) and divisible by den, so the quotient is
 * exact; 2 x rem < 2^54 is exact; the result is at most 2^53, a double, so BigInt() is exact.
 */
function fastRound(num: number, den: number, negative: boolean, mode: RoundingMode): bigint {
  const rem = num % den;
  const quotient = (num - rem) / den;
  const twiceRemainder = rem * 2;
  let magnitude = quotient;
  if (twiceRemainder > den) magnitude = quotient + 1;
  else if (twiceRemainder === den) {
    magnitude = mode === 'half-up' || quotient % 2 === 1 ? quotient + 1 : quotient;
  }
  return BigInt(negative ? -magnitude : magnitude);
}

/** Largest whole number of minor units not above `amount` (toward minus infinity). */
export function floorToMinor(amount: Rational, digits: number): bigint {
  if (fastScaled(amount, digits)) {
    const num = FAST_NUM;
    const den = FAST_DEN;
    const rem = num % den;
    const quotient = (num - rem) / den;
    if (!(amount.s < 0n && amount.n !== 0n)) return BigInt(quotient);
    return BigInt(rem === 0 ? -quotient : -quotient - 1);
  }
  return floorToMinorRational(amount, digits);
}

/** floorToMinor on bigints only (the reference its fast path must agree with). @internal */
export function floorToMinorRational(amount: Rational, digits: number): bigint {
  const { num, den, negative } = scaled(amount, digits);
  const quotient = num / den;
  if (!negative) return quotient;
  return num % den === 0n ? -quotient : -quotient - 1n;
}

/** Smallest whole number of minor units not below `amount` (toward plus infinity). */
export function ceilToMinor(amount: Rational, digits: number): bigint {
  return -floorToMinor(amount.neg(), digits);
}

/** True when `amount` is a whole number of minor units (needs no rounding). */
export function isWholeMinor(amount: Rational, digits: number): boolean {
  const { num, den } = scaled(amount, digits);
  return num % den === 0n;
}

/** Exact value in currency units of an amount in minor units: 4600000n, 2 -> 46000. */
export function minorToRational(minor: bigint, digits: number): Rational {
  const scale = scaleOf(digits);
  // Safe integers: reduced on numbers, the same Fraction as fraction.js's bigint gcd gives.
  const fastScale = SCALES_NUMBER[digits] as number;
  if (!Number.isNaN(fastScale) && minor <= MAX_SAFE_BIG && minor >= -MAX_SAFE_BIG) return fromSafeIntegers(Number(minor), fastScale);
  return new Fraction(minor, scale);
}

/**
 * Decimal text with exactly `digits` fraction digits: 4600000n, 2 -> "46000.00";
 * 1200n, 0 -> "1200"; 1250n, 3 -> "1.250"; -500n, 2 -> "-5.00". No locale, no exponent.
 */
export function formatMinor(minor: bigint, digits: number): string {
  scaleOf(digits);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const body = digits === 0 ? whole : `${whole}.${text.slice(text.length - digits)}`;
  return negative ? `-${body}` : body;
}

/** Minor units with their currency, for text output: 4600000n, "RUB", 2 -> "46000.00 RUB". */
export function formatMoney(minor: bigint, currency: string, digits: number): string {
  return `${formatMinor(minor, digits)} ${currency}`;
}

/**
 * An exact amount for explanations (unit prices, limits), without rounding it away: whole minor
 * units print with exactly `digits` digits ("500.00"); finer amounts print their exact decimal
 * expansion ("0.125"); an amount with no finite expansion prints 12 digits rounded half-even.
 * Display only: invoice amounts are rounded with `roundToMinor`.
 */
export function formatExact(amount: Rational, digits: number): string {
  if (isWholeMinor(amount, digits)) return formatMinor(floorToMinor(amount, digits), digits);
  return toDecimalString(amount);
}
