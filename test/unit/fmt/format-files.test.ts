import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';

const HEAD = 'contract: x\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';
const MESSY = `${HEAD}define:\n  a: leads+1   # keep\n`;
const CLEAN = `${HEAD}define:\n  a: leads + 1   # keep\n`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), color: false });
  return { code, out, err };
}

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'attain-fmt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('attain fmt', () => {
  it('--check writes nothing, lists the files that would change, exits 1', async () => {
    const d = dir({ 'a.yaml': MESSY, 'b.yaml': CLEAN });
    const r = await run(['fmt', '--check', d]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${join(d, 'a.yaml')}\n`);
    expect(readFileSync(join(d, 'a.yaml'), 'utf8')).toBe(MESSY);
  });

  it('rewrites in place (keeping mode and BOM, no temp files left), lists the files, then is clean', async () => {
    const d = dir({ 'a.yaml': `\uFEFF${MESSY}`, 'b.yaml': CLEAN });
    chmodSync(join(d, 'a.yaml'), 0o640);
    const r = await run(['fmt', d]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${join(d, 'a.yaml')}\n`);
    expect(readFileSync(join(d, 'a.yaml'), 'utf8')).toBe(`\uFEFF${CLEAN}`);
    expect(statSync(join(d, 'a.yaml')).mode & 0o777).toBe(0o640);
    expect(readdirSync(d).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect((await run(['fmt', '--check', d])).code).toBe(0);
  });

  it('skips metric data files and reports files or expressions it cannot format (exit 1)', async () => {
    const d = dir({ 'data.yaml': 'contract: x\nperiods:\n  2026-01: { leads: 1 }\n', 'bad.yaml': `${HEAD}define:\n  a: leads +\n  b: leads+1\n` });
    const r = await run(['fmt', d]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('E020');
    expect(readFileSync(join(d, 'bad.yaml'), 'utf8')).toContain('b: leads + 1');
    expect(readFileSync(join(d, 'data.yaml'), 'utf8')).toContain('leads: 1');
  });

  it('a path that does not exist is an I/O error (exit 2)', async () => {
    expect((await run(['fmt', join(tmpdir(), 'no-such-attain-dir', 'x.yaml')])).code).toBe(2);
  });

  it('the shipped contracts are formatted', async () => {
    const r = await run(['fmt', '--check', 'contracts/acme-smm.yaml', 'contracts/brightway-traffic.yaml', 'contracts/nordlicht-leads.yaml', 'contracts/sakura-reach.yaml']);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });
});
