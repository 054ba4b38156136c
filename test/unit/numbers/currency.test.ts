import { describe, expect, it } from 'vitest';
import { findMinorDigits, isKnownCurrency, minorDigits } from '../../../src/numbers/currency.js';

describe('ISO 4217 currencies', () => {
  it('knows the minor-unit digits of common currencies', () => {
    expect(minorDigits('RUB')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KRW')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('BHD')).toBe(3);
    expect(minorDigits('CLF')).toBe(4);
  });

  it('accepts upper-case codes only', () => {
    expect(isKnownCurrency('RUB')).toBe(true);
    expect(isKnownCurrency('rub')).toBe(false);
    expect(isKnownCurrency('RUBX')).toBe(false);
  });

  it('rejects codes that are not money (no minor unit in ISO 4217)', () => {
    for (const code of ['XAU', 'XDR', 'XXX', 'XTS', 'ABC', '', '__proto__', 'constructor']) {
      expect(isKnownCurrency(code)).toBe(false);
      expect(findMinorDigits(code)).toBeUndefined();
    }
  });

  it('treats an unknown code in minorDigits as a bug', () => {
    expect(() => minorDigits('ABC')).toThrow(RangeError);
  });
});
