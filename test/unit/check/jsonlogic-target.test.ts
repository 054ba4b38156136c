import { describe, expect, it } from 'vitest';
import { kpiExplanationText } from '../../../src/report/explain-sentence.js';
import { evaluatePeriod } from '../../../src/evaluate/evaluate-period.js';
import type { KpiResult } from '../../../src/evaluate/results.js';
import { check, expectDiagnostics, series } from '../../helpers/engine.js';

const HEAD = [
  'contract: t',
  'version: 1',
  'currency: RUB',
  'effective: { from: 2026-01 }',
  'metrics: { leads: count, bounce_rate: percent, time: duration, spend: money }',
  'kpis:',
].join('\n');

function kpis(body: string, data: Record<string, string>): KpiResult[] {
  const c = check(`${HEAD}\n${body}\n`);
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const r = evaluatePeriod(c.program, series(c.contract, { '2026-03': data }), '2026-03');
  return [...(r.value?.kpis ?? [])];
}

describe('KPI targets given as JSON Logic', () => {
  it('are evaluated through json-logic-js on base units: met or missed, attainment 100% / 0%', () => {
    const body = '  k:\n    target: { jsonlogic: { and: [ { "<=": [ { var: bounce_rate }, 0.2 ] }, { ">=": [ { var: time }, 120 ] } ] } }\n    weight: 100%';
    const met = kpis(body, { leads: '1', bounce_rate: '17.5%', time: '2 min 15 s', spend: '1 RUB' })[0];
    expect(met?.status).toBe('met');
    expect(met?.attainment?.valueOf()).toBe(1);
    expect(met === undefined ? '' : kpiExplanationText(met.explanation)).toContain('JSON Logic');
    const missed = kpis(body, { leads: '1', bounce_rate: '25%', time: '2 min 15 s', spend: '1 RUB' })[0];
    expect(missed?.status).toBe('missed');
    expect(missed?.attainment?.valueOf()).toBe(0);
  });

  it('block style, other KPIs and payments can use them', () => {
    const body = '  k:\n    target:\n      jsonlogic:\n        ">":\n          - var: leads\n          - 10\n  j: { target: k and leads < 100 }';
    expect(kpis(body, { leads: '50', bounce_rate: '0', time: '0 s', spend: '0 RUB' }).map((k) => k.status)).toEqual(['met', 'met']);
  });

  it('a metric missing in the period is no-data (then on_no_data applies), never met', () => {
    const body = '  k: { target: { jsonlogic: { "<": [ { var: leads }, 10 ] } }, on_no_data: missed }';
    const [k] = kpis(body, { bounce_rate: '0', time: '0 s', spend: '0 RUB' });
    expect(k?.status).toBe('missed');
    expect(k?.noData?.reason).toContain('leads');
  });

  it('E030 for a var that is not a declared metric, with did-you-mean, at the name', () => {
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { ">": [ { var: «leeds» }, 1 ] } } }\n`, [{ code: 'E030', hint: 'leads' }]);
  });

  it('E033 for an unknown operator, at the key, with did-you-mean', () => {
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { «"=>"»: [ { var: leads }, 1 ] } } }\n`, [{ code: 'E033', hint: 'did you mean' }]);
  });

  it('E043 when the rule is not a condition; E034 for argument counts; E013 for two-key objects', () => {
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: «{ "+": [ { var: leads }, 1 ] }» } }\n`, ['E043']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: «{ var: leads }» } }\n`, ['E043']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { «">"»: [ 1 ] } } }\n`, ['E034']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: «{ ">": [1, 2], "<": [1, 2] }» } }\n`, ['E013']);
  });

  it('cannot reach host objects: prototype names, dotted paths, computed names, log', () => {
    for (const name of ['__proto__', 'constructor', 'leads.constructor', 'toString', 'hasOwnProperty']) {
      expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { "==": [ { var: «"${name}"» }, 1 ] } } }\n`, ['E030']);
    }
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { «constructor»: [ 1 ] } } }\n`, ['E033']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { «__proto__»: [ 1 ] } } }\n`, ['E033']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { "==": [ { var: «{ cat: [ lea, ds ] }» }, 1 ] } } }\n`, ['E036']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { «log»: [ true ] } } }\n`, ['E036']);
    expectDiagnostics(`${HEAD}\n  k: { target: { jsonlogic: { some: [ [1, 2], { "==": [ { var: «constructor» }, 1 ] } ] } } }\n`, ['E030']);
  });

  it('metrics named like prototype properties are ordinary data', () => {
    const text = 'contract: t\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { constructor: count, __proto__: count }\nkpis:\n  k: { target: { jsonlogic: { "<": [ { var: constructor }, { var: __proto__ } ] } } }\n';
    const c = check(text);
    if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => d.message).join());
    const r = evaluatePeriod(c.program, series(c.contract, { '2026-03': Object.fromEntries([['constructor', '1'], ['__proto__', '2']]) }), '2026-03');
    expect(r.value?.kpis[0]?.status).toBe('met');
  });

  it('array operators see their elements: map/reduce/some with "", current, accumulator', () => {
    const body = '  k: { target: { jsonlogic: { and: [ { some: [ [1, 2, 3], { "==": [ { var: "" }, 2 ] } ] }, { "==": [ { reduce: [ [1, 2], { "+": [ { var: current }, { var: accumulator } ] }, { var: leads } ] }, 13 ] } ] } } }';
    expect(kpis(body, { leads: '10', bounce_rate: '0', time: '0 s', spend: '0 RUB' })[0]?.status).toBe('met');
  });

  it('the schema still reports a target mapping without jsonlogic as a wrong type', () => {
    expectDiagnostics(`${HEAD}\n  k: { target: «{ jsonlogik: true }» }\n`, ['E012']);
  });
});
