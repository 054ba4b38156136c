// The safe-integer fast paths of stage 8 rounding (money.ts) and of the KPI score (kpi.ts) agree
// with their bigint/rational references on generated inputs. Fixed seed (STYLE 5, 6).
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import type { ProgramKpi } from '../../src/compile/program.js';
import type { Frame } from '../../src/compile/frame.js';
import { computeScore, fastScore, rationalScore } from '../../src/evaluate/kpi.js';
import {
  ceilToMinor,
  floorToMinor,
  floorToMinorRational,
  minorToRational,
  roundToMinor,
  roundToMinorRational,
} from '../../src/numbers/money.js';
import { addRationals, compareRationals, divRationals, fromSafeIntegers, gcdSafe, mulRationals, subRationals, type Rational } from '../../src/numbers/rational.js';
import type { KpiResult, KpiStatus } from '../../src/evaluate/results.js';

const RUNS = { seed: 20260602, numRuns: 2000 } as const;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** 0 (JPY), 2, 3 (KWD), 4, and digit counts whose scale is beyond 2^53 (16, 18). */
const digits = fc.constantFrom(0, 2, 3, 4, 0, 2, 3, 16, 18);
const mode = fc.constantFrom('half-even' as const, 'half-up' as const);
const bigPart = fc.oneof(
  fc.bigInt(0n, 1000n),
  fc.bigInt(0n, 10n ** 12n),
  fc.bigInt(MAX - 1000n, MAX + 1000n),
  fc.bigInt(0n, 10n ** 30n),
);
const amount: fc.Arbitrary<Rational> = fc.oneof(
  fc.tuple(bigPart, fc.oneof(fc.bigInt(1n, 1000n), bigPart.filter((d) => d > 0n)), fc.boolean())
    .map(([n, d, neg]) => new Fraction(neg ? -n : n, d)),
  // Exact ties: (2k + 1) / (2 x 10^digits) for every tested digit count, both signs.
  fc.tuple(fc.bigInt(0n, 10n ** 17n), fc.constantFrom(0, 2, 3, 4), fc.boolean())
    .map(([k, d, neg]) => new Fraction((neg ? -1n : 1n) * (2n * k + 1n), 2n * 10n ** BigInt(d))),
);

describe('money fast path agrees with the bigint path', () => {
  it('roundToMinor, both modes, huge, tied, negative, 0-18 digits', () => {
    fc.assert(
      fc.property(amount, digits, mode, (x, d, m) => {
        expect(roundToMinor(x, d, m)).toBe(roundToMinorRational(x, d, m));
      }),
      RUNS,
    );
  });

  it('floorToMinor and ceilToMinor', () => {
    fc.assert(
      fc.property(amount, digits, (x, d) => {
        expect(floorToMinor(x, d)).toBe(floorToMinorRational(x, d));
        expect(ceilToMinor(x, d)).toBe(-floorToMinorRational(x.neg(), d));
      }),
      RUNS,
    );
  });

  it('takes the fast path on everyday amounts and gets fixed ties right', () => {
    const r = (n: bigint, d: bigint): Rational => new Fraction(n, d);
    expect(roundToMinor(r(125n, 1000n), 2, 'half-even')).toBe(12n);
    expect(roundToMinor(r(125n, 1000n), 2, 'half-up')).toBe(13n);
    expect(roundToMinor(r(-125n, 1000n), 2, 'half-even')).toBe(-12n);
    expect(roundToMinor(r(-125n, 1000n), 2, 'half-up')).toBe(-13n);
    expect(roundToMinor(r(5n, 2n), 0, 'half-even')).toBe(2n);
    expect(roundToMinor(r(-1n, 2000n), 3, 'half-up')).toBe(-1n);
    expect(roundToMinor(r(MAX, 1n), 0, 'half-even')).toBe(MAX);
    expect(roundToMinor(r(MAX + 1n, 1n), 2, 'half-even')).toBe((MAX + 1n) * 100n);
    expect(floorToMinor(r(-1n, 3n), 2)).toBe(-34n);
    expect(ceilToMinor(r(-1n, 3n), 2)).toBe(-33n);
  });
});

const fraction = (parts: readonly [bigint, bigint, boolean]): Rational => new Fraction(parts[2] ? -parts[0] : parts[0], parts[1]);
/** Mostly everyday weights and attainments (30%, 11/12), sometimes large or beyond 2^53. */
const smallOrHuge = fc.tuple(
  fc.oneof({ arbitrary: fc.bigInt(0n, 100n), weight: 12 }, { arbitrary: fc.bigInt(0n, 10n ** 9n), weight: 1 }, { arbitrary: fc.bigInt(MAX - 10n, MAX + 10n), weight: 1 }),
  fc.oneof({ arbitrary: fc.bigInt(1n, 100n), weight: 12 }, { arbitrary: fc.bigInt(1n, 10n ** 9n), weight: 1 }, { arbitrary: fc.bigInt(MAX - 10n, MAX + 10n), weight: 1 }),
  fc.boolean(),
);
const status = fc.constantFrom<KpiStatus>('met', 'missed', 'excluded', 'met', 'missed', 'met', 'missed', 'no-data');
const kpiCase = fc.tuple(fc.option(smallOrHuge.map(fraction), { nil: undefined }), smallOrHuge.map(fraction), status, fc.boolean());

const NOWHERE = { file: 'c.yaml', start: 0, end: 0 };
const FRAME = { period: '2026-10' } as unknown as Frame;

function build(cases: readonly (readonly [Rational | undefined, Rational, KpiStatus, boolean])[]): [ProgramKpi[], (KpiResult | undefined)[]] {
  const kpis = cases.map(([weight], i) => ({ weight, decl: { id: `k${i}`, idSpan: NOWHERE } }) as unknown as ProgramKpi);
  const results = cases.map(([weight, capped, st, present], i): KpiResult | undefined => {
    if (!present) return undefined;
    const base = { id: `k${i}`, status: st, explanation: { kind: 'window' as const, periodIndex: 1 }, ...(weight === undefined ? {} : { weight }) };
    if (st === 'excluded') return base;
    if (st === 'no-data') return { ...base, noData: { kind: 'NoData', reason: 'x', span: NOWHERE } };
    return { ...base, attainment: capped, cappedAttainment: capped };
  });
  return [kpis, results];
}

describe('score fast path agrees with the rational path', () => {
  it('same value, same reduced representation (sign, numerator, denominator), or declines', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(kpiCase, { minLength: 0, maxLength: 5 }), (cases) => {
        const [kpis, results] = build(cases);
        const reference = rationalScore(kpis, results, FRAME, NOWHERE);
        const f = fastScore(kpis, results);
        if (f !== undefined) {
          fast++;
          expect(reference).toBeInstanceOf(Fraction);
          const ref = reference as Rational;
          expect([f.s, f.n, f.d]).toEqual([ref.s, ref.n, ref.d]);
        }
        expect(computeScore(kpis, results, FRAME, NOWHERE)).toEqual(reference);
      }),
      RUNS,
    );
    expect(fast).toBeGreaterThan(RUNS.numRuns / 10);
  });
});

const anyRational: fc.Arbitrary<Rational> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.bigInt(0n, 1000n), weight: 4 }, { arbitrary: fc.bigInt(0n, 10n ** 9n), weight: 2 }, { arbitrary: fc.bigInt(MAX - 5n, MAX + 5n), weight: 1 }, { arbitrary: fc.bigInt(0n, 10n ** 25n), weight: 1 }),
    fc.oneof({ arbitrary: fc.bigInt(1n, 1000n), weight: 4 }, { arbitrary: fc.bigInt(1n, 10n ** 9n), weight: 2 }, { arbitrary: fc.bigInt(MAX - 5n, MAX + 5n), weight: 1 }, { arbitrary: fc.bigInt(1n, 10n ** 25n), weight: 1 }),
    fc.boolean(),
  )
  .map(fraction);
const parts = (r: Rational): [bigint, bigint, bigint] => [r.s, r.n, r.d];

describe('mul, div, add, sub and compare fast paths agree with fraction.js', () => {
  it('same sign, numerator and denominator; same comparison; same error on zero', () => {
    fc.assert(
      fc.property(anyRational, anyRational, (a, b) => {
        expect(parts(mulRationals(a, b))).toEqual(parts(a.mul(b)));
        expect(parts(addRationals(a, b))).toEqual(parts(a.add(b)));
        expect(parts(subRationals(a, b))).toEqual(parts(a.sub(b)));
        expect(parts(subRationals(a, a))).toEqual(parts(a.sub(a)));
        expect(compareRationals(a, b)).toBe(a.compare(b));
        expect(compareRationals(a, a)).toBe(0);
        if (b.n === 0n) expect(() => divRationals(a, b)).toThrow();
        else expect(parts(divRationals(a, b))).toEqual(parts(a.div(b)));
      }),
      RUNS,
    );
  });
});

describe('gcdSafe and fromSafeIntegers', () => {
  const bigGcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : bigGcd(b, a % b));
  const safe = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 0x7fffffff }), weight: 3 },
    { arbitrary: fc.integer({ min: 0x7fffff00, max: 0x80000100 }), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), weight: 2 },
  );
  it('gcd on int32 and on doubles is the exact bigint gcd', () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        expect(BigInt(gcdSafe(a, b))).toBe(bigGcd(BigInt(a), BigInt(b)));
      }),
      RUNS,
    );
  });
  it('minorToRational is the Fraction of minor / 10^digits, on and beyond safe integers', () => {
    fc.assert(
      fc.property(bigPart, fc.boolean(), digits, (m, negative, d) => {
        const minor = negative ? -m : m;
        expect(parts(minorToRational(minor, d))).toEqual(parts(new Fraction(minor, 10n ** BigInt(d))));
      }),
      RUNS,
    );
  });

  it('fromSafeIntegers reduces like fraction.js, small parts from the shared table included', () => {
    fc.assert(
      fc.property(safe, safe.filter((d) => d > 0), fc.boolean(), (n, d, negative) => {
        const x = negative ? -n : n;
        expect(parts(fromSafeIntegers(x, d))).toEqual(parts(new Fraction(BigInt(x), BigInt(d))));
      }),
      RUNS,
    );
  });
});
