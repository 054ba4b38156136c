// Input digests (`inputs` of the JSON invoice, the monthly manifest) are of the files' bytes, as
// `sha256sum` prints them: a BOM counts, and files that differ only in undecodable bytes differ.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceSync } from '../../../src/workspace/files.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256sum = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('input digests', () => {
  it('of a contract and data file with a BOM match sha256sum', async () => {
    const contract = join(dir, 'bom.yaml');
    const data = join(dir, 'bom-data.yaml');
    writeFileSync(contract, `\ufeff${readFileSync('contracts/acme-smm.yaml', 'utf8')}`);
    writeFileSync(data, `\ufeff${readFileSync('examples/acme-smm/metrics.yaml', 'utf8')}`);
    const run = await runCli('evaluate', contract, '--data', data, '--period', '2026-10', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { inputs: { contract_sha256: string; data_sha256: string } };
    expect(json.inputs.contract_sha256).toBe(sha256sum(contract));
    expect(json.inputs.data_sha256).toBe(sha256sum(data));
  });

  it('never come from lossy text: files that differ only in invalid UTF-8 bytes are refused (E001), not read alike', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    writeFileSync(b, Buffer.from([0x61, 0x3a, 0x20, 0xfe, 0x0a]));
    for (const path of [a, b]) {
      const read = readSourceSync(path);
      expect(read.file).toBeUndefined();
      expect(read.diagnostics.map((d) => [d.code, d.data?.['byte']])).toEqual([['E001', 3]]);
    }
  });
});
