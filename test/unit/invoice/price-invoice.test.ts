import { describe, expect, it } from 'vitest';
import { priceInvoice } from '../../../src/invoice/price-invoice.js';
import type { Invoice } from '../../../src/evaluate/results.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import {
  amountForm,
  at,
  cond,
  fakeExpr,
  missing,
  num,
  packageForm,
  payment,
  periodResult,
  priceForm,
  rub,
  tiersForm,
  type ResultSpec,
} from '../../helpers/invoice-fakes.js';
import { money } from '../../../src/language/value-types.js';
import { r } from '../../helpers/invoice-fakes.js';
import { lineDetailText } from '../../../src/report/line-detail.js';

/** Line `i` with its detail as the sentence every report shows (report/line-detail.ts). */
function shown(inv: Invoice, i: number): Record<string, unknown> {
  const line = inv.lines[i];
  return line === undefined ? {} : { ...line, detail: lineDetailText(line, inv) };
}

function invoice(spec: ResultSpec): Invoice {
  const result = priceInvoice(periodResult(spec));
  expect(result.diagnostics).toEqual([]);
  if (result.value === undefined) throw new Error('no invoice');
  return result.value;
}

function failures(spec: ResultSpec): readonly Diagnostic[] {
  const result = priceInvoice(periodResult(spec));
  expect(result.value).toBeUndefined();
  return result.diagnostics;
}

const amounts = (inv: Invoice): bigint[] => inv.lines.map((l) => l.amount);

describe('priceInvoice: the spec example', () => {
  const acme = (leads: string, when = true): ResultSpec => ({
    payments: [
      payment({ id: 'retainer', pricing: amountForm(rub('50000')) }),
      payment({ id: 'leads', pricing: priceForm(num(leads), rub('500')), when: cond(when) }),
      payment({ id: 'direct_bonus', pricing: amountForm(rub('10000')), when: cond(when) }),
    ],
    limits: { max: rub('150000') },
  });

  it('prices every line and a non-binding cap', () => {
    const inv = invoice(acme('92'));
    expect(inv.currency).toBe('RUB');
    expect(inv.minorDigits).toBe(2);
    expect(amounts(inv)).toEqual([5000000n, 4600000n, 1000000n]);
    expect(shown(inv, 1)).toMatchObject({ id: 'leads', applied: true, detail: '92 x 500.00 RUB' });
    expect(inv.lines[1]?.quantity?.toString()).toBe('92');
    expect(inv.lines[1]?.unitPrice?.toString()).toBe('500');
    expect(inv.adjustments).toEqual([{ id: 'limits.max', amount: 0n, reason: 'not-binding', limit: 15000000n }]);
    expect(inv.total).toBe(10600000n);
  });

  it('caps the total at limits.max with a negative adjustment', () => {
    const inv = invoice(acme('250'));
    expect(amounts(inv)).toEqual([5000000n, 12500000n, 1000000n]);
    expect(inv.adjustments[0]?.amount).toBe(-3500000n);
    expect(inv.total).toBe(15000000n);
  });

  it('gives a non-applied line exactly zero and does not evaluate it', () => {
    const spec: ResultSpec = {
      payments: [
        payment({
          id: 'leads',
          when: cond(false),
          pricing: priceForm(missing('metric "leads" is missing', at(40, 45), at(70, 75)), rub('500')),
          min: rub('1000'),
        }),
      ],
    };
    const inv = invoice(spec);
    expect(shown(inv, 0)).toMatchObject({ applied: false, amount: 0n, detail: 'not applied: when is false' });
    expect(inv.lines[0]?.detail).toEqual({ kind: 'not-applied', reason: 'when-false' });
    expect(inv.lines[0]?.bound).toBeUndefined();
    expect(inv.total).toBe(0n);
    expect(inv.adjustments).toEqual([]);
  });
});

describe('priceInvoice: pricing forms', () => {
  it('explains graduated tiers slice by slice', () => {
    const tiers = [{ upTo: '50', price: rub('400') }, { upTo: '100', price: rub('350') }, { price: rub('300') }];
    const inv = invoice({ payments: [payment({ id: 't', pricing: tiersForm(num('92'), 'graduated', tiers) })] });
    expect(shown(inv, 0)).toMatchObject({ amount: 3470000n, detail: '50 x 400.00 + 42 x 350.00 RUB (graduated)' });
    // The facts behind the sentence: each slice's tier, quantity and price.
    const d = inv.lines[0]?.detail;
    if (d?.kind !== 'priced' || d.pricing.form !== 'tiers') throw new Error('expected tiers');
    expect(d.pricing.mode).toBe('graduated');
    expect(d.pricing.slices.map((s) => [s.tier, String(s.quantity), String(s.price)])).toEqual([[0, '50', '400'], [1, '42', '350']]);
    expect(inv.lines[0]?.unitPrice).toBeUndefined();
  });

  it('explains volume tiers with the tier used, its price and flat', () => {
    const tiers = [{ upTo: '50', price: rub('400') }, { price: rub('350'), flat: rub('1000') }];
    const inv = invoice({ payments: [payment({ id: 't', pricing: tiersForm(num('92'), 'volume', tiers) })] });
    expect(shown(inv, 0)).toMatchObject({ amount: 3320000n, detail: '92 x 350.00 + 1000.00 flat RUB (volume, tier 2)' });
    expect(inv.lines[0]?.unitPrice?.toString()).toBe('350');
  });

  it('treats a tier without price as price zero (flat only)', () => {
    const tiers = [{ upTo: '10', flat: rub('500') }, { price: rub('20') }];
    const inv = invoice({ payments: [payment({ id: 't', pricing: tiersForm(num('12'), 'graduated', tiers) })] });
    expect(inv.lines[0]?.amount).toBe(54000n);
  });

  it('prices a zero quantity of tiers at nothing', () => {
    const tiers = [{ upTo: '10', price: rub('1'), flat: rub('500') }, { price: rub('20') }];
    const inv = invoice({ payments: [payment({ id: 't', pricing: tiersForm(num('0'), 'graduated', tiers) })] });
    expect(shown(inv, 0)).toMatchObject({ amount: 0n, detail: '0: no tier reached', applied: true });
  });

  it('prices started packages after free units', () => {
    const inv = invoice({
      payments: [
        payment({ id: 'reach', pricing: packageForm(num('1001'), '1000', rub('1000')) }),
        payment({ id: 'reach_free', pricing: packageForm(num('2501'), '1000', rub('1000'), '500') }),
        payment({ id: 'below_free', pricing: packageForm(num('500'), '1000', rub('1000'), '500') }),
      ],
    });
    expect(amounts(inv)).toEqual([200000n, 300000n, 0n]);
    expect(shown(inv, 0)['detail']).toBe('2 packages x 1000.00 RUB (1001 units, 1000 per package)');
    expect(shown(inv, 1)['detail']).toBe('3 packages x 1000.00 RUB (2501 units, 1000 per package, 500 free)');
    expect(inv.lines[1]?.detail).toMatchObject({ kind: 'priced', pricing: { form: 'package', packages: 3n } });
  });

  it('keeps negative amounts and negative pay-per-result as credits', () => {
    const inv = invoice({
      payments: [
        payment({ id: 'fee', pricing: amountForm(rub('1000')) }),
        payment({ id: 'credit', pricing: amountForm(rub('-250.5')) }),
        payment({ id: 'returns', pricing: priceForm(num('-2'), rub('100')) }),
      ],
    });
    expect(amounts(inv)).toEqual([100000n, -25050n, -20000n]);
    expect(inv.total).toBe(54950n);
    expect(shown(inv, 1)['detail']).toBe('-250.50 RUB');
  });
});

describe('priceInvoice: line keys', () => {
  // Lines are built by separate paths (unbounded amount/price lines as literals, bounded ones key
  // by key); every path keeps the documented key order (SPEC 5 JSON is written in this order).
  it('keeps the documented key order on every kind of line', () => {
    const inv = invoice({
      payments: [
        payment({ id: 'a', pricing: amountForm(rub('10')) }),
        payment({ id: 'p', pricing: priceForm(num('3'), rub('500')) }),
        payment({ id: 'b', pricing: priceForm(num('3'), rub('500')), min: rub('2000') }),
        payment({ id: 'u', pricing: priceForm(num('3'), rub('500')), max: rub('99999') }),
        payment({ id: 'w', when: cond(false), pricing: amountForm(rub('10')) }),
      ],
    });
    expect(inv.lines.map((l) => Object.keys(l))).toEqual([
      ['id', 'label', 'applied', 'exact', 'amount', 'detail'],
      ['id', 'label', 'applied', 'quantity', 'unitPrice', 'exact', 'amount', 'detail'],
      ['id', 'label', 'applied', 'quantity', 'unitPrice', 'exact', 'amount', 'bound', 'detail'],
      ['id', 'label', 'applied', 'quantity', 'unitPrice', 'exact', 'amount', 'detail'],
      ['id', 'label', 'applied', 'exact', 'amount', 'detail'],
    ]);
  });
});

describe('priceInvoice: per-line bounds', () => {
  it('raises a line to its min and records the bound', () => {
    const inv = invoice({ payments: [payment({ id: 'l', pricing: priceForm(num('3'), rub('500')), min: rub('2000') })] });
    expect(shown(inv, 0)).toMatchObject({ amount: 200000n, bound: 'min', detail: '3 x 500.00 RUB; raised to min 2000.00 RUB' });
    expect(inv.lines[0]?.exact.toString()).toBe('1500');
    const d = inv.lines[0]?.detail;
    if (d?.kind !== 'priced' || d.bound === undefined) throw new Error('expected a bound');
    expect([d.bound.bound, String(d.bound.amount), String(d.bound.change)]).toEqual(['min', '2000', '500']);
  });

  it('caps a line at its max', () => {
    const inv = invoice({ payments: [payment({ id: 'l', pricing: priceForm(num('300'), rub('500')), max: rub('100000') })] });
    expect(inv.lines[0]).toMatchObject({ amount: 10000000n, bound: 'max' });
  });

  it('leaves a line within its bounds unchanged', () => {
    const inv = invoice({
      payments: [payment({ id: 'l', pricing: priceForm(num('30'), rub('500')), min: rub('1000'), max: rub('100000') })],
    });
    expect(inv.lines[0]?.amount).toBe(1500000n);
    expect(inv.lines[0]?.bound).toBeUndefined();
  });

  it('holds the max on the rounded amount: 10.01 against a max of 10.005 is 10.00, in both rounding modes', () => {
    for (const rounding of ['half-up', 'half-even'] as const) {
      const inv = invoice({ rounding, payments: [payment({ id: 'l', pricing: amountForm(rub('10.01')), max: rub('10.005') })] });
      expect(inv.lines[0]).toMatchObject({ amount: 1000n, bound: 'max' });
      expect(inv.total).toBe(1000n);
    }
  });

  it('holds the min on the rounded amount: 9 against a min of 9.994 is 10.00 (not 9.99)', () => {
    const inv = invoice({ payments: [payment({ id: 'l', pricing: amountForm(rub('9')), min: rub('9.994') })] });
    expect(shown(inv, 0)).toMatchObject({ amount: 1000n, bound: 'min', detail: '9.00 RUB; raised to min 10.00 RUB' });
  });

  it('a rounded amount inside the rounded bounds is left alone', () => {
    const inv = invoice({ payments: [payment({ id: 'l', pricing: amountForm(rub('10.004')), max: rub('10.005') })] });
    expect(inv.lines[0]?.amount).toBe(1000n);
    expect(inv.lines[0]?.bound).toBeUndefined();
  });

  it('rejects bounds that hold no whole minor unit (10.001 to 10.009: E076)', () => {
    const max = rub('10.009', at(300, 303));
    const d = failures({ payments: [payment({ id: 'l', pricing: amountForm(rub('10')), min: rub('10.001'), max })] });
    expect(d.map((x) => [x.code, x.message])).toEqual([['E076', 'payment "l" (bounds in whole minor units: min rounded up, max down): min 10.01 is above max 10.00']]);
  });

  it('rejects a min above the max at run time (E076 at the max)', () => {
    const max = rub('100', at(300, 303));
    const d = failures({ payments: [payment({ id: 'l', pricing: amountForm(rub('5')), min: rub('200'), max })] });
    expect(d.map((x) => [x.code, x.span])).toEqual([['E076', at(300, 303)]]);
  });
});

describe('priceInvoice: limits', () => {
  const lines = (a: string) => [payment({ id: 'a', pricing: amountForm(rub(a)) })];

  it('raises the total to limits.min', () => {
    const inv = invoice({ payments: lines('800'), limits: { min: rub('1000'), max: rub('5000') } });
    expect(inv.adjustments.map((a) => [a.id, a.amount])).toEqual([
      ['limits.min', 20000n],
      ['limits.max', 0n],
    ]);
    expect(inv.total).toBe(100000n);
  });

  it('shows both limits at zero when neither binds', () => {
    const inv = invoice({ payments: lines('3000'), limits: { min: rub('1000'), max: rub('5000') } });
    expect(inv.adjustments.map((a) => a.amount)).toEqual([0n, 0n]);
    expect(inv.total).toBe(300000n);
  });

  it('lands exactly on a limit that equals the sum', () => {
    const inv = invoice({ payments: lines('5000'), limits: { min: rub('5000'), max: rub('5000') } });
    expect(inv.adjustments.map((a) => a.amount)).toEqual([0n, 0n]);
    expect(inv.total).toBe(500000n);
  });

  it('rounds a fractional max down and a fractional min up, so neither is crossed', () => {
    const capped = invoice({ payments: lines('200'), limits: { max: rub('100.005') } });
    expect(capped.total).toBe(10000n);
    const raised = invoice({ payments: lines('50'), limits: { min: rub('100.001') } });
    expect(raised.total).toBe(10001n);
  });

  it('reports a limit without a value (E072) and gives no invoice', () => {
    const max = missing('metric "budget" is missing', at(900, 910), at(920, 926));
    const d = failures({ payments: lines('10'), limits: { max } });
    expect(d.map((x) => [x.code, x.span])).toEqual([['E072', at(900, 910)]]);
    expect(d[0]?.labels?.[0]?.span).toEqual(at(920, 926));
  });

  it('reports a minimum above the maximum at run time (E076)', () => {
    const d = failures({ payments: lines('10'), limits: { min: rub('10.001'), max: rub('10.009') } });
    expect(d.map((x) => x.code)).toEqual(['E076']);
  });
});

describe('priceInvoice: rounding per line', () => {
  const tie = (rounding: 'half-even' | 'half-up', currency = 'RUB', value = '0.125') =>
    invoice({
      currency,
      rounding,
      payments: [payment({ id: 'x', pricing: amountForm(fakeExpr(r(value), money(currency))) })],
    });

  it('rounds ties half-even or half-up with the contract mode', () => {
    expect(tie('half-even').lines[0]?.amount).toBe(12n);
    expect(tie('half-up').lines[0]?.amount).toBe(13n);
    expect(tie('half-even').lines[0]?.exact.toString()).toBe('0.125');
    expect(tie('half-even', 'RUB', '-0.125').lines[0]?.amount).toBe(-12n);
    expect(tie('half-up', 'RUB', '-0.125').lines[0]?.amount).toBe(-13n);
  });

  it('uses 0 digits for JPY and 3 for KWD', () => {
    const jpy = tie('half-even', 'JPY', '1200.5');
    expect(jpy.minorDigits).toBe(0);
    expect(jpy.lines[0]?.amount).toBe(1200n);
    expect(tie('half-up', 'JPY', '1200.5').lines[0]?.amount).toBe(1201n);
    const kwd = tie('half-even', 'KWD', '1.2505');
    expect(kwd.minorDigits).toBe(3);
    expect(kwd.lines[0]?.amount).toBe(1250n);
    expect(tie('half-up', 'KWD', '1.2505').lines[0]?.amount).toBe(1251n);
  });

  it('rounds each line, so the total is the sum of rounded lines', () => {
    const inv = invoice({
      payments: [
        payment({ id: 'a', pricing: amountForm(rub('0.125')) }),
        payment({ id: 'b', pricing: amountForm(rub('0.125')) }),
      ],
    });
    expect(inv.total).toBe(24n);
  });
});

describe('priceInvoice: errors', () => {
  it('reports a when without a value (E071 at when, cause as label)', () => {
    const when = fakeExpr({ kind: 'NoData', reason: 'KPI "q" has no data', span: at(60, 70) }, undefined, at(50, 58));
    const d = failures({ payments: [payment({ id: 'leads', when, pricing: amountForm(rub('1')) })] });
    expect(d.map((x) => [x.code, x.span])).toEqual([['E071', at(50, 58)]]);
    expect(d[0]?.labels?.map((l) => l.span)).toEqual([at(60, 70)]);
    expect(d[0]?.data).toMatchObject({ payment: 'leads', part: 'when' });
  });

  it('reports every missing part of every line, and no partial invoice', () => {
    const d = failures({
      payments: [
        payment({ id: 'ok', pricing: amountForm(rub('1')) }),
        payment({
          id: 'leads',
          pricing: priceForm(missing('no leads', at(100, 105), at(100, 105)), missing('no price', at(110, 115), at(130, 140))),
        }),
        payment({ id: 'fee', pricing: amountForm(rub('1')), max: missing('no cap', at(200, 203), at(210, 215)) }),
      ],
    });
    expect(d.map((x) => [x.code, x.span.start])).toEqual([
      ['E071', 100],
      ['E071', 110],
      ['E071', 200],
    ]);
    expect(d[0]?.labels).toBeUndefined();
  });

  it('rejects a negative quantity for tiers and packages (E075 at the quantity)', () => {
    const tiers = [{ upTo: '10', price: rub('1') }, { price: rub('2') }];
    const d = failures({
      payments: [
        payment({ id: 't', pricing: tiersForm(num('-1', at(10, 12)), 'graduated', tiers) }),
        payment({ id: 'p', pricing: packageForm(num('-5', at(20, 22)), '1000', rub('1')) }),
      ],
    });
    expect(d.map((x) => [x.code, x.span])).toEqual([
      ['E075', at(10, 12)],
      ['E075', at(20, 22)],
    ]);
  });

  it('reports malformed tiers that reached the engine (E051)', () => {
    const tiers = [{ upTo: '10', price: rub('1') }, { upTo: '5', price: rub('1') }, { price: rub('2') }];
    const d = failures({ payments: [payment({ id: 't', pricing: tiersForm(num('1'), 'volume', tiers) })] });
    expect(d.map((x) => x.code)).toEqual(['E051']);
  });

  it('reports an unknown currency (E055 at the currency)', () => {
    const d = failures({ currency: 'XAU', payments: [] });
    expect(d.map((x) => [x.code, x.span])).toEqual([['E055', at(10, 13)]]);
  });
});
