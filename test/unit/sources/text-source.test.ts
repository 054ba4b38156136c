// Text exports through their presets: what is data and what is skipped (and counted), the GA4
// start date, the currency in a header checked against the contract.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { checkContractFile } from '../../../src/check/check-file.js';
import { LAZY_ENGINES } from '../../../src/sources/engines/lazy.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { runSources } from '../../../src/sources/run.js';
import { readTextSource, type DataRow } from '../../../src/sources/read/text-source.js';

function source(yaml: string) {
  const loaded = loadSourcesFile(createSourceFile('test/golden/bad/s.yaml', yaml));
  expect(loaded.diagnostics).toEqual([]);
  if (loaded.value === undefined) throw new Error('fixture');
  return loaded.value;
}

describe('readTextSource', () => {
  it('reads the first GA4 table only, skipping the # preamble and the Grand total row', () => {
    const s = source('sources:\n  ga4: { files: x.csv, preset: ga4, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(ga4.sessions)\n');
    const path = 'examples/sources/exports/ga4/volga-community-direct-2026-10.csv';
    const rows: DataRow[] = [];
    const diagnostics: Diagnostic[] = [];
    const read = readTextSource(createSourceFile(path, readFileSync(path, 'utf8')), s.sources.get('ga4')!, new Set(['sessions', 'date']), (r) => rows.push(r), diagnostics);
    expect(diagnostics).toEqual([]);
    expect(rows.map((r) => r.date)).toEqual(['2026-10-01', '2026-10-01', '2026-10-15', '2026-10-31', '2026-10-31']);
    expect(Object.fromEntries(read.skipped)).toEqual({ comment: 8, totals: 1, 'other-table': 3 });
  });

  it('dates every row of a GA4 table without a Date column by its # Start date line', () => {
    // SPEC 9: "the `# Start date: 20261001` line gives the date when the table has no date column".
    const s = source('sources:\n  ga4: { files: x.csv, preset: ga4, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(ga4.sessions)\n');
    const path = 'test/fixtures/sources-ga4/channels-2026-10.csv';
    const rows: DataRow[] = [];
    const diagnostics: Diagnostic[] = [];
    readTextSource(createSourceFile(path, readFileSync(path, 'utf8')), s.sources.get('ga4')!, new Set(['sessions', 'date']), (r) => rows.push(r), diagnostics);
    expect(diagnostics).toEqual([]);
    expect(rows.map((r) => [r.date, r.values.get('sessions')])).toEqual([
      ['2026-10-01', { kind: 'number', value: expect.anything() }],
      ['2026-10-01', { kind: 'number', value: expect.anything() }],
    ]);
  });

  it('still wants the Date column of a GA4 table without a # Start date line', () => {
    const s = source('sources:\n  ga4: { files: x.csv, preset: ga4, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(ga4.sessions)\n');
    const path = 'test/fixtures/sources-ga4/channels-2026-10.csv';
    const text = readFileSync(path, 'utf8').replace('# Start date: 20261001\n', '');
    const diagnostics: Diagnostic[] = [];
    readTextSource(createSourceFile(path, text), s.sources.get('ga4')!, new Set(['sessions', 'date']), () => undefined, diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(['E096']);
  });

  it('skips the Metrica totals row whatever the BOM and line breaks', () => {
    const s = source('sources:\n  m: { files: x.csv, preset: yandex-metrica, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(m.visits)\n');
    const path = 'examples/sources/exports/metrica/acme-smm-2026-10.csv';
    const rows: DataRow[] = [];
    const read = readTextSource(createSourceFile(path, readFileSync(path, 'utf8')), s.sources.get('m')!, new Set(['visits', 'traffic_source', 'date']), (r) => rows.push(r), []);
    expect(rows).toHaveLength(5);
    expect(rows[0]?.values.get('traffic_source')).toEqual({ kind: 'text', value: 'direct' });
    expect(Object.fromEntries(read.skipped)).toEqual({ totals: 1 });
  });
});

describe('yandex-metrica traffic sources', () => {
  it('maps the Russian and English names of the ad channel to ad', () => {
    const s = source('sources:\n  m: { files: x.csv, preset: yandex-metrica, contract: { value: acme-smm } }\nmetrics:\n  sessions: sum(m.visits)\n');
    const text = '"Дата визита";"Источник трафика";"Визиты"\n"2026-10-01";"Переходы по рекламе";"1"\n"2026-10-01";"Переходы из рекламных систем";"2"\n"2026-10-01";"Ad traffic";"3"\n';
    const rows: DataRow[] = [];
    readTextSource(createSourceFile('m.csv', text), s.sources.get('m')!, new Set(['visits', 'traffic_source', 'date']), (r) => rows.push(r), []);
    expect(rows.map((r) => r.values.get('traffic_source'))).toEqual([0, 1, 2].map(() => ({ kind: 'text', value: 'ad' })));
  });
});

describe('W090: a value of a where list that no row has', () => {
  // SPEC 9: "an unknown traffic source in a where list is a warning"; a known id of the preset
  // (`saved`: visits from saved pages) with no rows this month is not unknown.
  it('warns of an unknown traffic source, not of a known one without traffic', async () => {
    const yaml = 'sources:\n  m: { files: ../../fixtures/sources-metrica/*.csv, preset: yandex-metrica, contract: { value: acme-smm } }\nmetrics:\n  direct_sessions: \'sum(m.visits where traffic_source in ["direct", "saved", "drect"])\'\n';
    const sources = source(yaml);
    const contract = checkContractFile(createSourceFile('c.yaml', 'contract: acme-smm\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { direct_sessions: count }\nkpis:\n  k: { target: direct_sessions >= 0 }\n')).checked?.contract;
    const result = await runSources({ sources, contracts: [contract!] }, LAZY_ENGINES);
    const warnings = [...result.warnings.values(), ...result.failed.values()].flat();
    expect(warnings.map((d) => [d.code, d.message])).toEqual([['W090', 'no row of source "m" has traffic_source "drect"']]);
    expect(result.values.get('acme-smm')?.get('2026-10')?.get('direct_sessions')?.value.toFraction()).toBe('100');
  });
});

describe('a money column in another currency', () => {
  it('is E094 at its header cell', async () => {
    const yaml = 'sources:\n  site:\n    files: sources-exports/usd.csv\n    format: { delimiter: ";" }\n    columns:\n      day: { from: Date, type: date }\n      spend: { from: Spend, type: money }\n    contract: { value: golden-src }\n    date: day\nmetrics:\n  spend: sum(site.spend)\n';
    const contract = checkContractFile(createSourceFile('c.yaml', 'contract: golden-src\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { spend: money }\nkpis:\n  k: { target: spend >= 0 RUB }\n')).checked?.contract;
    const sources = source(yaml.replace('from: Spend,', 'from: "Spend (USD)",'));
    // Declared with the currency in `from:`: found before any row is read.
    const { checkForContract } = await import('../../../src/pipeline/sources-units.js');
    expect(checkForContract(sources, contract!).map((d) => d.code)).toEqual(['E094']);
    // Read from the header at run time (a preset-style column without the currency in `from:`).
    const plain = source(yaml.replace('spend: { from: Spend, type: money }', 'spend: { from: "Spend (USD)", type: money, currency: RUB }'));
    const result = await runSources({ sources: plain, contracts: [contract!] }, LAZY_ENGINES);
    const found = result.failed.get('golden-src') ?? [];
    expect(found.map((d) => d.code)).toEqual(['E094']);
    expect(found[0]?.span.file).toContain('usd.csv');
  });
});
