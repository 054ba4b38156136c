// A whole metric data file against the versions of its contract (src/data/check-data-file.ts):
// each period bound to the version in force for it; an unknown contract id is W068.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract/load-contract.js';
import type { Contract } from '../../../src/contract/model.js';
import { checkDataFile, type ContractsById } from '../../../src/data/check-data-file.js';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { codesAt } from './helpers.js';

function version(v: number, effective: string, metrics: string): Contract {
  const text = `contract: c\nversion: ${v}\ncurrency: RUB\neffective: ${effective}\nmetrics: ${metrics}\nkpis:\n  k: { target: leads >= 1 }\n`;
  const loaded = loadContract(createSourceFile(`v${v}.yaml`, text));
  if (loaded.value === undefined) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.value;
}

const versions = [version(1, '{ from: 2026-01, until: 2026-06 }', '{ leads: count }'), version(2, '{ from: 2026-07 }', '{ leads: count, calls: count }')];
const byId = (all: ReadonlyMap<string, readonly Contract[]>): ContractsById => ({ has: (id) => all.has(id), get: (id) => all.get(id) });

describe('checkDataFile', () => {
  it('binds each period to the version in force: calls is known from July only (E061 before)', () => {
    const file = createSourceFile('c.yaml', 'contract: c\nperiods:\n  2026-06: { leads: 3, calls: 1 }\n  2026-07: { leads: 3, calls: 1 }\n');
    expect(codesAt(file, checkDataFile(file, byId(new Map([['c', versions]]))))).toEqual(['E061@3:24']);
  });

  it('binds a file naming no contract to the run\'s only id, and calls it ambiguous beside several', () => {
    const file = createSourceFile('data/m.csv', 'period,leads,calls\n2026-06,3,1\n');
    const one: ContractsById = { ...byId(new Map([['c', versions]])), ids: ['c'] };
    expect(codesAt(file, checkDataFile(file, one))).toEqual(['E061@1:14']) // calls is unknown before July: checked, so found;
    const two: ContractsById = { ...byId(new Map([['c', versions], ['d', versions]])), ids: ['c', 'd'] };
    const found = checkDataFile(file, two);
    expect(found.map((d) => d.code)).toEqual(['W068']);
    expect(found[0]?.hint).toContain('ambiguous');
  });

  it('names an unknown contract id in W068', () => {
    const file = createSourceFile('d.yaml', 'contract: other\nperiods:\n  2026-06: { leads: 3 }\n');
    const found = checkDataFile(file, byId(new Map([['c', versions]])));
    expect(found.map((d) => d.code)).toEqual(['W068']);
    expect(found[0]?.message).toContain('other');
  });
});
