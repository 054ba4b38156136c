// The shipped sources example (examples/sources/): realistic exports of Yandex.Metrica (BOM, `;`,
// totals row, percent units, h:mm:ss), GA4 (`#` preamble, Grand total, a second table), VK stats,
// Meta Ads (currency in the header) and a Parquet CRM extract feed acme-smm and
// volga-community-direct. `attain data` must give the documented numbers (expected-2026-10.yaml,
// also quoted in docs/sources.md), and evaluate/explain/invoice must read them the same way.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SOURCES = 'examples/sources/sources.yaml';
const EXPECTED = 'examples/sources/expected-2026-10.yaml';

describe('examples/sources', () => {
  it('attain data gives the documented numbers', async () => {
    const r = await runCli('data', '--sources', SOURCES, '--period', '2026-10', '--contracts', 'contracts');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(EXPECTED, 'utf8'));
    // Ratios of sums, not averages of daily ratios: (1200*15.5 + 800*22 + 1500*16 + 900*21.5 + 600*12) / 5000.
    expect(r.stdout).toContain('2026-10: { sessions: 5000, bounce_rate: 17.35%, avg_time_on_site: 136.6 s, direct_sessions: 3300, leads: 98, followers: 5400, ad_spend: 30000 RUB, reach: 14800 }');
    expect(r.stdout).toContain('site_sessions: 5000, bounce_rate: 18.28%, avg_time_on_site: 136.72 s, pages_per_session: 3.328');
  }, 60_000);

  it('writes CSV and JSON in the section 4 format too, and the output validates as data', async () => {
    const csv = await runCli('data', '--sources', SOURCES, '--period', '2026-10', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('contract,period,leads,followers,reach,sessions,bounce_rate,avg_time_on_site,direct_sessions,ad_spend,community_visits,direct_visits,site_sessions,pages_per_session');
    const json = JSON.parse((await runCli('data', '--sources', SOURCES, '--period', '2026-10', '--format', 'json')).stdout) as { contracts: Record<string, { periods: Record<string, Record<string, string>> }> };
    expect(json.contracts['acme-smm']?.periods['2026-09']).toEqual({ leads: '108', followers: '4800', reach: '11200' });
    const v = await runCli('validate', 'contracts', EXPECTED);
    expect(v.code).toBe(0);
  }, 60_000);

  it('evaluate --sources gives the same invoice as --data on the aggregated file', async () => {
    const fromSources = await runCli('evaluate', 'contracts/acme-smm.yaml', '--sources', SOURCES, '--period', '2026-10');
    const fromData = await runCli('evaluate', 'contracts/acme-smm.yaml', '--data', EXPECTED, '--period', '2026-10');
    expect(fromSources.code).toBe(0);
    // acme-smm bills НДС 22% on top: the lines sum to 109 000.00, the amount payable is 132 980.00.
    const a = JSON.parse(fromSources.stdout) as { subtotal: string; total: string; inputs: { sources: { files: { path: string; sha256: string; skipped: Record<string, number> }[]; values: { metric: string }[] } } };
    const b = JSON.parse(fromData.stdout) as { total: string };
    expect(a.subtotal).toBe('109000.00');
    expect(a.total).toBe('132980.00');
    expect(b.total).toBe(a.total);
    const metrica = a.inputs.sources.files.find((f) => f.path.endsWith('acme-smm-2026-10.csv') && f.path.includes('metrica'));
    expect(metrica?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(metrica?.skipped).toEqual({ totals: 1 });
    expect(a.inputs.sources.values.map((v) => v.metric)).toContain('direct_sessions');
  }, 60_000);

  it('explain shows where each value came from: the value in the locale with its unit, the formula as SPEC 9 writes it', async () => {
    // acme-smm is written in ru-RU: `sessions 12 000 = sum(metrica.visits) over 31 rows of ...` (SPEC 9).
    const r = await runCli('explain', 'contracts/acme-smm.yaml', '--sources', SOURCES, '--period', '2026-10');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sessions 5\u00a0000 = sum(metrica.visits) over 5 rows of examples/sources/exports/metrica/acme-smm-2026-10.csv');
    expect(r.stdout).toContain('bounce_rate 17,35\u00a0% = weighted_avg(metrica.bounce_rate, metrica.visits) over 5 rows of');
    expect(r.stdout).toContain('leads 98 = count(crm where status == "qualified") over 98 rows of examples/sources/exports/crm/leads.parquet');
    const en = await runCli('explain', 'contracts/acme-smm.yaml', '--sources', SOURCES, '--period', '2026-10', '--locale', 'en');
    expect(en.stdout).toContain('sessions 5000 = sum(metrica.visits) over 5 rows of examples/sources/exports/metrica/acme-smm-2026-10.csv');
    expect(en.stdout).toContain('bounce_rate 17.35% = weighted_avg(metrica.bounce_rate, metrica.visits) over 5 rows of');
    expect(en.stdout).toContain('avg_time_on_site 2 min 16.6 s = weighted_avg(metrica.avg_visit_duration, metrica.visits) over 5 rows of');
  }, 60_000);

  it('--data and --sources together: data wins, and the output says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attain-src-'));
    try {
      const data = join(dir, 'acme.yaml');
      writeFileSync(data, 'contract: acme-smm\nperiods:\n  2026-10: { leads: 120 }\n');
      const r = await runCli('evaluate', 'contracts/acme-smm.yaml', '--sources', SOURCES, '--data', data, '--period', '2026-10');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('warning[W091]: leads for 2026-10 is taken from --data (120); the sources give 98');
      const e = JSON.parse(r.stdout) as { subtotal: string; total: string; inputs: { sources: { from_data: string[] } } };
      expect(e.inputs.sources.from_data).toEqual(['2026-10:leads']);
      expect(e.subtotal).toBe('120000.00');
      expect(e.total).toBe('146400.00');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('invoice --sources invoices the contracts the sources feed and isolates the others', async () => {
    const out = mkdtempSync(join(tmpdir(), 'attain-inv-'));
    try {
      const r = await runCli('invoice', '--contracts', 'contracts', '--sources', SOURCES, '--period', '2026-10', '--out', join(out, 'run'), '--quiet');
      expect(r.code).toBe(1);
      const summary = JSON.parse(readFileSync(join(out, 'run', 'summary.json'), 'utf8')) as { contracts?: { contract: string; status: string }[] } & Record<string, unknown>;
      const text = JSON.stringify(summary);
      expect(text).toContain('acme-smm');
      const acme = JSON.parse(readFileSync(join(out, 'run', 'acme-smm', 'invoice.json'), 'utf8')) as { subtotal: string; total: string };
      expect(acme.subtotal).toBe('109000.00');
      expect(acme.total).toBe('132980.00');
      const html = readFileSync(join(out, 'run', 'acme-smm', 'report.html'), 'utf8');
      // acme-smm is written in ru-RU (SPEC 10): the provenance's heading and values too; its
      // formula as SPEC 9 writes it, as in explain.
      expect(html).toContain('Откуда взяты значения метрик');
      expect(html).toContain('<code>sessions</code> 5\u00a0000 = sum(metrica.visits) over 5 rows of examples/sources/exports/metrica/acme-smm-2026-10.csv');
      expect(html).toContain('<code>bounce_rate</code> 17,35\u00a0% = weighted_avg(metrica.bounce_rate, metrica.visits) over 5 rows of');
      expect(html).not.toContain('Where the metric values came from');
      const volga = JSON.parse(readFileSync(join(out, 'run', 'volga-community-direct', 'invoice.json'), 'utf8')) as { total: string };
      expect(volga.total).toBe('102500.00');
      const manifest = JSON.parse(readFileSync(join(out, 'run', 'manifest.json'), 'utf8')) as { sources: { inputs: { sha256: string | null }[]; queries: string[] } };
      expect(manifest.sources.inputs.length).toBeGreaterThanOrEqual(7);
      expect(manifest.sources.queries.some((q) => q.includes('read_parquet'))).toBe(true);
      expect(r.stderr).toContain('E098');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
