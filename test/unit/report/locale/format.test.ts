// Tests for report/locale/format.ts's decimalWriter: formatDecimal with the locale resolved once,
// for every decimal string numbers/rational.ts writes (signed, grouped, with or without fraction).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalWriter, formatDecimal } from '../../../../src/report/locale/format.js';
import { LOCALES } from '../../../../src/report/locale/messages.js';

describe('decimalWriter', () => {
  it('writes what formatDecimal writes in every locale', () => {
    const digits = fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String);
    const text = fc.tuple(fc.boolean(), digits, fc.option(digits, { nil: undefined })).map(([neg, w, f]) => `${neg ? '-' : ''}${w}${f === undefined ? '' : `.${f}`}`);
    fc.assert(
      fc.property(text, fc.constantFrom(...LOCALES), (t, locale) => {
        expect(decimalWriter(locale)(t)).toBe(formatDecimal(t, locale));
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });

  it('is one writer per locale, the text itself in en', () => {
    expect(decimalWriter('ru-RU')).toBe(decimalWriter('ru-RU'));
    expect(decimalWriter('en')('-1234567.5')).toBe('-1234567.5');
    expect(decimalWriter('fr-FR')('-1234567.5')).toBe('-1\u202f234\u202f567,5');
    for (const t of ['', '-', '0', '-0.5', '.5', '123', '1234', '-123456.789']) expect(decimalWriter('sr-Latn-RS')(t)).toBe(formatDecimal(t, 'sr-Latn-RS'));
  });
});
