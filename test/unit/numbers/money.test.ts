import { describe, expect, it } from 'vitest';
import {
  ceilToMinor,
  floorToMinor,
  formatExact,
  formatMinor,
  formatMoney,
  isWholeMinor,
  minorToRational,
  roundToMinor,
} from '../../../src/numbers/money.js';
import { rational } from '../../../src/numbers/rational.js';
import { r } from '../../helpers/invoice-fakes.js';

describe('roundToMinor', () => {
  it('rounds exact ties half-even (banker) or half-up (away from zero)', () => {
    expect(roundToMinor(r('0.125'), 2, 'half-even')).toBe(12n);
    expect(roundToMinor(r('0.125'), 2, 'half-up')).toBe(13n);
    expect(roundToMinor(r('0.135'), 2, 'half-even')).toBe(14n);
    expect(roundToMinor(r('0.135'), 2, 'half-up')).toBe(14n);
  });

  it('rounds negative amounts symmetrically', () => {
    expect(roundToMinor(r('-0.125'), 2, 'half-even')).toBe(-12n);
    expect(roundToMinor(r('-0.125'), 2, 'half-up')).toBe(-13n);
    expect(roundToMinor(r('-0.126'), 2, 'half-even')).toBe(-13n);
    expect(roundToMinor(r('-0.124'), 2, 'half-up')).toBe(-12n);
  });

  it('counts only exact ties: just above or below goes to the nearest', () => {
    expect(roundToMinor(r('0.12500000001'), 2, 'half-even')).toBe(13n);
    expect(roundToMinor(r('0.12499999999'), 2, 'half-up')).toBe(12n);
    expect(roundToMinor(rational(1).div(3), 2, 'half-up')).toBe(33n);
    expect(roundToMinor(rational(2).div(3), 2, 'half-even')).toBe(67n);
  });

  it('uses the currency digits: JPY 0, KWD 3', () => {
    expect(roundToMinor(r('1200.5'), 0, 'half-even')).toBe(1200n);
    expect(roundToMinor(r('1201.5'), 0, 'half-even')).toBe(1202n);
    expect(roundToMinor(r('1200.5'), 0, 'half-up')).toBe(1201n);
    expect(roundToMinor(r('1.2505'), 3, 'half-even')).toBe(1250n);
    expect(roundToMinor(r('1.2505'), 3, 'half-up')).toBe(1251n);
  });

  it('leaves whole minor amounts unchanged, including zero', () => {
    expect(roundToMinor(r('46000'), 2, 'half-even')).toBe(4600000n);
    expect(roundToMinor(r('-5'), 2, 'half-up')).toBe(-500n);
    expect(roundToMinor(r('0'), 2, 'half-up')).toBe(0n);
  });

  it('rejects nonsensical digit counts as a bug', () => {
    expect(() => roundToMinor(r('1'), -1, 'half-up')).toThrow(RangeError);
    expect(() => roundToMinor(r('1'), 1.5, 'half-up')).toThrow(RangeError);
  });
});

describe('floorToMinor / ceilToMinor', () => {
  it('round toward minus and plus infinity', () => {
    expect(floorToMinor(r('10.009'), 2)).toBe(1000n);
    expect(ceilToMinor(r('10.001'), 2)).toBe(1001n);
    expect(floorToMinor(r('-10.001'), 2)).toBe(-1001n);
    expect(ceilToMinor(r('-10.009'), 2)).toBe(-1000n);
    expect(floorToMinor(r('-10'), 2)).toBe(-1000n);
    expect(ceilToMinor(r('10'), 2)).toBe(1000n);
  });
});

describe('formatMinor / formatMoney', () => {
  it('prints exactly the currency digits', () => {
    expect(formatMinor(4600000n, 2)).toBe('46000.00');
    expect(formatMinor(1200n, 0)).toBe('1200');
    expect(formatMinor(1250n, 3)).toBe('1.250');
    expect(formatMinor(5n, 2)).toBe('0.05');
    expect(formatMinor(0n, 2)).toBe('0.00');
    expect(formatMinor(0n, 0)).toBe('0');
  });

  it('prints negatives with a leading minus', () => {
    expect(formatMinor(-500n, 2)).toBe('-5.00');
    expect(formatMinor(-5n, 2)).toBe('-0.05');
    expect(formatMinor(-1200n, 0)).toBe('-1200');
  });

  it('keeps very large amounts exact', () => {
    expect(formatMinor(123456789012345678901234567890n, 2)).toBe('1234567890123456789012345678.90');
  });

  it('adds the currency code for text output', () => {
    expect(formatMoney(4600000n, 'RUB', 2)).toBe('46000.00 RUB');
    expect(formatMoney(1200n, 'JPY', 0)).toBe('1200 JPY');
  });
});

describe('minorToRational / isWholeMinor / formatExact', () => {
  it('converts minor units back to exact currency units', () => {
    expect(minorToRational(4600000n, 2).equals(r('46000'))).toBe(true);
    expect(minorToRational(-1250n, 3).equals(r('-1.25'))).toBe(true);
    expect(minorToRational(7n, 0).equals(r('7'))).toBe(true);
  });

  it('tells whole minor amounts from finer ones', () => {
    expect(isWholeMinor(r('12.34'), 2)).toBe(true);
    expect(isWholeMinor(r('12.345'), 2)).toBe(false);
    expect(isWholeMinor(r('12.345'), 3)).toBe(true);
  });

  it('formats exact prices without hiding sub-minor digits', () => {
    expect(formatExact(r('500'), 2)).toBe('500.00');
    expect(formatExact(r('0.125'), 2)).toBe('0.125');
    expect(formatExact(r('-3.5'), 2)).toBe('-3.50');
    expect(formatExact(r('1200'), 0)).toBe('1200');
  });
});
