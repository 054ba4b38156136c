// Property: toDecimalString's number path (numerator and denominator below 2^49) gives the same
// text as the BigInt digit loop it replaces, for any fraction digits and signs. Fixed seed.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { decimalStringOf, toDecimalString, toPercentDecimalString } from '../../src/numbers/rational.js';

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

/** toDecimalString of n/d (either sign) equals the BigInt long division, for the given parts and digits. */
function agreesWithLongDivision(num: fc.Arbitrary<bigint>, den: fc.Arbitrary<bigint>, digits: fc.Arbitrary<number>, seed: number): void {
  fc.assert(
    fc.property(num, den, fc.boolean(), digits, (n, d, neg, k) => {
      const r = new Fraction(neg ? -n : n, d);
      expect(toDecimalString(r, k)).toBe(reference(neg ? -r.n : r.n, r.d, k));
    }),
    { seed, numRuns: 5000 },
  );
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

  it('rounds up through trailing nines (0.99...9 and x.99...95), in both the digits and the whole part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 10 }), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.boolean(), (k, digits, whole, neg) => {
        const d = 10n ** BigInt(k) * 2n;
        const n = whole * d + d - 1n;
        const r = new Fraction(neg ? -n : n, d);
        expect(toDecimalString(r, digits)).toBe(reference(neg ? -r.n : r.n, r.d, digits));
      }),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it('toPercentDecimalString is the digits of r x 100, on numbers and beyond them', () => {
    const part = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 49n }), fc.bigInt({ min: 0n, max: 2n ** 60n }));
    fc.assert(
      fc.property(part, part.filter((d) => d > 0n), fc.boolean(), fc.integer({ min: 0, max: 12 }), (n, d, neg, digits) => {
        const r = new Fraction(neg ? -n : n, d);
        expect(toPercentDecimalString(r, digits)).toBe(toDecimalString(r.mul(100), digits));
      }),
      { seed: 20261208, numRuns: 3000 },
    );
  });

  it('decimalStringOf takes n/d unreduced and gives the digits of the value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 18 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 12 }), (n, d, k, digits) => {
        expect(decimalStringOf(n * k, d * k, digits)).toBe(toDecimalString(new Fraction(n, d), digits));
      }),
      { seed: 20261209, numRuns: 2000 },
    );
    expect(() => decimalStringOf(1, 0, 2)).toThrow(TypeError);
    expect(() => decimalStringOf(2 ** 49, 1, 2)).toThrow(TypeError);
  });
});

describe('toDecimalString in one step (small denominators, all digits in one division)', () => {
  it('equals the BigInt long division for denominators whose 10^digits multiple stays below 2^52', () => {
    const den = fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 2n ** 30n }), fc.constantFrom(3n, 7n, 8n, 16n, 400n, 4503n));
    const num = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 4n }), fc.bigInt({ min: 0n, max: 2n ** 49n - 1n }));
    fc.assert(
      fc.property(num, den, fc.boolean(), fc.integer({ min: 0, max: 16 }), (n, d, neg, digits) => {
        const r = new Fraction(neg ? -n : n, d);
        expect(toDecimalString(r, digits)).toBe(reference(neg ? -r.n : r.n, r.d, digits));
        expect(toPercentDecimalString(r, digits)).toBe(toDecimalString(r.mul(100), digits));
      }),
      { seed: 20261210, numRuns: 5000 },
    );
  });

  it('equals the BigInt long division for denominators that take a few digits per division', () => {
    // d from 10^4 to 2^49: chunks of 2 to 11 digits, the last chunk rounded (or carried by the loop).
    const den = fc.oneof(fc.bigInt({ min: 4000n, max: 10n ** 7n }), fc.bigInt({ min: 10n ** 7n, max: 2n ** 49n - 1n }), fc.constantFrom(9999n, 30011n, 45035996273n, 450359962737n));
    const num = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 49n - 1n }));
    agreesWithLongDivision(num, den, fc.integer({ min: 0, max: 20 }), 20261211);
    // A last chunk of nines that rounds up: the digit loop carries it (0.0099999999995 at 12 digits -> 0.01).
    expect(toDecimalString(new Fraction(99999999995n, 10n ** 13n), 12)).toBe('0.01');
    expect(toDecimalString(new Fraction(1n, 30011n), 12)).toBe(reference(1n, 30011n, 12));
  });

  it('equals the BigInt long division in two divisions (10 to 18 digits, d x 10^ceil(digits/2) <= 2^52)', () => {
    // The report's ratios: 12 digits over denominators up to 4.5e9; halves of nines carry into the
    // first half and the whole part (x.999999999999 5 -> x + 1).
    const den = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 5n }), fc.bigInt({ min: 10n ** 5n, max: 4_503_599_627n }), fc.constantFrom(2n * 10n ** 9n, 3n, 7n, 480n, 96_000n));
    const num = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.bigInt({ min: 0n, max: 2n ** 49n - 1n }));
    agreesWithLongDivision(num, den, fc.integer({ min: 2, max: 18 }), 20261212);
    for (const k of [10, 11, 12, 14, 18]) {
      // Just below a whole number, a half unit of the last digit away: rounds up into the whole part.
      const d = 2n * 10n ** BigInt(k);
      const n = 7n * d + d - 1n;
      expect(toDecimalString(new Fraction(n, d), k)).toBe(reference(n, d, k));
      expect(toDecimalString(new Fraction(n, d), k)).toBe('8');
    }
  });

  it('rounds half-even on an exact half, and up through all nines into the whole part', () => {
    // 1/8 at 2 digits: 0.125 -> 0.12 (even); 3/8 -> 0.38; 0.9999995 at 6 digits -> 1; 19.995 at 2 -> 20.
    expect(toDecimalString(new Fraction(1, 8), 2)).toBe('0.12');
    expect(toDecimalString(new Fraction(3, 8), 2)).toBe('0.38');
    expect(toDecimalString(new Fraction(9999995, 10000000), 6)).toBe('1');
    expect(toDecimalString(new Fraction(-3999, 200), 2)).toBe('-20');
    expect(toDecimalString(new Fraction(1, 3), 12)).toBe('0.333333333333');
    expect(toDecimalString(new Fraction(2, 3), 12)).toBe('0.666666666667');
    expect(toDecimalString(new Fraction(1, 1024), 12)).toBe('0.0009765625');
    expect(toDecimalString(new Fraction(-1, 10 ** 13), 12)).toBe('0');
  });
});
