// Properties of the pricing forms (stage 8 support): monotonicity, tier continuity, graduated vs
// volume, and package counting. All on exact rationals.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { priceFixedQuantity, pricePackage, priceTiers, type TierPrice } from '../../src/invoice/pricing.js';
import { ZERO, type Rational } from '../../src/numbers/rational.js';

const RUNS = { seed: 42, numRuns: 200 } as const;

/** Non-negative rationals with small denominators (quarters, thirds, hundredths). */
const nonNegative: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt(0n, 100_000n), fc.constantFrom(1n, 3n, 4n, 100n))
  .map(([n, d]) => new Fraction(n, d));
const positive: fc.Arbitrary<Rational> = nonNegative.filter((x) => x.gt(0));

interface Tiers {
  readonly tiers: TierPrice[];
  /** The up_to bounds (ascending). */
  readonly bounds: Rational[];
}

/** 1 to 4 tiers: positive widths give strictly ascending bounds; prices and flats as given. */
function tiersFrom(widths: Rational[], prices: Rational[], flats: Rational[]): Tiers {
  const bounds: Rational[] = [];
  let acc = ZERO;
  for (const w of widths) bounds.push((acc = acc.add(w)));
  const tiers = prices.map((price, i): TierPrice => {
    const upTo = bounds[i];
    const flat = flats[i] ?? ZERO;
    return upTo === undefined ? { price, flat } : { upTo, price, flat };
  });
  return { tiers, bounds };
}

const tierCount = fc.integer({ min: 1, max: 4 });
function tiersArb(opts: { flats: boolean; prices?: 'any' | 'non-increasing' | 'non-decreasing' }): fc.Arbitrary<Tiers> {
  return tierCount.chain((n) =>
    fc
      .tuple(
        fc.array(positive, { minLength: n - 1, maxLength: n - 1 }),
        fc.array(nonNegative, { minLength: n, maxLength: n }),
        fc.array(opts.flats ? nonNegative : fc.constant(ZERO), { minLength: n, maxLength: n }),
      )
      .map(([widths, prices, flats]) => {
        const sorted = [...prices].sort((a, b) => a.compare(b));
        const ordered =
          opts.prices === 'non-decreasing' ? sorted : opts.prices === 'non-increasing' ? sorted.reverse() : prices;
        return tiersFrom(widths, ordered, flats);
      }),
  );
}

const graduated = (q: Rational, t: Tiers): Rational => priceTiers(q, t.tiers, 'graduated').amount;
const volume = (q: Rational, t: Tiers): Rational => priceTiers(q, t.tiers, 'volume').amount;

describe('pay per result', () => {
  it('is non-decreasing in the quantity for a non-negative price', () => {
    fc.assert(
      fc.property(nonNegative, nonNegative, nonNegative, (a, b, price) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        expect(priceFixedQuantity(lo, price).lte(priceFixedQuantity(hi, price))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('graduated tiers', () => {
  it('cost is non-decreasing in the quantity (non-negative prices and flats)', () => {
    fc.assert(
      fc.property(tiersArb({ flats: true }), nonNegative, nonNegative, (t, a, b) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        expect(graduated(lo, t).lte(graduated(hi, t))).toBe(true);
      }),
      RUNS,
    );
  });

  it('slices partition the quantity', () => {
    fc.assert(
      fc.property(tiersArb({ flats: true }), nonNegative, (t, q) => {
        const slices = priceTiers(q, t.tiers, 'graduated').slices;
        expect(slices.reduce((s, x) => s.add(x.quantity), ZERO).equals(q)).toBe(true);
        expect(slices.every((s) => s.quantity.gt(0))).toBe(true);
      }),
      RUNS,
    );
  });

  // At a bound b = up_to of tier i: going up by e (0 < e <= width of tier i+1) adds e x the next
  // price plus the next tier's flat (charged once on entering it); going down by e (0 < e < width
  // of tier i) removes e x tier i's price. Without flats the cost is continuous at every bound.
  it('is continuous at the bounds up to the flat of the tier entered', () => {
    const arb = tiersArb({ flats: true })
      .filter((t) => t.bounds.length > 0)
      .chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.bounds.length - 1 }), fc.integer({ min: 1, max: 999 })));
    fc.assert(
      fc.property(arb, ([t, i, k]) => {
        const b = t.bounds[i] ?? ZERO;
        const lower = i === 0 ? ZERO : (t.bounds[i - 1] ?? ZERO);
        const upper = t.bounds[i + 1];
        const widthBelow = b.sub(lower);
        const widthAbove = upper === undefined ? new Fraction(1000) : upper.sub(b);
        const eUp = widthAbove.mul(new Fraction(k, 1000));
        const eDown = widthBelow.mul(new Fraction(k, 1000));
        const here = t.tiers[i];
        const next = t.tiers[i + 1];
        if (here === undefined || next === undefined) throw new Error('generator bug');
        expect(graduated(b.add(eUp), t).sub(graduated(b, t)).equals(eUp.mul(next.price).add(next.flat))).toBe(true);
        expect(graduated(b, t).sub(graduated(b.sub(eDown), t)).equals(eDown.mul(here.price))).toBe(true);
      }),
      RUNS,
    );
  });

  it('without flats, the cost just above a bound approaches the cost at the bound', () => {
    const arb = tiersArb({ flats: false })
      .filter((t) => t.bounds.length > 0)
      .chain((t) => fc.tuple(fc.constant(t), fc.nat({ max: t.bounds.length - 1 })));
    fc.assert(
      fc.property(arb, ([t, i]) => {
        const b = t.bounds[i] ?? ZERO;
        const e = new Fraction(1n, 10n ** 9n);
        const next = t.tiers[i + 1]?.price ?? ZERO;
        expect(graduated(b.add(e), t).sub(graduated(b, t)).equals(e.mul(next))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('graduated versus volume', () => {
  // Volume charges q x p_k (+ flat_k) for the tier k holding q; graduated charges each slice at
  // its tier's price p_j (j <= k) plus flat_1..flat_k. So with non-increasing prices and
  // non-negative flats graduated >= volume; with non-decreasing prices and no flats
  // graduated <= volume. Both are equal when q lies in the first tier and flats are zero.
  it('graduated >= volume for non-increasing prices and non-negative flats', () => {
    fc.assert(
      fc.property(tiersArb({ flats: true, prices: 'non-increasing' }), nonNegative, (t, q) => {
        expect(graduated(q, t).gte(volume(q, t))).toBe(true);
      }),
      RUNS,
    );
  });

  it('graduated <= volume for non-decreasing prices and no flats', () => {
    fc.assert(
      fc.property(tiersArb({ flats: false, prices: 'non-decreasing' }), nonNegative, (t, q) => {
        expect(graduated(q, t).lte(volume(q, t))).toBe(true);
      }),
      RUNS,
    );
  });

  it('both modes agree within the first tier when there are no flats', () => {
    fc.assert(
      fc.property(tiersArb({ flats: false }), fc.integer({ min: 0, max: 1000 }), (t, k) => {
        const first = t.bounds[0] ?? new Fraction(1000);
        const q = first.mul(new Fraction(k, 1000));
        expect(graduated(q, t).equals(volume(q, t))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('packages', () => {
  it('count the started packages after the free units, and never decrease', () => {
    fc.assert(
      fc.property(nonNegative, nonNegative, positive, nonNegative, nonNegative, (a, b, size, free, price) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        const p = pricePackage(hi, size, price, free);
        const billable = hi.sub(free).gt(0) ? hi.sub(free) : ZERO;
        const packages = new Fraction(p.packages);
        expect(packages.mul(size).gte(billable)).toBe(true);
        expect(packages.sub(1).mul(size).lt(billable) || p.packages === 0n).toBe(true);
        expect(pricePackage(lo, size, price, free).amount.lte(p.amount)).toBe(true);
      }),
      RUNS,
    );
  });
});
