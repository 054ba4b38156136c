// Properties of stage 7: exact arithmetic and comparisons, algebraic identities, totality on
// generated data (zeros and missing values included) and determinism. Fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, series } from '../helpers/engine.js';
import type { DataRecord } from '../helpers/engine.js';
import type { Value } from '../../src/check/checked-contract.js';
import type { Program } from '../../src/compile/program.js';
import { isNoData } from '../../src/check/checked-contract.js';
import type { Contract } from '../../src/contract/model.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { explainPeriod } from '../../src/evaluate/trace.js';
import { isRational } from '../../src/numbers/rational.js';

const RUNS = { seed: 20260101, numRuns: 150 } as const;

/** Decimal text with up to 6 fraction digits, e.g. `-1234.5678`. */
const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([n, scale]) => {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
});
const nonNegative = decimalText.map((t) => t.replace(/^-/, ''));
const positive = nonNegative.filter((t) => /[1-9]/.test(t));

function fixture(defines: Record<string, string>, metrics: string[], unit = 'number'): { contract: Contract; program: Program } {
  const text = [
    'contract: prop',
    'version: 1',
    'currency: RUB',
    'effective: { from: 2026-01 }',
    'metrics:',
    ...metrics.map((m) => `  ${m}: ${unit}`),
    'define:',
    ...Object.entries(defines).map(([k, v]) => `  ${k}: '${v}'`),
  ].join('\n');
  const c = check(`${text}\n`);
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return { contract: c.contract, program: c.program };
}

function evaluate(f: { contract: Contract; program: Program }, data: DataRecord, history: DataRecord = {}): Map<string, Value> {
  const r = evaluatePeriod(f.program, series(f.contract, { '2026-09': history, '2026-10': data }), '2026-10');
  return new Map((r.value?.defines ?? []).map((d) => [d.name, d.value]));
}

/** Exact value of decimal text as a fraction of bigints (numerator, 10^scale). */
function exact(text: string): [bigint, bigint] {
  const [whole, frac = ''] = text.replace('-', '').split('.');
  const n = BigInt(`${whole ?? '0'}${frac}`) * (text.startsWith('-') ? -1n : 1n);
  return [n, 10n ** BigInt(frac.length)];
}

describe('evaluation properties', () => {
  const algebra = fixture(
    {
      assoc: '(a + b) + c == a + (b + c)',
      distrib: 'a * (b + c) == a * b + a * c',
      roundtrip: 'a / 100 * 100 == a',
      cmp: 'a / b < c / d',
      ge: 'a / b >= c / d',
    },
    ['a', 'b', 'c', 'd'],
  );

  it('(a+b)+c == a+(b+c), a*(b+c) == a*b+a*c and a/100*100 == a hold exactly', () => {
    fc.assert(
      fc.property(decimalText, decimalText, decimalText, positive, (a, b, c, d) => {
        const v = evaluate(algebra, { a, b, c, d });
        expect(v.get('assoc')).toBe(true);
        expect(v.get('distrib')).toBe(true);
        expect(v.get('roundtrip')).toBe(true);
      }),
      RUNS,
    );
  });

  it('comparisons agree with integer cross-multiplication', () => {
    fc.assert(
      fc.property(decimalText, positive, decimalText, positive, (a, b, c, d) => {
        const [an, ad] = exact(a);
        const [bn, bd] = exact(b);
        const [cn, cd] = exact(c);
        const [dn, dd] = exact(d);
        // a/b < c/d  <=>  (an/ad)*(dn/dd) < (cn/cd)*(bn/bd), all denominators positive
        const left = an * bd * dn * cd;
        const right = cn * dd * bn * ad;
        const v = evaluate(algebra, { a, b, c, d });
        expect(v.get('cmp')).toBe(left < right);
        expect(v.get('ge')).toBe(left >= right);
      }),
      RUNS,
    );
  });

  const percents = fixture({ sum: 'p + q + r', check: 'p + q + r == s' }, ['p', 'q', 'r', 's'], 'percent');

  it('sums of percentages compare exactly', () => {
    const pct = fc.integer({ min: 0, max: 10000 }).map((n) => `${n / 100 === Math.trunc(n / 100) ? n / 100 : (n / 100).toFixed(2)}%`);
    fc.assert(
      fc.property(pct, pct, pct, (p, q, r) => {
        const cents = [p, q, r].map((x) => Math.round(Number(x.slice(0, -1)) * 100)).reduce((x, y) => x + y, 0);
        const s = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}%`;
        expect(evaluate(percents, { p, q, r, s }).get('check')).toBe(true);
      }),
      RUNS,
    );
  });

  const total = fixture(
    {
      ratio: 'x / y',
      g: 'growth(x)',
      prev: 'previous(y)',
      mix: 'max(x, y) / min(x, y) + clamp(x, 0, y) ?? 0',
      logic: 'x / y > 1 and y / x > 1 or not (x == 0)',
      rates: 'ctr(x, y) + er(x, y) + net_growth(x, y, x)',
      cond: 'if x / y > 1 then round(x / y, 2) else floor(y / (x - y))',
    },
    ['x', 'y'],
  );

  it('never throws and yields only rationals, booleans or no data (zeros and missing values)', () => {
    const maybe = fc.option(fc.oneof(fc.constant('0'), nonNegative), { nil: undefined });
    fc.assert(
      fc.property(maybe, maybe, maybe, (x, y, px) => {
        const data: Record<string, string> = {};
        if (x !== undefined) data['x'] = x;
        if (y !== undefined) data['y'] = y;
        const values = evaluate(total, data, px === undefined ? {} : { x: px });
        expect(values.size).toBe(7);
        for (const v of values.values()) expect(isRational(v) || typeof v === 'boolean' || isNoData(v)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same inputs give byte-identical traces', () => {
    fc.assert(
      fc.property(nonNegative, nonNegative, (x, y) => {
        const once = () => {
          const r = evaluatePeriod(total.program, series(total.contract, { '2026-10': { x, y } }), '2026-10');
          // The trace is data with exact numbers (bigint parts): written out with them as decimal text.
          return JSON.stringify(r.value === undefined ? null : explainPeriod(r.value), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
        };
        expect(once()).toBe(once());
      }),
      { ...RUNS, numRuns: 50 },
    );
  });
});
