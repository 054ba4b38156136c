import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadContract, readContractFile } from '../../../src/contract/load-contract.js';
import { codesAt, fixture, FIXTURES, source } from './helpers.js';

/** bad/<code>-<name>.yaml -> the code and position it must report. */
const EXPECTED: Readonly<Record<string, string[]>> = {
  'e002-yaml-syntax.yaml': ['E002@6:1'],
  'e003-duplicate-key.yaml': ['E003@8:3'],
  'e004-alias-bomb.yaml': ['E004@10:36'],
  'e005-multiple-documents.yaml': ['E005@6:1'],
  'e006-empty.yaml': ['E006@1:1'],
  'e010-unknown-key.yaml': ['E010@9:5'],
  'e011-missing-key.yaml': ['E011@8:3'],
  'e012-wrong-type.yaml': ['E012@2:10'],
  'e013-invalid-value.yaml': ['E013@5:11'],
  'e014-pricing-form.yaml': ['E014@8:5'],
  'e032-duplicate-payment.yaml': ['E032@11:9'],
  'e054-effective-dates.yaml': ['E054@4:36'],
  'e058-period-format.yaml': ['E058@5:20'],
};

describe('loadContract', () => {
  it('loads the example contract', () => {
    const r = loadContract(fixture('acme-smm.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.id.value).toBe('acme-smm');
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reports ${expected.join(', ')} for bad/${name}`, () => {
      const file = fixture(`bad/${name}`);
      expect(codesAt(file, loadContract(file).diagnostics)).toEqual(expected);
    });
  }

  it('has a test for every bad fixture', () => {
    const files = readdirSync(`${FIXTURES}/bad`).filter((f) => /^e\d{3}-/.test(f));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('stops before buildModel when the shape is wrong', () => {
    const r = loadContract(fixture('bad/e010-unknown-key.yaml'));
    expect(r.value).toBeUndefined();
  });

  it('returns the model with model-level errors (E032)', () => {
    const r = loadContract(fixture('bad/e032-duplicate-payment.yaml'));
    expect(r.value?.payments.length).toBe(1);
  });

  it('prototype keys in metrics, define, kpis and data neither pollute nor crash', () => {
    const r = loadContract(fixture('bad/prototype-keys.yaml'));
    expect(r.diagnostics).toEqual([]);
    const c = r.value!;
    expect([...c.metrics.keys()]).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(c.defines.get('__proto__')?.expr.text).toBe('constructor + 1');
    expect(c.kpis.get('__proto__')?.target.text).toBe('__proto__ > 1');
    const t = c.tests[0]!;
    expect([...t.data.keys()]).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(t.data.get('__proto__')?.source).toBe('5');
    expect(t.history.get('2026-01')?.value.get('__proto__')?.source).toBe('1');
    expect(t.expect.kpis?.get('__proto__')?.value).toBe('met');
    expect(({} as Record<string, unknown>)['count']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('5');
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
  });

  it('prototype keys that break a pattern are plain E013 errors', () => {
    const file = source('contract: c\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { hasOwnProperty: count, toString: count }\n__proto__: 1\n');
    expect(codesAt(file, loadContract(file).diagnostics)).toEqual(['E013@5:12', 'E013@5:35', 'E010@6:1']);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'count')).toBe(false);
  });
});

describe('readContractFile', () => {
  it('reads from disk', async () => {
    const r = await readContractFile(`${FIXTURES}/acme-smm.yaml`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.file.path).toBe(`${FIXTURES}/acme-smm.yaml`);
  });

  it('E001 at offset 0 of the path for a missing file or a directory', async () => {
    const missing = await readContractFile(`${FIXTURES}/nope.yaml`);
    expect(missing.diagnostics.map((d) => [d.code, d.span])).toEqual([['E001', { file: `${FIXTURES}/nope.yaml`, start: 0, end: 0 }]]);
    const dir = await readContractFile(FIXTURES);
    expect(dir.diagnostics.map((d) => d.code)).toEqual(['E001']);
  });
});
