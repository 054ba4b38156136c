// `attain evaluate --format pdf`: the invoice's bytes on stdout (as --format xlsx), the same on
// every run, in the contract's locale or --locale's.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { pdfText, POPPLER } from '../../helpers/poppler.js';

async function evaluatePdf(...extra: string[]): Promise<{ code: number; bytes: Buffer; stderr: string }> {
  const chunks: Uint8Array[] = [];
  let stdout = '';
  let stderr = '';
  const code = await main(['evaluate', 'contracts/acme-smm.yaml', '--data', 'examples/acme-smm/metrics.yaml', '--period', '2026-10', '--format', 'pdf', ...extra], {
    stdout: (t) => {
      stdout += t;
    },
    stdoutBytes: (b) => {
      chunks.push(b);
    },
    stderr: (t) => {
      stderr += t;
    },
    color: false,
  });
  expect(stdout).toBe('');
  return { code, bytes: Buffer.concat(chunks), stderr };
}

describe('attain evaluate --format pdf', () => {
  it('writes the PDF bytes to stdout, identical on rerun', async () => {
    const a = await evaluatePdf();
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.bytes.equals((await evaluatePdf()).bytes)).toBe(true);
  });

  it.skipIf(!POPPLER)('is written in the contract locale, or in --locale', async () => {
    expect(pdfText((await evaluatePdf()).bytes)).toContain('Счёт № NS-acme-smm-202610');
    expect(pdfText((await evaluatePdf('--locale', 'en')).bytes)).toContain('Invoice NS-acme-smm-202610');
  });

  it('rejects an unknown locale as a usage error', async () => {
    const r = await evaluatePdf('--locale', 'de-DE');
    expect(r.code).toBe(2);
    expect(r.bytes.length).toBe(0);
  });
});
