import { describe, expect, it } from 'vitest';
import { check, markers, series } from '../../helpers/engine.js';
import type { DataRecord } from '../../helpers/engine.js';
import { evaluatePeriod } from '../../../src/evaluate/evaluate-period.js';
import { explainPeriod } from '../../../src/evaluate/trace.js';
import { toDecimalString } from '../../../src/numbers/rational.js';
import { kpiExplanationText } from '../../../src/report/explain-sentence.js';
import type { KpiResult } from '../../../src/evaluate/results.js';

function sentence(k: KpiResult | undefined): string | undefined {
  return k === undefined ? undefined : kpiExplanationText(k.explanation);
}

const HEAD = `contract: t
version: 1
currency: RUB
effective: { from: 2026-01, until: 2026-12 }
metrics:
  sessions: count
  direct_sessions: count
  bounce_rate: percent
  avg_time_on_site: duration
  leads: count
  followers: count
`;

function run(text: string, data: Record<string, DataRecord>, period = '2026-10') {
  const c = check(text);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (c.program === undefined || c.contract === undefined) throw new Error('not checked');
  return evaluatePeriod(c.program, series(c.contract, data), period);
}

const GOOD: DataRecord = { sessions: '12000', direct_sessions: '7800', bounce_rate: '17.5%', avg_time_on_site: '135 s', leads: '92', followers: '5400' };

describe('evaluatePeriod', () => {
  it('explains both sides of every comparison in their units', () => {
    const r = run(`${HEAD}kpis:\n  q: { target: bounce_rate <= 20% and avg_time_on_site >= 2 min }\n`, { '2026-10': GOOD });
    expect(sentence(r.value?.kpis[0])).toBe('bounce_rate 17.5% <= 20% (met) and avg_time_on_site 2 min 15 s >= 2 min (met)');
    expect(r.value?.kpis[0]?.status).toBe('met');
    // The result holds the facts, not the sentence: exact values, display types, source text.
    const e = r.value?.kpis[0]?.explanation;
    if (e?.kind !== 'target' || e.target.kind !== 'logical') throw new Error('expected a logical target');
    const first = e.target.operands[0];
    if (first?.kind !== 'comparison') throw new Error('expected a comparison');
    expect(first.left).toMatchObject({ text: 'bounce_rate', type: { kind: 'scalar', flavor: 'percent' } });
    expect(String(first.left.value)).toBe('0.175');
    expect(first.right.text).toBeUndefined();
    expect(first.outcome).toBe('met');
  });

  it('E066 outside the effective dates, E073 without data or for a malformed period', () => {
    const text = `${HEAD}kpis:\n  q: { target: leads > 1 }\n`;
    expect(run(text, { '2026-10': GOOD }, '2025-12').diagnostics.map((d) => d.code)).toEqual(['E066']);
    expect(run(text, { '2026-10': GOOD }, '2027-01').diagnostics.map((d) => d.code)).toEqual(['E066']);
    expect(run(text, { '2026-10': GOOD }, '2026-11').diagnostics.map((d) => d.code)).toEqual(['E073']);
    expect(run(text, { '2026-10': GOOD }, '2026-13').diagnostics.map((d) => d.code)).toEqual(['E073']);
  });

  it('E070 at the target with a label at the no-data cause', () => {
    const { text, spans } = markers(`${HEAD}kpis:\n  q: { target: «direct_sessions / «leads» >= 10» }\n`);
    const r = run(text, { '2026-10': { ...GOOD, leads: '0' } });
    const d = r.diagnostics[0];
    expect(d?.code).toBe('E070');
    expect([d?.span.start, d?.span.end]).toEqual([spans[1]?.start, spans[1]?.end]);
    expect(d?.message).toContain('division by zero: leads is 0');
    expect(d?.labels?.[0]?.message).toBe('division by zero: leads is 0');
    expect(r.value?.kpis[0]?.status).toBe('no-data');
  });

  it('on_no_data: missed and excluded keep the cause', () => {
    const text = `${HEAD}kpis:\n  a: { target: followers > 1, on_no_data: missed, weight: 50% }\n  b: { target: followers > 1, on_no_data: excluded, weight: 50% }\n`;
    const r = run(text, { '2026-10': { leads: '1' } });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.kpis.map((k) => k.status)).toEqual(['missed', 'excluded']);
    expect(r.value?.kpis[0]?.noData?.reason).toBe('metric "followers" missing in 2026-10');
    expect(r.value?.score?.toString()).toBe('0');
  });

  it('attainment: higher-is-better x/t, lower-is-better t/x, cap, explicit, met-or-missed', () => {
    const text = `${HEAD}kpis:
  up: { target: leads >= 80, weight: 25% }
  down: { target: bounce_rate <= 20%, weight: 25%, cap: 110% }
  flip: { target: 100 <= leads, weight: 25% }
  both: { target: leads > 1 and sessions > 1, weight: 15% }
  own: { target: leads > 1, attainment: 50%, weight: 10% }
`;
    const r = run(text, { '2026-10': { ...GOOD, bounce_rate: '16%' } });
    const att = r.value?.kpis.map((k) => [k.status, k.attainment && toDecimalString(k.attainment), k.cappedAttainment && toDecimalString(k.cappedAttainment)]);
    expect(att).toEqual([
      ['met', '1.15', '1'],
      ['met', '1.25', '1.1'],
      ['missed', '0.92', '0.92'],
      ['met', '1', '1'],
      ['met', '0.5', '0.5'],
    ]);
    // 0.25*1 + 0.25*1.1 + 0.25*0.92 + 0.15*1 + 0.1*0.5
    expect(r.value?.score && toDecimalString(r.value.score)).toBe('0.955');
  });

  it('a zero denominator gives the cap when the KPI is met', () => {
    const r = run(`${HEAD}kpis:\n  a: { target: bounce_rate <= 20%, cap: 120% }\n`, { '2026-10': { bounce_rate: '0%' } });
    expect(r.value?.kpis[0]?.attainment?.toString()).toBe('1.2');
  });

  it('a zero denominator gives 0 when the KPI is missed (SPEC 3), so a score-priced payment pays nothing', () => {
    const text = `${HEAD}define:\n  change: leads - 100\nkpis:\n  a: { target: change >= 0, weight: 100% }\n  b: { target: bounce_rate <= -1%, cap: 120% }\n`;
    const r = run(text, { '2026-10': { leads: '90', bounce_rate: '0%' } });
    expect(r.value?.kpis.map((k) => [k.status, k.attainment?.toString()])).toEqual([
      ['missed', '0'],
      ['missed', '0'],
    ]);
    expect(r.value?.score?.toString()).toBe('0');
  });

  it('excluded KPIs are redistributed in the score and count as met in conditions', () => {
    const text = `${HEAD}kpis:
  a: { target: leads >= 100, weight: 30%, from_period: 11 }
  b: { target: leads >= 100, weight: 70% }
  c: { target: a and attainment(a) == 100% }
`;
    const r = run(text, { '2026-10': { leads: '50' } });
    expect(r.value?.kpis.map((k) => k.status)).toEqual(['excluded', 'missed', 'met']);
    expect(r.value?.score?.toString()).toBe('0.5');
  });

  it('score is usable in KPIs and previous()/growth() read the period before', () => {
    const text = `${HEAD}define:\n  g: growth(followers)\n  p: previous(followers)\nkpis:\n  a: { target: g >= 10%, weight: 100% }\n  s: { target: score >= 100% }\n`;
    const r = run(text, { '2026-09': { followers: '4800' }, '2026-10': { followers: '5400' } });
    expect(r.value?.defines.map((d) => [d.name, String(d.value)])).toEqual([['g', '0.125'], ['p', '4800']]);
    expect(r.value?.kpis.map((k) => k.status)).toEqual(['met', 'met']);
    const trace = explainPeriod(r.value as NonNullable<typeof r.value>);
    expect(trace.steps.map((s) => s.kind)).toEqual(['define', 'define', 'kpi', 'score', 'kpi']);
  });

  it('previous() without the earlier period is no data', () => {
    const text = `${HEAD}define:\n  p: previous(followers) ?? -1\n`;
    const r = run(text, { '2026-10': { followers: '5400' } });
    expect(String(r.value?.defines[0]?.value)).toBe('-1');
  });

  it('is deterministic', () => {
    const text = `${HEAD}kpis:\n  q: { target: direct_sessions / sessions >= 60%, weight: 100% }\n`;
    const a = run(text, { '2026-10': GOOD });
    const b = run(text, { '2026-10': GOOD });
    expect(explainPeriod(a.value as NonNullable<typeof a.value>)).toEqual(explainPeriod(b.value as NonNullable<typeof b.value>));
    expect(sentence(a.value?.kpis[0])).toBe('direct_sessions / sessions 65% >= 60% (met)');
  });

  it('growth(define): a define input missing in the period before is E070 naming the define and the metric', () => {
    const text = `${HEAD}define:\n  per_session: leads / sessions\nkpis:\n  up: { target: growth(per_session) >= 0% }\n`;
    const r = run(text, { '2026-09': { leads: '80' }, '2026-10': GOOD });
    const d = r.diagnostics[0];
    expect(d?.code).toBe('E070');
    expect(d?.message).toBe('KPI "up" has no value: previous(per_session) in 2026-09: metric "sessions" missing in 2026-09');
    expect(r.value?.kpis[0]?.status).toBe('no-data');
  });

  it('growth(define) with on_no_data: missed is missed, not an error', () => {
    const text = `${HEAD}define:\n  per_session: leads / sessions\nkpis:\n  up: { target: growth(per_session) >= 0%, on_no_data: missed }\n`;
    const r = run(text, { '2026-10': GOOD });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.kpis[0]?.status).toBe('missed');
  });
});
