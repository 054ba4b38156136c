import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { BUILTINS } from '../../../src/language/builtins.js';
import { compileToJsonLogic } from '../../../src/jsonlogic/export.js';
import type { JsonLogicProgram } from '../../../src/jsonlogic/export.js';
import { check } from '../../helpers/engine.js';

const HEAD = [
  'contract: t',
  'version: 3',
  'currency: RUB',
  'effective: { from: 2026-01 }',
  'metrics: { leads: count, sessions: count, bounce: percent, time: duration, spend: money }',
].join('\n');

function compile(body: string): JsonLogicProgram {
  const c = check(`${HEAD}\n${body}\n`);
  if (c.checked === undefined) throw new Error(c.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const r = compileToJsonLogic(c.checked);
  if (r.value === undefined) throw new Error(r.diagnostics.map((d) => d.code).join());
  return r.value;
}

/** Apply a define's rule to data (null prototype, like a careful host). */
function run(body: string, name: string, data: Record<string, unknown>): unknown {
  const rule = compile(body).defines[name];
  return jsonLogic.apply(rule as RulesLogic, Object.assign(Object.create(null) as object, data));
}

describe('compileToJsonLogic', () => {
  it('resolves units to base numbers: 20% -> 0.2, 2 min -> 120, money in currency units', () => {
    const p = compile('define:\n  a: bounce <= 20% and time >= 2 min and spend > 12.50 RUB');
    expect(JSON.stringify(p.defines['a'])).toContain('0.2');
    expect(JSON.stringify(p.defines['a'])).toContain('120');
    expect(JSON.stringify(p.defines['a'])).toContain('12.5');
    expect(run('define:\n  a: bounce <= 20% and time >= 2 min', 'a', { bounce: 0.175, time: 135 })).toBe(true);
  });

  it('a simple comparison is guarded only by the presence of its var', () => {
    expect(compile('kpis:\n  k: { target: leads >= 120 }').kpis['k']).toEqual({
      if: [{ '!=': [{ var: 'leads' }, null] }, { '>=': [{ var: 'leads' }, 120] }, null],
    });
  });

  it('division by zero and missing vars give null; ?? takes the right side there', () => {
    const body = 'define:\n  share: leads / sessions\n  safe: leads / sessions ?? 0';
    expect(run(body, 'share', { leads: 1, sessions: 4 })).toBe(0.25);
    expect(run(body, 'share', { leads: 1, sessions: 0 })).toBeNull();
    expect(run(body, 'share', { leads: 1 })).toBeNull();
    expect(run(body, 'safe', { leads: 1, sessions: 0 })).toBe(0);
    expect(run(body, 'safe', { leads: 1, sessions: 2 })).toBe(0.5);
  });

  it('three-valued and/or like attain: false and <no value> is false, true or <no value> is true', () => {
    const body = 'define:\n  a: leads > 1 and leads / sessions > 1\n  o: leads > 1 or leads / sessions > 1';
    expect(run(body, 'a', { leads: 0, sessions: 0 })).toBe(false);
    expect(run(body, 'a', { leads: 2, sessions: 0 })).toBeNull();
    expect(run(body, 'o', { leads: 2, sessions: 0 })).toBe(true);
    expect(run(body, 'o', { leads: 0, sessions: 0 })).toBeNull();
  });

  it('between, in, if, not, min/max/clamp/abs and the catalogue functions', () => {
    const body = [
      'define:',
      '  b: leads between 3 and 4',
      '  i: leads in [1, 2, 3]',
      '  f: if leads > 2 then 10 else 20',
      '  n: not (leads > 2)',
      '  m: clamp(leads, 2, 5) + abs(0 - leads) + min(leads, 1) + max(leads, 9)',
      '  c: cpm(spend, leads)',
      '  r: round(leads / 3, 2) + floor(leads / 3) + ceil(leads / 3)',
    ].join('\n');
    expect(run(body, 'b', { leads: 4 })).toBe(true);
    expect(run(body, 'i', { leads: 4 })).toBe(false);
    expect(run(body, 'f', { leads: 3 })).toBe(10);
    expect(run(body, 'n', { leads: 3 })).toBe(false);
    expect(run(body, 'm', { leads: 7 })).toBe(5 + 7 + 1 + 9);
    expect(run(body, 'c', { leads: 4, spend: 2 })).toBe(500);
    expect(run(body, 'r', { leads: 4 })).toBe(1.33 + 1 + 2);
    expect(run(body, 'r', { leads: 0 })).toBe(0);
  });

  it('defines are inlined; previous, KPIs, attainment, score and period are vars of the mapping', () => {
    const p = compile(
      [
        'define:',
        '  g: growth(leads)',
        'kpis:',
        '  k: { target: g >= 10% and previous(leads) > 0, weight: 100% }',
        '  j: { target: k and attainment(k) > 50% and score > 0 and period.index > 1 and period.month < 13 }',
      ].join('\n'),
    );
    expect(Object.keys(p.data_mapping.vars)).toEqual(['attainment.k', 'kpi.k', 'leads', 'period.index', 'period.month', 'previous.leads', 'score']);
    expect(JSON.stringify(p.kpis['k'])).not.toContain('define');
    const data = { leads: 110, previous: { leads: 100 }, kpi: { k: true }, attainment: { k: 1 }, score: 1, period: { index: 2, month: 2 } };
    expect(jsonLogic.apply(p.kpis['k'] as RulesLogic, data)).toBe(true);
    expect(jsonLogic.apply(p.kpis['j'] as RulesLogic, data)).toBe(true);
    expect(jsonLogic.apply(p.kpis['j'] as RulesLogic, { ...data, kpi: {} })).toBeNull();
  });

  it('previous() and growth() of a define read its metrics from previous.<metric>', () => {
    const p = compile('define:\n  cpl: spend / leads\nkpis:\n  k: { target: growth(cpl) < 0% and previous(cpl) > 1 RUB }');
    expect(Object.keys(p.data_mapping.vars)).toEqual(['leads', 'previous.leads', 'previous.spend', 'spend']);
    const rule = p.kpis['k'] as RulesLogic;
    expect(jsonLogic.apply(rule, { spend: 400, leads: 100, previous: { spend: 500, leads: 100 } })).toBe(true);
    expect(jsonLogic.apply(rule, { spend: 600, leads: 100, previous: { spend: 500, leads: 100 } })).toBe(false);
    expect(jsonLogic.apply(rule, { spend: 600, leads: 100, previous: { spend: 500, leads: 0 } })).toBeNull();
  });

  it('status(kpi) reads status.<id>', () => {
    const p = compile('kpis:\n  k: { target: leads > 1 }\npayments:\n  - { id: b, label: B, amount: 1 RUB, when: status(k) == "met" }');
    expect(Object.keys(p.data_mapping.vars)).toEqual(['leads', 'status.k']);
    expect(jsonLogic.apply(p.payments['b'] as RulesLogic, { status: { k: 'met' } })).toBe(true);
    expect(jsonLogic.apply(p.payments['b'] as RulesLogic, { status: { k: 'excluded' } })).toBe(false);
  });

  it('period.year and period.days are vars of the mapping', () => {
    const p = compile('kpis:\n  k: { target: leads / period.days >= 10 and period.year >= 2026 }');
    expect(Object.keys(p.data_mapping.vars)).toEqual(['leads', 'period.days', 'period.year']);
    expect(p.data_mapping.vars['period.days']).toContain('28-31');
    expect(jsonLogic.apply(p.kpis['k'] as RulesLogic, { leads: 290, period: { days: 29, year: 2028 } })).toBe(true);
    expect(jsonLogic.apply(p.kpis['k'] as RulesLogic, { leads: 290, period: { days: 31, year: 2028 } })).toBe(false);
  });

  it('payments: a when rule each, true when there is none', () => {
    const p = compile('kpis:\n  k: { target: leads > 1 }\npayments:\n  - { id: a, label: A, amount: 1 RUB }\n  - { id: b, label: B, amount: 1 RUB, when: not k }');
    expect(p.payments['a']).toBe(true);
    expect(jsonLogic.apply(p.payments['b'] as RulesLogic, { kpi: { k: false } })).toBe(true);
  });

  it('a KPI whose target is already JSON Logic is passed through, its vars listed', () => {
    const p = compile('kpis:\n  k: { target: { jsonlogic: { ">": [ { var: leads }, 10 ] } } }');
    expect(JSON.parse(JSON.stringify(p.kpis['k']))).toEqual({ '>': [{ var: 'leads' }, 10] });
    expect(Object.keys(p.data_mapping.vars)).toEqual(['leads']);
  });

  it('is deterministic and keeps user keys such as __proto__ as plain keys', () => {
    const body = 'define:\n  __proto__: leads + 1\n  constructor: leads * 2';
    const a = JSON.stringify(compile(body));
    expect(a).toBe(JSON.stringify(compile(body)));
    expect(Object.keys(compile(body).defines)).toEqual(['__proto__', 'constructor']);
  });

  it('E035 when a metric is named like a namespace the rules read', () => {
    const c = check('contract: t\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { kpi: count, x: count }\nkpis:\n  k: { target: x > 1 }\n  j: { target: k and kpi > 1 }\n');
    const r = c.checked === undefined ? undefined : compileToJsonLogic(c.checked);
    expect(r?.diagnostics.map((d) => d.code)).toEqual(['E035']);
  });

  it('has a lowering for every built-in function', () => {
    const args: Record<string, string> = { previous: 'leads', growth: 'leads', attainment: 'k', status: 'k' };
    for (const [name, b] of BUILTINS) {
      const list = args[name] ?? Array.from({ length: b.minArgs }, (_, i) => (name.startsWith('cp') && i === 0 ? 'spend' : 'leads')).join(', ');
      expect(() => compile(`kpis:\n  k: { target: leads > 1 }\ndefine:\n  x: ${name}(${list})`), name).not.toThrow();
    }
  });
});

describe('attain compile', () => {
  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), color: false });
    return { code, out, err };
  }

  it('prints the program as JSON', async () => {
    const r = await cli(['compile', 'contracts/acme-smm.yaml', '--to', 'jsonlogic']);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as JsonLogicProgram;
    expect(Object.keys(p)).toEqual(['contract', 'version', 'data_mapping', 'defines', 'kpis', 'payments']);
    expect(Object.keys(p.kpis)).toEqual(['quality_traffic', 'direct_traffic', 'growth']);
    expect((await cli(['compile', 'contracts/acme-smm.yaml', '--to', 'jsonlogic'])).out).toBe(r.out);
  });

  it('--to other than jsonlogic is a usage error (exit 2); a bad contract exits 1', async () => {
    expect((await cli(['compile', 'contracts/acme-smm.yaml', '--to', 'sql'])).code).toBe(2);
    expect((await cli(['compile', 'contracts/acme-smm.yaml'])).code).toBe(2);
    expect((await cli(['compile', 'no-such-file.yaml', '--to', 'jsonlogic'])).code).toBe(2);
    const path = join(mkdtempSync(join(tmpdir(), 'attain-compile-')), 'bad.yaml');
    writeFileSync(path, `${HEAD}\nkpis:\n  k: { target: leeds > 1 }\n`);
    const bad = await cli(['compile', path, '--to', 'jsonlogic']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('E030');
    expect(bad.out).toBe('');
  });
});
