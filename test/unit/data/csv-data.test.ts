import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { loadCsvData } from '../../../src/data/csv-data.js';
import { codesAt, fixture } from './helpers.js';

function load(relative: string) {
  const file = fixture(relative);
  return { file, result: loadCsvData(file) };
}

describe('loadCsvData', () => {
  it('reads one row per period; empty cells are absent values', () => {
    const { file, result } = load('good/acme.csv');
    expect(result.diagnostics).toEqual([]);
    const periods = result.value?.contracts.get('') ?? [];
    expect(periods.map((p) => p.period)).toEqual(['2026-09', '2026-10']);
    expect([...(periods[0]?.record.keys() ?? [])]).toEqual(['followers']);
    const spend = periods[1]?.record.get('ad_spend');
    expect(spend).toMatchObject({ value: '30000 RUB', source: '"30000 RUB"' });
    expect(file.text.slice(spend?.keySpan.start, spend?.keySpan.end)).toBe('ad_spend');
  });

  it('groups rows by the contract column', () => {
    const { result } = load('good/multi.csv');
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.contracts.get('acme-smm')?.map((p) => p.period)).toEqual(['2026-10', '2026-09']);
    expect([...(result.value?.contracts.get('beta-ads')?.[0]?.record.keys() ?? [])]).toEqual(['leads']);
  });

  it('stores a metric column named __proto__ in a Map', () => {
    const result = loadCsvData(createSourceFile('p.csv', 'period,__proto__\n2026-10,1\n'));
    expect(result.value?.contracts.get('')?.[0]?.record.get('__proto__')?.value).toBe('1');
  });

  it.each([
    ['bad/e069-ragged.csv', ['E069@3:18']],
    ['bad/e069-duplicate-row.csv', ['E069@4:1']],
    ['bad/e069-no-period-column.csv', ['E069@1:1']],
    ['bad/e069-unclosed-quote.csv', ['E069@2:9']],
    ['bad/e058-period-key.csv', ['E058@3:1']],
  ])('%s -> %j', (relative, expected) => {
    const { file, result } = load(relative);
    expect(codesAt(file, result.diagnostics)).toEqual(expected);
  });

  it('labels a duplicate row with the first one', () => {
    const { file, result } = load('bad/e069-duplicate-row.csv');
    const label = result.diagnostics[0]?.labels?.[0];
    expect(label === undefined ? '' : codesAt(file, [{ code: 'L', span: label.span, severity: 'error', message: '' }])).toEqual(['L@2:1']);
  });

  it('rejects duplicate and empty header names, and a row with fewer cells', () => {
    expect(loadCsvData(createSourceFile('h.csv', 'period,a,a,\n')).diagnostics.map((d) => d.code)).toEqual(['E069', 'E069']);
    const short = loadCsvData(createSourceFile('s.csv', 'period,a,b\n2026-10,1\n'));
    expect(codesAt(short.value?.file ?? createSourceFile('x', ''), short.diagnostics)).toEqual(['E069@2:10']);
  });

  it.each([
    ['period;sessions;bounce_rate\n2026-10;12000;17,5%\n', 'semicolons (;)', 'delimiter: ";"'],
    ['period\tsessions\n2026-10\t12000\n', 'tabs', 'delimiter: "\\t"'],
  ])('names the delimiter of a file that is not comma-separated (%j)', (text, name, format) => {
    const d = loadCsvData(createSourceFile('m.csv', text)).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E069']);
    expect(d[0]?.hint).toContain(`separated by ${name}, not commas`);
    expect(d[0]?.hint).toContain(format);
  });

  it('gives no delimiter hint to a comma-separated header without a period column', () => {
    expect(loadCsvData(createSourceFile('m.csv', 'month,sessions\n')).diagnostics[0]?.hint).toBeUndefined();
  });

  it('reports an empty file as E006', () => {
    expect(loadCsvData(createSourceFile('e.csv', '\n\n')).diagnostics.map((d) => d.code)).toEqual(['E006']);
  });
});
