import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../../src/diagnostics/source.js';
import { checkContractFile } from '../../../../src/check/check-file.js';
import { runContractTests } from '../../../../src/pipeline/contract-tests/contract-tests.js';

function run(tests: string) {
  const text = `contract: t
version: 1
currency: EUR
effective: { from: 2026-01 }
metrics: { leads: count, sessions: count }
kpis:
  conversion: { target: leads / sessions >= 2% }
payments:
  - { id: per_lead, label: Leads, quantity: leads, price: 10 EUR }
limits: { min: 100 EUR }
tests:
${tests}`;
  const checked = checkContractFile(createSourceFile('t.yaml', text)).checked;
  if (checked === undefined) throw new Error('contract does not check');
  return runContractTests(checked);
}

describe('contract tests', () => {
  it('passes when expectations hold, including a limit adjustment line by its id', () => {
    const [o] = run(`  - name: low month
    period: 2026-03
    data: { leads: 5, sessions: 100 }
    expect: { kpis: { conversion: met }, lines: { per_lead: 50 EUR, limits.min: 50 EUR }, total: 100 EUR }
`);
    expect(o?.passed).toBe(true);
  });

  it('can expect a KPI to have no data (its E070 is the expected outcome)', () => {
    const [o] = run(`  - name: no sessions
    period: 2026-03
    data: { leads: 5, sessions: 0 }
    expect: { kpis: { conversion: no-data } }
`);
    expect(o?.diagnostics.map((d) => d.code)).toEqual([]);
    expect(o?.passed).toBe(true);
  });

  it('fails an expected amount when a KPI has no data (no invoice can be priced)', () => {
    const [o] = run(`  - name: no sessions
    period: 2026-03
    data: { leads: 5, sessions: 0 }
    expect: { kpis: { conversion: no-data }, total: 100 EUR }
`);
    expect(o?.passed).toBe(false);
    expect(o?.diagnostics.map((d) => d.code)).toEqual(['E080']);
  });

  it('fails with E070 when the no-data was not expected', () => {
    const [o] = run(`  - name: no sessions
    period: 2026-03
    data: { leads: 5, sessions: 0 }
    expect: { kpis: { conversion: met } }
`);
    expect(o?.passed).toBe(false);
    expect(o?.diagnostics.map((d) => d.code)).toEqual(['E070']);
  });

  it('reports wrong amounts with expected and actual (E080) and invalid expectations (E081)', () => {
    const [o] = run(`  - name: wrong
    period: 2026-03
    data: { leads: 20, sessions: 100 }
    expect: { kpis: { conversoin: met }, lines: { per_lead: 150 EUR }, total: 200 USD }
`);
    expect(o?.diagnostics.map((d) => d.code)).toEqual(['E081', 'E080', 'E081']);
  });
});

describe('score expectations', () => {
  function scoreTest(score: string, leads: number) {
    const text = `contract: s
version: 1
currency: EUR
effective: { from: 2026-01 }
metrics: { leads: count }
kpis:
  volume: { target: leads >= 200, weight: 100% }
tests:
  - { name: score, period: 2026-02, data: { leads: ${leads} }, expect: { score: ${score} } }
`;
    const checked = checkContractFile(createSourceFile('s.yaml', text)).checked;
    if (checked === undefined) throw new Error('contract does not check');
    return runContractTests(checked)[0]?.passed;
  }

  it('compares to the decimal places written, counted on the written form', () => {
    expect(scoreTest('100%', 169)).toBe(false); // 84.5% is not 100%
    expect(scoreTest('84.5%', 169)).toBe(true);
    expect(scoreTest('0.845', 169)).toBe(true);
    expect(scoreTest('85%', 169)).toBe(true); // an exact tie rounds half-up, as a person reads 84.5% ~ 85%
    expect(scoreTest('100%', 200)).toBe(true);
    expect(scoreTest('66.67%', 133)).toBe(false);
    expect(scoreTest('66.5%', 133)).toBe(true);
  });
});
