// report/locale/format-value.ts: values in their unit as a locale writes them; in `en` exactly
// what language/format-value.ts writes (the text every existing output was made with).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../../src/language/format-value.js';
import { DURATION, money, scalar, type ValueType } from '../../../../src/language/value-types.js';
import { divRationals, rational } from '../../../../src/numbers/rational.js';
import { formatQuantityText, formatValueText, quantityWriter } from '../../../../src/report/locale/format-value.js';
import { LOCALES } from '../../../../src/report/locale/messages.js';

const TYPES: ValueType[] = [scalar('percent'), scalar('ratio'), scalar('count'), money('RUB'), DURATION];

describe('formatValueText', () => {
  it('in en is formatValue, for every type and value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom(...TYPES), (n, d, type) => {
        const r = divRationals(rational(n), rational(d));
        expect(formatValueText(r, type, 'en')).toBe(formatValue(r, type));
      }),
    );
    const noData = { kind: 'NoData' as const, reason: 'metric "x" missing', span: { file: 'f', start: 0, end: 0 } };
    expect(formatValueText(noData, scalar('count'), 'en')).toBe(formatValue(noData, scalar('count')));
    expect(formatValueText(true, { kind: 'boolean' }, 'en')).toBe('true');
  });

  it('in en is formatValue for durations and percents on and beyond the number path (numerators to 2^60, denominators to 2^40)', () => {
    const part = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), fc.bigInt({ min: 1n, max: 2n ** 60n }));
    fc.assert(
      fc.property(part, part.filter((d) => d < 2n ** 40n), fc.boolean(), fc.constantFrom(DURATION, scalar('percent')), (n, d, neg, type) => {
        const r = divRationals(rational(neg ? -n : n), rational(d));
        expect(formatValueText(r, type, 'en')).toBe(formatValue(r, type));
      }),
      { seed: 20261210, numRuns: 2000 },
    );
  });

  it('writes the locale\'s separators, units and money', () => {
    const v = (text: string): ReturnType<typeof rational> => divRationals(rational(BigInt(text.replace('.', ''))), rational(10n ** BigInt(text.split('.')[1]?.length ?? 0)));
    expect(formatValueText(v('0.175'), scalar('percent'), 'ru-RU')).toBe('17,5\u00a0%');
    expect(formatValueText(v('135'), DURATION, 'ru-RU')).toBe('2 мин 15 с');
    expect(formatValueText(v('30000'), money('RUB'), 'ru-RU')).toBe('30\u00a0000\u00a0₽');
    expect(formatValueText(v('30000'), money('EUR'), 'fr-FR')).toBe('30\u202f000\u00a0€');
    expect(formatValueText(v('1234.5'), scalar('ratio'), 'sr-Latn-RS')).toBe('1.234,5');
  });
});

describe('quantityWriter', () => {
  it('writes what formatQuantityText writes, for every type, locale and value (both duration paths)', () => {
    const types: ValueType[] = [...TYPES, money('EUR'), money('XYZ'), scalar('number')];
    const part = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 60n }));
    fc.assert(
      fc.property(part, part.map((d) => d + 1n), fc.boolean(), fc.constantFrom(...types), fc.constantFrom(...LOCALES), (n, d, neg, type, locale) => {
        const r = divRationals(rational(neg ? -n : n), rational(d));
        expect(quantityWriter(type, locale)(r)).toBe(formatQuantityText(r, type, locale));
      }),
      { seed: 20261205, numRuns: 1000 },
    );
  });
});
