// Property: the planned explanation paths (evaluate/explain-plan.ts, report/sentence-plan.ts) equal
// the reference walks, data and sentence, for random values of every unit in every locale. Fixed seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, series } from '../helpers/engine.js';
import type { DataRecord } from '../helpers/engine.js';
import { isCompiledTree } from '../../src/compile/compile-expression.js';
import type { Program } from '../../src/compile/program.js';
import type { Contract } from '../../src/contract/model.js';
import { asFrame } from '../../src/compile/frame.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { explainNode, explainNodeReference } from '../../src/evaluate/explanation.js';
import { explainNodeText, explainNodeTextReference, kpiExplanationText } from '../../src/report/explain-sentence.js';
import { LOCALES } from '../../src/report/locale/messages.js';

const RUNS = { seed: 20261205, numRuns: 200 } as const;

/** Every form a target's sentence takes: constants left and right, two read sides, between, in, not, nesting, a condition. */
const CONTRACT = `contract: prop
version: 1
currency: RUB
effective: { from: 2026-01 }
metrics:
  p: percent
  r: ratio
  c: count
  t: duration
  m: money
  n: number
define:
  good: p <= 20% and t >= 2 min
kpis:
  k1: { target: 'p <= 20% and (t >= 2 min or m > 1000 RUB) and not (c < n)' }
  k2: { target: '20% >= r' }
  k3: { target: 'c / n between 10% and r' }
  k4: { target: 'good or c == 3 or (r > n and n != 0)' }
  k5: { target: 'm between 100 RUB and 200.5 RUB' }
  k6: { target: 'growth(c) >= 10%' }
  k7: { target: 't between 90 s and 1 h' }
  k8: { target: 'c >= n' }
  k9: { target: 'c in [3, n, 5] or r in [20%, 0.5] or not (t in [90 s, 2 min])' }
`;

function compiled(): { contract: Contract; program: Program } {
  const c = check(CONTRACT);
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return { contract: c.contract, program: c.program };
}

/** Decimal text: small, with many fraction digits, or beyond 2^53 (the BigInt paths). */
const decimal = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 999999 })).map(([w, f]) => `${w}.${String(f).padStart(6, '0')}`),
  fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String),
  fc.constantFrom('0', '0.1', '0.125', '19.999', '20', '59.5', '86400', '90061.5'),
);
const signed = fc.tuple(fc.boolean(), decimal).map(([neg, d]) => (neg && d !== '0' ? `-${d}` : d));

/** One period's data: each metric present or missing (NoData on the sides that read it). */
const record: fc.Arbitrary<DataRecord> = fc
  .record(
    {
      p: decimal.map((d) => `${d}%`),
      r: signed,
      c: fc.oneof(fc.integer({ min: 0, max: 100000 }), fc.constant(3)).map(String),
      t: fc.oneof(decimal.map((d) => `${d} s`), fc.integer({ min: 0, max: 500 }).map((k) => `${k} min`)),
      m: fc.tuple(fc.boolean(), decimal).map(([neg, d]) => `${neg ? '-' : ''}${d} RUB`),
      n: signed,
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));

describe('planned explanations', () => {
  // Two compilations of one text: plans of one program never answer for the other's nodes.
  const programs = [compiled(), compiled()];

  it('build the reference data and write the reference sentence in every locale', () => {
    fc.assert(
      fc.property(record, fc.option(fc.integer({ min: 1, max: 100000 }).map(String), { nil: undefined }), fc.integer({ min: 0, max: 1 }), (data, before, which) => {
        const f = programs[which] as { contract: Contract; program: Program };
        const history: DataRecord = before === undefined ? {} : { c: before };
        const r = evaluatePeriod(f.program, series(f.contract, { '2026-09': history, '2026-10': data }), '2026-10').value;
        expect(r).toBeDefined();
        if (r === undefined) return;
        const text = f.contract.file.text;
        f.program.kpis.forEach((kpi, i) => {
          const result = r.kpis[i];
          if (!isCompiledTree(kpi.target) || result === undefined || result.explanation.kind !== 'target') return;
          const node = kpi.target.node;
          const frame = asFrame(r.context);
          const e = explainNode(node, frame, text);
          expect(e).toEqual(explainNodeReference(node, frame, text));
          expect(result.explanation.target).toEqual(e);
          for (const locale of LOCALES) {
            expect(explainNodeText(e, locale)).toBe(explainNodeTextReference(e, locale));
            expect(kpiExplanationText(result.explanation, locale)).toBe(explainNodeTextReference(e, locale));
          }
        });
      }),
      RUNS,
    );
  });
});
