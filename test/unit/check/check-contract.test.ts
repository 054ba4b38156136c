import { describe, expect, it } from 'vitest';
import { check, expectDiagnostics } from '../../helpers/engine.js';

const HEAD = `contract: t
version: 1
currency: RUB
effective: { from: 2026-01 }
metrics:
  sessions: count
  direct_sessions: count
  bounce_rate: percent
  avg_time_on_site: duration
  leads: count
  ad_spend: money
`;

describe('checkContract: field rules and units', () => {
  it('accepts a well-formed contract and orders defines by dependency', () => {
    const r = check(`${HEAD}define:
  b: a * 2
  a: direct_sessions / sessions
kpis:
  k:
    target: b >= 60%
    weight: 100%
payments:
  - { id: p, label: P, amount: 100 RUB, when: k }
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.checked?.defines.map((d) => d.name)).toEqual(['a', 'b']);
    expect(r.checked?.steps?.map((s) => s.kind)).toEqual(['define', 'define', 'kpi', 'score']);
  });

  it('E041: a duration compared with a plain number, with a hint in minutes', () => {
    expectDiagnostics(`${HEAD}kpis:\n  k: { target: «avg_time_on_site >= 2» }\n`, [{ code: 'E041', hint: 'did you mean 2 min?' }]);
  });

  it('E041: 60 or more is suggested in seconds', () => {
    expectDiagnostics(`${HEAD}kpis:\n  k: { target: «avg_time_on_site > 90» }\n`, [{ code: 'E041', hint: '90 s' }]);
  });

  it('E041: money compared with a number suggests the contract currency', () => {
    expectDiagnostics(`${HEAD}kpis:\n  k: { target: «ad_spend <= 500» }\n`, [{ code: 'E041', hint: '500 RUB' }]);
  });

  it('E041: adding a duration to a count', () => {
    expectDiagnostics(`${HEAD}define:\n  x: «avg_time_on_site + leads»\n`, ['E041']);
  });

  it('E052: money in a foreign currency; E055: unknown currency code', () => {
    expectDiagnostics(`${HEAD}define:\n  x: ad_spend + «5 USD»\n  y: ad_spend + «5 XYZ»\n`, ['E052', 'E055']);
  });

  it('E040: a boolean where a number is needed and the reverse', () => {
    expectDiagnostics(`${HEAD}define:\n  x: abs(«leads > 1»)\n  y: «leads» and true\n`, ['E040', 'E040']);
  });

  it('E043: a target must be a condition', () => {
    expectDiagnostics(`${HEAD}kpis:\n  k: { target: «leads * 2» }\n`, ['E043']);
  });

  it('E044: amounts, prices, bounds and limits are money in the contract currency', () => {
    expectDiagnostics(
      `${HEAD}payments:\n  - { id: a, label: A, amount: «100» }\n  - { id: b, label: B, quantity: leads, price: «leads» }\n  - { id: c, label: C, amount: 1 RUB, min: «1 h» }\nlimits: { max: «5» }\n`,
      ['E044', 'E044', 'E044', 'E044'],
    );
  });

  it('E045: a quantity must be a plain number', () => {
    expectDiagnostics(`${HEAD}payments:\n  - { id: a, label: A, quantity: «ad_spend», price: 5 RUB }\n`, ['E045']);
  });

  it('E046: weights and caps are constants', () => {
    expectDiagnostics(`${HEAD}kpis:\n  k: { target: leads > 1, weight: «bounce_rate», cap: «leads / 100» }\n`, ['E046', 'E046']);
  });

  it('E050: weights must sum to exactly 100%, located at the first weight', () => {
    expectDiagnostics(`${HEAD}kpis:\n  a: { target: leads > 1, weight: «30%» }\n  b: { target: leads > 2, weight: 60% }\n`, ['E050']);
  });

  it('weights summing to 100% with fractions are exact (1/3 style percentages)', () => {
    const r = check(`${HEAD}kpis:\n  a: { target: leads > 1, weight: 33.3% }\n  b: { target: leads > 2, weight: 33.3% }\n  c: { target: leads > 3, weight: 33.4% }\n`);
    expect(r.diagnostics).toEqual([]);
  });

  it('E051: tiers ascend and only the last lacks up_to', () => {
    expectDiagnostics(
      `${HEAD}payments:
  - id: t
    label: T
    quantity: leads
    mode: graduated
    tiers:
      - { up_to: 50, price: 1 RUB }
      - { up_to: «40», price: 2 RUB }
      - { up_to: «90», price: 3 RUB }
`,
      ['E051', 'E051'],
    );
  });

  it('E053: a grace window ends after it starts', () => {
    expectDiagnostics(`${HEAD}kpis:\n  b: { target: leads > 1, from_period: 5, until_period: «3» }\n`, ['E053']);
  });

  it('E057: constant per-line and limits min above max', () => {
    expectDiagnostics(`${HEAD}payments:\n  - { id: a, label: A, amount: ad_spend, min: 10 RUB, max: «5 RUB» }\nlimits: { min: 100 RUB, max: «50 RUB» }\n`, ['E057', 'E057']);
  });

  it('E032: a payment id used twice', () => {
    expectDiagnostics(`${HEAD}payments:\n  - { id: a, label: A, amount: 1 RUB }\n  - { id: «a», label: B, amount: 2 RUB }\n`, ['E032']);
  });

  it('reports all independent errors in one run and no cascade from a failed define', () => {
    const errors = expectDiagnostics(
      `${HEAD}define:\n  x: «sesions» / 2\n  y: x * 3\nkpis:\n  k: { target: «avg_time_on_site >= 2» }\n  j: { target: y > 1 and «leads + true» > 0 }\n`,
      [{ code: 'E030', hint: '"sessions"' }, 'E041', 'E040'],
    );
    expect(errors).toHaveLength(3);
  });

  it('E031 through KPIs and score', () => {
    expectDiagnostics(`${HEAD}define:\n  s: «score» * 2\nkpis:\n  k: { target: s > 1, weight: 100% }\n`, ['E031']);
  });

  it('E036: previous() takes a metric name, attainment() a KPI id', () => {
    expectDiagnostics(`${HEAD}define:\n  a: previous(«leads * 2»)\n  b: attainment(«leads»)\n`, ['E036', 'E036']);
  });
});
