import { describe, expect, it } from 'vitest';
import { evalExpr, exprContract, check } from '../../helpers/engine.js';
import { isNoData } from '../../../src/check/checked-contract.js';

const DATA = { sessions: '12000', direct_sessions: '7800', leads: '0', bounce_rate: '17.5%', avg_time_on_site: '135 s', ad_spend: '30000 RUB' };

function shown(expr: string, data: Record<string, string> = DATA): string | undefined {
  const r = evalExpr(expr, { data });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.shown;
}

describe('compiled evaluation', () => {
  it('is exact: 10% + 20% == 30% and 29 / 100 * 100 >= 29', () => {
    expect(shown('10% + 20% == 30%')).toBe('true');
    expect(shown('29 / 100 * 100 >= 29')).toBe('true');
    expect(shown('0.1 + 0.2 == 0.3')).toBe('true');
  });

  it('computes ratios, money per count and durations', () => {
    expect(shown('direct_sessions / sessions')).toBe('0.65');
    expect(shown('ad_spend / 60')).toBe('500 RUB');
    expect(shown('avg_time_on_site + 15 s')).toBe('2 min 30 s');
  });

  it('division by zero is no data naming the divisor, located at the division', () => {
    const expr = 'direct_sessions / leads';
    const r = evalExpr(expr, { data: DATA });
    expect(r.value !== undefined && isNoData(r.value) ? r.value.reason : '').toBe('division by zero: leads is 0');
    const { exprStart } = exprContract(expr);
    expect(r.value !== undefined && isNoData(r.value) ? [r.value.span.start - exprStart, r.value.span.end - exprStart] : []).toEqual([0, expr.length]);
  });

  it('a missing metric is no data naming metric and period; ?? replaces it', () => {
    const r = evalExpr('followers', { data: DATA });
    expect(r.value !== undefined && isNoData(r.value) ? r.value.reason : '').toBe('metric "followers" missing in 2026-10');
    expect(shown('followers ?? 7')).toBe('7');
    expect(shown('ad_spend / leads ?? 0 RUB')).toBe('0 RUB');
  });

  it('and/or short-circuit around no data', () => {
    expect(shown('false and followers > 1')).toBe('false');
    expect(shown('followers > 1 and false')).toBe('false');
    expect(shown('true or followers > 1')).toBe('true');
    expect(shown('followers > 1 or true')).toBe('true');
    expect(shown('true and followers > 1')).toMatch(/^no data/);
    expect(shown('false or followers > 1')).toMatch(/^no data/);
    expect(shown('not (followers > 1)')).toMatch(/^no data/);
  });

  it('between, in, if and unary minus', () => {
    expect(shown('sessions between 12000 and 13000')).toBe('true');
    expect(shown('sessions between 1 and 11999')).toBe('false');
    expect(shown('leads in [1, 2, 0]')).toBe('true');
    expect(shown('leads in [1, 2]')).toBe('false');
    expect(shown('if leads > 0 then 1 RUB else 2 RUB')).toBe('2 RUB');
    expect(shown('-ad_spend')).toBe('-30000 RUB');
    expect(shown('"a" == "a"')).toBe('true');
  });

  it('period.index and period.month', () => {
    expect(shown('period.index * 100 + period.month')).toBe('1010');
  });

  it('folds constants', () => {
    const r = check(exprContract('2 min + 30 s > 100 s').text);
    const compiled = r.checked?.defines[0]?.compiled;
    expect(compiled?.constant).toBe(true);
  });

  it('names are only the contract\'s own: prototype keys are unknown names', () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const r = evalExpr(`${name} + 1`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['E030']);
      expect(r.errorColumn).toBe(1);
    }
  });
});
