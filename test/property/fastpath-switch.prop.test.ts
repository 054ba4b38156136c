// Property: a whole contract evaluated with the fast path on JS numbers (the default) and with it
// switched off (compileProgram(checked, { fastPath: false }): exact rationals only) gives
// byte-identical evaluation JSON: on every shipped contract's own tests, and on random data.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckedContract } from '../../src/check/checked-contract.js';
import { compileProgram } from '../../src/compile/compile-program.js';
import { bindTestData } from '../../src/data/bind.js';
import type { PeriodSeries } from '../../src/data/metric-data.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { priceInvoice } from '../../src/invoice/price-invoice.js';
import { renderEvaluationJson } from '../../src/report/json.js';
import { check, series } from '../helpers/engine.js';
import { valueArb } from './unit-free-arb.js';
import './arbitraries.js';

function json(checked: CheckedContract, data: PeriodSeries, period: string, fastPath: boolean): string {
  const program = compileProgram(checked, { fastPath });
  const result = evaluatePeriod(program, data, period);
  const codes = result.diagnostics.map((d) => `${d.code}@${d.span.start}:${d.message}`).join('\n');
  if (result.value === undefined) return `no result\n${codes}`;
  const invoice = priceInvoice(result.value);
  if (invoice.value === undefined) return `no invoice\n${codes}\n${invoice.diagnostics.map((d) => d.message).join('\n')}`;
  return renderEvaluationJson({ result: result.value, invoice: invoice.value, inputs: { contractSha256: '', dataSha256: '' } });
}

const SHIPPED = readdirSync('contracts').filter((f) => f.endsWith('.yaml')).map((f) => `contracts/${f}`);

describe('the fast path switch', () => {
  it('changes nothing on the tests of every shipped contract', () => {
    let compared = 0;
    for (const file of SHIPPED) {
      const c = check(readFileSync(file, 'utf8'), file);
      if (c.checked === undefined) throw new Error(`${file}: ${c.diagnostics.map((d) => d.message).join('; ')}`);
      for (const test of c.checked.contract.tests) {
        const data = bindTestData(c.checked.contract, test).value;
        if (data === undefined) continue;
        compared++;
        expect(json(c.checked, data, test.period.value, false), `${file} ${test.name}`).toBe(json(c.checked, data, test.period.value, true));
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('changes nothing on random data for a shipped contract with rates and thresholds', () => {
    const file = 'contracts/brightway-traffic.yaml';
    const c = check(readFileSync(file, 'utf8'), file);
    const checked = c.checked;
    if (checked === undefined || c.contract === undefined) throw new Error(file);
    const contract = c.contract;
    const metrics = [...contract.metrics.values()];
    let invoiced = 0;
    const cell = (unit: string, v: string): string => (unit === 'money' ? `${v} ${contract.currency.value}` : unit === 'duration' ? `${v} s` : unit === 'count' ? String(Math.round(Number(v))) : unit === 'percent' ? `${v}%` : v);
    fc.assert(
      fc.property(fc.tuple(...metrics.map(() => valueArb)), (values) => {
        const record = Object.fromEntries(metrics.map((m, i) => [m.name, cell(m.unit.value, values[i] as string)]));
        const data = series(contract, { '2026-07': record });
        const exact = json(checked, data, '2026-07', false);
        if (exact.startsWith('{')) invoiced++;
        expect(exact).toBe(json(checked, data, '2026-07', true));
      }),
      { numRuns: 150 },
    );
    expect(invoiced).toBeGreaterThan(30);
  });
});
