// src/api/compile-rule.ts: an expression compiled once and evaluated on plain records, exactly
// (JS numbers at their shortest decimal), with diagnostics located in the expression text.
import { describe, expect, it } from 'vitest';
import { compileExpression, type Rule } from '../../../src/api/compile-rule.js';
import type { MetricUnit } from '../../../src/contract/model.js';

function rule(text: string, metrics: Record<string, MetricUnit>): Rule {
  const compiled = compileExpression(text, { metrics });
  expect(compiled.diagnostics).toEqual([]);
  if (compiled.value === undefined) throw new Error(`${text} does not compile`);
  return compiled.value;
}

const R1 = rule('bounce_rate <= 20% and avg_time_on_site >= 2 min', { bounce_rate: 'percent', avg_time_on_site: 'duration' });

describe('compileExpression', () => {
  it('evaluates the SPEC 13 example to true, exactly', () => {
    expect(R1.type).toBe('boolean');
    expect(R1.evaluate({ bounce_rate: 0.175, avg_time_on_site: 135 })).toBe(true);
  });

  it('decides boundaries on the decimal a number stands for', () => {
    expect(R1.evaluate({ bounce_rate: 0.2, avg_time_on_site: 120 })).toBe(true);
    expect(R1.evaluate({ bounce_rate: 0.2000000000000001, avg_time_on_site: 120 })).toBe(false);
    expect(R1.evaluate({ bounce_rate: 0.12345678901234568, avg_time_on_site: 119.99999999999999 })).toBe(false);
    expect(R1.evaluate({ bounce_rate: 0.19999999999999998, avg_time_on_site: 120.00000000000001 })).toBe(true);
  });

  it('compares a metric with a constant on doubles, and a tie on its short decimal', () => {
    // The decimal each double stands for, against 20%: below, equal, above, below (17 digits), missing.
    const cases = [[0.19999999999999998, -1], [0.2, 0], [0.2000000000000001, 1], [0.12345678901234568, -1]] as const;
    const ops = { '<': (c: number) => c < 0, '<=': (c: number) => c <= 0, '>': (c: number) => c > 0, '>=': (c: number) => c >= 0, '==': (c: number) => c === 0, '!=': (c: number) => c !== 0 };
    for (const [op, holds] of Object.entries(ops)) {
      const r = rule(`rate ${op} 20%`, { rate: 'percent' });
      for (const [x, sign] of cases) expect(r.evaluate({ rate: x })).toBe(holds(sign));
      expect(r.evaluate({})).toBe(null);
      expect(r.evaluate({ rate: 1 })).toBe(holds(1));
    }
  });

  it('reads decimal and quantity strings exactly', () => {
    expect(R1.evaluate({ bounce_rate: '20%', avg_time_on_site: '2 min' })).toBe(true);
    expect(R1.evaluate({ bounce_rate: '20.0001%', avg_time_on_site: '2 min 15 s' })).toBe(false);
    expect(R1.evaluate({ bounce_rate: '0.175', avg_time_on_site: '135' })).toBe(true);
  });

  it('gives numbers when the number is exact, else decimal strings', () => {
    const sum = rule('a + b', { a: 'number', b: 'number' });
    expect(sum.type).toBe('number');
    expect(sum.evaluate({ a: 0.1, b: 0.2 })).toBe(0.3);
    expect(sum.evaluate({ a: 0.12345678901234568, b: 0.1 })).toBe('0.22345678901234568');
    expect(sum.evaluate({ a: 9007199254740991, b: 2 })).toBe('9007199254740993');
    expect(rule('a / 3', { a: 'number' }).evaluate({ a: 1 })).toBe('0.333333333333');
    const pay = rule('if bounce_rate < 20% then min(leads * 500 RUB, 150000 RUB) else 0 RUB', { bounce_rate: 'percent', leads: 'count' });
    expect(pay.type).toBe('money');
    expect(pay.evaluate({ bounce_rate: 0.175, leads: 92 })).toBe(46000);
    expect(pay.evaluate({ bounce_rate: 0.175, leads: 400 })).toBe(150000);
    expect(pay.evaluate({ bounce_rate: 0.2, leads: 92 })).toBe(0);
  });

  it('reads the period before from the second argument', () => {
    const growth = rule('growth(followers) >= 10%', { followers: 'count' });
    expect(growth.evaluate({ followers: 5400 }, { followers: 4800 })).toBe(true);
    expect(growth.evaluate({ followers: 5200 }, { followers: 4800 })).toBe(false);
    expect(growth.evaluate({ followers: 5400 })).toBeNull();
    expect(growth.check({ followers: 5400 }).reason).toContain('previous(followers)');
  });

  it('gives null with the reason when there is no value', () => {
    const share = rule('direct_sessions / sessions >= 60%', { direct_sessions: 'count', sessions: 'count' });
    expect(share.evaluate({ direct_sessions: 0, sessions: 0 })).toBeNull();
    expect(share.check({ direct_sessions: 0, sessions: 0 }).reason).toBe('division by zero: sessions is 0');
    expect(share.check({ sessions: 10 }).reason).toContain('metric "direct_sessions" missing');
  });

  it('refuses bad values with the data diagnostics (null from evaluate)', () => {
    const leads = rule('leads * 500 RUB', { leads: 'count' });
    expect(leads.evaluate({ leads: 92.5 })).toBeNull();
    expect(leads.check({ leads: 92.5 }).diagnostics.map((d) => d.code)).toEqual(['E062']);
    expect(leads.check({ leads: -1 }).diagnostics.map((d) => d.code)).toEqual(['E064']);
    expect(leads.check({ leads: Number.POSITIVE_INFINITY }).diagnostics.map((d) => d.code)).toEqual(['E065']);
    expect(leads.check({ leads: 'many' }).diagnostics.map((d) => d.code)).toEqual(['E065']);
    expect(R1.check({ bounce_rate: 17.5, avg_time_on_site: 135 }).diagnostics.map((d) => d.code)).toEqual(['E060']);
  });

  it('locates errors in the expression text, across lines', () => {
    const text = 'bounce_rate <= 20% and\n  avg_tme >= 2 min';
    const compiled = compileExpression(text, { metrics: { bounce_rate: 'percent', avg_time_on_site: 'duration' }, path: 'rule' });
    expect(compiled.value).toBeUndefined();
    const [d] = compiled.diagnostics;
    expect(d?.code).toBe('E030');
    expect(d?.span.file).toBe('rule');
    expect(text.slice(d?.span.start, d?.span.end)).toBe('avg_tme');
  });

  it('reports a type error and an unknown unit', () => {
    expect(compileExpression('leads + 2 min', { metrics: { leads: 'count' } }).value).toBeUndefined();
    const unit = compileExpression('x > 1', { metrics: { x: 'apples' as MetricUnit } });
    expect(unit.value).toBeUndefined();
    expect(unit.diagnostics.length).toBeGreaterThan(0);
  });
});
