// Stage 9: the worked examples of SPEC 10 and the rules around them (line rates, limits, exempt).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTaxes } from '../../../src/taxes/apply-taxes.js';
import { shareAdjustment } from '../../../src/taxes/allocate.js';
import { ratesDecl } from './tax-fixtures.js';

const VAT = ['vat'];

describe('SPEC 10 worked examples', () => {
  it('3 lines of 333.33 RUB at 22%: invoice rounding 220.00, line rounding 219.99', () => {
    const lines = [33333n, 33333n, 33333n].map((amount) => ({ amount, rates: VAT }));
    const invoice = computeTaxes(lines, 0n, ratesDecl({ vat: '0.22' }, 'exclusive', 'invoice'), 2, 'half-even');
    const line = computeTaxes(lines, 0n, ratesDecl({ vat: '0.22' }, 'exclusive', 'line'), 2, 'half-even');
    expect(invoice.taxes[0]?.amount).toBe(22000n);
    expect(line.taxes[0]?.amount).toBe(21999n);
    expect(invoice.total).toBe(99999n + 22000n);
    expect(line.total).toBe(99999n + 21999n);
  });

  it('106 000.00 RUB exclusive at 22%: tax 23 320.00, total 129 320.00', () => {
    const r = computeTaxes([{ amount: 10600000n, rates: VAT }], 0n, ratesDecl({ vat: '0.22' }), 2, 'half-even');
    expect(r).toEqual({
      subtotal: 10600000n,
      taxes: [{ id: 'vat', label: 'VAT', rate: '0.22', base: 10600000n, amount: 2332000n }],
      net: 10600000n,
      total: 12932000n,
      prices: 'exclusive',
    });
  });

  it('106 000.00 RUB inclusive at 22%: tax 19 114.75, net 86 885.25', () => {
    const r = computeTaxes([{ amount: 10600000n, rates: VAT }], 0n, ratesDecl({ vat: '0.22' }, 'inclusive'), 2, 'half-even');
    expect(r.taxes[0]?.amount).toBe(1911475n);
    expect(r.taxes[0]?.base).toBe(8688525n);
    expect(r.net).toBe(8688525n);
    expect(r.total).toBe(10600000n);
    expect(r.subtotal).toBe(10600000n);
  });
});

describe('lines, limits and exemptions', () => {
  it('without tax: total = subtotal = net and no taxes', () => {
    const r = computeTaxes([{ amount: 500n, rates: [] }], -100n, undefined, 2, 'half-even');
    expect(r).toEqual({ subtotal: 400n, taxes: [], net: 400n, total: 400n });
  });

  it('exempt: no taxes, the text kept for the documents', () => {
    const r = computeTaxes([{ amount: 500n, rates: [] }], 0n, { kind: 'exempt', text: 'Без НДС', span: { file: 'x', start: 0, end: 0 } }, 2, 'half-even');
    expect(r).toEqual({ subtotal: 500n, taxes: [], net: 500n, total: 500n, exempt: 'Без НДС' });
  });

  it('a line with tax: [] is not in any base; its share of a limit is not taxed either', () => {
    // Lines 600 (taxed) and 400 (untaxed), max limit cuts 100: shares 60 and 40.
    const lines = [{ amount: 60000n, rates: VAT }, { amount: 40000n, rates: [] }];
    const r = computeTaxes(lines, -10000n, ratesDecl({ vat: '0.2' }), 2, 'half-even');
    expect(r.subtotal).toBe(90000n);
    expect(r.taxes[0]?.base).toBe(54000n);
    expect(r.taxes[0]?.amount).toBe(10800n);
    expect(r.total).toBe(100800n);
  });

  it('two rates on one inclusive line: net = gross / (1 + sum of rates)', () => {
    const r = computeTaxes([{ amount: 13000n, rates: ['a', 'b'] }], 0n, ratesDecl({ a: '0.2', b: '0.1' }, 'inclusive'), 2, 'half-even');
    expect(r.taxes.map((t) => [t.base, t.amount])).toEqual([[10000n, 2000n], [10000n, 1000n]]);
    expect(r.net).toBe(10000n);
    expect(r.total).toBe(13000n);
  });

  it('a binding limit with no lines carries every rate', () => {
    const r = computeTaxes([], 100000n, ratesDecl({ vat: '0.2' }), 2, 'half-even');
    expect(r.taxes[0]?.base).toBe(100000n);
    expect(r.total).toBe(120000n);
  });

  it('the contract rounding mode decides ties', () => {
    // 0.05 x 30% = 0.015 -> 0.02 (half-even: 1 is odd); 0.05 x 50% = 0.025 -> 0.02 half-even, 0.03 half-up.
    const tie = [{ amount: 5n, rates: VAT }];
    expect(computeTaxes(tie, 0n, ratesDecl({ vat: '0.3' }), 2, 'half-even').taxes[0]?.amount).toBe(2n);
    expect(computeTaxes([{ amount: 5n, rates: VAT }], 0n, ratesDecl({ vat: '0.5' }), 2, 'half-even').taxes[0]?.amount).toBe(2n);
    expect(computeTaxes([{ amount: 5n, rates: VAT }], 0n, ratesDecl({ vat: '0.5' }), 2, 'half-up').taxes[0]?.amount).toBe(3n);
  });
});

describe('shareAdjustment', () => {
  it('shares in proportion, whole units, summing exactly', () => {
    expect(shareAdjustment([100n, 200n], -30n)).toEqual([90n, 180n]);
    expect(shareAdjustment([1n, 1n, 1n], 1n)).toEqual([2n, 1n, 1n]);
    expect(shareAdjustment([0n, 0n], 5n)).toEqual([3n, 2n]);
    expect(shareAdjustment([], 5n)).toEqual([]);
  });
});

// computeTaxes taxes a rate every line carries on the subtotal, without sharing the adjustment
// among the lines: sound only because the split does not change the result in those cases.
describe('lines that all carry every rate', () => {
  const amounts = fc.array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 12n }), { maxLength: 6 });
  const adjustment = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 9n });
  const decls = [undefined, { kind: 'exempt', text: 'Exempt', span: { file: 't.yaml', start: 0, end: 0 } } as const, ratesDecl({ vat: '0.22', city: '0.035' }, 'exclusive', 'invoice')];

  it('give the taxes of one line of their sum (no tax, exempt, exclusive rounded per invoice)', () => {
    fc.assert(
      fc.property(amounts, adjustment, fc.constantFrom(...decls), fc.constantFrom('half-even' as const, 'half-up' as const), (xs, adj, tax, mode) => {
        const rates = ['vat', 'city'];
        const split = computeTaxes(xs.map((amount) => ({ amount, rates })), adj, tax, 2, mode);
        const whole = computeTaxes([{ amount: xs.reduce((s, x) => s + x, 0n), rates }], adj, tax, 2, mode);
        expect(whole).toEqual(split);
      }),
    );
  });
});
