import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { expectGolden } from '../../helpers/golden.js';

const CONTRACT = 'contracts/acme-smm.yaml';
const DATA = 'test/golden/good/acme-smm.metrics.yaml';

function golden(path: string, actual: string): void {
  expectGolden(path, actual);
}

describe('attain evaluate', () => {
  it('prints the JSON of SPEC section 5 with decimal strings and exits 0', async () => {
    const r = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['contract', 'version', 'period', 'currency', 'kpis', 'score', 'lines', 'adjustments', 'total', 'inputs']));
    expect(doc['contract']).toBe('acme-smm');
    expect(doc['period']).toBe('2026-10');
    expect(doc['total']).toMatch(/^\d+\.\d{2}$/);
    const lines = doc['lines'] as { amount: string }[];
    const adjustments = doc['adjustments'] as { amount: string }[];
    const cents = [...lines, ...adjustments].reduce((sum, l) => sum + BigInt(l.amount.replace('.', '')), 0n);
    expect(cents).toBe(BigInt((doc['subtotal'] as string).replace('.', '')));
    // SPEC 10: total is the amount payable, net + the taxes, exactly.
    const taxes = doc['taxes'] as { amount: string }[];
    const taxCents = taxes.reduce((sum, t) => sum + BigInt(t.amount.replace('.', '')), 0n);
    expect(BigInt((doc['net'] as string).replace('.', '')) + taxCents).toBe(BigInt((doc['total'] as string).replace('.', '')));
    expect(taxes.map((t) => (t as unknown as { id: string; rate: string }).id)).toEqual(['vat']);
    expect(doc['invoice']).toEqual({ number: 'NS-acme-smm-202610', issue_date: '2026-11-05', due_date: '2026-11-15' });
    const inputs = doc['inputs'] as Record<string, string>;
    expect(inputs['contract_sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(inputs['data_sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is byte-identical on rerun, and defaults to the latest period in the data', async () => {
    const a = await runCli('evaluate', CONTRACT, '--data', DATA);
    const b = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10');
    expect(a.stdout).toBe(b.stdout);
  });

  it('renders plain text for a terminal: aligned columns, no Markdown (golden)', async () => {
    const text = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'text');
    expect(text.code).toBe(0);
    golden('test/golden/good/acme-smm-2026-10.txt', text.stdout);
    const md = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'md');
    expect(text.stdout).not.toBe(md.stdout);
    expect(text.stdout).not.toMatch(/[|`#*]/);
    // Amounts are right-aligned: every invoice row ends at the same column.
    const invoice = text.stdout.split('\n').filter((l) => / RUB$/.test(l));
    expect(invoice.length).toBeGreaterThan(3);
    expect(new Set(invoice.map((l) => l.length)).size).toBe(1);
  });

  it('renders Markdown and CSV (golden)', async () => {
    const md = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'md');
    expect(md.code).toBe(0);
    golden('test/golden/good/acme-smm-2026-10.md', md.stdout);
    const csv = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'csv');
    expect(csv.code).toBe(0);
    golden('test/golden/good/acme-smm-2026-10.csv', csv.stdout);
  });

  it('renders the self-contained HTML report of SPEC section 5 with --format html (golden)', async () => {
    const r = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'html', '--locale', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    // Charts: an attainment bar per KPI and the history over the periods of the data.
    expect(r.stdout).toContain('<svg');
    expect(r.stdout).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    golden('test/golden/good/acme-smm-2026-10.html', r.stdout);
    const failed = await runCli('evaluate', CONTRACT, '--data', 'test/golden/formats/warnings-only.data.yaml', '--format', 'html');
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toBe('');
  });

  it('CSV keeps its Part 1 format: the total row has the amount payable in amount, the rows above sum to it', async () => {
    // SPEC 10: "CSV keeps its format" (section 5: CSV for accounting import).
    const csv = await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'csv');
    const json = JSON.parse((await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '2026-10', '--format', 'json')).stdout) as { total: string };
    const rows = csv.stdout.trim().split('\r\n').slice(1).map((r) => r.split(','));
    const amount = (r: string[]): bigint => BigInt((r[7] ?? '').replace('.', ''));
    const total = rows.at(-1) as string[];
    expect(total[2]).toBe('total');
    expect(total[7]).toBe(json.total);
    expect(rows.slice(0, -1).reduce((s, r) => s + amount(r), 0n)).toBe(amount(total));
  });

  it('writes nothing to stdout and exits 1 when the evaluation fails', async () => {
    writeFileSync('test-artifacts-missing.yaml', 'contract: acme-smm\nperiods:\n  2026-10: { sessions: 100 }\n');
    try {
      const r = await runCli('evaluate', CONTRACT, '--data', 'test-artifacts-missing.yaml');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/error\[E070\]/);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync('test-artifacts-missing.yaml', { force: true });
    }
  });

  // SPEC 11: evaluate accepts a directory of versions in place of the contract file; with
  // --sources as with --data.
  it('evaluates a directory of versions from --sources with the version in force (golden)', async () => {
    const r = await runCli('evaluate', 'test/fixtures/versions/contracts', '--sources', 'test/fixtures/versions/sources/sources.yaml', '--period', '2026-07', '--format', 'text');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('version 2');
    golden('test/golden/good/delta-leads-2026-07.sources.txt', r.stdout);
    const explain = await runCli('explain', 'test/fixtures/versions/contracts', '--sources', 'test/fixtures/versions/sources/sources.yaml', '--period', '2026-06');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('period index 6');
  });

  it('exits 2 for usage and I/O errors', async () => {
    expect((await runCli('evaluate', CONTRACT, '--data', DATA, '--format', 'docx')).code).toBe(2);
    expect((await runCli('evaluate', CONTRACT, '--data', DATA, '--period', '10/2026')).code).toBe(2);
    expect((await runCli('evaluate', CONTRACT)).code).toBe(2);
    expect((await runCli('evaluate', 'contracts/no-such.yaml', '--data', DATA)).code).toBe(2);
    expect((await runCli('no-such-command')).code).toBe(2);
    expect((await runCli()).code).toBe(2);
  });
});

describe('attain explain', () => {
  it('traces every define, KPI comparison and invoice line (golden)', async () => {
    const r = await runCli('explain', CONTRACT, '--data', DATA, '--period', '2026-10', '--locale', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('define direct_share');
    expect(r.stdout).toContain('kpi quality_traffic');
    expect(r.stdout).toContain('total =');
    golden('test/golden/good/acme-smm-2026-10.explain.txt', r.stdout);
  });

  it('writes the trace in the contract\'s locale (acme-smm: ru-RU), or in --locale (golden)', async () => {
    const ru = await runCli('explain', CONTRACT, '--data', DATA, '--period', '2026-10');
    expect(ru.code).toBe(0);
    expect(ru.stdout).toContain('bounce_rate 17,5\u00a0% <= 20\u00a0% -> выполнено');
    expect(ru.stdout).toContain('итого = 101\u00a0500,00\u00a0₽');
    golden('test/golden/good/acme-smm-2026-10.explain.ru-RU.txt', ru.stdout);
    const fr = await runCli('explain', CONTRACT, '--data', DATA, '--period', '2026-10', '--locale', 'fr-FR');
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('direct_share 58\u00a0% >= 60\u00a0% -> non atteint');
    golden('test/golden/good/acme-smm-2026-10.explain.fr-FR.txt', fr.stdout);
    expect((await runCli('explain', CONTRACT, '--data', DATA, '--period', '2026-10', '--locale', 'xx')).code).toBe(2);
  });
});

describe('attain schema', () => {
  it('prints the shipped JSON Schema', async () => {
    const r = await runCli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync('schema/contract.schema.json', 'utf8')));
  });
});
