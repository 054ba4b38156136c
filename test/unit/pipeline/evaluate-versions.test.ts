// Amended contracts end to end: `evaluate` given a directory uses the version in force, records
// it, and counts period.index from the contract's start; the monthly run invoices the id once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateFiles } from '../../../src/pipeline/evaluate-files.js';
import { evaluateFromSources } from '../../../src/pipeline/evaluate-sourced.js';
import { runMonthlyInvoices } from '../../../src/pipeline/monthly/monthly.js';

const FIX = 'test/fixtures/versions';
const work = mkdtempSync(join(tmpdir(), 'attain-versions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('evaluate with the versions of one contract', () => {
  it.each([
    ['2026-06', 1, 6, 40000n],
    ['2026-07', 2, 7, 51007n],
    ['2026-08', 2, 8, 57008n],
  ])('%s is evaluated with version %i, period.index %i', async (period, version, index, totalUnits) => {
    const run = await evaluateFiles(`${FIX}/contracts`, `${FIX}/data`, { period });
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.value?.result.program.contract.version.value).toBe(version);
    expect(run.value?.result.periodIndex).toBe(index);
    expect(run.value?.invoice.total).toBe(totalUnits * 100n);
  });

  it('several files work like the directory; a period before the start is E066', async () => {
    const files = [`${FIX}/contracts/delta-v2.yaml`, `${FIX}/contracts/delta-v1.yaml`];
    expect((await evaluateFiles(files, `${FIX}/data`, { period: '2026-07' })).value?.invoice.total).toBe(5100700n);
    expect((await evaluateFiles(files, `${FIX}/data`, { period: '2025-12' })).diagnostics.map((d) => d.code)).toEqual(['E066']);
  });

  // SPEC 11: evaluate and explain accept a directory (or several files) in place of the contract
  // file, with --sources as with --data.
  it.each([
    ['2026-06', 1, 6, 40000n],
    ['2026-07', 2, 7, 51007n],
    ['2026-08', 2, 8, 57008n],
  ])('from --sources, %s is evaluated with version %i, period.index %i', async (period, version, index, totalUnits) => {
    const run = await evaluateFromSources(`${FIX}/contracts`, `${FIX}/sources/sources.yaml`, undefined, { period });
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.value?.result.program.contract.version.value).toBe(version);
    expect(run.value?.result.periodIndex).toBe(index);
    expect(run.value?.invoice.total).toBe(totalUnits * 100n);
  });

  it('from --sources without a period, the latest period of the sources with its version; before the start, E066', async () => {
    const latest = await evaluateFromSources([`${FIX}/contracts/delta-v1.yaml`, `${FIX}/contracts/delta-v2.yaml`], `${FIX}/sources/sources.yaml`, undefined);
    expect(latest.value?.result.period).toBe('2026-08');
    expect(latest.value?.result.program.contract.version.value).toBe(2);
    const before = await evaluateFromSources(`${FIX}/contracts`, `${FIX}/sources/sources.yaml`, undefined, { period: '2025-12' });
    expect(before.diagnostics.map((d) => d.code)).toEqual(['E066']);
  });

  it('the monthly run invoices the id once, with the version in force, recorded in invoice.json', async () => {
    for (const [period, version] of [['2026-06', 1], ['2026-08', 2]] as const) {
      const out = join(work, period);
      const result = await runMonthlyInvoices({ contracts: `${FIX}/contracts`, data: `${FIX}/data`, period, out });
      if (result.kind !== 'done') throw new Error(result.message);
      expect(result.outcomes.map((o) => [o.id, o.row.status])).toEqual([['delta-leads', 'ok']]);
      expect(JSON.parse(readFileSync(join(out, 'delta-leads', 'invoice.json'), 'utf8')).version).toBe(version);
    }
  });
});
