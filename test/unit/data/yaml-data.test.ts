import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { loadYamlData } from '../../../src/data/yaml-data.js';
import { codesAt, fixture } from './helpers.js';

function load(relative: string) {
  const file = fixture(relative);
  return { file, result: loadYamlData(file) };
}

describe('loadYamlData', () => {
  it('reads the single-contract form with raw source text and spans', () => {
    const { file, result } = load('good/acme.yaml');
    expect(result.diagnostics).toEqual([]);
    const periods = result.value?.contracts.get('acme-smm') ?? [];
    expect(periods.map((p) => p.period)).toEqual(['2026-10', '2026-09']);
    const bounce = periods[0]?.record.get('bounce_rate');
    expect(bounce?.value).toBe('17.5%');
    expect(file.text.slice(bounce?.span.start, bounce?.span.end)).toBe('17.5%');
    expect(file.text.slice(bounce?.keySpan.start, bounce?.keySpan.end)).toBe('bounce_rate');
    expect(periods[0]?.record.get('avg_time_on_site')?.source).toBe('2 min 15 s');
  });

  it('reads JSON as YAML and keeps the digits of numbers as written', () => {
    const { result } = load('good/acme.json');
    expect(result.diagnostics).toEqual([]);
    const spend = result.value?.contracts.get('acme-smm')?.[0]?.record.get('ad_spend');
    expect(spend?.value).toBe(30000);
    expect(spend?.source).toBe('30000.00');
  });

  it('reads the multi-contract form', () => {
    const { result } = load('good/multi.yaml');
    expect(result.diagnostics).toEqual([]);
    expect([...(result.value?.contracts.keys() ?? [])]).toEqual(['acme-smm', 'beta-ads']);
    expect(result.value?.contracts.get('beta-ads')?.[0]?.period).toBe('2026-Q4');
  });

  it('gives id "" when the file names no contract', () => {
    const result = loadYamlData(createSourceFile('d.yaml', 'periods:\n  2026-10: { leads: 1 }\n'));
    expect([...(result.value?.contracts.keys() ?? [])]).toEqual(['']);
  });

  it('keeps a metric named __proto__ as a plain map entry', () => {
    const result = loadYamlData(createSourceFile('p.yaml', 'periods:\n  2026-10: { __proto__: 1, constructor: 2 }\n'));
    const record = result.value?.contracts.get('')?.[0]?.record;
    expect([...(record?.keys() ?? [])]).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['leads']).toBeUndefined();
  });

  it('reads an aliased value at the anchor', () => {
    const result = loadYamlData(createSourceFile('a.yaml', 'x: &n 5\nperiods:\n  2026-10: { leads: *n }\n'));
    // `x` is an unknown key, but the alias still resolves to the anchored scalar.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['E069']);
    expect(result.value?.contracts.get('')?.[0]?.record.get('leads')?.value).toBe(5);
  });

  it('reports a null value as a raw null (typed later)', () => {
    const result = loadYamlData(createSourceFile('n.yaml', 'periods:\n  2026-10: { leads: }\n'));
    expect(result.value?.contracts.get('')?.[0]?.record.get('leads')?.value).toBeNull();
  });

  it.each([
        ['bad/e003-duplicate-key.yaml', ['E003@5:5']],
    ['bad/e006-empty.yaml', ['E006@1:1']],
    ['bad/e069-unknown-top-key.yaml', ['E069@2:1']],
    ['bad/e069-both-forms.yaml', ['E069@4:1']],
    ['bad/e069-value-is-map.json', ['E069@4:30']],
    ['bad/e058-period-key.yaml', ['E058@3:3']],
    ['bad/e004-aliases.yaml', ['E004@105:11']],
  ])('%s -> %j', (relative, expected) => {
    const { file, result } = load(relative);
    expect(codesAt(file, result.diagnostics)).toEqual(expected);
  });

  it('reports YAML syntax errors as E002 at the library\'s position', () => {
    const { file, result } = load('bad/e002-yaml-syntax.yaml');
    expect(result.value).toBeUndefined();
    expect(codesAt(file, result.diagnostics)[0]).toBe('E002@3:42');
  });

  it('rejects a second YAML document (E005) and a top-level list (E069)', () => {
    expect(loadYamlData(createSourceFile('m.yaml', 'periods: {}\n---\nperiods: {}\n')).diagnostics.map((d) => d.code)).toEqual(['E005']);
    expect(loadYamlData(createSourceFile('l.yaml', '- 1\n')).diagnostics.map((d) => d.code)).toEqual(['E069']);
  });

  it('rejects a non-map period and a missing periods key', () => {
    expect(loadYamlData(createSourceFile('x.yaml', 'periods:\n  2026-10: 5\n')).diagnostics.map((d) => d.code)).toEqual(['E069']);
    expect(loadYamlData(createSourceFile('y.yaml', 'contract: a\n')).diagnostics.map((d) => d.code)).toEqual(['E069']);
  });
});

describe('hostile nesting', () => {
  it('reports nesting deeper than the limit as E004 before building the document (YAML and JSON)', () => {
    const yaml = createSourceFile('deep.yaml', `contract: a\nperiods:\n  2026-10:\n    leads: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const json = createSourceFile('deep.json', `{"contract": "a", "periods": {"2026-10": {"leads": ${'['.repeat(200_000)}${']'.repeat(200_000)}}}}`);
    for (const file of [yaml, json]) {
      const r = loadYamlData(file);
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['E004']);
    }
  });
});
