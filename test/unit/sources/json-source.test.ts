// JSON and JSON Lines exports (SPEC 9 `files:` .json .jsonl): the same rows as a CSV give the same
// exact values (numbers read from their text, never through a double), and every bad input is a
// located finding at its file:line:col.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { createSourceFile, lineColAt } from '../../../src/diagnostics/source.js';
import { checkContractFile } from '../../../src/check/check-file.js';
import type { Contract } from '../../../src/contract/model.js';
import { toDecimalString } from '../../../src/numbers/rational.js';
import { LAZY_ENGINES } from '../../../src/sources/engines/lazy.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { runSources } from '../../../src/sources/run.js';

const DIR = 'test/fixtures/sources-json';
const YAML = readFileSync(`${DIR}/sources.yaml`, 'utf8');

function sources(kind: 'csv' | 'json' | 'jsonl', file?: string) {
  let text = YAML.replace(/sum\(csv\./g, `sum(${kind}.`).replace(/weighted_avg\(csv\.bounce_rate, csv\.visits\)/, `weighted_avg(${kind}.bounce_rate, ${kind}.visits)`);
  if (file !== undefined) text = text.replace(`files: daily.${kind}`, `files: ${file}`);
  const loaded = loadSourcesFile(createSourceFile(`${DIR}/sources.yaml`, text));
  expect(loaded.diagnostics).toEqual([]);
  if (loaded.value === undefined) throw new Error('fixture');
  return loaded.value;
}

function contract(id: string): Contract {
  const text = `contract: ${id}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { sessions: count, spend: money, bounce_rate: percent }\nkpis:\n  k: { target: sessions >= 0 }\n`;
  const c = checkContractFile(createSourceFile(`${id}.yaml`, text)).checked?.contract;
  if (c === undefined) throw new Error('fixture');
  return c;
}

const CONTRACTS = [contract('acme-smm'), contract('beta-shop')];

/** contract -> period -> metric -> exact decimal text. */
async function values(kind: 'csv' | 'json' | 'jsonl'): Promise<Record<string, Record<string, Record<string, string>>>> {
  const r = await runSources({ sources: sources(kind), contracts: CONTRACTS, cwd: DIR }, LAZY_ENGINES);
  expect([...r.failed.values()].flat()).toEqual([]);
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [id, periods] of r.values) {
    out[id] = {};
    for (const [p, record] of periods) out[id][p] = Object.fromEntries([...record].map(([m, v]) => [m, toDecimalString(v.value, 20)]));
  }
  return out;
}

/** `file:line:col code` of each finding of a failed contract. */
async function located(kind: 'json' | 'jsonl', file: string): Promise<string[]> {
  const r = await runSources({ sources: sources(kind, file), contracts: CONTRACTS, cwd: DIR }, LAZY_ENGINES);
  const text = readFileSync(`${DIR}/${file}`, 'utf8');
  const f = createSourceFile(file, text);
  return (r.failed.get('acme-smm') ?? []).map((d: Diagnostic) => {
    const at = lineColAt(f, d.span.start);
    return `${d.span.file}:${at.line}:${at.column} ${d.code} ${d.message}`;
  });
}

describe('JSON and JSONL sources', () => {
  it('give exactly the values of the same rows in a CSV, beyond what a double holds', async () => {
    const csv = await values('csv');
    expect(csv['beta-shop']?.['2026-10']).toEqual({ sessions: '9007199254740993', spend: '12345678901234567.89', bounce_rate: '0.005' });
    // Ratios of sums: (100 x 10% + 900 x 30%) / 1000 = 28%; 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    expect(csv['acme-smm']?.['2026-10']).toEqual({ sessions: '1000', spend: '0.3', bounce_rate: '0.28' });
    expect(await values('json')).toEqual(csv);
    expect(await values('jsonl')).toEqual(csv);
  });

  it('records the rows read and the blank lines skipped, with the file digest', async () => {
    const r = await runSources({ sources: sources('jsonl'), contracts: CONTRACTS, cwd: DIR }, LAZY_ENGINES);
    expect(r.inputs).toMatchObject([{ source: 'jsonl', path: 'daily.jsonl', rows: 4, skipped: { blank: 1 } }]);
    expect(r.inputs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('malformed JSON is E096 at the offending character', async () => {
    expect(await located('json', 'bad-syntax.json')).toEqual(['bad-syntax.json:3:62 E096 bad-syntax.json is not valid JSON: expected "," or "}", found "\\""']);
  });

  it('every bad row is E095 at its place: not an object, a missing key, a nested value, a number too large, a count with decimals, a key twice', async () => {
    expect(await located('json', 'bad-rows.json')).toEqual([
      'bad-rows.json:3:3 E095 element 2 of the array is a string, not a row object ({"column": value, ...})',
      'bad-rows.json:4:3 E095 this row has no key "visits" (column "visits")',
      'bad-rows.json:5:58 E095 "visits" holds an object; column "visits" needs a single value (a string, a number or null)',
      'bad-rows.json:6:58 E095 the number 1e400 is too large to read (more than 64 digits written out; column "visits")',
      'bad-rows.json:7:58 E095 "12.5" is not a whole number of zero or more (column "visits" is a count)',
      'bad-rows.json:8:61 E095 the key "visits" appears twice in this row',
    ]);
  });

  it('a bad JSONL line is reported at its line and the other lines are still checked', async () => {
    expect(await located('jsonl', 'bad-lines.jsonl')).toEqual([
      'bad-lines.jsonl:2:95 E096 bad-lines.jsonl is not valid JSON Lines: expected "," or "}", found the end of the file',
      'bad-lines.jsonl:3:1 E095 this line is an array, not a row object ({"column": value, ...})',
    ]);
  });
});
