// report/line-detail.ts: an invoice line's facts -> its sentence, in `en` (JSON `detail`, the
// classic text) and in a document's locale. Lines are plain data, so they are written here as such.
import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '../../../src/evaluate/results.js';
import { divRationals, rational, ZERO } from '../../../src/numbers/rational.js';
import { adjustmentLabel, lineDetailText } from '../../../src/report/line-detail.js';

const q = (n: number, d = 1): ReturnType<typeof rational> => divRationals(rational(n), rational(d));
const RUB = { currency: 'RUB', minorDigits: 2 };
const base = { id: 'l', label: 'L', applied: true, amount: 0n };

const tiers: InvoiceLine = {
  ...base,
  quantity: q(92),
  exact: q(34700),
  detail: {
    kind: 'priced',
    pricing: {
      form: 'tiers',
      mode: 'graduated',
      slices: [
        { tier: 0, quantity: q(50), price: q(400), flat: ZERO, amount: q(20000) },
        { tier: 1, quantity: q(42), price: q(350), flat: q(1000), amount: q(15700) },
      ],
    },
  },
};
const bounded: InvoiceLine = {
  ...base,
  quantity: q(3),
  unitPrice: q(500),
  exact: q(1500),
  bound: 'min',
  detail: { kind: 'priced', pricing: { form: 'price' }, bound: { bound: 'min', amount: q(2000), change: q(500) } },
};
const packages: InvoiceLine = {
  ...base,
  quantity: q(2501),
  unitPrice: q(1000),
  exact: q(3000),
  detail: { kind: 'priced', pricing: { form: 'package', packages: 3n, size: q(1000), freeUnits: q(500) } },
};
const skipped: InvoiceLine = { ...base, applied: false, exact: ZERO, detail: { kind: 'not-applied', reason: 'when-false' } };

describe('lineDetailText', () => {
  it('writes the classic English sentences by default', () => {
    expect(lineDetailText(tiers, RUB)).toBe('50 x 400.00 + 42 x 350.00 + 1000.00 flat RUB (graduated)');
    expect(lineDetailText(bounded, RUB)).toBe('3 x 500.00 RUB; raised to min 2000.00 RUB');
    expect(lineDetailText(packages, RUB)).toBe('3 packages x 1000.00 RUB (2501 units, 1000 per package, 500 free)');
    expect(lineDetailText(skipped, RUB)).toBe('not applied: when is false');
    expect(adjustmentLabel({ id: 'limits.max' })).toBe('Maximum invoice total');
  });

  it('writes the document\'s locale: separators, currency sign, words', () => {
    expect(lineDetailText(tiers, RUB, 'ru-RU')).toBe('50 x 400,00 + 42 x 350,00 + 1\u00a0000,00 фикс.\u00a0₽ (graduated)');
    expect(lineDetailText(bounded, RUB, 'ru-RU')).toBe('3 x 500,00\u00a0₽; увеличено до минимума 2\u00a0000,00\u00a0₽');
    expect(lineDetailText(packages, { currency: 'EUR', minorDigits: 2 }, 'fr-FR')).toBe('3 forfaits x 1\u202f000,00\u00a0€ (2\u202f501 unités, 1\u202f000 par forfait, 500 offertes)');
    expect(lineDetailText(skipped, RUB, 'sr-Latn-RS')).toBe('nije obračunato: when je netačno');
    expect(adjustmentLabel({ id: 'limits.min' }, 'ru-RU')).toBe('Минимальная сумма счёта');
  });
});
