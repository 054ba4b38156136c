// Property: the library (compileContract + program.evaluate on plain objects) and the CLI
// (`attain evaluate --format json` on the same data written as a file, Program.dataText) give
// byte-identical evaluation JSON, or both refuse. Contracts and data: the shipped examples with
// their values varied (scaled, full-precision doubles, negated: some refused). Fixed seed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileContract, type Program } from '../../src/api/compile-contract.js';
import type { EvaluateInput, PlainRecord } from '../../src/api/plain-data.js';
import { loadMetricFile } from '../../src/data/load-metrics.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { runCli } from '../helpers/cli.js';

const RUNS = { seed: 20261205, numRuns: 60 } as const;
const WORK = mkdtempSync(join(tmpdir(), 'attain-api-cli-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

interface Example {
  readonly id: string;
  readonly contractPath: string;
  readonly program: Program;
  /** Periods of the data in order, values as plain JS values (numbers as YAML/JSON/CSV read them). */
  readonly periods: readonly { readonly period: string; readonly record: PlainRecord }[];
  /** Periods with a recorded invoice (inside the contract's window). */
  readonly evaluated: readonly string[];
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const id of readdirSync('examples').sort()) {
    const dir = join('examples', id);
    const data = readdirSync(dir).find((f) => /^metrics\.(ya?ml|json|csv)$/.test(f));
    if (data === undefined) continue;
    const contractPath = `contracts/${id}.yaml`;
    const program = compileContract(readFileSync(contractPath, 'utf8'), { path: contractPath }).value;
    if (program === undefined) throw new Error(`${contractPath} does not compile`);
    const loaded = loadMetricFile(createSourceFile(join(dir, data), readFileSync(join(dir, data), 'utf8')));
    const raw = [...(loaded.value?.contracts.get(id) ?? []), ...(loaded.value?.contracts.get('') ?? [])];
    const periods = raw.map((p) => ({
      period: p.period,
      record: Object.fromEntries([...p.record].map(([k, v]) => [k, typeof v.value === 'number' ? Number(v.source) : String(v.value)])),
    }));
    const evaluated = readdirSync(join(dir, 'invoices')).map((f) => f.replace(/\..*$/, '')).sort();
    out.push({ id, contractPath, program, periods, evaluated });
  }
  return out;
}

const EXAMPLES = examples();

/** A value varied: a number scaled (sometimes to a full-precision double), strings mostly kept. */
const variation = fc.record({
  scale: fc.constantFrom(1, 1, 0.5, 0.9, 1.1, 1.5, 2, 1 / 3, 0.1, -1),
  round: fc.boolean(),
});

function vary(record: PlainRecord, how: readonly { scale: number; round: boolean }[]): PlainRecord {
  return Object.fromEntries(Object.entries(record).map(([k, v], i): [string, number | string] => {
    const h = how[i % how.length] ?? { scale: 1, round: true };
    if (typeof v !== 'number') return [k, v];
    const x = v * h.scale;
    return [k, h.round || Number.isInteger(v) ? Math.round(x) : x];
  }));
}

describe('program.evaluate = attain evaluate --format json', () => {
  it('on the shipped examples with varied data', async () => {
    let file = 0;
    const outcomes = { same: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.array(variation, { minLength: 1, maxLength: 6 }), async (e, p, how) => {
        const ex = EXAMPLES[e % EXAMPLES.length] as Example;
        const period = ex.evaluated[p % ex.evaluated.length] as string;
        const upTo = ex.periods.filter((x) => x.period <= period);
        const current = upTo.find((x) => x.period === period);
        const history = Object.fromEntries(upTo.filter((x) => x.period !== period).map((x) => [x.period, vary(x.record, how)]));
        const input: EvaluateInput = { period, data: vary(current?.record ?? {}, how), history };
        const api = ex.program.evaluate(input);
        const path = join(WORK, `d${file++}.json`);
        writeFileSync(path, ex.program.dataText(input));
        const cli = await runCli('evaluate', ex.contractPath, '--data', path, '--period', period, '--format', 'json');
        if (cli.code === 0) {
          expect(api.value).toBeDefined();
          expect(`${JSON.stringify(api.value, null, 2)}\n`).toBe(cli.stdout);
          outcomes.same++;
        } else {
          expect(api.value).toBeUndefined();
          for (const d of api.diagnostics.filter((x) => x.severity === 'error')) expect(cli.stderr).toContain(d.code);
          outcomes.refused++;
        }
      }),
      RUNS,
    );
    // Both kinds of outcome were compared (the variations are not all accepted nor all refused).
    expect(outcomes.same).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
