// Property: the checker's constant folding (src/check/constant-fold.ts) and the compiled closures
// (src/compile/) give the same value for every sub-expression that does not depend on data, and
// the folder never claims a constant for a sub-expression that reads data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../../src/check/constant-fold.js';
import { childrenOf, type TypedNode } from '../../src/check/typed-tree.js';
import { compileExpr } from '../../src/compile/compile-expression.js';
import { isNoData, type Value } from '../../src/language/values.js';
import { isRational } from '../../src/numbers/rational.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { check, series } from '../helpers/engine.js';
import { dataArb, unitFree } from './unit-free-arb.js';
import './arbitraries.js';

const HEAD = ['contract: fold', 'version: 1', 'currency: RUB', 'effective: { from: 2026-01 }', 'metrics:', '  a: number', '  b: number', '  c: number', 'define:'];

function readsData(t: TypedNode): boolean {
  return t.kind === 'Metric' || t.kind === 'Define' || t.kind === 'RefCall' || childrenOf(t).some(readsData);
}

function same(x: Value, y: Value): boolean {
  if (isRational(x) && isRational(y)) return x.equals(y);
  if (isNoData(x) && isNoData(y)) return x.reason === y.reason;
  return x === y;
}

describe('constant folding agrees with the compiled closures', () => {
  it('on every sub-expression of generated unit-free expressions', () => {
    let folded = 0;
    fc.assert(
      fc.property(unitFree.num, unitFree.bool, dataArb, (num, cond, data) => {
        const text = [...HEAD, `  n: '${num}'`, `  p: '${cond}'`, ''].join('\n');
        const c = check(text, 'fold.yaml');
        if (c.checked === undefined || c.program === undefined || c.contract === undefined) return;
        const result = evaluatePeriod(c.program, series(c.contract, { '2026-03': data }), '2026-03').value;
        if (result === undefined) return;
        const env = { text, defineSlots: new Map([['n', 0], ['p', 1]]) };
        const walk = (t: TypedNode): void => {
          const constant = foldConstant(t, text);
          if (readsData(t)) expect(constant).toBeUndefined();
          else if (constant !== undefined) {
            folded++;
            const compiled = compileExpr(t, env).evaluate(result.context);
            expect(same(constant, compiled), `${text.slice(t.expr.span.start, t.expr.span.end)}`).toBe(true);
          }
          childrenOf(t).forEach(walk);
        };
        for (const d of c.checked.defines) walk(d.compiled.typed);
      }),
      { numRuns: 300 },
    );
    expect(folded).toBeGreaterThan(100);
  });
});
