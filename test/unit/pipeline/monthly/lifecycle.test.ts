// The monthly run over time: --finalize and corrections (issued invoices never rewritten), the
// output directory lock, symlinks and overlapping paths refused, and redoing only what changed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMonthlyInvoices } from '../../../../src/pipeline/monthly/monthly.js';
import { evaluateFiles } from '../../../../src/pipeline/evaluate-files.js';
import { LOCK_FILE } from '../../../../src/workspace/lock.js';
import { generateMonth, readTree } from '../../../helpers/generated-month.js';
import { runCli } from '../../../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin/attain.js');
const COMPILED = existsSync(join(ROOT, 'dist/src/pipeline/monthly/monthly.js'));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'attain-life-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function month(n: number, variant: number): { contracts: string; data: string; out: string } {
  return { ...generateMonth(work, n, variant), out: join(work, 'out') };
}

async function run(p: { contracts: string; data: string; out: string }, extra: { force?: boolean; finalize?: boolean; period?: string } = {}) {
  const result = await runMonthlyInvoices({ contracts: p.contracts, data: p.data, out: p.out, period: extra.period ?? '2026-10', ...extra });
  return result;
}

function invoices(tree: Map<string, string>): [string, string][] {
  return [...tree].filter(([p]) => /^gen-\d+\/(invoice\.|report)/.test(p));
}

interface CorrectionJson {
  correction: string;
  corrects: string;
  lines: { id: string; issued: string; new: string; difference: string }[];
  taxes: { difference: string }[];
  total: { issued: string; new: string; difference: string };
}

const cents = (s: string): bigint => BigInt(s.replace('.', ''));

describe('--finalize and corrections', () => {
  it('never rewrites issued invoices: changed data gives <number>-C01, then -C02, with exact differences', async () => {
    const p = month(3, 0);
    const first = await run(p, { finalize: true });
    expect(first.kind).toBe('done');
    const issued = readTree(p.out);
    expect(JSON.parse(issued.get('manifest.json') ?? '{}').finalized).toBe(true);

    generateMonth(work, 3, 1);
    const second = await run(p);
    if (second.kind !== 'done') throw new Error(second.message);
    expect(second.corrections).toEqual(['gen-0001/corrections/gen-0001-2026-10-C01.json', 'gen-0002/corrections/gen-0002-2026-10-C01.json', 'gen-0003/corrections/gen-0003-2026-10-C01.json']);
    const after = readTree(p.out);
    expect(invoices(after)).toEqual(invoices(issued));
    const c1 = JSON.parse(after.get('gen-0001/corrections/gen-0001-2026-10-C01.json') ?? '') as CorrectionJson;
    expect(c1.corrects).toBe('gen-0001-2026-10');
    const fresh = await evaluateFiles(join(p.contracts, 'gen-0001.yaml'), p.data, { period: '2026-10' });
    expect(cents(c1.total.new)).toBe(fresh.value?.invoice.total);
    expect(c1.total.issued).toBe(JSON.parse(issued.get('gen-0001/invoice.json') ?? '').total);
    expect(after.get('gen-0001/corrections/gen-0001-2026-10-C01.md')).toContain('| **Total** |');
    const summary = JSON.parse(after.get('summary.json') ?? '');
    expect(summary.finalized).toBe(true);
    expect(summary.new_corrections).toHaveLength(3);
    expect(summary.contracts[0].corrections).toEqual(['gen-0001/corrections/gen-0001-2026-10-C01.json']);

    // The same inputs again, even with --force: nothing new, nothing rewritten.
    const again = await run(p, { force: true });
    if (again.kind !== 'done') throw new Error(again.message);
    expect(again.corrections).toEqual([]);
    expect(again.kept).toBe(3);
    expect(invoices(readTree(p.out))).toEqual(invoices(issued));

    generateMonth(work, 3, 2);
    const third = await run(p, { force: true });
    if (third.kind !== 'done') throw new Error(third.message);
    const c2 = JSON.parse(readTree(p.out).get('gen-0001/corrections/gen-0001-2026-10-C02.json') ?? '') as CorrectionJson;
    expect(c2.total.issued).toBe(c1.total.new);
    expect(invoices(readTree(p.out))).toEqual(invoices(issued));
  });

  it("every correction's line differences sum to its total difference", async () => {
    const p = month(12, 0);
    await run(p, { finalize: true });
    for (const variant of [1, 2, 3]) {
      generateMonth(work, 12, variant);
      const r = await run(p);
      if (r.kind !== 'done') throw new Error(r.message);
      for (const path of r.corrections) {
        const c = JSON.parse(readFileSync(join(p.out, path), 'utf8')) as CorrectionJson;
        const sum = [...c.lines, ...c.taxes].reduce((s, l) => s + cents(l.difference), 0n);
        expect(sum).toBe(cents(c.total.difference));
        expect(cents(c.total.new) - cents(c.total.issued)).toBe(cents(c.total.difference));
        for (const l of c.lines) expect(cents(l.new) - cents(l.issued)).toBe(cents(l.difference));
      }
    }
  });

  it('a finalized period cannot be replaced by another period, even with --force', async () => {
    const p = month(2, 0);
    await run(p, { finalize: true });
    const before = readTree(p.out);
    const other = await run(p, { force: true, period: '2026-09' });
    expect(other).toMatchObject({ kind: 'usage', message: expect.stringMatching(/finalized period 2026-10.*never replaced/) });
    expect(readTree(p.out)).toEqual(before);
  });
});

describe('what a run may touch', () => {
  it('refuses an --out inside --data or --contracts (and the reverse) before writing anything', async () => {
    const p = month(2, 0);
    expect(await run({ ...p, out: join(p.data, 'out') })).toMatchObject({ kind: 'usage', message: expect.stringMatching(/inside --data/) });
    expect(existsSync(join(p.data, 'out'))).toBe(false);
    expect(await run({ ...p, out: join(p.contracts, 'x') })).toMatchObject({ kind: 'usage', message: expect.stringMatching(/inside --contracts/) });
    expect(await run({ ...p, out: work })).toMatchObject({ kind: 'usage', message: expect.stringMatching(/--contracts .* is inside --out/) });
  });

  it('refuses a symlink inside --out, and an --out that is a symlink', async () => {
    const p = month(2, 0);
    await run(p);
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    rmSync(join(p.out, 'gen-0001'), { recursive: true });
    symlinkSync(elsewhere, join(p.out, 'gen-0001'));
    expect(await run(p, { force: true })).toMatchObject({ kind: 'usage', message: expect.stringMatching(/symbolic links \(gen-0001\)/) });
    expect(readTree(elsewhere).size).toBe(0);
    const link = join(work, 'link-out');
    symlinkSync(elsewhere, link);
    expect(await run({ ...p, out: link })).toMatchObject({ kind: 'usage', message: expect.stringMatching(/is a symbolic link/) });
    expect(readTree(elsewhere).size).toBe(0);
  });
});

describe('one run at a time', () => {
  it('a lock held by a live process stops the run at once (exit 2), writing nothing', async () => {
    const p = month(2, 0);
    mkdirSync(p.out);
    writeFileSync(join(p.out, LOCK_FILE), `${process.pid}\n`);
    const cli = await runCli('invoice', '--contracts', p.contracts, '--data', p.data, '--period', '2026-10', '--out', p.out);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(new RegExp(`in use by another attain run \\(pid ${process.pid}\\)`));
    expect([...readTree(p.out, true).keys()]).toEqual([LOCK_FILE]);
  });

  it('a lock left by a dead process is taken over', async () => {
    const p = month(2, 0);
    mkdirSync(p.out);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(p.out, LOCK_FILE), `${dead}\n`);
    const r = await run(p);
    expect(r.kind).toBe('done');
    expect(existsSync(join(p.out, LOCK_FILE))).toBe(false);
    expect(existsSync(join(p.out, 'gen-0002', 'invoice.json'))).toBe(true);
  });

  it.skipIf(!COMPILED)('two runs started together on one --out: exactly one proceeds', async () => {
    const p = month(100, 0);
    const start = (): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'invoice', '--contracts', p.contracts, '--data', p.data, '--period', '2026-10', '--out', p.out, '--quiet']);
        let stderr = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    // The second starts once the first holds the lock (100 contracts keep it for seconds).
    const first = start();
    while (!existsSync(join(p.out, LOCK_FILE))) await new Promise((r) => setTimeout(r, 5));
    const second = await start();
    const results = [await first, second];
    expect(results.map((r) => r.code)).toEqual([0, 2]);
    expect(second.stderr).toMatch(/in use by another attain run \(pid \d+\); nothing was written/);
    expect(readTree(p.out).size).toBe(100 * 5 + 4); // invoice.{json,md,csv,xlsx} and report.html; summary.{csv,json,xlsx} and manifest.json
    expect(existsSync(join(p.out, LOCK_FILE))).toBe(false);
  }, 300_000);
});
