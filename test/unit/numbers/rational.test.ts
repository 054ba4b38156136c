import { describe, expect, it } from 'vitest';
import Fraction from 'fraction.js';
import fc from 'fast-check';
import { fromDecimalDigits, fromSafeIntegers, parseDecimal, toDecimalString } from '../../../src/numbers/rational.js';

describe('toDecimalString', () => {
  it('prints finite decimals exactly', () => {
    expect(toDecimalString(new Fraction(175, 1000))).toBe('0.175');
    expect(toDecimalString(new Fraction(-7, 2))).toBe('-3.5');
    expect(toDecimalString(new Fraction(12))).toBe('12');
  });
  it('rounds non-terminating decimals half-even at the digit limit', () => {
    expect(toDecimalString(new Fraction(29, 30).mul(100), 2)).toBe('96.67');
    expect(toDecimalString(new Fraction(2, 3), 3)).toBe('0.667');
    expect(toDecimalString(new Fraction(-2, 3), 2)).toBe('-0.67');
    expect(toDecimalString(new Fraction(1, 3), 2)).toBe('0.33');
  });
  it('rounds terminating decimals longer than the limit', () => {
    expect(toDecimalString(new Fraction(1, 8), 2)).toBe('0.12');
    expect(toDecimalString(new Fraction(3, 8), 2)).toBe('0.38');
    expect(toDecimalString(new Fraction(999, 1000), 2)).toBe('1');
    expect(toDecimalString(new Fraction(-1, 1000), 2)).toBe('0');
  });
});

describe('parseDecimal', () => {
  it('reads decimal text exactly, with separators and exponents', () => {
    expect(parseDecimal('0.1')?.add(parseDecimal('0.2') ?? 0).equals(new Fraction(3, 10))).toBe(true);
    expect(parseDecimal('1_500')?.equals(1500)).toBe(true);
    expect(parseDecimal('1e3')?.equals(1000)).toBe(true);
    expect(parseDecimal('.5')?.equals(new Fraction(1, 2))).toBe(true);
  });
  it('rejects non-numbers and oversized input', () => {
    expect(parseDecimal('NaN')).toBeUndefined();
    expect(parseDecimal('Infinity')).toBeUndefined();
    expect(parseDecimal('1e999')).toBeUndefined();
    expect(parseDecimal('1'.repeat(100))).toBeUndefined();
  });
});

describe('fromSafeIntegers', () => {
  it('builds the reduced Fraction that fraction.js builds, small and large parts alike', () => {
    const safe = fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.maxSafeInteger(), fc.maxSafeNat().map((x) => -x));
    const positive = fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.maxSafeNat().filter((x) => x > 0));
    fc.assert(
      fc.property(safe, positive, (n, d) => {
        const mine = fromSafeIntegers(n, d);
        const theirs = new Fraction(n, d);
        expect(mine).toBeInstanceOf(Fraction);
        expect([mine.s, mine.n, mine.d]).toEqual([theirs.s, theirs.n, theirs.d]);
        // Its methods are fraction.js's and read the fields the same way.
        expect(mine.add(theirs).equals(theirs.mul(2))).toBe(true);
        expect(theirs.sub(mine).equals(0)).toBe(true);
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });
  it('rejects what is not a safe integer or a positive denominator', () => {
    expect(() => fromSafeIntegers(0.5, 1)).toThrow(TypeError);
    expect(() => fromSafeIntegers(1, 0)).toThrow(TypeError);
    expect(() => fromSafeIntegers(2 ** 53, 1)).toThrow(TypeError);
  });
});

describe('fromDecimalDigits', () => {
  it('builds the reduced Fraction parseDecimal reads from the same digits and point', () => {
    const digits = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.bigInt({ min: 0n, max: 10n ** 59n }), fc.constantFrom(0n, 1n, 5n, 10n, 12345678901234568n, 2n ** 60n, 5n ** 20n));
    fc.assert(
      fc.property(fc.boolean(), digits, fc.integer({ min: 0, max: 60 }), (negative, n, scale) => {
        const text = String(n).padStart(scale + 1, '0');
        const written = `${negative ? '-' : ''}${text.slice(0, text.length - scale)}${scale > 0 ? `.${text.slice(text.length - scale)}` : ''}`;
        // parseDecimal takes up to 60 digits in all (MAX_DECIMAL_DIGITS).
        if (text.length > 60) return;
        const theirs = parseDecimal(written);
        expect(theirs).toBeDefined();
        const mine = fromDecimalDigits(negative, n, scale);
        expect(mine).toBeInstanceOf(Fraction);
        expect([mine.s, mine.n, mine.d]).toEqual([theirs?.s, theirs?.n, theirs?.d]);
      }),
      { seed: 20261205, numRuns: 2000 },
    );
  });
  it('rejects negative digits and a scale outside 0..60', () => {
    expect(() => fromDecimalDigits(false, -1n, 0)).toThrow(TypeError);
    expect(() => fromDecimalDigits(false, 1n, 61)).toThrow(TypeError);
    expect(() => fromDecimalDigits(false, 1n, 0.5)).toThrow(TypeError);
  });
});
