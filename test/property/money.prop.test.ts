// Properties of the named rounding functions and minor-unit formatting (stage 8 support).
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import {
  ceilToMinor,
  floorToMinor,
  formatMinor,
  minorToRational,
  roundToMinor,
} from '../../src/numbers/money.js';
import { parseDecimal, type Rational } from '../../src/numbers/rational.js';

const RUNS = { seed: 42, numRuns: 200 } as const;

const digits = fc.constantFrom(0, 2, 3, 4);
const mode = fc.constantFrom('half-even' as const, 'half-up' as const);
/** Exact rationals with awkward denominators (thirds, sevenths, sub-minor decimals). */
const amount: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt(-(10n ** 15n), 10n ** 15n), fc.bigInt(1n, 10n ** 6n))
  .map(([n, d]) => new Fraction(n, d));
const minor = fc.bigInt(-(10n ** 18n), 10n ** 18n);

describe('rounding to minor units', () => {
  it('moves an amount by at most half a minor unit (so strictly less than one)', () => {
    fc.assert(
      fc.property(amount, digits, mode, (x, d, m) => {
        const unit = new Fraction(1n, 10n ** BigInt(d));
        const moved = minorToRational(roundToMinor(x, d, m), d).sub(x).abs();
        expect(moved.lte(unit.div(2))).toBe(true);
        expect(moved.lt(unit)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is idempotent on amounts that are already whole minor units', () => {
    fc.assert(
      fc.property(minor, digits, mode, (m, d, rm) => {
        expect(roundToMinor(minorToRational(m, d), d, rm)).toBe(m);
      }),
      RUNS,
    );
  });

  it('is symmetric for negative amounts', () => {
    fc.assert(
      fc.property(amount, digits, mode, (x, d, m) => {
        expect(roundToMinor(x.neg(), d, m)).toBe(-roundToMinor(x, d, m));
      }),
      RUNS,
    );
  });

  it('differs between the modes only on exact ties, by one unit away from zero', () => {
    fc.assert(
      fc.property(amount, digits, (x, d) => {
        const even = roundToMinor(x, d, 'half-even');
        const up = roundToMinor(x, d, 'half-up');
        const twice = x.mul(new Fraction(2n * 10n ** BigInt(d)));
        const tie = twice.d === 1n && twice.n % 2n === 1n;
        if (!tie) expect(up).toBe(even);
        else {
          expect(up - even === 0n || (up - even) * (x.s < 0n ? -1n : 1n) === 1n).toBe(true);
          expect((even % 2n === 0n)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('resolves generated ties half-even to the even neighbour and half-up away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 12n), 10n ** 12n), digits, (k, d) => {
        const tie = new Fraction(2n * k + 1n, 2n * 10n ** BigInt(d));
        const even = roundToMinor(tie, d, 'half-even');
        expect(even % 2n).toBe(0n);
        expect(roundToMinor(tie, d, 'half-up')).toBe(k >= 0n ? k + 1n : k);
      }),
      RUNS,
    );
  });

  it('brackets the amount between floor and ceil, at most one unit apart', () => {
    fc.assert(
      fc.property(amount, digits, (x, d) => {
        const lo = floorToMinor(x, d);
        const hi = ceilToMinor(x, d);
        expect(minorToRational(lo, d).lte(x)).toBe(true);
        expect(minorToRational(hi, d).gte(x)).toBe(true);
        expect(hi - lo === 0n || hi - lo === 1n).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('formatting minor units', () => {
  it('round-trips through exact decimal parsing with exactly `digits` fraction digits', () => {
    fc.assert(
      fc.property(minor, digits, (m, d) => {
        const text = formatMinor(m, d);
        expect(parseDecimal(text)?.equals(minorToRational(m, d))).toBe(true);
        expect(text.split('.')[1]?.length ?? 0).toBe(d);
      }),
      RUNS,
    );
  });
});

describe('roundMinorTimes (a tax on whole minor units)', () => {
  it('is roundToMinorRational of minorToRational(minor) x factor, in both modes, any signs and digits', async () => {
    const { minorToRational, roundMinorTimes, roundToMinorRational } = await import('../../src/numbers/money.js');
    const minor = fc.oneof(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }));
    const part = fc.oneof(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: 2n ** 60n }));
    fc.assert(
      fc.property(minor, part, part.filter((d) => d > 0n), fc.boolean(), fc.integer({ min: 0, max: 4 }), fc.constantFrom('half-even' as const, 'half-up' as const), (m, n, d, neg, digits, mode) => {
        const factor = new Fraction(neg ? -n : n, d);
        expect(roundMinorTimes(m, factor, mode)).toBe(roundToMinorRational(minorToRational(m, digits).mul(factor), digits, mode));
      }),
      { seed: 20261212, numRuns: 4000 },
    );
  });

  it('rounds exact ties by the mode: 25 x 1/2 -> 12 (half-even) or 13 (half-up), -25 x 1/2 -> -12 / -13', async () => {
    const { roundMinorTimes } = await import('../../src/numbers/money.js');
    const half = new Fraction(1, 2);
    expect(roundMinorTimes(25n, half, 'half-even')).toBe(12n);
    expect(roundMinorTimes(25n, half, 'half-up')).toBe(13n);
    expect(roundMinorTimes(-25n, half, 'half-even')).toBe(-12n);
    expect(roundMinorTimes(-25n, half, 'half-up')).toBe(-13n);
    expect(roundMinorTimes(10600000n, new Fraction(22, 100), 'half-even')).toBe(2332000n);
  });
});
