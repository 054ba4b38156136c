// `attain diff` on a git repository made here (git init, two commits): the contracts at the base
// are read with git show (the checkout untouched), every period with data evaluated both ways.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../../../src/pipeline/diff/diff.js';
import { renderDiffMarkdown } from '../../../../src/report/diff-markdown.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMPILED = existsSync(join(ROOT, 'dist/src/cli/diff.js'));
/** The compiled CLI run in the repository (the command reads paths and git from its directory). */
function runCli(...args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/attain.js'), ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout };
}

const repo = mkdtempSync(join(tmpdir(), 'attain-diff-'));
const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });

function contract(id: string, price: number, extra = ''): string {
  return `contract: ${id}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\nkpis:\n  volume: { target: leads >= 50 }\npayments:\n  - id: retainer\n    label: Retainer\n    amount: 10000 RUB\n  - id: leads\n    label: Leads\n    quantity: leads\n    price: ${price} RUB\n${extra}`;
}

beforeAll(() => {
  mkdirSync(join(repo, 'contracts'));
  mkdirSync(join(repo, 'data'));
  writeFileSync(join(repo, 'data', 'metrics.csv'), 'contract,period,leads\ndelta,2026-05,40\ndelta,2026-06,60\ndelta,2026-07,60\ndelta,2026-08,70\nsame,2026-08,10\ngone,2026-08,5\n');
  writeFileSync(join(repo, 'contracts', 'delta.yaml'), contract('delta', 500));
  writeFileSync(join(repo, 'contracts', 'same.yaml'), contract('same', 100));
  writeFileSync(join(repo, 'contracts', 'gone.yaml'), contract('gone', 100));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'first');
  // Second commit: a new price, and a bonus when the volume KPI is met; one contract removed.
  writeFileSync(join(repo, 'contracts', 'delta.yaml'), contract('delta', 600, '  - id: bonus\n    label: Volume bonus\n    amount: 2000 RUB\n    when: volume\n'));
  rmSync(join(repo, 'contracts', 'gone.yaml'));
  git('add', '-A');
  git('commit', '-qm', 'second');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('attain diff against a git revision', () => {
  it('reports the right per-period deltas, KPIs and lines for a changed contract', async () => {
    const run = await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), data: join(repo, 'data'), cwd: repo });
    if (run.kind !== 'done') throw new Error(run.message);
    const delta = run.report.contracts.find((c) => c.contract === 'delta');
    expect(delta?.change).toBe('changed');
    expect(delta?.files.old).toEqual(['HEAD~1:contracts/delta.yaml']);
    // leads x 100 RUB more, plus 2 000 RUB where the volume KPI is met (60 and 70 leads).
    expect(delta?.periods.map((p) => [p.period, p.difference])).toEqual([
      ['2026-05', 400000n],
      ['2026-06', 800000n],
      ['2026-07', 800000n],
      ['2026-08', 900000n],
    ]);
    const june = delta?.periods[1];
    expect(june?.old).toMatchObject({ kind: 'invoice', total: 4000000n });
    expect(june?.new).toMatchObject({ kind: 'invoice', total: 4800000n });
    expect(june?.lines.map((l) => [l.id, l.old, l.new, l.difference])).toEqual([
      ['leads', 3000000n, 3600000n, 600000n],
      ['bonus', undefined, 200000n, 200000n],
    ]);
    expect(june?.kpis).toEqual([]);
    expect(run.report.contracts.find((c) => c.contract === 'gone')?.change).toBe('removed');
    expect(run.report.contracts.find((c) => c.contract === 'gone')?.periods.map((p) => [p.period, p.difference])).toEqual([['2026-08', -1050000n]]);
    expect(run.report.unchanged).toBe(1);
    expect(renderDiffMarkdown(run.report)).toContain('| 2026-06 | 40000.00 (v1) | 48000.00 (v1) | **+8000.00** | RUB |');
  });

  it('touches no checkout: the working tree and HEAD are as they were', async () => {
    const head = git('rev-parse', 'HEAD');
    await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), data: join(repo, 'data'), cwd: repo });
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('status', '--porcelain')).toBe('');
    expect(readFileSync(join(repo, 'contracts', 'delta.yaml'), 'utf8')).toContain('price: 600 RUB');
  });

  it('--periods limits the periods; a directory works as the base; nothing changed is said so', async () => {
    const run = await runDiff({ base: 'HEAD~1', contracts: join(repo, 'contracts'), data: join(repo, 'data'), cwd: repo, periods: { from: '2026-07', to: '2026-08' } });
    if (run.kind !== 'done') throw new Error(run.message);
    expect(run.report.contracts.find((c) => c.contract === 'delta')?.periods.map((p) => p.period)).toEqual(['2026-07', '2026-08']);
    const same = await runDiff({ base: join(repo, 'contracts'), contracts: join(repo, 'contracts'), data: join(repo, 'data') });
    if (same.kind !== 'done') throw new Error(same.message);
    expect(renderDiffMarkdown(same.report)).toMatch(/No contract changed .* \(2 compared\)/);
  });

  it.skipIf(!COMPILED)('exit codes: 0 with differences, 2 for an unknown base or bad --periods; json is the same data', () => {
    {
      const ok = runCli('diff', '--base', 'HEAD~1', '--data', 'data', '--format', 'json');
      expect(ok.code).toBe(0);
      const json = JSON.parse(ok.stdout);
      expect(json.contracts[0]).toMatchObject({ contract: 'delta', change: 'changed' });
      expect(json.contracts[0].periods[0]).toMatchObject({ period: '2026-05', difference: '4000.00', old: { total: '30000.00' }, new: { total: '34000.00' } });
      expect(runCli('diff', '--base', 'no-such-rev', '--data', 'data').code).toBe(2);
      expect(runCli('diff', '--base', 'HEAD~1', '--data', 'data', '--periods', '2026-13').code).toBe(2);
      const gh = runCli('diff', '--base', 'HEAD~1', '--data', 'data', '--format', 'github');
      expect(gh.stdout).toMatch(/^::notice file=contracts\/delta\.yaml,line=1,title=attain diff delta::delta changed: 2026-05 \+4000\.00 RUB/m);
    }
  });

  it.skipIf(!COMPILED)('exit 1 when an evaluation fails', () => {
    writeFileSync(join(repo, 'contracts', 'delta.yaml'), contract('delta', 600, '  - id: broken\n    label: Broken\n    amount: 1000 RUB / (leads - 60)\n'));
    try {
      const r = runCli('diff', '--base', 'HEAD~1', '--data', 'data');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('**failed**');
    } finally {
      git('checkout', '-q', '--', 'contracts/delta.yaml');
    }
  });
});
