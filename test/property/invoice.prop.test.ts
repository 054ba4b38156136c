// Properties of priceInvoice (stage 8): the total is the sum of lines and adjustments, limits and
// per-line bounds hold on the rounded amounts, rounding moves a line by at most half a minor unit
// unless a bound (rounded the safe way) holds it, results repeat.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { priceInvoice } from '../../src/invoice/price-invoice.js';
import { minorToRational } from '../../src/numbers/money.js';
import type { Rational } from '../../src/numbers/rational.js';
import { money } from '../../src/language/value-types.js';
import { amountForm, cond, fakeExpr, payment, periodResult, type ResultSpec } from '../helpers/invoice-fakes.js';

const RUNS = { seed: 42, numRuns: 200 } as const;

/** Amounts with sub-minor and non-decimal parts, both signs. */
const amount: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt(-5_000_000n, 10_000_000n), fc.constantFrom(1n, 3n, 8n, 100n, 1000n))
  .map(([n, d]) => new Fraction(n, d));
const gap: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt(0n, 5_000_000n), fc.constantFrom(1n, 3n, 100n, 1000n))
  .map(([n, d]) => new Fraction(n, d));

interface LineSpec {
  readonly value: Rational;
  readonly when?: boolean;
  readonly min?: Rational;
  readonly max?: Rational;
}

/** Optional min and max with min <= max when both are present. */
const bounds = fc
  .record({ low: fc.option(amount, { nil: undefined }), width: fc.option(gap, { nil: undefined }) })
  .map(({ low, width }) => ({ min: low, max: width === undefined ? undefined : (low ?? new Fraction(0)).add(width) }));

const line: fc.Arbitrary<LineSpec> = fc
  .tuple(amount, fc.option(fc.boolean(), { nil: undefined }), bounds)
  .map(([value, when, b]) => ({
    value,
    ...(when === undefined ? {} : { when }),
    ...(b.min === undefined ? {} : { min: b.min }),
    ...(b.max === undefined ? {} : { max: b.max }),
  }));

const scenario = fc.record({
  currency: fc.constantFrom('RUB', 'JPY', 'KWD'),
  rounding: fc.constantFrom('half-even' as const, 'half-up' as const),
  lines: fc.array(line, { maxLength: 6 }),
  limits: fc.option(bounds, { nil: undefined }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function specOf(s: Scenario): ResultSpec {
  const m = (x: Rational) => fakeExpr(x, money(s.currency));
  return {
    currency: s.currency,
    rounding: s.rounding,
    payments: s.lines.map((l, i) =>
      payment({
        id: `p${i}`,
        pricing: amountForm(m(l.value)),
        ...(l.when === undefined ? {} : { when: cond(l.when) }),
        ...(l.min === undefined ? {} : { min: m(l.min) }),
        ...(l.max === undefined ? {} : { max: m(l.max) }),
      }),
    ),
    ...(s.limits === undefined
      ? {}
      : {
          limits: {
            ...(s.limits.min === undefined ? {} : { min: m(s.limits.min) }),
            ...(s.limits.max === undefined ? {} : { max: m(s.limits.max) }),
          },
        }),
  };
}

function clamp(x: Rational, min?: Rational, max?: Rational): Rational {
  if (min !== undefined && x.lt(min)) return min;
  if (max !== undefined && x.gt(max)) return max;
  return x;
}

describe('priceInvoice properties', () => {
  it('total = sum(lines) + sum(adjustments); limits are never crossed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = priceInvoice(periodResult(specOf(s)));
        const inv = result.value;
        if (inv === undefined) {
          // Only limits that leave no whole minor amount between them may fail (E076).
          expect(result.diagnostics.map((d) => d.code)).toEqual(['E076']);
          return;
        }
        const sum = inv.lines.reduce((a, l) => a + l.amount, 0n);
        expect(inv.adjustments.reduce((a, x) => a + x.amount, sum)).toBe(inv.total);
        const total = minorToRational(inv.total, inv.minorDigits);
        if (s.limits?.max !== undefined) expect(total.lte(s.limits.max)).toBe(true);
        if (s.limits?.min !== undefined) expect(total.gte(s.limits.min)).toBe(true);
        expect(inv.adjustments.filter((a) => a.amount !== 0n).length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('each line is its bounded exact amount rounded, then held inside its bounds rounded the safe way (max down, min up)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = priceInvoice(periodResult(specOf({ ...s, limits: undefined })));
        const inv = result.value;
        const scale = (digits: number): Rational => new Fraction(10n ** BigInt(digits));
        if (inv === undefined) {
          // Only a line whose bounds hold no whole minor amount may fail (E076).
          expect(result.diagnostics.map((d) => d.code)).toEqual(['E076']);
          return;
        }
        const unit = new Fraction(1n, 10n ** BigInt(inv.minorDigits));
        inv.lines.forEach((l, i) => {
          const spec = s.lines[i];
          if (spec === undefined) throw new Error('line count');
          if (spec.when === false) {
            expect(l.applied).toBe(false);
            expect(l.amount).toBe(0n);
            return;
          }
          const bounded = clamp(spec.value, spec.min, spec.max);
          const amount = minorToRational(l.amount, inv.minorDigits);
          // The bounds hold on the rounded amount, and it is within one minor unit of the bounded exact one.
          if (spec.max !== undefined) expect(amount.lte(spec.max)).toBe(true);
          if (spec.min !== undefined) expect(amount.gte(spec.min)).toBe(true);
          expect(amount.sub(bounded).abs().lt(unit)).toBe(true);
          // Without bounds that cut it, rounding moves the amount by at most half a minor unit.
          const lo = spec.min === undefined ? undefined : spec.min.mul(scale(inv.minorDigits)).ceil().div(scale(inv.minorDigits));
          const hi = spec.max === undefined ? undefined : spec.max.mul(scale(inv.minorDigits)).floor().div(scale(inv.minorDigits));
          if (!(lo !== undefined && amount.equals(lo)) && !(hi !== undefined && amount.equals(hi))) expect(amount.sub(bounded).abs().lte(unit.div(2))).toBe(true);
          expect(l.exact.equals(spec.value)).toBe(true);
          if (bounded.equals(spec.value) && l.bound !== undefined) expect(amount.equals(lo ?? hi ?? amount)).toBe(true);
        });
        expect(inv.total).toBe(inv.lines.reduce((a, l) => a + l.amount, 0n));
      }),
      RUNS,
    );
  });

  it('is deterministic: the same inputs give the same invoice', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const spec = specOf(s);
        expect(priceInvoice(periodResult(spec))).toEqual(priceInvoice(periodResult(spec)));
      }),
      RUNS,
    );
  });
});
