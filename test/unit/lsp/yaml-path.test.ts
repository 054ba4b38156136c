// Language server, YAML path at the cursor (src/lsp/yaml-path.ts) and the schema read by path
// (src/lsp/schema-keys.ts): indentation-based paths on text being typed, keys and expression places.
import { describe, expect, it } from 'vitest';
import { isExpressionAt, keysAt } from '../../../src/lsp/schema-keys.js';
import { yamlPathAt } from '../../../src/lsp/yaml-path.js';

const TEXT = `contract: x
kpis:
  quality:
    target: sessions > 3
    
payments:
  - id: a
    amount: |
      50 RUB
    
tests:
- name: t
  expect:
    kpis: {}
    
`;

function at(needle: string, delta: number): ReturnType<typeof yamlPathAt> {
  const i = TEXT.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return yamlPathAt(TEXT, i + delta);
}

describe('yamlPathAt', () => {
  it('finds the key whose value the cursor is in', () => {
    expect(at('    target: sess', 16)).toEqual({ path: ['kpis', 'quality'], valueKey: 'target' });
    expect(at('contract: x', 11)).toEqual({ path: [], valueKey: 'contract' });
  });
  it('finds the mapping of a blank line by its indentation', () => {
    expect(at('    \npayments', 4)).toEqual({ path: ['kpis', 'quality'] });
    expect(at('    \ntests', 4)).toEqual({ path: ['payments', '[]'] });
    expect(at('    kpis: {}\n    ', 17).path).toEqual(['tests', '[]', 'expect']);
  });
  it('puts a line of a block scalar under its key', () => {
    expect(at('      50 RUB', 8).path).toEqual(['payments', '[]', 'amount']);
  });
  it('reads a list item written with the dash at the parent key column', () => {
    expect(at('  expect:', 4)).toEqual({ path: ['tests', '[]'] });
  });
});

describe('schema by path', () => {
  it('lists the keys of a KPI, a payment and the root', () => {
    expect(keysAt(['kpis', 'quality']).map((k) => k.key)).toContain('target');
    expect(keysAt(['payments', '[]']).map((k) => k.key)).toEqual(expect.arrayContaining(['id', 'label', 'amount', 'when']));
    expect(keysAt([]).map((k) => k.key)).toContain('currency');
    for (const k of keysAt(['kpis', 'x'])) expect(typeof k.description).toBe('string');
  });
  it('knows where expressions are', () => {
    expect(isExpressionAt(['kpis', 'q', 'target'])).toBe(true);
    expect(isExpressionAt(['define', 'cpl'])).toBe(true);
    expect(isExpressionAt(['payments', '[]', 'amount'])).toBe(true);
    expect(isExpressionAt(['payments', '[]', 'label'])).toBe(false);
    expect(isExpressionAt(['currency'])).toBe(false);
  });
});
