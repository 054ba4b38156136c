// src/api/compile-contract.ts: a contract compiled once, evaluated on plain objects; the JSON is
// what `attain evaluate --format json` prints, and bad data comes back as located diagnostics.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileContract } from '../../../src/api/compile-contract.js';
import type { EvaluateInput } from '../../../src/api/plain-data.js';
import { runCli } from '../../helpers/cli.js';

const ACME = readFileSync('contracts/acme-smm.yaml', 'utf8');
const OCTOBER: EvaluateInput = {
  period: '2026-10',
  data: { sessions: 13070, bounce_rate: '17.5%', avg_time_on_site: '2 min 15 s', direct_sessions: 7580, leads: 103, followers: 7510, ad_spend: '35000 RUB', reach: 91175 },
  history: { '2026-09': { followers: 6676 } },
};

function program() {
  const compiled = compileContract(ACME, { path: 'contracts/acme-smm.yaml' });
  expect(compiled.diagnostics).toEqual([]);
  if (compiled.value === undefined) throw new Error('acme-smm does not compile');
  return compiled.value;
}

describe('compileContract', () => {
  it('evaluates plain objects to the SPEC 5 JSON', () => {
    const run = program().evaluate(OCTOBER);
    expect(run.diagnostics).toEqual([]);
    expect(run.value?.subtotal).toBe('101500.00');
    expect(run.value?.total).toBe('123830.00'); // НДС 22% on top
    expect(run.value?.kpis.map((k) => [k.id, k.status])).toEqual([['quality_traffic', 'met'], ['direct_traffic', 'missed'], ['growth', 'met']]);
    expect(run.value?.kpis[0]?.explanation).toBe('bounce_rate 17.5% <= 20% (met) and avg_time_on_site 2 min 15 s >= 2 min (met)');
  });

  it('reads a JS number at its shortest decimal: 0.175 is exactly 17.5%', () => {
    const p = program();
    const asNumber = p.evaluate({ ...OCTOBER, data: { ...OCTOBER.data, bounce_rate: 0.175, avg_time_on_site: 135 } });
    const asText = p.evaluate(OCTOBER);
    expect(asNumber.value?.kpis).toEqual(asText.value?.kpis);
    expect(asNumber.value?.total).toBe(asText.value?.total);
  });

  it('gives the JSON the CLI prints for the same data file (digests included)', async () => {
    const p = program();
    const file = join(mkdtempSync(join(tmpdir(), 'attain-api-')), 'data.json');
    writeFileSync(file, p.dataText(OCTOBER));
    const cli = await runCli('evaluate', 'contracts/acme-smm.yaml', '--data', file, '--period', '2026-10', '--format', 'json');
    expect(cli.code).toBe(0);
    expect(`${JSON.stringify(p.evaluate(OCTOBER).value, null, 2)}\n`).toBe(cli.stdout);
  });

  it('is the section 5 JSON itself, as SPEC 13 writes it, and also its own value with the diagnostics', async () => {
    const p = program();
    const evaluation = p.evaluate(OCTOBER);
    // SPEC 13: `const evaluation = program.evaluate(...)` is plain JSON-able data.
    expect(evaluation.value).toBe(evaluation);
    expect('total' in evaluation && evaluation.total).toBe('123830.00');
    expect(evaluation.diagnostics).toEqual([]);
    // value and diagnostics are not enumerable: the JSON, keys, spreads and clones are section 5's.
    const file = join(mkdtempSync(join(tmpdir(), 'attain-api-')), 'data.json');
    writeFileSync(file, p.dataText(OCTOBER));
    const cli = await runCli('evaluate', 'contracts/acme-smm.yaml', '--data', file, '--period', '2026-10', '--format', 'json');
    expect(`${JSON.stringify(evaluation, null, 2)}\n`).toBe(cli.stdout);
    const keys = ['contract', 'version', 'period', 'period_index', 'currency', 'kpis', 'score', 'lines', 'adjustments', 'subtotal', 'taxes', 'net', 'total', 'invoice', 'inputs'];
    expect(Object.keys(evaluation)).toEqual(keys);
    expect(Object.keys({ ...evaluation })).toEqual(keys);
    expect(structuredClone(evaluation)).toEqual(JSON.parse(cli.stdout));
    expect(evaluation).toStrictEqual(JSON.parse(cli.stdout));
    // Warnings come with the value; without a value there is no section 5 JSON, only findings.
    const noLeads = Object.fromEntries(Object.entries(OCTOBER.data).filter(([k]) => k !== 'leads'));
    const warned = p.evaluate({ ...OCTOBER, data: noLeads });
    expect(warned.diagnostics.map((d) => d.code)).toContain('W061');
    const bad = p.evaluate({ ...OCTOBER, data: { ...OCTOBER.data, sessions: -3 } });
    expect(bad.value).toBeUndefined();
    expect(Object.keys(bad)).toEqual(['diagnostics']);
  });

  it('returns plain data: no class instances, JSON round-trips unchanged', () => {
    const value = program().evaluate(OCTOBER).value;
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value?.kpis[0])).toBe(Object.prototype);
  });

  it('reports bad data located in the data as JSON, with no value', () => {
    const p = program();
    const input: EvaluateInput = { ...OCTOBER, data: { ...OCTOBER.data, sessions: -3, ad_spend: '100 USD' } };
    const run = p.evaluate(input);
    expect(run.value).toBeUndefined();
    expect(run.diagnostics.map((d) => d.code)).toEqual(['E064', 'E063']);
    const text = p.dataText(input);
    const [negative] = run.diagnostics;
    expect(negative?.span.file).toBe('data.json');
    expect(text.slice(negative?.span.start, negative?.span.end)).toBe('-3');
  });

  it('answers malformed input with diagnostics, never an exception', () => {
    const p = program();
    const bad = [
      { period: '2026-10', data: { sessions: Number.NaN } },
      { period: '2026-10', data: { sessions: null } },
      { period: '2026-10', data: 'sessions' },
      { period: 'October', data: {} },
      null,
    ] as unknown as EvaluateInput[];
    for (const input of bad) {
      const run = p.evaluate(input);
      expect(run.value).toBeUndefined();
      expect(run.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });

  it('reports what a period lacks (a missing metric: warning, a KPI without data: error)', () => {
    const noLeads = Object.fromEntries(Object.entries(OCTOBER.data).filter(([k]) => k !== 'leads'));
    const run = program().evaluate({ ...OCTOBER, data: noLeads });
    expect(run.diagnostics.map((d) => d.code)).toContain('W061');
  });

  it('returns the contract diagnostics and no program for a bad contract', () => {
    const compiled = compileContract(ACME.replace('bounce_rate <= 20%', 'bounce_rat <= 20%'), { path: 'acme.yaml' });
    expect(compiled.value).toBeUndefined();
    expect(compiled.diagnostics[0]?.code).toBe('E030');
    expect(compiled.diagnostics[0]?.span.file).toBe('acme.yaml');
  });
});

describe('plainData', () => {
  it('writes the text dataFileText writes (JSON.stringify, 2 spaces), whatever the keys and values', async () => {
    const { dataFileText, plainData } = await import('../../../src/api/plain-data.js');
    const span = { file: 'd', start: 0, end: 0 };
    const inputs: EvaluateInput[] = [
      OCTOBER,
      { period: '2026-10', data: {} },
      { period: '2026-10', data: { 'a "quoted"\nkey': '17.5%', '12': 0.1, b: -0, c: 1e21, d: 5e-7 }, history: { '2026-09': {}, '2026-08': { x: 1 } } },
    ];
    for (const input of inputs) expect(plainData('acme "smm"', input, span)?.text).toBe(dataFileText('acme "smm"', input));
  });
});
