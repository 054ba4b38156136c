// The compact contract view a --sources monthly run gives its aggregation: the same id, version,
// period kind, currency, dates, rounding and metrics (with spans) as the checked contract, nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../../src/contract/load-contract.js';
import { createSourceFile } from '../../../../src/diagnostics/source.js';
import { aggregationView, sharedTexts } from '../../../../src/pipeline/monthly/aggregation-view.js';

function load(path: string, text = readFileSync(path, 'utf8')) {
  const file = createSourceFile(path, text);
  const c = loadContract(file).value;
  if (c === undefined) throw new Error(`fixture ${path}`);
  return { c, file };
}

describe('the contract view aggregation is given', () => {
  it('keeps id, version, period, currency, dates, rounding and metrics with their spans, and drops the rest', () => {
    const { c, file } = load('contracts/acme-smm.yaml');
    const view = aggregationView(c, file);
    expect(view.file).toBe(file);
    for (const key of ['id', 'version', 'period', 'currency', 'effective', 'rounding'] as const) expect(view[key]).toEqual(c[key]);
    expect([...view.metrics]).toEqual([...c.metrics].map(([k, m]) => [k, { name: m.name, nameSpan: m.nameSpan, unit: m.unit }]));
    expect(view.kpis.size).toBe(0);
    expect(view.defines.size).toBe(0);
    expect(view.payments).toEqual([]);
    expect(view.tests).toEqual([]);
    expect(c.kpis.size).toBeGreaterThan(0);
  });

  it('has no end date when the contract has none, and the same texts through a shared set', () => {
    const text = readFileSync('contracts/acme-smm.yaml', 'utf8').replace(/^effective:.*$/m, 'effective: { from: 2026-03 }');
    const { c, file } = load('contracts/open.yaml', text);
    expect(c.effective.until).toBeUndefined();
    const view = aggregationView(c, file, sharedTexts());
    expect(view.effective).toEqual(c.effective);
    expect('until' in view.effective).toBe(false);
    expect([...view.metrics]).toEqual([...c.metrics].map(([k, m]) => [k, { name: m.name, nameSpan: m.nameSpan, unit: m.unit }]));
  });
});
