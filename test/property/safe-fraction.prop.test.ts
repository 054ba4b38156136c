// Property: the fast fraction steps (src/numbers/safe-fraction.ts) give the exact answer or give
// up (NaN), never a wrong one, on fractions at the int32 and 2^53 edges and den-0 doubles (read as
// their shortest decimal); and the inline common cases (integers, a count over a count against a
// constant) always answer. Fixed seed (STYLE 5, 6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCEPT, MAX_SAFE, addFractions, compareFractions, compareQuotient, lastDen, subFractions } from '../../src/numbers/safe-fraction.js';
import { addRationals, compareRationals, divRationals, fromSafeIntegers, isZero, parseDecimal, subRationals, type Rational } from '../../src/numbers/rational.js';

const RUNS = { seed: 20261205, numRuns: 2000 } as const;

const safeInt: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, MAX_SAFE, -MAX_SAFE, 2 ** 52, 3 ** 33),
  fc.integer({ min: -1000, max: 1000 }),
  fc.maxSafeInteger(),
);
const positiveDen: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(1, 1, 1, 10, 100, 3, 2 ** 31, MAX_SAFE), fc.integer({ min: 1, max: 10 ** 6 }), fc.maxSafeNat().filter((d) => d > 0));
/** A double read as given (den 0): finite, with a shortest decimal parseDecimal accepts. */
const double: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0.1, 0.2, 0.12345678901234568, 0.19999999999999998, 2 ** 53, 1e21, -0.5),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-60),
);

/** A fast value [num, den]: an exact fraction (den > 0) or a double (den 0). */
const fast: fc.Arbitrary<[number, number]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(safeInt, fc.constant(1)) },
  { weight: 2, arbitrary: fc.tuple(safeInt, positiveDen) },
  { weight: 1, arbitrary: double.map((x): [number, number] => [x, 0]) },
);
const accept = fc.constantFrom(...Object.values(ACCEPT));

function exact([n, d]: [number, number]): Rational {
  if (d !== 0) return fromSafeIntegers(n, d);
  const r = parseDecimal(String(n));
  if (r === undefined) throw new Error(`no decimal for ${n}`);
  return r;
}

const bit = (sign: number, mask: number): number => (mask >> (sign + 1)) & 1;

describe('fast fraction steps: exact or NaN', () => {
  it('compareFractions', () => {
    fc.assert(
      fc.property(fast, fast, accept, (x, y, mask) => {
        const got = compareFractions(x[0], x[1], y[0], y[1], mask);
        if (got === got) expect(got).toBe(bit(compareRationals(exact(x), exact(y)), mask));
      }),
      RUNS,
    );
  });

  it('compareQuotient', () => {
    fc.assert(
      fc.property(fast, fast, fast, accept, (a, b, c, mask) => {
        const got = compareQuotient(a[0], a[1], b[0], b[1], c[0], c[1], mask);
        if (isZero(exact(b))) expect(got).toBeNaN();
        else if (got === got) expect(got).toBe(bit(compareRationals(divRationals(exact(a), exact(b)), exact(c)), mask));
      }),
      RUNS,
    );
  });

  it('addFractions and subFractions', () => {
    fc.assert(
      fc.property(fast, fast, (a, b) => {
        const sum = addFractions(a[0], a[1], b[0], b[1]);
        if (sum === sum) expect(compareRationals(fromSafeIntegers(sum, lastDen()), addRationals(exact(a), exact(b)))).toBe(0);
        const difference = subFractions(a[0], a[1], b[0], b[1]);
        if (difference === difference) expect(compareRationals(fromSafeIntegers(difference, lastDen()), subRationals(exact(a), exact(b)))).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('the inline cases answer', () => {
  const small = fc.integer({ min: -(10 ** 6), max: 10 ** 6 });
  it('a count over a count against a constant, integers of the same den, sums of integers', () => {
    fc.assert(
      fc.property(small, fc.integer({ min: 1, max: 10 ** 6 }), small, fc.integer({ min: 1, max: 10 ** 6 }), accept, (a, b, cn, cd, mask) => {
        expect(compareQuotient(a, 1, b, 1, cn, cd, mask)).not.toBeNaN();
        expect(compareFractions(a, cd, cn, cd, mask)).not.toBeNaN();
        expect(addFractions(a, cd, cn, cd)).not.toBeNaN();
        expect(lastDen()).toBe(cd);
      }),
      RUNS,
    );
  });
});
