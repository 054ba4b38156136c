// Property: the fast path on JS numbers (src/compile/fast-number.ts) and the rational closures
// agree on generated expressions and data: huge values (beyond 2^53), tiny decimals, zeros,
// negatives, missing values and exact boundaries. Fixed seed (STYLE 5, 6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, series } from '../helpers/engine.js';
import type { CompiledTree } from '../../src/compile/compile-expression.js';
import { isCompiledTree } from '../../src/compile/compile-expression.js';
import type { Value } from '../../src/check/checked-contract.js';
import { isNoData } from '../../src/check/checked-contract.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { compileFast, lastDen } from '../../src/compile/fast-number.js';
import { asFrame } from '../../src/compile/frame.js';
import type { Frame } from '../../src/compile/frame.js';
import { fromSafeIntegers, isRational } from '../../src/numbers/rational.js';

const RUNS = { seed: 20260601, numRuns: 300 } as const;
const METRICS = ['a', 'b', 'c'];

/** Values where floats and safe-integer checks have edges. */
const valueText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '1', '-1', '0.1', '0.2', '0.3', '20', '60', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993'),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 18 })).map(([n, k]) => `0.${String(n).padStart(k, '0')}`),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 9999 })).map(([w, f]) => `${w}.${String(f).padStart(4, '0')}`),
);

/** Literal text in expressions (percent literals too). */
const literal: fc.Arbitrary<string> = fc.oneof(
  valueText.filter((t) => !t.startsWith('-')),
  fc.constantFrom('20%', '60%', '5%', '10%', '0.5%', '100%'),
);

const numLeaf: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...METRICS),
  literal,
  fc.constantFrom('growth(a)', 'previous(b)', 'growth(c)'),
);

const { num } = fc.letrec<{ num: string; bool: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numLeaf,
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie('num').map((x) => `-(${x})`),
    fc.tuple(fc.constantFrom('min', 'max'), tie('num'), tie('num')).map(([f, x, y]) => `${f}(${x}, ${y})`),
    tie('num').map((x) => `abs(${x})`),
    fc.tuple(tie('num'), tie('num')).map(([x, y]) => `share(${x}, ${y})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, x, y]) => `(if ${c} then ${x} else ${y})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie('bool'), fc.constantFrom('and', 'or'), tie('bool')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    tie('bool').map((x) => `not (${x})`),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([x, lo, hi]) => `(${x} between ${lo} and ${hi})`),
  ),
}));

const { bool } = fc.letrec<{ num: string; bool: string }>((tie) => ({
  num: fc.oneof({ depthSize: 'small' }, numLeaf, fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`)),
  bool: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie('bool'), fc.constantFrom('and', 'or'), tie('bool')).map(([x, op, y]) => `(${x} ${op} ${y})`),
  ),
}));

/** A period's values; a metric is sometimes missing. */
const record: fc.Arbitrary<Record<string, string>> = fc.record({ a: valueText, b: valueText, c: valueText }, { requiredKeys: [] });

interface Setup {
  readonly tree: CompiledTree;
  readonly frame: Frame;
}

function setup(expr: string, current: Record<string, string>, before: Record<string, string>): Setup | undefined {
  const text = ['contract: fast', 'version: 1', 'currency: RUB', 'effective: { from: 2026-01 }', 'metrics:', ...METRICS.map((m) => `  ${m}: number`), 'define:', `  e: '${expr}'`].join('\n');
  const c = check(`${text}\n`);
  // Generated text can be ill-typed only through nesting limits; such cases say nothing here.
  if (c.program === undefined || c.contract === undefined) return undefined;
  const evaluated = evaluatePeriod(c.program, series(c.contract, { '2026-09': before, '2026-10': current }), '2026-10');
  const compiled = c.program.defines[0]?.compiled;
  if (evaluated.value === undefined || compiled === undefined || !isCompiledTree(compiled)) return undefined;
  return { tree: compiled, frame: asFrame(evaluated.value.context) };
}

function same(x: Value, y: Value): boolean {
  if (isRational(x) && isRational(y)) return x.equals(y);
  if (isNoData(x) && isNoData(y)) return x.reason === y.reason && x.span.start === y.span.start && x.span.end === y.span.end;
  return x === y;
}

describe('fast path on numbers', () => {
  let fastAnswers = 0;
  let total = 0;

  const agree = (expr: string, current: Record<string, string>, before: Record<string, string>): void => {
    const s = setup(expr, current, before);
    if (s === undefined) return;
    total++;
    const slow = s.tree.node.fn(s.frame);
    // What the engine returns (fast first, rational when the fast path gives up) ...
    expect(same(s.tree.evaluate(s.frame), slow), `${expr} with ${JSON.stringify(current)}`).toBe(true);
    // ... and the fast closure alone: whenever it answers, the answer is the exact value.
    const fast = compileFast(s.tree.node);
    const x = fast === undefined ? NaN : fast(s.frame);
    if (x !== x) return;
    fastAnswers++;
    const d = lastDen();
    const fastValue: Value = s.tree.type.kind === 'boolean' ? x === 1 : fromSafeIntegers(x, d);
    if (s.tree.type.kind === 'boolean') expect(x === 0 || x === 1).toBe(true);
    expect(same(fastValue, slow), `fast ${x}/${d} for ${expr} with ${JSON.stringify(current)}`).toBe(true);
  };

  it('numeric expressions: fast value = rational value (or the fast path gives up)', () => {
    fc.assert(fc.property(num, record, record, (e, cur, prev) => agree(e, cur, prev)), RUNS);
  });

  it('conditions: fast outcome = rational outcome, NoData included', () => {
    fc.assert(fc.property(bool, record, record, (e, cur, prev) => agree(e, cur, prev)), RUNS);
  });

  it('shares against a threshold (x / y op z, one fused step): same outcome, zero and negative divisors included', () => {
    const side = fc.oneof(fc.constantFrom(...METRICS), literal, num);
    const share = fc
      .tuple(side, side, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), side)
      .map(([x, y, op, z]) => `${x} / ${y} ${op} ${z}`);
    fc.assert(fc.property(share, record, record, (e, cur, prev) => agree(e, cur, prev)), RUNS);
    for (const [expr, data] of [
      ['a / b >= 60%', { a: '-3', b: '-5' }],
      ['a / b < 60%', { a: '3', b: '-5' }],
      ['a / b >= c', { a: '1', b: '0', c: '0' }],
      ['a / b == 0.6', { a: '0.3', b: '0.5' }],
      ['a / b > 1', { a: '9007199254740993', b: '9007199254740992' }],
    ] as const) {
      agree(expr, data, {});
    }
  });

  it('boundaries decided exactly: 0.1 + 0.2 == 0.3, 29 / 100 * 100 >= 29, 2^53 + 1 > 2^53', () => {
    for (const [expr, data] of [
      ['a + b == c', { a: '0.1', b: '0.2', c: '0.3' }],
      ['a / 100 * 100 >= 29', { a: '29' }],
      ['a > b', { a: '9007199254740993', b: '9007199254740992' }],
      ['a + 1 > a', { a: '9007199254740992' }],
      ['a * b < 1', { a: '0.000000000000000001', b: '999999999999999999' }],
      ['a / b >= 60%', { a: '3', b: '5' }],
    ] as const) {
      const s = setup(expr, data, {});
      expect(s?.tree.evaluate(s.frame), expr).toBe(true);
      agree(expr, data, {});
    }
  });

  it('is not vacuous: the fast path answers a good share of the (deliberately hostile) cases', () => {
    expect(total).toBeGreaterThan(100);
    expect(fastAnswers / total).toBeGreaterThan(0.15);
  });
});
