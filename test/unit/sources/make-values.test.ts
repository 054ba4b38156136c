// A sources run that hands out each contract's values as they are made (`onValues`) gives exactly
// the values, in order, that it returns without it (versions of one id together); a group's inputs are shared arrays.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContractFile } from '../../../src/check/check-file.js';
import type { Contract } from '../../../src/contract/model.js';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { LAZY_ENGINES } from '../../../src/sources/engines/lazy.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { inputsWith } from '../../../src/sources/make-values.js';
import { runSources, type ContractValues, type SourcesResult } from '../../../src/sources/run.js';

const DIR = mkdtempSync(join(tmpdir(), 'attain-make-values-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const SOURCES = `sources:
  s:
    files: daily.csv
    contract: { column: client }
    date: day
    columns: { day: date, client: text, visits: count, leads: count, spend: money }
metrics:
  visits: sum(s.visits)
  leads: sum(s.leads)
  cpl: sum(s.spend) / sum(s.leads)
`;

const CSV = `day,client,visits,leads,spend
2026-01-05,a,10,2,100.50
2026-01-20,a,5,1,20
2026-02-01,a,7,0,3
2026-01-09,b,4,4,10
2026-03-02,b,1,1,1
2026-02-11,c,9,3,30
2026-02-12,zz,1,1,1
`;

function contract(id: string, version: number, metrics: string): Contract {
  const text = `contract: ${id}\nversion: ${version}\ncurrency: RUB\nperiod: month\neffective: { from: 2026-0${version} }\nmetrics: { ${metrics} }\nkpis:\n  k: { target: visits >= 0 }\n`;
  const checked = checkContractFile(createSourceFile(`${id}-v${version}.yaml`, text)).checked;
  if (checked === undefined) throw new Error(`fixture ${id} v${version}`);
  return checked.contract;
}

/** Two versions of `a` (the second declares another metric) around `b`, then `c`. */
const CONTRACTS = [contract('a', 1, 'visits: count'), contract('b', 1, 'visits: count, leads: count'), contract('a', 2, 'visits: count, cpl: money'), contract('c', 1, 'visits: count, cpl: money')];

function sources() {
  writeFileSync(join(DIR, 'daily.csv'), CSV);
  const loaded = loadSourcesFile(createSourceFile(join(DIR, 'sources.yaml'), SOURCES));
  if (loaded.value === undefined) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.value;
}

const plain = (values: ReadonlyMap<string, ContractValues>): unknown =>
  [...values].map(([id, periods]) => [id, [...periods].map(([p, metrics]) => [p, [...metrics].map(([m, v]) => [m, v.value.toFraction(), v.span, v.provenance])])]);

const rest = (r: SourcesResult): unknown => ({ inputs: r.inputs, queries: r.queries, diagnostics: r.diagnostics, failed: [...r.failed], warnings: [...r.warnings] });

describe('a sources run with onValues', () => {
  it('hands out the values the run returns without it, id by id in the same order, and keeps none', async () => {
    const whole = await runSources({ sources: sources(), contracts: CONTRACTS, cwd: DIR }, LAZY_ENGINES);
    const handed = new Map<string, ContractValues>();
    const streamed = await runSources({ sources: sources(), contracts: CONTRACTS, cwd: DIR, onValues: (id, v) => handed.set(id, v) }, LAZY_ENGINES);
    expect(streamed.values.size).toBe(0);
    expect([...handed.keys()]).toEqual(['a', 'b', 'c']);
    expect(plain(handed)).toEqual(plain(whole.values));
    expect(rest(streamed)).toEqual(rest(whole));
  });

  it('gives the versions of one id one record per period, with the metrics any of them defines', async () => {
    const handed = new Map<string, ContractValues>();
    await runSources({ sources: sources(), contracts: CONTRACTS, cwd: DIR, onValues: (id, v) => handed.set(id, v) }, LAZY_ENGINES);
    const a = handed.get('a');
    expect([...(a?.keys() ?? [])]).toEqual(['2026-01', '2026-02']);
    expect([...(a?.get('2026-01')?.keys() ?? [])]).toEqual(['visits', 'cpl']);
    expect(a?.get('2026-01')?.get('cpl')?.value.toFraction()).toBe('241/6');
    // cpl over no leads has no value; visits has.
    expect([...(a?.get('2026-02')?.keys() ?? [])]).toEqual(['visits']);
  });
});

describe('a group\'s inputs', () => {
  it('keep the order first seen, each once, never changing an array that groups share', () => {
    const withInput = inputsWith(new Map());
    const a = withInput([], 'a.csv');
    expect(withInput([], 'a.csv')).toBe(a);
    expect(withInput(a, 'a.csv')).toBe(a);
    const ab = withInput(a, 'b.csv');
    expect(ab).toEqual(['a.csv', 'b.csv']);
    expect(a).toEqual(['a.csv']);
    expect(withInput(withInput(ab, 'a.csv'), 'c.csv')).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });
});
