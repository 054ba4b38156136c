import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { bindData, bindTestData } from '../../../src/data/bind.js';
import { metricSlots } from '../../../src/data/bound.js';
import { loadMetricFile } from '../../../src/data/load-metrics.js';
import type { PeriodSeries, RawPeriod } from '../../../src/data/metric-data.js';
import { toDecimalString } from '../../../src/numbers/rational.js';
import { acmeContract, acmeTest, codesAt, fixture } from './helpers.js';

/** Periods of a file's only contract ('' or acme-smm). */
function periodsOf(relative: string): { file: ReturnType<typeof fixture>; periods: readonly RawPeriod[] } {
  const file = fixture(relative);
  const loaded = loadMetricFile(file);
  expect(loaded.diagnostics.filter((d) => d.code !== 'E061')).toEqual([]);
  const sets = loaded.value?.contracts;
  return { file, periods: sets?.get('acme-smm') ?? sets?.get('') ?? [] };
}

function bindFixture(relative: string) {
  const { file, periods } = periodsOf(relative);
  return { file, result: bindData(acmeContract(), periods, file.sha256) };
}

/** period -> [metric, decimal text] in series order: what output would print. */
function dump(series: PeriodSeries | undefined): [string, [string, string][]][] {
  return [...(series?.periods ?? new Map()).values()].map((p) => [
    p.period,
    [...p.values].map(([name, v]) => [name, toDecimalString(v.value)] as [string, string]),
  ]);
}

const ACME_OCTOBER: [string, string][] = [
  ['sessions', '12000'],
  ['bounce_rate', '0.175'],
  ['avg_time_on_site', '135'],
  ['direct_sessions', '7800'],
  ['leads', '92'],
  ['followers', '5400'],
  ['ad_spend', '30000'],
  ['reach', '81000'],
  ['pages_per_session', '3.2'],
  ['quality_index', '-1.5'],
];

describe('bindData', () => {
  it.each(['good/acme.yaml', 'good/acme.json', 'good/acme.csv'])('types %s exactly, in declared and chronological order', (relative) => {
    const { file, result } = bindFixture(relative);
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.contract).toBe('acme-smm');
    expect(result.value?.sha256).toBe(file.sha256);
    expect(dump(result.value)).toEqual([['2026-09', [['followers', '4800']]], ['2026-10', ACME_OCTOBER]]);
  });

  it('keeps the span of each value in its file', () => {
    const { file, result } = bindFixture('good/acme.csv');
    const v = result.value?.periods.get('2026-10')?.values.get('avg_time_on_site');
    expect(file.text.slice(v?.span.start, v?.span.end)).toBe('2 min 15 s');
  });

  it('does not depend on the key order of the file', () => {
    const a = createSourceFile('a.yaml', 'periods:\n  2026-10: { leads: 1, sessions: 2 }\n  2026-09: { leads: 3 }\n');
    const b = createSourceFile('a.yaml', 'periods:\n  2026-09: { leads: 3 }\n  2026-10: { sessions: 2, leads: 1 }\n');
    const bind = (f: typeof a) => dump(bindData(acmeContract(), loadMetricFile(f).value?.contracts.get('') ?? [], f.sha256).value);
    expect(bind(a)).toEqual(bind(b));
    expect(bind(a)).toEqual([['2026-09', [['leads', '3']]], ['2026-10', [['sessions', '2'], ['leads', '1']]]]);
  });

  it('lays each period out by metric slot for evaluation, for the contract it was bound to only', () => {
    const { periods } = periodsOf('good/acme.yaml');
    const contract = acmeContract();
    const series = bindData(contract, periods, 'x').value;
    for (const p of series?.periods.values() ?? []) {
      const slots = metricSlots(p, contract);
      expect(slots).toEqual([...contract.metrics.keys()].map((name) => p.values.get(name)));
      expect(slots?.every((v, i) => v === undefined || v === p.values.get([...contract.metrics.keys()][i] ?? ''))).toBe(true);
      expect(metricSlots(p, acmeContract())).toBeUndefined();
      expect(metricSlots({ period: p.period, values: p.values, span: p.span }, contract)).toBeUndefined();
    }
    expect(Object.keys(series?.periods.get('2026-10') ?? {})).toEqual(['period', 'values', 'span']);
    expect(Object.keys(series?.periods.get('2026-10')?.values.get('leads') ?? {})).toEqual(['value', 'span']);
  });

  it('reads a period\'s values by name like a Map filled in declaration order', () => {
    const { periods } = periodsOf('good/acme.yaml');
    const contract = acmeContract();
    const values = bindData(contract, periods, 'x').value?.periods.get('2026-10')?.values;
    const names = [...contract.metrics.keys()].filter((n) => values?.has(n));
    const expected = new Map(names.map((n) => [n, values?.get(n)]));
    expect(values?.size).toBe(expected.size);
    expect([...(values ?? [])]).toEqual([...expected]);
    expect([...(values?.keys() ?? [])]).toEqual(names);
    expect([...(values?.values() ?? [])]).toEqual([...expected.values()]);
    expect([...(values?.entries() ?? [])]).toEqual([...expected.entries()]);
    const seen: string[] = [];
    values?.forEach((v, k, m) => {
      expect(m).toBe(values);
      expect(v).toBe(expected.get(k));
      seen.push(k);
    });
    expect(seen).toEqual(names);
    expect(values?.get('no_such_metric')).toBeUndefined();
    expect(values?.has('no_such_metric')).toBe(false);
    const september = bindData(contract, periods, 'x').value?.periods.get('2026-09')?.values;
    expect([...(september?.keys() ?? [])]).toEqual(['followers']);
    expect(september?.has('leads')).toBe(false);
  });

  it('is deterministic', () => {
    const { periods } = periodsOf('good/acme.yaml');
    expect(bindData(acmeContract(), periods, 'x')).toEqual(bindData(acmeContract(), periods, 'x'));
  });

  it.each([
    ['bad/e061-unknown-metric.yaml', ['E061@3:14']],
    ['bad/e061-unknown-column.csv', ['E061@1:17']],
    ['bad/e062-wrong-unit.yaml', ['E062@4:12', 'E062@5:15']],
    ['bad/e062-wrong-unit.csv', ['E062@2:9', 'E062@2:17']],
    ['bad/e062-wrong-unit.json', ['E062@1:73', 'E062@1:92']],
    ['bad/e063-foreign-currency.yaml', ['E063@3:24']],
    ['bad/e064-negative.csv', ['E064@2:9', 'E064@2:21']],
    ['bad/e065-not-a-number.yaml', ['E065@4:15', 'E065@5:12', 'E065@6:12', 'E065@7:5', 'E065@8:22', 'E065@9:15', 'E065@10:18', 'E065@11:23']],
    ['bad/e090-percent-as-number.yaml', ['E060@3:27']],
    ['bad/e058-quarter-for-month.yaml', ['E058@3:3']],
  ])('%s -> %j', (relative, expected) => {
    const { file, result } = bindFixture(relative);
    expect(codesAt(file, result.diagnostics)).toEqual(expected);
  });

  it('labels E065 with the parser\'s finding at its place in the file, quoted or not', () => {
    const f = createSourceFile('p.yaml', 'periods:\n  2026-10:\n    ad_spend: 12 apples\n    reach: "12 apples"\n');
    const result = bindData(acmeContract(), loadMetricFile(f).value?.contracts.get('') ?? [], f.sha256);
    expect(codesAt(f, result.diagnostics)).toEqual(['E065@3:15', 'E065@4:12']);
    const labels = result.diagnostics.flatMap((d) => (d.labels ?? []).map((l) => ({ ...d, span: l.span })));
    expect(codesAt(f, labels)).toEqual(['E065@3:18', 'E065@4:16']);
    expect(result.diagnostics[1]?.message).toContain('"12 apples" is not');
  });

  it('suggests the closest metric for an unknown one', () => {
    expect(bindFixture('bad/e061-unknown-metric.yaml').result.diagnostics[0]?.hint).toContain('"sessions"');
    expect(bindFixture('bad/e061-unknown-column.csv').result.diagnostics[0]?.hint).toContain('"leads"');
  });

  it('refuses a percent written as a plain number above 1 (E060): no value is kept', () => {
    const { result } = bindFixture('bad/e090-percent-as-number.yaml');
    expect(dump(result.value)).toEqual([['2026-10', []]]);
    expect(result.diagnostics.map((d) => [d.severity, d.hint])).toEqual([['error', 'write 17.5% or 0.175']]);
  });

  it('allows negative money (refunds) but not negative counts or durations', () => {
    const { result } = bindFixture('bad/e064-negative.csv');
    expect(dump(result.value)).toEqual([['2026-10', [['ad_spend', '-500']]]]);
  });

  it('drops bad values but keeps the rest of the series', () => {
    const { result } = bindFixture('bad/e062-wrong-unit.yaml');
    expect(dump(result.value)).toEqual([['2026-10', []]]);
  });

  it('reports a period given twice (e.g. in two files) with a label at the first', () => {
    const { periods } = periodsOf('good/acme.yaml');
    const result = bindData(acmeContract(), [...periods, ...periods.slice(0, 1)], 'x');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E069']);
    expect(result.diagnostics[0]?.labels?.[0]?.span).toEqual(periods[0]?.span);
  });

  it('checks period keys against a quarterly contract', () => {
    const file = fixture('good/multi.yaml');
    const loaded = loadMetricFile(file).value?.contracts;
    const quarterly = bindData(acmeContract('quarter'), loaded?.get('beta-ads') ?? [], file.sha256);
    expect(quarterly.diagnostics.map((d) => d.code)).toEqual(['E061']);
    expect([...(quarterly.value?.periods.keys() ?? [])]).toEqual(['2026-Q4']);
    const monthly = bindData(acmeContract('quarter'), loaded?.get('acme-smm') ?? [], file.sha256);
    expect(monthly.diagnostics.map((d) => d.code)).toEqual(['E058']);
  });
});

describe('bindTestData', () => {
  it('binds history and the test period from the contract, with the contract digest', () => {
    const contract = acmeContract();
    const result = bindTestData(contract, acmeTest());
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.sha256).toBe(contract.file.sha256);
    expect(dump(result.value)).toEqual([['2026-09', [['followers', '4800']]], ['2026-10', ACME_OCTOBER.map(([n, v]) => [n, n === 'quality_index' ? '7' : v] as [string, string])]]);
    const at = result.value?.periods.get('2026-10')?.values.get('bounce_rate')?.span;
    expect(contract.file.text.slice(at?.start, at?.end)).toBe('17.5%');
  });

  it('reports history that repeats the test period', () => {
    const test = acmeTest();
    const history = new Map([...test.history, ['2026-10', { value: test.data, span: test.dataSpan }]]);
    const result = bindTestData(acmeContract(), { ...test, history });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E069']);
  });
});
