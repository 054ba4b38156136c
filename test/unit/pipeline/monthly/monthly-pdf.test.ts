// `attain invoice --pdf`: invoice.pdf beside the other documents of each contract; without
// --pdf none is written.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.js';
import { pdfText, POPPLER } from '../../../helpers/poppler.js';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'attain-monthly-pdf-'));
  mkdirSync(join(work, 'contracts'));
  mkdirSync(join(work, 'data'));
  for (const id of ['acme-smm', 'lumiere-leads']) copyFileSync(`contracts/${id}.yaml`, join(work, 'contracts', `${id}.yaml`));
  copyFileSync('examples/month/2026-10/acme-smm.yaml', join(work, 'data', 'acme-smm.yaml'));
  copyFileSync('examples/month/2026-10/lumiere-leads.json', join(work, 'data', 'lumiere-leads.json'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('attain invoice --pdf', () => {
  it('writes invoice.pdf next to the other documents, each in its contract locale', async () => {
    const out = join(work, 'out');
    const r = await runCli('invoice', '--contracts', join(work, 'contracts'), '--data', join(work, 'data'), '--period', '2026-10', '--out', out, '--pdf', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const id of ['acme-smm', 'lumiere-leads']) {
      expect(readdirSync(join(out, id)).sort()).toEqual(['invoice.csv', 'invoice.json', 'invoice.md', 'invoice.pdf', 'invoice.xlsx', 'report.html']);
      expect(readFileSync(join(out, id, 'invoice.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.contracts[0].files)).toContain('invoice.pdf');
    if (POPPLER) {
      expect(pdfText(readFileSync(join(out, 'acme-smm', 'invoice.pdf')))).toContain('Всего к оплате');
      expect(pdfText(readFileSync(join(out, 'lumiere-leads', 'invoice.pdf')))).toContain('Total TTC à payer');
    }
  });

  it('writes no PDF without --pdf', async () => {
    const out = join(work, 'out');
    expect((await runCli('invoice', '--contracts', join(work, 'contracts'), '--data', join(work, 'data'), '--period', '2026-10', '--out', out, '--quiet')).code).toBe(0);
    expect(readdirSync(join(out, 'acme-smm'))).not.toContain('invoice.pdf');
  });

  it('says so when a rerun asks for a PDF of contracts it keeps from the earlier run', async () => {
    const out = join(work, 'out');
    const args = ['invoice', '--contracts', join(work, 'contracts'), '--data', join(work, 'data'), '--period', '2026-10', '--out', out];
    expect((await runCli(...args, '--quiet')).code).toBe(0);
    const again = await runCli(...args, '--pdf');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('note: 2 contract(s) had unchanged inputs and kept the documents of the earlier run; --pdf applied only to contracts written by this run');
    expect(readdirSync(join(out, 'acme-smm'))).not.toContain('invoice.pdf');
    const plain = await runCli(...args);
    expect(plain.stderr).not.toContain('note:');
  });
});
