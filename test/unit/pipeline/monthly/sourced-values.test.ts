// A --sources run's aggregated values wait in the spool per contract: packed and unpacked they are
// the same exact values, spans and provenance, and each contract reads its own back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSafeIntegers } from '../../../../src/numbers/rational.js';
import type { SourcedValue, SourcesResult } from '../../../../src/sources/run.js';
import { openSpool } from '../../../../src/pipeline/monthly/spool.js';
import { packContractValues, resultFor, spoolValues, unpackContractValues, type ContractValues } from '../../../../src/pipeline/monthly/sourced-values.js';

function value(n: number, d: number, metric: string): SourcedValue {
  return {
    value: fromSafeIntegers(n, d),
    span: { file: 'sources.yaml', start: 10, end: 25 },
    provenance: { metric, definition: `sum(crm.${metric})`, aggregates: [{ aggregate: `sum(crm.${metric})`, source: 'crm', rows: 3, inputs: ['exports/crm.csv'] }] },
  };
}

const plain = (v: ContractValues): unknown => [...v].map(([p, m]) => [p, [...m].map(([k, x]) => [k, x.value.toFraction(), x.span, x.provenance])]);

describe('packed contract values', () => {
  it('come back with the same exact values, spans and provenance', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.integer({ min: 1, max: 2 ** 40 })), { minLength: 1, maxLength: 6 }), (pairs) => {
        const values: ContractValues = new Map([
          ['2026-09', new Map(pairs.map(([n, d], i) => [`m${i}`, value(n, d, `m${i}`)] as const))],
          ['2026-10', new Map([['leads', value(pairs[0]?.[0] ?? 1, pairs[0]?.[1] ?? 1, 'leads')]])],
        ]);
        const back = unpackContractValues(packContractValues(values));
        expect(plain(back)).toEqual(plain(values));
        for (const [p, m] of values) for (const [k, x] of m) expect(back.get(p)?.get(k)?.value.equals(x.value)).toBe(true);
      }),
    );
  });

  it('leave the heap: each contract\'s values wait in the spool and come back as its own', () => {
    const result: SourcesResult = {
      values: new Map(),
      inputs: [{ source: 'crm', path: 'exports/crm.csv', sha256: 'ab', rows: 2, skipped: {} }],
      queries: [],
      diagnostics: [],
      failed: new Map(),
      warnings: new Map(),
    };
    const spool = openSpool();
    try {
      const refA = spoolValues(new Map([['2026-10', new Map([['leads', value(7, 2, 'leads')]])]]), spool);
      const refB = spoolValues(new Map([['2026-10', new Map([['leads', value(3, 1, 'leads')]])]]), spool);
      const forB = resultFor(result, 'b', spool.getText(refB));
      expect([...forB.values.keys()]).toEqual(['b']);
      expect(forB.inputs).toEqual(result.inputs);
      expect(forB.values.get('b')?.get('2026-10')?.get('leads')?.value.toFraction()).toBe('3');
      expect(resultFor(result, 'a', spool.getText(refA)).values.get('a')?.get('2026-10')?.get('leads')?.value.toFraction()).toBe('7/2');
      expect(resultFor(result, 'c', undefined).values.size).toBe(0);
    } finally {
      spool.close();
    }
  });
});
