import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../../src/contract/load-yaml.js';
import { CONTRACT_SCHEMA, decodePointer, validateShape } from '../../../src/contract/schema.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { codesAt, fixture, source } from './helpers.js';
import type { SourceFile } from '../../../src/diagnostics/source.js';

const HEAD = 'contract: c\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';

function shape(file: SourceFile): Diagnostic[] {
  const y = loadYaml(file);
  expect(y.diagnostics).toEqual([]);
  return validateShape(y.value!.doc, file);
}

function shapeCodes(text: string): string[] {
  const file = source(text);
  return codesAt(file, shape(file));
}

describe('validateShape', () => {
  it('accepts the full example contract', () => {
    expect(shape(fixture('acme-smm.yaml'))).toEqual([]);
  });

  it('E010: unknown key at the key, with did-you-mean and no extra missing-key error', () => {
    const file = fixture('bad/e010-unknown-key.yaml');
    const d = shape(file);
    expect(codesAt(file, d)).toEqual(['E010@9:5']);
    expect(d[0]?.hint).toBe('did you mean "target"?');
    expect(d[0]?.data?.['keyword']).toBe('additionalProperties');
  });

  it('E010 at the top level lists the allowed keys when nothing is close', () => {
    const file = source(`${HEAD}zzzzzz: 1\n`);
    const d = shape(file);
    expect(codesAt(file, d)).toEqual(['E010@6:1']);
    expect(d[0]?.hint).toContain('allowed keys');
  });

  it('E011: missing key at the parent', () => {
    const file = fixture('bad/e011-missing-key.yaml');
    expect(codesAt(file, shape(file))).toEqual(['E011@8:3']);
    expect(shapeCodes('contract: c\nversion: 1\ncurrency: RUB\nmetrics: {}\n')).toEqual(['E011@1:1']);
  });

  it('E012: wrong type at the value', () => {
    const file = fixture('bad/e012-wrong-type.yaml');
    expect(codesAt(file, shape(file))).toEqual(['E012@2:10']);
    expect(shapeCodes(`${HEAD}kpis:\n  a:\n    target: { x: 1 }\n`)).toEqual(['E012@8:13']);
    expect(shapeCodes(`${HEAD}kpis:\n  a:\n    target:\n`)).toEqual(['E012@8:12']);
    expect(shapeCodes('- a\n- b\n')).toEqual(['E012@1:1']);
  });

  it('expressions may be numbers or booleans', () => {
    expect(shapeCodes(`${HEAD}kpis:\n  a:\n    target: true\n    weight: 100\n`)).toEqual([]);
  });

  it('E013: enum, pattern and range errors at the value, with allowed values', () => {
    const file = fixture('bad/e013-invalid-value.yaml');
    const d = shape(file);
    expect(codesAt(file, d)).toEqual(['E013@5:11']);
    expect(d[0]?.message).toContain('half-even, half-up');
    expect(d[0]?.hint).toBe('did you mean "half-even"?');
    expect(shapeCodes(HEAD.replace('contract: c', 'contract: Bad_Id'))).toEqual(['E013@1:11']);
    expect(shapeCodes(HEAD.replace('currency: RUB', 'currency: rub'))).toEqual(['E013@3:11']);
    expect(shapeCodes(`${HEAD}kpis:\n  a:\n    target: x\n    from_period: 0\n`)).toEqual(['E013@9:18']);
  });

  it('E013 for a bad metric name points at the key', () => {
    expect(shapeCodes(HEAD.replace('{ leads: count }', '{ Leads: count }'))).toEqual(['E013@5:12']);
  });

  it('metric declarations: one error from the branch that was meant', () => {
    const d = shapeCodes(HEAD.replace('{ leads: count }', '{ a: cnt, b: { unit: count, x: 1 }, c: 5 }'));
    expect(d).toEqual(['E013@5:15', 'E010@5:38', 'E012@5:49']);
  });

  it('E014: one error for a payment with two pricing forms or none', () => {
    const file = fixture('bad/e014-pricing-form.yaml');
    const d = shape(file);
    expect(codesAt(file, d)).toEqual(['E014@8:5']);
    expect(d[0]?.data?.['keyword']).toBe('oneOf');
    expect(shapeCodes(`${HEAD}payments:\n  - { id: a, label: A }\n`)).toEqual(['E014@7:5']);
    expect(shapeCodes(`${HEAD}payments:\n  - { id: a, label: A, quantity: leads, tiers: [{ price: 1 RUB }] }\n`)).toEqual(['E014@7:5']);
  });

  it('a misspelt pricing key gives only the E010', () => {
    const file = source(`${HEAD}payments:\n  - { id: a, label: A, amout: 1 RUB }\n`);
    const d = shape(file);
    expect(codesAt(file, d)).toEqual(['E010@7:24']);
    expect(d[0]?.hint).toBe('did you mean "amount"?');
  });

  it('E058: period keys of the wrong shape, as values and as keys', () => {
    expect(shapeCodes(HEAD.replace('2026-01', '2026-1'))).toEqual(['E058@4:20']);
    const tests = 'tests:\n  - name: t\n    period: 2026-02\n    expect: {}\n    history: { 2026-13: {} }\n';
    expect(shapeCodes(`${HEAD}${tests}`)).toEqual(['E058@10:16']);
  });

  it('reports every independent problem (allErrors), sorted by position', () => {
    const d = shapeCodes('contract: C\nversion: 1.5\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: {}\nextra: 1\n');
    expect(d).toEqual(['E013@1:11', 'E012@2:10', 'E010@6:1']);
  });

  it('decodes JSON pointers', () => {
    expect(decodePointer('')).toEqual([]);
    expect(decodePointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
  });
});

describe('contract.schema.json', () => {
  it('is draft 2020-12 with an $id', () => {
    expect(CONTRACT_SCHEMA['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof CONTRACT_SCHEMA['$id']).toBe('string');
  });

  it('has a title and description on every property and forbids unknown keys', () => {
    const missing: string[] = [];
    const visit = (s: unknown, path: string): void => {
      if (typeof s !== 'object' || s === null) return;
      const o = s as Record<string, unknown>;
      // `properties` of only true/false say which keys a pricing form needs or forbids: no declarations.
      const constraintsOnly = o['properties'] !== undefined && Object.values(o['properties'] as object).every((v) => typeof v === 'boolean');
      if (o['properties'] !== undefined && !constraintsOnly) {
        if (o['additionalProperties'] !== false) missing.push(`${path}: additionalProperties`);
        for (const [k, v] of Object.entries(o['properties'] as object)) {
          const p = v as Record<string, unknown>;
          if (typeof p['title'] !== 'string' || typeof p['description'] !== 'string') missing.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(o)) if (typeof v === 'object') visit(v, `${path}/${k}`);
    };
    visit(CONTRACT_SCHEMA, '#');
    expect(missing).toEqual([]);
  });

  it('compiles in ajv strict mode with no finding (no union types, required keys declared, types for every keyword)', () => {
    const findings: string[] = [];
    const log = (...a: unknown[]): void => {
      findings.push(a.map(String).join(' '));
    };
    const ajv = new Ajv2020({ strict: true, allErrors: true, logger: { log, warn: log, error: log } });
    expect(() => ajv.compile(CONTRACT_SCHEMA)).not.toThrow();
    expect(findings).toEqual([]);
  });

  it('keeps to what draft-07 tools (the YAML language server) read: no unevaluatedProperties or unevaluatedItems', () => {
    expect(JSON.stringify(CONTRACT_SCHEMA)).not.toMatch(/"unevaluated(Properties|Items)"/);
  });
});
