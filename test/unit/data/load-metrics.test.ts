import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { loadMetricFile, readMetricPath } from '../../../src/data/load-metrics.js';
import { FIXTURES } from './helpers.js';

describe('loadMetricFile', () => {
  it('dispatches on the extension, case-insensitively', () => {
    expect(loadMetricFile(createSourceFile('d.CSV', 'period,a\n2026-10,1\n')).value?.contracts.get('')?.length).toBe(1);
    expect(loadMetricFile(createSourceFile('d.yml', 'periods: { 2026-10: { a: 1 } }')).value?.contracts.get('')?.length).toBe(1);
    expect(loadMetricFile(createSourceFile('d.json', '{"periods": {"2026-10": {"a": 1}}}')).value?.contracts.get('')?.length).toBe(1);
  });

  it('names the tab delimiter when a .tsv file is given as metric data', () => {
    const d = loadMetricFile(createSourceFile('d.tsv', 'period\tsessions\n')).diagnostics[0];
    expect(d?.code).toBe('E001');
    expect(d?.hint).toContain('separated by tabs');
  });

  it('rejects other extensions with E001', () => {
    expect(loadMetricFile(createSourceFile('d.txt', 'period,a\n')).diagnostics.map((d) => d.code)).toEqual(['E001']);
  });
});

describe('readMetricPath', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attain-data-'));
    await mkdir(join(dir, 'b'));
    await mkdir(join(dir, '.hidden'));
    await writeFile(join(dir, 'b', 'z.yaml'), 'periods: { 2026-10: { a: 1 } }\n');
    await writeFile(join(dir, 'a.csv'), 'period,a\n2026-09,1\n');
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    await writeFile(join(dir, '.hidden', 'x.yaml'), 'ignored: true');
    await writeFile(join(dir, 'bad.json'), Buffer.from([0x7b, 0xff, 0x7d]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a directory recursively in sorted order, skipping dot entries and other files', async () => {
    const result = await readMetricPath(dir);
    expect(result.value?.map((s) => s.file.path)).toEqual([join(dir, 'a.csv'), join(dir, 'b', 'z.yaml')]);
    // bad.json is not UTF-8.
    expect(result.diagnostics.map((d) => [d.code, d.span.file])).toEqual([['E001', join(dir, 'bad.json')]]);
  });

  it('reads the good fixtures', async () => {
    const result = await readMetricPath(join(FIXTURES, 'good'));
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.map((s) => basename(s.file.path))).toEqual(['acme.csv', 'acme.json', 'acme.yaml', 'multi.csv', 'multi.yaml']);
  });

  it('reports a missing path as E001', async () => {
    const result = await readMetricPath(join(dir, 'nope'));
    expect(result.value).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E001']);
  });
});
