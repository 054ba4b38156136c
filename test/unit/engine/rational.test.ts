import { describe, expect, it } from 'vitest';
import Fraction from 'fraction.js';
import { parseDecimal, toDecimalString } from '../../../src/engine/rational.js';

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
