// Corrections of issued invoices (src/invoice/correction.ts): per-line differences, taxes and the
// total, read back from invoice JSON; the sum invariant as a property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCorrection, correctionName, invoiceAmounts, invoiceNumber, parseMinor } from '../../../src/invoice/correction.js';
import { formatMinor } from '../../../src/numbers/money.js';
import { renderCorrectionJson } from '../../../src/report/correction.js';

interface Doc {
  lines: { id: string; amount: bigint }[];
  taxes: { id: string; amount: bigint }[];
}

function invoiceJson(d: Doc, digits: number): string {
  const sum = (xs: { amount: bigint }[]): bigint => xs.reduce((s, x) => s + x.amount, 0n);
  const m = (v: bigint): string => formatMinor(v, digits);
  const total = sum(d.lines);
  return JSON.stringify({
    contract: 'c',
    version: 1,
    period: '2026-10',
    currency: digits === 0 ? 'JPY' : 'RUB',
    lines: d.lines.map((l) => ({ id: l.id, label: l.id, amount: m(l.amount) })),
    adjustments: [],
    ...(d.taxes.length === 0 ? {} : { taxes: d.taxes.map((t) => ({ id: t.id, label: t.id, amount: m(t.amount) })), total_payable: m(total + sum(d.taxes)) }),
    total: m(total),
  });
}

const doc = (withTaxes: boolean): fc.Arbitrary<Doc> =>
  fc.record({
    lines: fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), amount: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }) }), { selector: (l) => l.id, maxLength: 5 }),
    taxes: withTaxes ? fc.uniqueArray(fc.record({ id: fc.constantFrom('vat20', 'vat10'), amount: fc.bigInt({ min: 0n, max: 10n ** 11n }) }), { selector: (l) => l.id, minLength: 1, maxLength: 2 }) : fc.constant([]),
  });

describe('computeCorrection', () => {
  it('line and tax differences always sum to the total difference (with and without taxes)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(0, 2, 3), fc.boolean().chain((t) => fc.tuple(doc(t), doc(t))), (_, digits, [a, b]) => {
        const c = computeCorrection(invoiceAmounts(invoiceJson(a, digits)), invoiceAmounts(invoiceJson(b, digits)), 'c-2026-10', 1);
        if (c === undefined) return;
        const sum = [...c.lines, ...c.taxes].reduce((s, l) => s + l.difference, 0n);
        expect(sum).toBe(c.total.difference);
        expect(c.total.now - c.total.issued).toBe(c.total.difference);
        // Read back from its own JSON, a correction is the next one's base with the new amounts.
        expect(invoiceAmounts(renderCorrectionJson(c)).total).toBe(c.total.now);
      }),
      { numRuns: 300 },
    );
  });

  it('no money difference: no correction', () => {
    const d: Doc = { lines: [{ id: 'a', amount: 100n }], taxes: [] };
    expect(computeCorrection(invoiceAmounts(invoiceJson(d, 2)), invoiceAmounts(invoiceJson(d, 2)), 'n', 1)).toBeUndefined();
  });

  it('names and amounts: -C01, -C02; decimal strings to minor units without floats', () => {
    expect(correctionName('acme-smm-2026-10', 1)).toBe('acme-smm-2026-10-C01');
    expect(correctionName('INV-7', 12)).toBe('INV-7-C12');
    expect(parseMinor('-1234.50', 2)).toBe(-123450n);
    expect(parseMinor('1200', 0)).toBe(1200n);
    expect(() => parseMinor('1.234', 2)).toThrow();
  });

  it('is named after the issued invoice number of "invoice": { number } (SPEC 11: <number>-C01), else <contract>-<period>', () => {
    const issued = JSON.parse(invoiceJson({ lines: [{ id: 'a', amount: 100n }], taxes: [] }, 2)) as Record<string, unknown>;
    const numbered = JSON.stringify({ ...issued, invoice: { number: 'NS-c-202610', issue_date: '2026-11-05', due_date: '2026-11-15' } });
    expect(invoiceNumber(invoiceAmounts(numbered))).toBe('NS-c-202610');
    expect(invoiceNumber(invoiceAmounts(JSON.stringify(issued)))).toBe('c-2026-10');
  });
});
