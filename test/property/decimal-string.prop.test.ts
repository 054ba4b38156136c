// Property: toDecimalString's number path (numerator and denominator below 2^49) gives the same
// text as the BigInt digit loop it replaces, for any fraction digits and signs. Fixed seed.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../src/numbers/rational.js';

/** The BigInt reference: long division digit by digit, half-even on the remainder. */
function reference(n: bigint, d: bigint, maxDigits: number): string {
  const negative = n < 0n;
  let a = negative ? -n : n;
  const whole = a / d;
  a %= d;
  const digits: number[] = [];
  while (a !== 0n && digits.length < maxDigits) {
    a *= 10n;
    digits.push(Number(a / d));
    a %= d;
  }
  let scaled = whole * 10n ** BigInt(digits.length) + BigInt(digits.join('') || '0');
  if (a !== 0n && (2n * a > d || (2n * a === d && scaled % 2n === 1n))) scaled += 1n;
  const text = scaled.toString().padStart(digits.length + 1, '0');
  const int = digits.length === 0 ? text : text.slice(0, -digits.length);
  const frac = digits.length === 0 ? '' : text.slice(-digits.length).replace(/0+$/, '');
  const out = frac === '' ? int : `${int}.${frac}`;
  return negative && out !== '0' ? `-${out}` : out;
}

describe('toDecimalString', () => {
  it('the number path equals the BigInt long division', () => {
    const below = fc.bigInt({ min: 0n, max: 2n ** 49n - 1n });
    fc.assert(
      fc.property(below, below.filter((d) => d > 0n), fc.boolean(), fc.integer({ min: 0, max: 20 }), (n, d, neg, digits) => {
        const r = new Fraction(neg ? -n : n, d);
        expect(toDecimalString(r, digits)).toBe(reference(neg ? -r.n : r.n, r.d, digits));
      }),
      { seed: 20261206, numRuns: 3000 },
    );
  });
});
