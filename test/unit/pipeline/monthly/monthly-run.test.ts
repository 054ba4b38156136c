// The monthly run (`attain invoice`): isolation of failures, atomic output, determinism, summary
// totals, and the manifest guard. Runs over temp copies of the shipped contracts and month data.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInvoice } from '../../../../src/cli/invoice.js';
import { runMonthlyInvoices } from '../../../../src/pipeline/monthly/monthly.js';
import type { OutputWriter } from '../../../../src/pipeline/monthly/monthly-output.js';
import { workersAvailable } from '../../../../src/pipeline/monthly/monthly-pool.js';
import { outsideReason, skipReason } from '../../../../src/pipeline/monthly/monthly-run.js';
import { loadContract } from '../../../../src/contract/load-contract.js';
import { createSourceFile } from '../../../../src/diagnostics/source.js';
import { TEMP_PREFIX, writeFileAtomic, type AtomicFs } from '../../../../src/workspace/atomic-write.js';
import { runCli } from '../../../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Every shipped contract; the month example carries data for all of the monthly ones. */
const SHIPPED = readdirSync(join(ROOT, 'contracts')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
const QUARTERLY = ['polaris-retainer-penalty'];
const MONTHLY = SHIPPED.filter((id) => !QUARTERLY.includes(id));
const MONTH = join(ROOT, 'examples/month/2026-10');

let work: string;
let contracts: string;
let data: string;

/** Every file under `dir` (relative path -> bytes as text), sorted. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, name.name);
      if (name.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function sakuraFixed(): void {
  const p = join(data, 'sakura-reach.yaml');
  writeFileSync(p, readFileSync(p, 'utf8').replace('reach: 45 953', 'reach: 45953'));
}

async function run(out: string, extra: Partial<Parameters<typeof runMonthlyInvoices>[0]> = {}) {
  return runMonthlyInvoices({ contracts, data, period: '2026-10', out, ...extra });
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'attain-month-'));
  contracts = join(work, 'contracts');
  data = join(work, 'data');
  mkdirSync(contracts);
  mkdirSync(data);
  for (const id of SHIPPED) copyFileSync(join(ROOT, 'contracts', `${id}.yaml`), join(contracts, `${id}.yaml`));
  cpSync(MONTH, data, { recursive: true });
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('isolation', () => {
  it('invoices every good contract when one has bad data and one is invalid', async () => {
    writeFileSync(join(contracts, 'broken.yaml'), 'contract: broken\nversion: [1\n');
    const out = join(work, 'out');
    const cli = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out);
    expect(cli.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const status = Object.fromEntries(summary.contracts.map((c: { contract: string; status: string }) => [c.contract, c.status]));
    const expected = Object.fromEntries(MONTHLY.map((id) => [id, 'ok']));
    expect(status).toEqual({ ...expected, broken: 'failed', 'polaris-retainer-penalty': 'skipped', 'sakura-reach': 'failed' });
    const sakura = summary.contracts.find((c: { contract: string }) => c.contract === 'sakura-reach');
    expect(sakura.error).toMatch(/sakura-reach\.yaml:12:21: E065 /);
    expect(summary.contracts.find((c: { contract: string }) => c.contract === 'broken').error).toMatch(/broken\.yaml:\d+:\d+: E002 /);
    for (const id of MONTHLY.filter((m) => m !== 'sakura-reach')) {
      expect(readdirSync(join(out, id)).sort()).toEqual(['invoice.csv', 'invoice.json', 'invoice.md', 'invoice.xlsx', 'report.html']);
    }
    expect(existsSync(join(out, 'sakura-reach'))).toBe(false);
    expect(existsSync(join(out, 'broken'))).toBe(false);
    // Located, pretty diagnostics on stderr, and progress lines (stderr is not a TTY here).
    expect(cli.stderr).toContain('sakura-reach: failed, no invoice written');
    expect(cli.stderr).toMatch(/sakura-reach\.yaml:12:21: error\[E065\]/);
    expect(cli.stderr).toContain('[1/16] acme-smm ok');
    expect(cli.stderr).toContain('[13/16] sakura-reach failed (E065)');
    expect(cli.stderr).toMatch(/13 of 16 contracts invoiced, 2 failed, 1 skipped \(other period kind or not in force\)/);
    expect(cli.stdout).toBe('');
  });

  it('reports a contract without data as failed with E068 at its id', async () => {
    rmSync(join(data, 'acme-smm.yaml'));
    const result = await run(join(work, 'out'));
    if (result.kind !== 'done') throw new Error(result.message);
    const acme = result.outcomes.find((o) => o.id === 'acme-smm');
    expect(acme?.row.status).toBe('failed');
    expect(acme?.row.error).toMatch(/acme-smm\.yaml:3:11: E068 no metric data for contract "acme-smm" under /);
    expect(acme?.diagnostics[0]?.hint).toContain('contract: acme-smm');
  });

  it('fails both contracts of a duplicated id (E056) and invoices the rest', async () => {
    copyFileSync(join(contracts, 'acme-smm.yaml'), join(contracts, 'acme-copy.yaml'));
    sakuraFixed();
    const result = await run(join(work, 'out'));
    if (result.kind !== 'done') throw new Error(result.message);
    const failed = result.outcomes.filter((o) => o.row.status === 'failed');
    expect(failed.map((o) => o.diagnostics[0]?.code)).toEqual(['E056', 'E056']);
    expect(result.outcomes.filter((o) => o.row.status === 'ok').map((o) => o.id)).toEqual(MONTHLY.filter((id) => id !== 'acme-smm'));
  });

  it('a data file that no contract can be given is a run error (exit 1), the contracts still run', async () => {
    sakuraFixed();
    writeFileSync(join(data, 'stray.yaml'), 'periods:\n  2026-10: { leads: 3 }\n');
    const out = join(work, 'out');
    const cli = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out, '--quiet');
    expect(cli.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toEqual({ contracts: 15, ok: 14, failed: 0, skipped: 1, run_errors: 1 });
    expect(summary.run_errors[0]).toMatch(/stray\.yaml:2:3: E068 /);
  });

  it('exits 0 when every contract is invoiced; --quiet prints no progress', async () => {
    sakuraFixed();
    const cli = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', join(work, 'out'), '--quiet');
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe('');
  });
});

describe('outputs', () => {
  it('writes invoice.json with the same bytes as `attain evaluate --format json`', async () => {
    const out = join(work, 'out');
    await run(out);
    for (const [id, file] of [['acme-smm', 'acme-smm.yaml'], ['brightway-traffic', 'metrics.csv']] as const) {
      const cli = await runCli('evaluate', join(contracts, `${id}.yaml`), '--data', join(data, file), '--period', '2026-10', '--format', 'json');
      expect(cli.code).toBe(0);
      expect(readFileSync(join(out, id, 'invoice.json'), 'utf8')).toBe(cli.stdout);
      const md = await runCli('evaluate', join(contracts, `${id}.yaml`), '--data', join(data, file), '--period', '2026-10', '--format', 'md');
      expect(readFileSync(join(out, id, 'invoice.md'), 'utf8')).toBe(md.stdout);
    }
  });

  it("summary totals equal the sum of the invoices' totals per currency", async () => {
    sakuraFixed();
    const out = join(work, 'out');
    await run(out);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const sums = new Map<string, { minor: bigint; digits: number }>();
    for (const id of MONTHLY) {
      const inv = JSON.parse(readFileSync(join(out, id, 'invoice.json'), 'utf8')) as { total: string; currency: string };
      const digits = inv.total.split('.')[1]?.length ?? 0;
      const minor = BigInt(inv.total.replace('.', ''));
      const s = sums.get(inv.currency) ?? { minor: 0n, digits };
      sums.set(inv.currency, { minor: s.minor + minor, digits });
    }
    const expected: Record<string, string> = {};
    for (const [cur, s] of [...sums].sort()) {
      const text = s.minor.toString().padStart(s.digits + 1, '0');
      expected[cur] = s.digits === 0 ? text : `${text.slice(0, -s.digits)}.${text.slice(-s.digits)}`;
    }
    expect(summary.totals).toEqual(expected);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('kind,contract,client,status,score,total,currency,error,reason');
    for (const [cur, sum] of Object.entries(expected)) expect(csv).toContain(`total,,,,,${sum},${cur},,`);
  });

  it('is deterministic: two runs give byte-identical trees, a rerun in place changes nothing', async () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    await run(a);
    await run(b);
    const first = tree(a);
    expect([...first.keys()]).toContain('acme-smm/report.html');
    expect(tree(b)).toEqual(first);
    const again = await run(a);
    expect(again.kind).toBe('done');
    expect(tree(a)).toEqual(first);
    expect([...first.values()].join('')).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:/);
  });

  it('--jobs 3 from TypeScript sources falls back to this thread, with the same output', async () => {
    expect(workersAvailable()).toBe(false);
    const a = join(work, 'a');
    const b = join(work, 'b');
    await run(a);
    await run(b, { jobs: 3 });
    expect(tree(b)).toEqual(tree(a));
  });

  // Worker threads need the compiled worker: dist/, built from src/ before the tests (test/setup/build-dist.ts).
  it('the compiled CLI gives byte-identical output with --jobs 3 (worker threads)', () => {
    const cli = (out: string, ...extra: string[]): void => {
      spawnSync(process.execPath, [join(ROOT, 'bin/attain.js'), 'invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out, '--quiet', ...extra], { cwd: work });
    };
    cli(join(work, 'seq'));
    cli(join(work, 'par'), '--jobs', '3');
    expect(tree(join(work, 'seq')).get('summary.csv')).toContain('acme-smm');
    expect(tree(join(work, 'par'))).toEqual(tree(join(work, 'seq')));
  });

  it('the compiled CLI gives byte-identical output with --sources and --jobs 2 (the aggregated sources sent to each worker once)', () => {
    const dir = join(work, 'sourced');
    mkdirSync(dir);
    for (const id of ['acme-smm', 'volga-community-direct', 'sakura-reach']) copyFileSync(join(ROOT, 'contracts', `${id}.yaml`), join(dir, `${id}.yaml`));
    const cli = (out: string, ...extra: string[]): number | null =>
      spawnSync(process.execPath, [join(ROOT, 'bin/attain.js'), 'invoice', '--contracts', dir, '--sources', join(ROOT, 'examples/sources/sources.yaml'), '--period', '2026-10', '--out', out, '--quiet', ...extra], { cwd: ROOT }).status;
    cli(join(work, 'seq'));
    cli(join(work, 'par'), '--jobs', '2');
    const seq = tree(join(work, 'seq'));
    expect(seq.get('summary.csv')).toMatch(/acme-smm.*ok/);
    expect(seq.get('summary.csv')).toMatch(/volga-community-direct.*ok/);
    expect(tree(join(work, 'par'))).toEqual(seq);
  });
});

describe('manifest', () => {
  it('refuses (exit 2) to replace an invoice computed from different inputs, unless --force', async () => {
    const out = join(work, 'out');
    sakuraFixed();
    await run(out);
    const before = tree(out);
    const acme = join(data, 'acme-smm.yaml');
    writeFileSync(acme, readFileSync(acme, 'utf8').replace('leads: 103,', 'leads: 104,'));
    const refused = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds invoices from different inputs \(different inputs for acme-smm\).*--force/);
    expect(tree(out)).toEqual(before);
    const forced = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'acme-smm', 'invoice.json'), 'utf8')).not.toBe(before.get('acme-smm/invoice.json'));
  });

  it("fixing a failed contract's data redoes that contract only, without --force", async () => {
    const out = join(work, 'out');
    const first = await run(out);
    if (first.kind !== 'done') throw new Error(first.message);
    expect(first.outcomes.find((o) => o.id === 'sakura-reach')?.row.status).toBe('failed');
    const before = tree(out);
    sakuraFixed();
    const second = await run(out);
    if (second.kind !== 'done') throw new Error(second.message);
    expect(second.outcomes.map((o) => o.id)).toEqual(['sakura-reach']);
    expect(second.kept).toBe(SHIPPED.length - 1);
    expect(existsSync(join(out, 'sakura-reach', 'report.html'))).toBe(true);
    for (const [path, bytes] of before) if (!/^(manifest|summary)/.test(path)) expect(tree(out).get(path)).toBe(bytes);
  });

  it('refuses another period, and a non-empty directory without a manifest', async () => {
    const out = join(work, 'out');
    await run(out);
    const other = await run(out, { period: '2026-09' });
    expect(other).toMatchObject({ kind: 'usage', message: expect.stringMatching(/it holds period 2026-10, this run is 2026-09/) });
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    expect(await run(foreign)).toMatchObject({ kind: 'usage', message: expect.stringMatching(/no readable manifest/) });
  });

  it('with --force removes the files of contracts that now fail or left the run', async () => {
    const out = join(work, 'out');
    sakuraFixed();
    await run(out);
    expect(existsSync(join(out, 'nordlicht-leads', 'invoice.json'))).toBe(true);
    rmSync(join(contracts, 'acme-smm.yaml'));
    writeFileSync(join(data, 'metrics.csv'), readFileSync(join(data, 'metrics.csv'), 'utf8').replace('131,91,5200 EUR', '131,-91,5200 EUR'));
    const result = await run(out, { force: true });
    if (result.kind !== 'done') throw new Error(result.message);
    expect(result.outcomes.find((o) => o.id === 'nordlicht-leads')?.row.error).toMatch(/E064/);
    expect(existsSync(join(out, 'nordlicht-leads'))).toBe(false);
    expect(existsSync(join(out, 'acme-smm'))).toBe(false);
    expect(existsSync(join(out, 'brightway-traffic', 'invoice.json'))).toBe(true);
  });
});

describe('atomic output', () => {
  function tempFiles(dir: string): string[] {
    return [...tree(dir).keys()].filter((p) => p.split('/').some((part) => part.startsWith(TEMP_PREFIX)));
  }

  it('an interruption midway leaves no temp file and no partial contract', async () => {
    const out = join(work, 'out');
    // Interrupt at acme-smm's invoice.md: the manifest and its invoice.json are written by then.
    // By path, not by count: writes of the next contracts overlap with this one's (the write
    // queue), so the third write is not always this contract's.
    const writer: OutputWriter = {
      writeFile: async (path, content) => {
        if (path.includes('acme-smm') && path.endsWith('invoice.md')) throw new Error('disk full (simulated)');
        await writeFileAtomic(path, content);
      },
    };
    await expect(run(out, { writer })).rejects.toThrow('disk full');
    expect(tempFiles(out)).toEqual([]);
    expect(existsSync(join(out, 'acme-smm'))).toBe(false);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    // The manifest came first, so a rerun over the same inputs completes without --force.
    const rerun = await run(out);
    expect(rerun.kind).toBe('done');
    expect(tree(out)).toEqual((await run(join(work, 'clean')), tree(join(work, 'clean'))));
  });

  it('the CLI reports a write failure as exit 2', async () => {
    const writer: OutputWriter = { writeFile: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) };
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), color: false };
    let err = '';
    const code = await runInvoice({ contracts, data, period: '2026-10', out: join(work, 'out') }, io, 'none', writer);
    expect(code).toBe(2);
    expect(err).toMatch(/cannot write .*EACCES/);
  });

  it('writeFileAtomic removes its temp file and keeps the old target when the rename fails', async () => {
    const dir = join(work, 'atomic');
    mkdirSync(dir);
    const target = join(dir, 'invoice.json');
    writeFileSync(target, 'old');
    const fs: AtomicFs = {
      writeFile: (p, c) => Promise.resolve(writeFileSync(p, c)),
      rename: () => Promise.reject(new Error('interrupted')),
      unlink: (p) => Promise.resolve(rmSync(p)),
    };
    await expect(writeFileAtomic(target, 'new', fs)).rejects.toThrow('interrupted');
    expect(readdirSync(dir)).toEqual(['invoice.json']);
    expect(readFileSync(target, 'utf8')).toBe('old');
    await writeFileAtomic(target, 'new');
    expect(readdirSync(dir)).toEqual(['invoice.json']);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});

describe('period kinds', () => {
  it('names the runs that invoice a contract of the other kind', () => {
    expect(skipReason('month', '2026-10')).toBeUndefined();
    expect(skipReason('quarter', '2026-Q4')).toBeUndefined();
    expect(skipReason('quarter', '2026-10')).toBe('quarterly contract; invoiced in quarter runs such as 2026-Q4');
    expect(skipReason('quarter', '2027-01')).toBe('quarterly contract; invoiced in quarter runs such as 2027-Q1');
    expect(skipReason('month', '2026-Q1')).toBe('monthly contract; invoiced in month runs (2026-01, 2026-02, 2026-03)');
  });

  it('a month run skips a quarterly contract: listed with its reason, no files, exit 0 when the rest is invoiced', async () => {
    sakuraFixed();
    const out = join(work, 'out');
    const cli = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2026-10', '--out', out);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('[11/15] polaris-retainer-penalty skipped (quarterly contract; invoiced in quarter runs such as 2026-Q4)');
    expect(cli.stderr).toMatch(/14 of 15 contracts invoiced, 0 failed, 1 skipped \(other period kind or not in force\)/);
    expect(cli.stderr).not.toContain('polaris-retainer-penalty: failed');
    expect(existsSync(join(out, 'polaris-retainer-penalty'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toEqual({ contracts: 15, ok: 14, failed: 0, skipped: 1, run_errors: 0 });
    expect(summary.contracts.find((c: { contract: string }) => c.contract === 'polaris-retainer-penalty')).toEqual({
      contract: 'polaris-retainer-penalty',
      client: 'Polaris Outdoor Ltd',
      status: 'skipped',
      reason: 'quarterly contract; invoiced in quarter runs such as 2026-Q4',
      score: null,
      total: null,
      currency: 'GBP',
      error: null,
      errors: [],
    });
    expect(summary.totals['GBP']).toBeUndefined();
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toContain(
      '\r\ncontract,polaris-retainer-penalty,Polaris Outdoor Ltd,skipped,,,GBP,,quarterly contract; invoiced in quarter runs such as 2026-Q4\r\n',
    );
  });

  it('skips a quarterly contract even when the data has quarters for it', async () => {
    copyFileSync(join(ROOT, 'examples/polaris-retainer-penalty/metrics.yaml'), join(data, 'polaris.yaml'));
    const result = await run(join(work, 'out'));
    if (result.kind !== 'done') throw new Error(result.message);
    expect(result.outcomes.find((o) => o.id === 'polaris-retainer-penalty')?.row).toMatchObject({ status: 'skipped', errors: [] });
  });

  it('names why a contract is not in force for a period', () => {
    const text = readFileSync(join(ROOT, 'contracts/acme-smm.yaml'), 'utf8');
    const contract = loadContract(createSourceFile('acme-smm.yaml', text)).value;
    if (contract === undefined) throw new Error('acme-smm does not load');
    expect(outsideReason(contract, '2026-10')).toBeUndefined();
    expect(outsideReason(contract, '2025-12')).toBe('not yet in force (effective from 2026-01)');
    expect(outsideReason(contract, '2027-01')).toBe('no longer in force (effective until 2026-12)');
  });

  it('a month run skips a contract that has ended: listed with its reason, not failed', async () => {
    const out = join(work, 'out');
    const cli = await runCli('invoice', '--contracts', contracts, '--data', data, '--period', '2027-01', '--out', out);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const acme = summary.contracts.find((c: { contract: string }) => c.contract === 'acme-smm');
    expect(acme).toMatchObject({ status: 'skipped', reason: 'no longer in force (effective until 2026-12)' });
    expect(existsSync(join(out, 'acme-smm'))).toBe(false);
    expect(cli.stderr).toContain('acme-smm skipped (no longer in force (effective until 2026-12))');
  });

  it('a quarterly contract with errors of its own fails, it is not skipped', async () => {
    const path = join(contracts, 'polaris-retainer-penalty.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('currency: GBP', 'currency: GBPX'));
    const result = await run(join(work, 'out'));
    if (result.kind !== 'done') throw new Error(result.message);
    expect(result.outcomes.find((o) => o.id === 'polaris-retainer-penalty')?.row).toMatchObject({ status: 'failed', error: expect.stringMatching(/polaris-retainer-penalty\.yaml:\d+:\d+: E013 /) });
  });

  it('a quarter run invoices the quarterly contract (as its example) and skips the monthly ones', async () => {
    const out = join(work, 'out');
    const quarterData = join(ROOT, 'examples/polaris-retainer-penalty');
    const cli = await runCli('invoice', '--contracts', contracts, '--data', quarterData, '--period', '2026-Q4', '--out', out);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('[1/15] acme-smm skipped (monthly contract; invoiced in month runs (2026-10, 2026-11, 2026-12))');
    expect(cli.stderr).toMatch(/1 of 15 contracts invoiced, 0 failed, 14 skipped \(other period kind or not in force\); total 25287\.50 GBP/);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'polaris-retainer-penalty', 'summary.csv', 'summary.json', 'summary.xlsx']);
    // The data file is the example's own, so even the input digests match its recorded invoice.
    const expected = readFileSync(join(ROOT, 'examples/polaris-retainer-penalty/invoices/2026-Q4.json'), 'utf8');
    expect(readFileSync(join(out, 'polaris-retainer-penalty', 'invoice.json'), 'utf8')).toBe(expected);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts).toEqual({ contracts: 15, ok: 1, failed: 0, skipped: 14, run_errors: 0 });
    expect(summary.totals).toEqual({ GBP: '25287.50' });
  });
});

describe('the month example', () => {
  it('invoices every monthly contract as its own example does, except the deliberate error; skips the quarterly one', async () => {
    const out = join(work, 'out');
    const result = await runMonthlyInvoices({ contracts: join(ROOT, 'contracts'), data: MONTH, period: '2026-10', out });
    if (result.kind !== 'done') throw new Error(result.message);
    const status = Object.fromEntries(result.outcomes.map((o) => [o.id, o.row.status]));
    expect(status).toEqual({ ...Object.fromEntries(MONTHLY.map((id) => [id, 'ok'])), 'polaris-retainer-penalty': 'skipped', 'sakura-reach': 'failed' });
    expect(result.runDiagnostics).toEqual([]);
    expect(result.outcomes.flatMap((o) => (o.row.status === 'ok' ? o.diagnostics : []))).toEqual([]);
    // Same values as examples/<id>/: the same invoice, but for the digest of the (other) data file.
    const noDataDigest = (text: string): string => text.replace(/"data_sha256": "[0-9a-f]{64}"/, '"data_sha256": "-"');
    for (const id of MONTHLY.filter((m) => m !== 'sakura-reach')) {
      const expected = readFileSync(join(ROOT, 'examples', id, 'invoices/2026-10.json'), 'utf8');
      expect(noDataDigest(readFileSync(join(out, id, 'invoice.json'), 'utf8')), id).toBe(noDataDigest(expected));
    }
  });
});

describe('usage errors', () => {
  it.each([
    [['--contracts', 'no/such/dir'], /--contracts no\/such\/dir: no such directory/],
    [['--data', 'no/such/data'], /--data no\/such\/data: no such file or directory/],
    [['--period', '2026-13'], /--period must look like/],
    [['--jobs', '0'], /--jobs must be a whole number/],
  ])('%j -> exit 2', async (override, message) => {
    const args = new Map([['--contracts', contracts], ['--data', data], ['--period', '2026-10'], ['--out', join(work, 'out')]]);
    for (let i = 0; i < override.length; i += 2) args.set(override[i] as string, override[i + 1] as string);
    const cli = await runCli('invoice', ...[...args].flat());
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(message);
    expect(existsSync(join(work, 'out'))).toBe(false);
  });
});
