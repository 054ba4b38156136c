// A sources file (SPEC 9) in the directory walked for contracts is not read as a contract: test,
// fmt, evaluate, data and the monthly run skip it as validate does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const FIX = 'test/fixtures/versions';
const SOURCES = `${FIX}/sources/sources.yaml`;
const work = mkdtempSync(join(tmpdir(), 'attain-beside-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a sources file beside the contracts', () => {
  it('is skipped by test and fmt --check over the whole directory', async () => {
    const test = await runCli('test', FIX);
    expect(test.stdout).toContain('2 passed, 0 failed');
    expect(test.code).toBe(0);
    const fmt = await runCli('fmt', '--check', FIX);
    expect(fmt.stderr).not.toContain('sources.yaml');
    expect(fmt.code).toBe(0);
  });

  it('is skipped by evaluate, data and invoice given the directory that holds it', async () => {
    const evaluated = await runCli('evaluate', FIX, '--sources', SOURCES, '--period', '2026-08', '--format', 'json');
    expect(evaluated.stderr).toBe('');
    expect(JSON.parse(evaluated.stdout).total).toBe('57008.00');
    const data = await runCli('data', '--sources', SOURCES, '--contracts', FIX, '--period', '2026-08');
    expect(data.code).toBe(0);
    expect(data.stdout).toContain('2026-08: { leads: 70, sessions: 1000, calls: 12 }');
    const out = join(work, 'out');
    const invoice = await runCli('invoice', '--contracts', FIX, '--sources', SOURCES, '--period', '2026-08', '--out', out);
    expect(invoice.stderr).toContain('1 of 1 contracts invoiced, 0 failed');
    expect(invoice.code).toBe(0);
  });
});
