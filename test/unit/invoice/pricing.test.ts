import { describe, expect, it } from 'vitest';
import {
  packageProblem,
  priceFixedQuantity,
  pricePackage,
  priceTiers,
  tierProblem,
  type TierPrice,
} from '../../../src/invoice/pricing.js';
import type { Rational } from '../../../src/numbers/rational.js';
import { InternalError } from '../../../src/diagnostics/diagnostic.js';
import { r } from '../../helpers/invoice-fakes.js';

const text = (x: Rational): string => x.toString();

/** up_to 50 at 400, up_to 100 at 350, the rest at 300 (no flats). */
const TIERS: TierPrice[] = [
  { upTo: r('50'), price: r('400'), flat: r('0') },
  { upTo: r('100'), price: r('350'), flat: r('0') },
  { price: r('300'), flat: r('0') },
];

/** The same tiers with flats 1000, 2000, 3000. */
const FLAT_TIERS: TierPrice[] = TIERS.map((t, i) => ({ ...t, flat: r(String((i + 1) * 1000)) }));

describe('priceFixedQuantity', () => {
  it('multiplies quantity by price exactly', () => {
    expect(text(priceFixedQuantity(r('92'), r('500')))).toBe('46000');
    expect(text(priceFixedQuantity(r('2.5'), r('0.125')))).toBe('0.3125');
    expect(text(priceFixedQuantity(r('0'), r('500')))).toBe('0');
  });

  it('gives a credit for a negative quantity or price', () => {
    expect(text(priceFixedQuantity(r('-3'), r('500')))).toBe('-1500');
    expect(text(priceFixedQuantity(r('3'), r('-500')))).toBe('-1500');
  });
});

describe('priceTiers, graduated', () => {
  it('slices the quantity at the boundaries', () => {
    const p = priceTiers(r('92'), TIERS, 'graduated');
    expect(text(p.amount)).toBe(String(50 * 400 + 42 * 350));
    expect(p.slices.map((s) => [s.tier, text(s.quantity), text(s.price)])).toEqual([
      [0, '50', '400'],
      [1, '42', '350'],
    ]);
  });

  it('keeps a quantity exactly at up_to in the lower tier (inclusive bound)', () => {
    const p = priceTiers(r('50'), TIERS, 'graduated');
    expect(text(p.amount)).toBe('20000');
    expect(p.slices).toHaveLength(1);
    const q = priceTiers(r('100'), TIERS, 'graduated');
    expect(text(q.amount)).toBe(String(50 * 400 + 50 * 350));
    expect(q.slices).toHaveLength(2);
  });

  it('prices the rest above the last bound at the last tier', () => {
    const p = priceTiers(r('130'), TIERS, 'graduated');
    expect(text(p.amount)).toBe(String(50 * 400 + 50 * 350 + 30 * 300));
    expect(p.slices.map((s) => s.tier)).toEqual([0, 1, 2]);
  });

  it('slices fractional quantities the same way', () => {
    const p = priceTiers(r('50.5'), TIERS, 'graduated');
    expect(text(p.amount)).toBe(String(50 * 400 + 175));
    expect(text(p.slices[1]?.quantity ?? r('0'))).toBe('0.5');
  });

  it('adds the flat of every tier reached, once', () => {
    expect(text(priceTiers(r('50'), FLAT_TIERS, 'graduated').amount)).toBe('21000');
    expect(text(priceTiers(r('50.5'), FLAT_TIERS, 'graduated').amount)).toBe(String(20000 + 175 + 1000 + 2000));
    expect(text(priceTiers(r('130'), FLAT_TIERS, 'graduated').amount)).toBe(String(46500 + 6000));
  });

  it('reaches no tier and costs nothing for a quantity of zero', () => {
    const p = priceTiers(r('0'), FLAT_TIERS, 'graduated');
    expect(text(p.amount)).toBe('0');
    expect(p.slices).toEqual([]);
  });

  it('works with a single open tier', () => {
    const p = priceTiers(r('7'), [{ price: r('10'), flat: r('5') }], 'graduated');
    expect(text(p.amount)).toBe('75');
  });
});

describe('priceTiers, volume', () => {
  it('prices the whole quantity at the tier the total falls in', () => {
    const p = priceTiers(r('92'), TIERS, 'volume');
    expect(text(p.amount)).toBe(String(92 * 350));
    expect(p.slices.map((s) => [s.tier, text(s.quantity)])).toEqual([[1, '92']]);
  });

  it('puts a total of exactly up_to in the lower tier', () => {
    expect(text(priceTiers(r('50'), TIERS, 'volume').amount)).toBe(String(50 * 400));
    expect(text(priceTiers(r('50.5'), TIERS, 'volume').amount)).toBe(String(50.5 * 350));
    expect(text(priceTiers(r('100'), TIERS, 'volume').amount)).toBe(String(100 * 350));
    expect(text(priceTiers(r('101'), TIERS, 'volume').amount)).toBe(String(101 * 300));
  });

  it('adds the flat of that one tier only', () => {
    expect(text(priceTiers(r('92'), FLAT_TIERS, 'volume').amount)).toBe(String(92 * 350 + 2000));
  });

  it('costs nothing for a quantity of zero', () => {
    const p = priceTiers(r('0'), FLAT_TIERS, 'volume');
    expect(text(p.amount)).toBe('0');
    expect(p.slices).toEqual([]);
  });
});

describe('tier preconditions', () => {
  it('describes malformed tiers', () => {
    expect(tierProblem([])).toBeDefined();
    expect(tierProblem([{ upTo: r('5'), price: r('1'), flat: r('0') }])).toBeDefined();
    expect(tierProblem([{ price: r('1'), flat: r('0') }, { price: r('1'), flat: r('0') }])).toBeDefined();
    expect(
      tierProblem([
        { upTo: r('50'), price: r('1'), flat: r('0') },
        { upTo: r('50'), price: r('1'), flat: r('0') },
        { price: r('1'), flat: r('0') },
      ]),
    ).toBeDefined();
    expect(tierProblem([{ upTo: r('0'), price: r('1'), flat: r('0') }, { price: r('1'), flat: r('0') }])).toBeDefined();
    expect(tierProblem(TIERS)).toBeUndefined();
  });

  it('treats a negative quantity or malformed tiers as a caller bug', () => {
    expect(() => priceTiers(r('-1'), TIERS, 'graduated')).toThrow(InternalError);
    expect(() => priceTiers(r('1'), [], 'volume')).toThrow(InternalError);
  });
});

describe('pricePackage', () => {
  it('charges every started package', () => {
    const p = pricePackage(r('1001'), r('1000'), r('1000'));
    expect(p.packages).toBe(2n);
    expect(text(p.amount)).toBe('2000');
    expect(pricePackage(r('1000'), r('1000'), r('1000')).packages).toBe(1n);
    expect(pricePackage(r('0.5'), r('1000'), r('1000')).packages).toBe(1n);
  });

  it('charges nothing at or below the free units', () => {
    expect(pricePackage(r('500'), r('1000'), r('1000'), r('500')).packages).toBe(0n);
    expect(text(pricePackage(r('0'), r('1000'), r('1000')).amount)).toBe('0');
    expect(pricePackage(r('499'), r('1000'), r('1000'), r('500')).packages).toBe(0n);
  });

  it('counts packages after the free units', () => {
    const p = pricePackage(r('2501'), r('1000'), r('1000'), r('500'));
    expect(p.packages).toBe(3n);
    expect(text(p.billable)).toBe('2001');
    expect(pricePackage(r('2500'), r('1000'), r('1000'), r('500')).packages).toBe(2n);
  });

  it('handles fractional quantities and sizes exactly', () => {
    expect(pricePackage(r('1.01'), r('0.5'), r('3')).packages).toBe(3n);
    expect(pricePackage(r('1'), r('0.5'), r('3')).packages).toBe(2n);
  });

  it('describes and rejects invalid package terms', () => {
    expect(packageProblem(r('0'), r('0'))).toBeDefined();
    expect(packageProblem(r('1000'), r('-1'))).toBeDefined();
    expect(packageProblem(r('1000'), r('0'))).toBeUndefined();
    expect(() => pricePackage(r('1'), r('0'), r('1'))).toThrow(InternalError);
    expect(() => pricePackage(r('-1'), r('1000'), r('1'))).toThrow(InternalError);
  });
});
