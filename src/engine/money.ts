// Stage 8 support: money in minor units (bigint), the named rounding functions, and formatting.
// Input: exact Rational amounts in currency units; output: bigint minor units and decimal text.
// This file and the invoice are the only places where an amount is rounded (STYLE 5).
import Fraction from 'fraction.js';
import type { RoundingMode } from '../contract/model.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import { toDecimalString, type Rational } from './rational.js';

/** Largest minor-unit digit count accepted (ISO 4217 uses 0-4). */
const MAX_MINOR_DIGITS = 18;

function scaleOf(digits: number): bigint {
  if (!Number.isSafeInteger(digits) || digits < 0 || digits > MAX_MINOR_DIGITS) {
    throw new InternalError(`invalid minor-unit digits: ${digits}`);
  }
  return 10n ** BigInt(digits);
}

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
 * Only exact ties count: 0.12500000001 is above the tie in both modes. Never uses floats.
 * The result differs from the exact amount by at most half a minor unit; an amount that is
 * already whole minor units is returned unchanged.
 */
export function roundToMinor(amount: Rational, digits: number, mode: RoundingMode): bigint {
  const { num, den, negative } = scaled(amount, digits);
  const quotient = num / den;
  const twiceRemainder = (num % den) * 2n;
  let magnitude = quotient;
  if (twiceRemainder > den) magnitude = quotient + 1n;
  else if (twiceRemainder === den) {
    magnitude = mode === 'half-up' || quotient % 2n === 1n ? quotient + 1n : quotient;
  }
  return negative ? -magnitude : magnitude;
}

/** Largest whole number of minor units not above `amount` (toward minus infinity). */
export function floorToMinor(amount: Rational, digits: number): bigint {
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
  return new Fraction(minor, scaleOf(digits));
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
