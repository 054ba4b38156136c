// The owned format table against Intl on this Node (SPEC 10): numbers, money, percentages and
// dates must be exactly what Intl.NumberFormat/DateTimeFormat write, no-break spaces included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocaleId } from '../../../../src/contract/model.js';
import { formatDateText, formatDecimal, formatMoneyText, formatPercentText } from '../../../../src/report/locale/format.js';
import { FORMAT_TABLE } from '../../../../src/report/locale/format-table.js';

const LOCALES: readonly LocaleId[] = ['ru-RU', 'fr-FR', 'sr-Latn-RS', 'sr-Cyrl-RS'];
const ALL: readonly LocaleId[] = ['en', ...LOCALES];

/** Exact decimal strings with 2 fraction digits, both signs, up to 10^12. */
const cents = fc.bigInt(-(10n ** 14n), 10n ** 14n).map((n) => {
  const neg = n < 0n;
  const a = (neg ? -n : n).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
});

/** `-1234.56` -> `-12.3456`: the ratio whose percent is the given text. */
function hundredth(text: string): string {
  const neg = text.startsWith('-');
  const digits = (neg ? text.slice(1) : text).replace('.', '').padStart(5, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Intl takes the decimal string exactly (NumberFormat v3 on Node 20). */
const intl = (locale: string, options: Intl.NumberFormatOptions, text: string): string =>
  new Intl.NumberFormat(locale, options).format(text as unknown as number);

describe('the format table matches Intl', () => {
  it('SPEC 10 examples', () => {
    expect(formatMoneyText('150000.00', 'RUB', 'ru-RU')).toBe('150\u00a0000,00\u00a0₽');
    expect(formatMoneyText('150000.00', 'EUR', 'fr-FR')).toBe('150\u202f000,00\u00a0€');
    expect(formatMoneyText('150000.00', 'RSD', 'sr-Latn-RS')).toBe('150.000,00\u00a0RSD');
    expect(formatPercentText('17.5', 'ru-RU')).toBe('17,5\u00a0%');
    expect(formatDateText('2026-10-01', 'ru-RU')).toBe('1 октября 2026 г.');
    expect(formatMoneyText('101500.00', 'RUB', 'en')).toBe('101500.00 RUB');
  });

  it('money in every locale and table currency, for many amounts', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...LOCALES), fc.constantFrom('RUB', 'EUR', 'USD', 'GBP', 'RSD', 'CHF', 'KZT'), (text, locale, currency) => {
        expect(formatMoneyText(text, currency, locale)).toBe(intl(locale, { style: 'currency', currency }, text));
      }),
      { seed: 10, numRuns: 500 },
    );
  });

  it('plain numbers and percentages', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom(...LOCALES), (text, locale) => {
        expect(formatDecimal(text, locale)).toBe(intl(locale, { minimumFractionDigits: 2 }, text));
        expect(formatPercentText(text, locale)).toBe(intl(locale, { style: 'percent', minimumFractionDigits: 2 }, hundredth(text)));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('long dates in every locale, every month', () => {
    for (const locale of ALL) {
      for (let m = 1; m <= 12; m++) {
        for (const [y, d] of [[2026, 1], [2027, 15], [1999, 31]] as const) {
          if (d === 31 && [2, 4, 6, 9, 11].includes(m)) continue;
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const want = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
          expect(formatDateText(iso, locale)).toBe(want);
        }
      }
    }
  });

  it('every locale has twelve month names', () => {
    for (const locale of ALL) expect(FORMAT_TABLE[locale].months).toHaveLength(12);
  });
});
