import { describe, expect, it } from 'vitest';
import { contractIdByName, looksLikeDataFile } from '../../../src/data/data-owner.js';

describe('looksLikeDataFile', () => {
  it('recognises metric data in YAML, JSON and CSV', () => {
    expect(looksLikeDataFile('m.yaml', 'contract: a\nperiods:\n  2026-10: { leads: 1 }\n')).toBe(true);
    expect(looksLikeDataFile('m.json', '{ "contract": "a", "periods": { "2026-10": { "leads": 1 } } }')).toBe(true);
    expect(looksLikeDataFile('m.csv', '\uFEFFcontract,period,leads\na,2026-10,1\n')).toBe(true);
  });
  it('does not take contracts or expected invoices for data', () => {
    expect(looksLikeDataFile('c.yaml', 'contract: a\nmetrics: { leads: count }\nperiods: 1\n')).toBe(false);
    expect(looksLikeDataFile('2026-10.json', '{ "contract": "a", "period": "2026-10", "kpis": [] }')).toBe(false);
    expect(looksLikeDataFile('lines.csv', 'contract,line,amount\na,fee,1.00\n')).toBe(false);
  });
});

describe('contractIdByName', () => {
  const known = (id: string): boolean => id === 'acme-smm';
  it('matches the file name, then the directory name', () => {
    expect(contractIdByName('data/acme-smm.csv', known)).toBe('acme-smm');
    expect(contractIdByName('examples/acme-smm/metrics.yaml', known)).toBe('acme-smm');
    expect(contractIdByName('examples/other/metrics.yaml', known)).toBeUndefined();
  });
});
