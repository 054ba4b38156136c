// Properties of applyTaxes (stage 9) over random lines, limit adjustments, rates, line rate sets,
// prices, rounding levels and modes, and minor digits: total = net + sum of taxes, exactly, always.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import type { TaxPrices, TaxRoundingLevel } from '../../src/contract/model.js';
import { roundToMinor, type RoundingMode } from '../../src/numbers/money.js';
import { shareAdjustment } from '../../src/taxes/allocate.js';
import { computeTaxes, type TaxLine } from '../../src/taxes/apply-taxes.js';
import { ratesDecl } from '../unit/taxes/tax-fixtures.js';

const RUNS = { seed: 15, numRuns: 400 } as const;
const IDS = ['vat', 'city', 'eco'] as const;

/** Rates written as a contract would: 0% to 100% with up to 3 decimals of a percent. */
const rate = fc.integer({ min: 0, max: 100_000 }).map((n) => new Fraction(n, 100_000).toString(8).replace(/\.?0+$/, '') || '0');

const scenario = fc.record({
  rates: fc.tuple(rate, rate, rate).chain(([a, b, c]) => fc.integer({ min: 1, max: 3 }).map((k) => Object.fromEntries(IDS.slice(0, k).map((id, i) => [id, [a, b, c][i] ?? '0'])))),
  lines: fc.array(fc.record({ amount: fc.bigInt(-2_000_000n, 50_000_000n), mask: fc.integer({ min: 0, max: 7 }) }), { maxLength: 8 }),
  adjustment: fc.oneof(fc.constant(0n), fc.bigInt(-50_000_000n, 50_000_000n)),
  prices: fc.constantFrom<TaxPrices>('exclusive', 'inclusive'),
  level: fc.constantFrom<TaxRoundingLevel>('invoice', 'line'),
  mode: fc.constantFrom<RoundingMode>('half-even', 'half-up'),
  digits: fc.constantFrom(0, 2, 3),
});

describe('applyTaxes properties', () => {
  it('total = net + sum(taxes.amount) exactly; subtotal = lines + adjustment; prices fix one side', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ids = Object.keys(s.rates);
        const lines: TaxLine[] = s.lines.map((l) => ({ amount: l.amount, rates: ids.filter((_, i) => (l.mask & (1 << i)) !== 0) }));
        const r = computeTaxes(lines, s.adjustment, ratesDecl(s.rates, s.prices, s.level), s.digits, s.mode);
        const taxSum = r.taxes.reduce((a, t) => a + t.amount, 0n);
        expect(r.total).toBe(r.net + taxSum);
        expect(r.subtotal).toBe(lines.reduce((a, l) => a + l.amount, s.adjustment));
        if (s.prices === 'exclusive') expect(r.net).toBe(r.subtotal);
        else expect(r.total).toBe(r.subtotal);
        expect(r.taxes.map((t) => t.id)).toEqual(ids);
      }),
      RUNS,
    );
  });

  it('invoice rounding is within half a minor unit of the exact tax; line rounding within half a unit per line', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ids = Object.keys(s.rates);
        const lines: TaxLine[] = s.lines.map((l) => ({ amount: l.amount, rates: ids }));
        const inv = computeTaxes(lines, s.adjustment, ratesDecl(s.rates, s.prices, 'invoice'), s.digits, s.mode);
        const per = computeTaxes(lines, s.adjustment, ratesDecl(s.rates, s.prices, 'line'), s.digits, s.mode);
        const n = BigInt(Math.max(1, lines.length));
        for (let i = 0; i < ids.length; i++) {
          const a = inv.taxes[i]?.amount ?? 0n;
          const b = per.taxes[i]?.amount ?? 0n;
          // Each line's rounding moves it by at most half a unit: the two levels differ by < n/2 + 1/2.
          const diff = a > b ? a - b : b - a;
          expect(diff * 2n <= n + 1n).toBe(true);
        }
        expect(inv.subtotal).toBe(per.subtotal);
      }),
      RUNS,
    );
  });

  it('prices without tax: each rate is the sum of the lines\' exact taxes, rounded as the contract says (the reference, line by line)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ids = Object.keys(s.rates);
        const lines: TaxLine[] = s.lines.map((l) => ({ amount: l.amount, rates: ids.filter((_, i) => (l.mask & (1 << i)) !== 0) }));
        const r = computeTaxes(lines, s.adjustment, ratesDecl(s.rates, 'exclusive', s.level), s.digits, s.mode);
        const taxable = lines.length === 0 ? [{ amount: s.adjustment, rates: ids }] : shareAdjustment(lines.map((l) => l.amount), s.adjustment).map((amount, i) => ({ amount, rates: lines[i]?.rates ?? [] }));
        const scale = 10n ** BigInt(s.digits);
        ids.forEach((id, k) => {
          const rateValue = new Fraction(s.rates[id] ?? '0');
          let base = new Fraction(0);
          let exact = new Fraction(0);
          let perLine = 0n;
          for (const l of taxable.filter((t) => t.rates.includes(id))) {
            const gross = new Fraction(l.amount, scale);
            base = base.add(gross);
            exact = exact.add(gross.mul(rateValue));
            perLine += roundToMinor(gross.mul(rateValue), s.digits, s.mode);
          }
          expect(r.taxes[k]?.base).toBe(roundToMinor(base, s.digits, s.mode));
          expect(r.taxes[k]?.amount).toBe(s.level === 'line' ? perLine : roundToMinor(exact, s.digits, s.mode));
        });
      }),
      RUNS,
    );
  });

  it('same inputs, same result', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ids = Object.keys(s.rates);
        const lines: TaxLine[] = s.lines.map((l) => ({ amount: l.amount, rates: ids }));
        const decl = ratesDecl(s.rates, s.prices, s.level);
        expect(computeTaxes(lines, s.adjustment, decl, s.digits, s.mode)).toEqual(computeTaxes(lines, s.adjustment, decl, s.digits, s.mode));
      }),
      { ...RUNS, numRuns: 50 },
    );
  });
});
