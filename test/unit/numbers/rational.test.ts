import { describe, expect, it } from 'vitest';
import Fraction from 'fraction.js';
import fc from 'fast-check';
import { fromSafeIntegers, parseDecimal, toDecimalString } from '../../../src/numbers/rational.js';

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
