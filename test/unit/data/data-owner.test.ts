import { describe, expect, it } from 'vitest';
import { contractIdByName, isNotContractFile, looksLikeDataFile, skippedDataNote } from '../../../src/data/data-owner.js';

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

describe('isNotContractFile', () => {
  it('skips metric data and sources files (SPEC 9) when walking for contracts, not contracts', () => {
    expect(isNotContractFile('m.yaml', 'contract: a\nperiods:\n  2026-10: { leads: 1 }\n')).toBe(true);
    expect(isNotContractFile('sources.yaml', 'sources:\n  crm: { files: x.csv }\nmetrics:\n  leads: count(crm)\n')).toBe(true);
    expect(isNotContractFile('c.yaml', 'contract: a\nmetrics: { leads: count }\nkpis: {}\n')).toBe(false);
    // A contract with a stray top-level sources: key is still a contract (its E010 is reported).
    expect(isNotContractFile('c.yaml', 'contract: a\nsources: x\nkpis: {}\n')).toBe(false);
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

describe('skippedDataNote', () => {
  it('one W062 for every skipped file, at the first, naming at most five', () => {
    expect(skippedDataNote('data', [])).toBeUndefined();
    const one = skippedDataNote('data', ['data/contract.yaml']);
    expect(one?.code).toBe('W062');
    expect(one?.severity).toBe('warning');
    expect(one?.span.file).toBe('data/contract.yaml');
    expect(one?.message).toBe('1 file(s) in data are not metric data and were skipped: contract.yaml');
    const many = skippedDataNote('data', ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `data/inv/${n}.json`));
    expect(many?.message).toBe('7 file(s) in data are not metric data and were skipped: inv/a.json, inv/b.json, inv/c.json, inv/d.json, inv/e.json and 2 more');
  });
});
