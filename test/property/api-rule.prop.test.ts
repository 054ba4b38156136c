// Property: a compiled rule's evaluate() (the fast path on JS numbers, doubles read as given)
// gives what check() gives (every value typed from its shortest decimal, rational closures), on
// generated expressions and records of short decimals, full-precision doubles, integers beyond
// 2^53, zeros and missing values. Fixed seed (STYLE 5, 6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/api/compile-rule.js';

const RUNS = { seed: 20261204, numRuns: 400 } as const;

/** Numbers where decimals and doubles part: short decimals, 17-digit doubles, huge and tiny values. */
const value: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.1, 0.2, 0.3, 0.175, 20, 0.12345678901234568, 0.19999999999999998, 0.2000000000000001, 1 / 3, 2 ** 53, 2 ** 53 + 2, 1e21, 5e-324),
  // Where the readers' int32 test and the safe-integer range part (record-admit.ts), and -0.
  fc.constantFrom(-0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 32 + 0.5, 2 ** 53 - 1, -(2 ** 53) + 1, 1e60, 1e61, 1e-60),
  // Whole numbers beyond 2^53 whose shortest decimal is not their binary value (String(2 ** 60) ends in 000).
  fc.constantFrom(2 ** 60, 123456789012345680000, 2 ** 70, 9007199254740994),
  // Either side of 1 (a percent above 1 is refused by typing) and of the readers' inline ranges.
  fc.constantFrom(1.5, 1.0000000000000002, 0.9999999999999999, 4503599627370495.5, 1e-60, -1e-60),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 6 })).map(([m, k]) => m / 10 ** k),
);

const leaf = fc.oneof(fc.constantFrom('a', 'b', 'c', 'growth(a)', 'previous(b)'), fc.constantFrom('0.2', '20%', '1', '0', '0.1', '3', '120'));

const { num, bool } = fc.letrec<{ num: string; bool: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie('num').map((x) => `-(${x})`),
    fc.tuple(fc.constantFrom('min', 'max'), tie('num'), tie('num')).map(([f, x, y]) => `${f}(${x}, ${y})`),
    tie('num').map((x) => `abs(${x})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, x, y]) => `(if ${c} then ${x} else ${y})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie('bool'), fc.constantFrom('and', 'or'), tie('bool')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([x, lo, hi]) => `(${x} between ${lo} and ${hi})`),
  ),
}));

const record = fc.record({ a: value, b: value, c: value }, { requiredKeys: [] });

const CASES = [
  ['numeric', 'number', num],
  ['boolean', 'number', bool],
  // Counts (non-negative safe integers) and durations (non-negative) are checked on the fast path.
  ['numeric', 'count', num],
  ['boolean', 'count', bool],
  ['boolean', 'duration', bool],
  // A percent above 1 as a plain number is refused by typing (E060); money takes any number.
  ['numeric', 'percent', num],
  ['boolean', 'percent', bool],
  ['boolean', 'money', bool],
] as const;

describe('rule.evaluate (fast path) = rule.check (exact rationals)', () => {
  it.each(CASES)('%s expressions on %s metrics', (_kind, unit, expression) => {
    fc.assert(
      fc.property(expression, record, fc.option(record, { nil: undefined }), (text, current, previous) => {
        const compiled = compileExpression(text, { metrics: { a: unit, b: unit, c: unit } });
        if (compiled.value === undefined) return;
        const rule = compiled.value;
        expect(rule.evaluate(current, previous)).toEqual(rule.check(current, previous).value);
      }),
      RUNS,
    );
  });
});
