// Translations: every key in every language, the same placeholders, no empty message.
import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, translator } from '../../../../src/report/locale/messages.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('locale files', () => {
  const keys = Object.keys(MESSAGES.en).sort();
  for (const locale of LOCALES) {
    it(`${locale} has exactly the English keys, with the same placeholders`, () => {
      const table = MESSAGES[locale];
      expect(Object.keys(table).sort()).toEqual(keys);
      for (const k of keys) {
        expect(table[k], `${locale} ${k}`).not.toBe('');
        expect(placeholders(table[k] ?? ''), `${locale} ${k}`).toEqual(placeholders(MESSAGES.en[k] ?? ''));
      }
    });
  }

  it('fills placeholders', () => {
    expect(translator('ru-RU')('kpis_met_value', { met: 2, count: 3 })).toBe('2 из 3');
    expect(translator('en')('invoice_number', { number: 'NS-1' })).toBe('Invoice NS-1');
  });
});
