// Evaluation support (stage 7): the limit on the size of an exact number. Exact rationals keep
// every digit, so a chain of multiplications (each define squaring the last) grows without bound
// (20 squarings took 72 s and 760 MB): an operation whose operands are too large stops the
// evaluation with NumberSizeError, which evaluatePeriod and priceInvoice turn into E077.
import type { Span } from '../diagnostics/diagnostic.js';
import type { Rational } from '../numbers/rational.js';

/** Largest size of the operands of one operation, in bits (numerators and denominators together: about 4 900 decimal digits). */
export const MAX_EXACT_BITS = 16_384;

const SMALL = 1n << 53n;

/** Bits of a non-negative bigint, exactly for small ones and rounded up to a hex digit otherwise. */
function bitLength(b: bigint): number {
  return b < SMALL ? 53 : b.toString(16).length * 4;
}

/** Size of a rational in bits: numerator and denominator. */
export function rationalBits(r: Rational): number {
  return bitLength(r.n) + bitLength(r.d);
}

/** Thrown by the arithmetic closures when an operation's operands exceed MAX_EXACT_BITS together. */
export class NumberSizeError extends Error {
  override readonly name = 'NumberSizeError';
  constructor(
    readonly span: Span,
    readonly bits: number,
  ) {
    super(`an exact number would need more than ${MAX_EXACT_BITS} bits`);
  }
}

/**
 * Throw NumberSizeError at `span` when `a op b` could need more than MAX_EXACT_BITS: the result
 * of + - * / has at most the bits of both operands (plus one), so this bounds every result and
 * stops before the costly operation. Numbers up to 2^53 are not measured.
 */
export function checkOperandSize(a: Rational, b: Rational, span: Span): void {
  if (a.n < SMALL && a.d < SMALL && b.n < SMALL && b.d < SMALL) return;
  const bits = rationalBits(a) + rationalBits(b);
  if (bits > MAX_EXACT_BITS) throw new NumberSizeError(span, bits);
}
