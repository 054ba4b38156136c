import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadYaml } from '../../../src/contract/load-yaml.js';
import { codesAt, fixture, source } from './helpers.js';

function codes(file: ReturnType<typeof source>): string[] {
  return codesAt(file, loadYaml(file).diagnostics);
}

describe('loadYaml', () => {
  it('parses a valid contract into one document', () => {
    const r = loadYaml(fixture('acme-smm.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.doc.contents).not.toBeNull();
  });

  it('reports YAML syntax errors as E002 with the yaml code in data', () => {
    const file = fixture('bad/e002-yaml-syntax.yaml');
    const r = loadYaml(file);
    expect(codesAt(file, r.diagnostics)).toEqual(['E002@6:1']);
    expect(r.diagnostics[0]?.data?.['yamlCode']).toBe('BAD_INDENT');
    expect(r.value).toBeUndefined();
  });

  it('reports a duplicate key at the second key (E003)', () => {
    const file = fixture('bad/e003-duplicate-key.yaml');
    const r = loadYaml(file);
    expect(codesAt(file, r.diagnostics)).toEqual(['E003@8:3']);
    expect(r.diagnostics[0]?.message).toContain('"leads"');
  });

  it('reports duplicate keys in flow maps and quoted keys', () => {
    expect(codes(source('{a: 1, a: 2}'))).toEqual(['E003@1:8']);
    const file = source('x: 1\n"x": 2\n');
    const r = loadYaml(file);
    expect(codesAt(file, r.diagnostics)).toEqual(['E003@2:1']);
    expect(r.diagnostics[0]?.message).toContain('"x"');
  });

  it('stops an alias bomb with E004 without expanding it', () => {
    const file = fixture('bad/e004-alias-bomb.yaml');
    const started = Date.now();
    const r = loadYaml(file);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(codesAt(file, r.diagnostics)).toEqual(['E004@10:36']);
    expect(r.diagnostics[0]?.data?.['limit']).toBe('expansion');
  });

  it('limits the number of aliases (E004)', () => {
    const text = `a: &a x\nb: [${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, () => '*a').join(', ')}]\n`;
    const r = loadYaml(source(text));
    expect(r.diagnostics.map((d) => [d.code, d.data?.['limit']])).toEqual([['E004', 'aliases']]);
  });

  it('rejects an alias inside its own anchor (cycle) with E004', () => {
    const file = source('a: &r [1, *r]\n');
    const r = loadYaml(file);
    expect(r.diagnostics.map((d) => [d.code, d.data?.['limit']])).toEqual([['E004', 'alias-cycle']]);
  });

  it('rejects deep nesting before composing it (E004), flow and block', () => {
    const flow = source(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(codes(flow)).toEqual(['E004@1:' + String(4 + DEFAULT_LIMITS.maxDepth - 1)]);
    let block = '';
    for (let i = 0; i < 70; i++) block += `${' '.repeat(i)}k${i}:\n`;
    const r = loadYaml(source(block));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E004']);
  });

  it('rejects files over the size limit (E004)', () => {
    const limits = { ...DEFAULT_LIMITS, maxChars: 10 };
    const r = loadYaml(source('a: 12345678901\n'), limits);
    expect(r.diagnostics.map((d) => [d.code, d.data?.['limit']])).toEqual([['E004', 'size']]);
  });

  it('survives a very long line', () => {
    const r = loadYaml(source(`a: ${'x'.repeat(1_000_000)}\n`));
    expect(r.diagnostics).toEqual([]);
  });

  it('reports a second document as E005', () => {
    const file = fixture('bad/e005-multiple-documents.yaml');
    expect(codes(file)).toEqual(['E005@6:1']);
  });

  it('reports an empty file as E006 (nothing, only comments, or a bare ---)', () => {
    expect(codes(fixture('bad/e006-empty.yaml'))).toEqual(['E006@1:1']);
    expect(codes(source(''))).toEqual(['E006@1:1']);
    expect(codes(source('---\n'))).toEqual(['E006@1:1']);
  });

  it('treats unknown tags and YAML 1.1 features as errors or plain text, never as code', () => {
    expect(codes(source('a: !foo x\n'))).toEqual(['E002@1:4']);
    const r = loadYaml(source('%YAML 1.1\n---\na: !!binary aGVsbG8=\nb: 2001-12-14\n'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E002']);
  });
});
