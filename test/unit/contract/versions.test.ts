// Versions of one contract id (src/contract/versions.ts): ordering, contiguous ranges, the
// version in force, and the located findings for overlaps, gaps and mismatches.
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract/load-contract.js';
import { checkVersions, orderVersions, nearestVersion, versionInForce } from '../../../src/contract/versions.js';
import { createSourceFile } from '../../../src/diagnostics/source.js';

function version(path: string, v: number, effective: string, period = 'month'): { contract: NonNullable<ReturnType<typeof loadContract>['value']> } {
  const text = `contract: c\nversion: ${v}\ncurrency: RUB\nperiod: ${period}\neffective: ${effective}\nmetrics: { leads: count }\nkpis:\n  k: { target: leads >= 1 }\n`;
  const loaded = loadContract(createSourceFile(path, text));
  if (loaded.value === undefined) throw new Error(JSON.stringify(loaded.diagnostics));
  return { contract: loaded.value };
}

describe('orderVersions', () => {
  it('orders by effective.from and finds the version in force; the start is the earliest from', () => {
    const v2 = version('b.yaml', 2, '{ from: 2026-07 }');
    const v1 = version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }');
    const { value, diagnostics } = orderVersions([v2, v1]);
    expect(diagnostics).toEqual([]);
    expect(value.start).toBe('2026-01');
    expect(value.versions.map((v) => v.contract.version.value)).toEqual([1, 2]);
    expect(versionInForce(value, '2026-06')?.contract.version.value).toBe(1);
    expect(versionInForce(value, '2026-07')?.contract.version.value).toBe(2);
    expect(versionInForce(value, '2030-01')?.contract.version.value).toBe(2);
    expect(versionInForce(value, '2025-12')).toBeUndefined();
  });

  it('an overlap is E037 at the later from, with a label at the earlier until in the other file', () => {
    const { diagnostics } = orderVersions([version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }'), version('b.yaml', 2, '{ from: 2026-06 }')]);
    expect(diagnostics.map((d) => [d.code, d.span.file])).toEqual([['E037', 'b.yaml']]);
    expect(diagnostics[0]?.labels?.[0]?.span.file).toBe('a.yaml');
  });

  it('an earlier version without until overlaps (E037); a gap is E038', () => {
    expect(orderVersions([version('a.yaml', 1, '{ from: 2026-01 }'), version('b.yaml', 2, '{ from: 2026-07 }')]).diagnostics.map((d) => d.code)).toEqual(['E037']);
    expect(orderVersions([version('a.yaml', 1, '{ from: 2026-01, until: 2026-05 }'), version('b.yaml', 2, '{ from: 2026-07 }')]).diagnostics.map((d) => d.code)).toEqual(['E038']);
  });

  it('the same version twice is E056; versions falling with time or of another period kind are E039', () => {
    expect(orderVersions([version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }'), version('b.yaml', 1, '{ from: 2026-07 }')]).diagnostics.map((d) => d.code)).toEqual(['E056']);
    expect(orderVersions([version('a.yaml', 2, '{ from: 2026-01, until: 2026-06 }'), version('b.yaml', 1, '{ from: 2026-07 }')]).diagnostics.map((d) => d.code)).toEqual(['E039']);
    expect(orderVersions([version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }'), version('b.yaml', 2, '{ from: 2026-Q3 }', 'quarter')]).diagnostics.map((d) => d.code)).toEqual(['E039']);
  });
});

describe('checkVersions and nearestVersion (shared by validate and the editor)', () => {
  it('one contract is its own version; several are ordered with their findings', () => {
    const v1 = version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }').contract;
    const v2 = version('b.yaml', 2, '{ from: 2026-07 }').contract;
    expect(checkVersions([v1])).toEqual({ value: [v1], diagnostics: [] });
    expect(checkVersions([v2, v1]).value).toEqual([v1, v2]);
    const gap = version('c.yaml', 2, '{ from: 2026-09 }').contract;
    expect(checkVersions([v1, gap]).diagnostics.map((d) => [d.code, d.span.file])).toEqual([['E038', 'c.yaml']]);
  });

  it('a period gets the version in force, else the first before the start and the last after the end', () => {
    const v1 = version('a.yaml', 1, '{ from: 2026-01, until: 2026-06 }').contract;
    const v2 = version('b.yaml', 2, '{ from: 2026-07, until: 2026-09 }').contract;
    expect(nearestVersion([v1, v2], '2026-03')).toBe(v1);
    expect(nearestVersion([v1, v2], '2026-07')).toBe(v2);
    expect(nearestVersion([v1, v2], '2025-11')).toBe(v1);
    expect(nearestVersion([v1, v2], '2027-01')).toBe(v2);
    expect(nearestVersion([v2], '2025-01')).toBe(v2);
    expect(nearestVersion([], '2025-01')).toBeUndefined();
  });
});
