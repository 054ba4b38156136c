// `attain diff --sources` on a git repository made here (two commits): the metrics come from a
// sources file and its exports, aggregated once; the contracts are read at the base with git show,
// and the data is the working tree's for both sides (the second commit's new export rows included).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../../../src/pipeline/diff/diff.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMPILED = existsSync(join(ROOT, 'dist/src/pipeline/diff/diff-sources.js'));
const repo = mkdtempSync(join(tmpdir(), 'attain-diff-sources-'));
const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/attain.js'), ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function contract(id: string, price: number, extra = ''): string {
  return `contract: ${id}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\nkpis:\n  volume: { target: leads >= 50 }\npayments:\n  - id: retainer\n    label: Retainer\n    amount: 10000 RUB\n  - id: leads\n    label: Leads\n    quantity: leads\n    price: ${price} RUB\n${extra}`;
}

const SOURCES = `sources:
  crm:
    files: exports/*.csv
    contract: { column: client }
    date: day
    columns: { day: date, client: text, leads: count }
  site:
    files: exports/site.jsonl
    contract: { column: client }
    date: day
    columns: { day: date, client: text, visits: count }
metrics:
  leads: sum(crm.leads)
`;

beforeAll(() => {
  mkdirSync(join(repo, 'contracts'));
  mkdirSync(join(repo, 'exports'));
  writeFileSync(join(repo, 'sources.yaml'), SOURCES);
  writeFileSync(join(repo, 'exports', 'leads.csv'), 'day,client,leads\n2026-05-03,delta,15\n2026-05-20,delta,25\n2026-06-10,delta,60\n2026-06-11,same,10\n');
  writeFileSync(join(repo, 'exports', 'site.jsonl'), '{"day": "2026-05-03", "client": "delta", "visits": 100}\n');
  writeFileSync(join(repo, 'contracts', 'delta.yaml'), contract('delta', 500));
  writeFileSync(join(repo, 'contracts', 'same.yaml'), contract('same', 100));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'first');
  // Second commit: a new price and a bonus; July's export rows arrive with it.
  writeFileSync(join(repo, 'contracts', 'delta.yaml'), contract('delta', 600, '  - id: bonus\n    label: Volume bonus\n    amount: 2000 RUB\n    when: volume\n'));
  writeFileSync(join(repo, 'exports', 'july.csv'), 'day,client,leads\n2026-07-01,delta,70\n');
  git('add', '-A');
  git('commit', '-qm', 'second');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('attain diff --sources', () => {
  it('evaluates every period the sources hold, both ways, from one aggregation of the working tree data', async () => {
    const run = await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), sources: join(repo, 'sources.yaml'), cwd: repo });
    if (run.kind !== 'done') throw new Error(run.message);
    expect(run.report.unchanged).toBe(1);
    const delta = run.report.contracts.find((c) => c.contract === 'delta');
    expect(delta?.errors).toEqual([]);
    // leads x 100 RUB more, plus 2 000 RUB where the volume KPI is met (60 and 70 leads); July's
    // rows were committed with the change, and the base side is evaluated on them too.
    expect(delta?.periods.map((p) => [p.period, p.old.kind === 'invoice' ? p.old.total : p.old.kind, p.difference])).toEqual([
      ['2026-05', 3000000n, 400000n],
      ['2026-06', 4000000n, 800000n],
      ['2026-07', 4500000n, 900000n],
    ]);
    expect(delta?.periods[1]?.lines.map((l) => [l.id, l.difference])).toEqual([
      ['leads', 600000n],
      ['bonus', 200000n],
    ]);
  });

  it('a sources file that cannot be read is a usage error; a bad export fails the changed contracts, located', async () => {
    const missing = await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), sources: join(repo, 'nope.yaml'), cwd: repo });
    expect(missing).toMatchObject({ kind: 'usage' });
    expect(await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), cwd: repo })).toMatchObject({ kind: 'usage', message: 'give either --data <dir|file> or --sources <file>' });
    const bad = join(repo, 'exports', 'bad.csv');
    writeFileSync(bad, 'day,client,leads\n2026-05-04,delta,many\n');
    try {
      const run = await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), sources: join(repo, 'sources.yaml'), cwd: repo });
      if (run.kind !== 'done') throw new Error(run.message);
      const delta = run.report.contracts.find((c) => c.contract === 'delta');
      expect(delta?.periods).toEqual([]);
      expect(delta?.errors).toEqual([expect.stringMatching(/bad\.csv:2:18: E095 .*"many" is not a number/)]);
    } finally {
      rmSync(bad);
    }
  });

  it('a definition whose unit does not fit one side\'s version fails that side only', async () => {
    const base = mkdtempSync(join(tmpdir(), 'attain-diff-base-'));
    try {
      // At the base, leads was declared as money: sum(crm.leads) (a count) does not fit it (E094).
      writeFileSync(join(base, 'delta.yaml'), contract('delta', 500).replace('metrics: { leads: count }', 'metrics: { leads: money }').replace('quantity: leads\n    price: 500 RUB', 'amount: leads'));
      writeFileSync(join(base, 'same.yaml'), contract('same', 100));
      const run = await runDiff({ base, contracts: join(repo, 'contracts'), sources: join(repo, 'sources.yaml') });
      if (run.kind !== 'done') throw new Error(run.message);
      const june = run.report.contracts.find((c) => c.contract === 'delta')?.periods.find((p) => p.period === '2026-06');
      expect(june?.old).toMatchObject({ kind: 'failed', error: expect.stringContaining('E094') });
      expect(june?.new).toMatchObject({ kind: 'invoice', total: 4800000n });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it.skipIf(!COMPILED)('the CLI takes --sources (exit 0 with differences) and refuses --data with --sources (exit 2)', () => {
    const ok = runCli('diff', '--base', 'HEAD~1', '--sources', 'sources.yaml', '--format', 'json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).contracts[0].periods.map((p: { period: string; difference: string }) => [p.period, p.difference])).toEqual([
      ['2026-05', '4000.00'],
      ['2026-06', '8000.00'],
      ['2026-07', '9000.00'],
    ]);
    const both = runCli('diff', '--base', 'HEAD~1', '--sources', 'sources.yaml', '--data', 'exports');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --data');
  });
});
