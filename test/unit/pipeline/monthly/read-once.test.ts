// The monthly run reads each input once: every contract and data file is read by the workspace
// reader exactly once per run and parsed as YAML exactly once (planning and evaluation share the
// load), and a --sources file is read and aggregated once for all the run's contracts.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMonthlyInvoices } from '../../../../src/pipeline/monthly/monthly.js';
import { generateMonth } from '../../../helpers/generated-month.js';

const seen = vi.hoisted(() => ({ reads: [] as string[], parses: [] as string[], aggregations: 0 }));

vi.mock('../../../../src/workspace/files.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../../src/workspace/files.js')>();
  return {
    ...orig,
    readSource: (path: string, maxBytes?: number) => {
      seen.reads.push(path);
      return orig.readSource(path, maxBytes);
    },
  };
});
vi.mock('../../../../src/contract/load-yaml.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../../src/contract/load-yaml.js')>();
  return {
    ...orig,
    loadYaml: (...args: Parameters<typeof orig.loadYaml>) => {
      seen.parses.push(args[0].path);
      return orig.loadYaml(...args);
    },
  };
});
vi.mock('../../../../src/sources/run.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../../../src/sources/run.js')>();
  return {
    ...orig,
    runSources: (...args: Parameters<typeof orig.runSources>) => {
      seen.aggregations++;
      return orig.runSources(...args);
    },
  };
});

const work = mkdtempSync(join(tmpdir(), 'attain-read-once-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(() => {
  seen.reads.length = 0;
  seen.parses.length = 0;
  seen.aggregations = 0;
});

function counts(paths: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of paths) out[p] = (out[p] ?? 0) + 1;
  return out;
}

const once = (paths: readonly string[]): Record<string, number> => Object.fromEntries(paths.map((p) => [p, 1]));
const filesIn = (dir: string): string[] => readdirSync(dir).map((n) => join(dir, n));

describe('the monthly run reads each input once', () => {
  it('--data: each contract and data file read once and each YAML file parsed once, with one shared CSV and a YAML file per contract', async () => {
    const { contracts, data } = generateMonth(join(work, 'month'), 5, 0);
    cpSync('contracts/acme-smm.yaml', join(contracts, 'acme-smm.yaml'));
    cpSync('examples/acme-smm/metrics.yaml', join(data, 'acme-smm.yaml'));
    const result = await runMonthlyInvoices({ contracts, data, period: '2026-10', out: join(work, 'out-data') });
    if (result.kind !== 'done') throw new Error(result.message);
    expect(result.summary.rows.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    const inputs = [...filesIn(contracts), ...filesIn(data)];
    expect(counts(seen.reads)).toEqual(once(inputs));
    expect(counts(seen.parses)).toEqual(once([...filesIn(contracts), join(data, 'acme-smm.yaml')]));
  });

  it('--sources: each contract read and parsed once, the sources file read once and aggregated once for every contract', async () => {
    const dir = join(work, 'sourced');
    mkdirSync(join(dir, 'contracts'), { recursive: true });
    const rows = ['date,client,visits'];
    for (let i = 1; i <= 4; i++) {
      writeFileSync(
        join(dir, 'contracts', `s-${i}.yaml`),
        `contract: s-${i}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { sessions: count }\nkpis:\n  k: { target: sessions >= 10 }\npayments:\n  - id: fee\n    label: Fee\n    amount: 1000 RUB\n    when: k\n`,
      );
      rows.push(`2026-09-01,s-${i},${i * 5}`, `2026-10-01,s-${i},${i * 7}`);
    }
    writeFileSync(join(dir, 'visits.csv'), rows.join('\n') + '\n');
    const sources = join(dir, 'sources.yaml');
    writeFileSync(sources, `sources:\n  crm:\n    files: visits.csv\n    contract: { column: client }\n    date: date\n    columns: { date: date, client: text, visits: count }\nmetrics:\n  sessions: sum(crm.visits)\n`);
    const result = await runMonthlyInvoices({ contracts: join(dir, 'contracts'), sources, period: '2026-10', out: join(work, 'out-sources') });
    if (result.kind !== 'done') throw new Error(result.message);
    expect(result.summary.rows.map((r) => r.status)).toEqual(Array(4).fill('ok'));
    const contractFiles = filesIn(join(dir, 'contracts'));
    expect(counts(seen.reads)).toEqual(once([...contractFiles, sources]));
    expect(counts(seen.parses)).toEqual(once([...contractFiles, sources]));
    expect(seen.aggregations).toBe(1);
  });
});
