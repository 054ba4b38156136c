// The monthly run's inputs: a data directory holding more than metric data (a contract kept
// beside its data, expected invoices) gives one W062 note, and those files are not read as data;
// a job rebuilt in the one fixed shape keeps every field.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatherMonthlyInputs, shapedJob, type ContractJob } from '../../../../src/pipeline/monthly/monthly-inputs.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'attain-inputs-'));
  mkdirSync(join(work, 'contracts'));
  mkdirSync(join(work, 'data', 'invoices'), { recursive: true });
  cpSync('contracts/acme-smm.yaml', join(work, 'contracts', 'acme-smm.yaml'));
  cpSync('examples/acme-smm/metrics.yaml', join(work, 'data', 'metrics.yaml'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('gatherMonthlyInputs', () => {
  it('skips what is not metric data in the data directory, with one W062', async () => {
    cpSync('contracts/acme-smm.yaml', join(work, 'data', 'acme-smm.yaml'));
    writeFileSync(join(work, 'data', 'invoices', '2026-10.json'), '{ "contract": "acme-smm", "total": "1.00" }\n');
    const inputs = await gatherMonthlyInputs(join(work, 'contracts'), join(work, 'data'), '2026-10');
    if (!('jobs' in inputs)) throw new Error('usage error');
    expect(inputs.diagnostics.map((d) => d.code)).toEqual(['W062']);
    expect(inputs.diagnostics[0]?.message).toContain('2 file(s)');
    expect(inputs.jobs.flatMap((j) => j.dataFiles.map((f) => f.path))).toEqual([join(work, 'data', 'metrics.yaml')]);
  });

  it('no note when the directory holds metric data only', async () => {
    const inputs = await gatherMonthlyInputs(join(work, 'contracts'), join(work, 'data'), '2026-10');
    if (!('jobs' in inputs)) throw new Error('usage error');
    expect(inputs.diagnostics).toEqual([]);
  });
});

describe('shapedJob', () => {
  it('keeps every field of a job, present or absent', () => {
    const file = { path: 'c.yaml', text: 'x', lineStarts: [0], sha256: 'ab' };
    const full: Required<ContractJob> = {
      id: 'c',
      contractPath: 'c.yaml',
      contractFile: file,
      client: 'Client',
      currency: 'RUB',
      periodKind: 'month',
      dataFiles: [file],
      parsed: { contract: new Uint8Array([1]), data: [] },
      dataPath: 'data',
      diagnostics: [],
      versions: { start: '2026-01', from: '2026-01', files: ['c.yaml'] },
      inputsSha256: 'cd',
      sourcedValues: { text: '[]' },
    };
    expect(shapedJob(full)).toEqual(full);
    expect(Object.keys(shapedJob(full)).sort()).toEqual(Object.keys(full).sort());
    const bare: ContractJob = { id: 'c', contractPath: 'c.yaml', dataFiles: [], dataPath: '', diagnostics: [], inputsSha256: '' };
    expect(shapedJob(bare)).toEqual(bare);
    expect(Object.keys(shapedJob(bare)).sort()).toEqual(Object.keys(bare).sort());
  });
});
