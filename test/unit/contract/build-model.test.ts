import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/contract/build-model.js';
import { loadYaml } from '../../../src/contract/load-yaml.js';
import type { Contract } from '../../../src/contract/model.js';
import { validateShape } from '../../../src/contract/schema.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { originOffset } from '../../../src/diagnostics/source.js';
import type { SourceFile } from '../../../src/diagnostics/source.js';
import { codesAt, fixture, source } from './helpers.js';

function build(file: SourceFile): { contract: Contract; diagnostics: readonly Diagnostic[] } {
  const y = loadYaml(file);
  expect(y.diagnostics).toEqual([]);
  expect(validateShape(y.value!.doc, file)).toEqual([]);
  const r = buildModel(y.value!.doc, file);
  return { contract: r.value!, diagnostics: r.diagnostics };
}

const HEAD = 'contract: c\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';

describe('buildModel', () => {
  const file = fixture('acme-smm.yaml');
  const { contract: c, diagnostics } = build(file);
  const at = (offset: number): string => file.text.slice(offset, offset + 12);

  it('builds the example contract without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(c.id.value).toBe('acme-smm');
    expect(c.version.value).toBe(2);
    expect(c.currency.value).toBe('RUB');
    expect(c.period.value).toBe('month');
    expect(c.rounding.value).toBe('half-even');
    expect(c.effective.from.value).toBe('2026-01');
    expect(c.effective.until?.value).toBe('2026-12');
    expect(c.parties).toEqual({ agency: { name: 'North Star Agency' }, client: { name: 'ACME LLC' } });
  });

  it('keeps declaration order in Maps and spans on names', () => {
    expect([...c.metrics.keys()]).toEqual(['sessions', 'bounce_rate', 'avg_time_on_site', 'direct_sessions', 'leads', 'followers', 'ad_spend', 'reach']);
    expect(c.metrics.get('reach')?.description).toBe('Unique users who saw at least one post');
    expect(c.metrics.get('reach')?.unit.value).toBe('count');
    expect([...c.kpis.keys()]).toEqual(['quality_traffic', 'direct_traffic', 'growth']);
    const m = c.metrics.get('bounce_rate')!;
    expect(at(m.nameSpan.start)).toMatch(/^bounce_rate/);
  });

  it('expressions carry their text and file origin', () => {
    const q = c.kpis.get('quality_traffic')!;
    expect(q.target.text).toBe('bounce_rate <= 20% and avg_time_on_site >= 2 min');
    expect(file.text.slice(originOffset(q.target.origin, 0), originOffset(q.target.origin, 0) + 11)).toBe('bounce_rate');
    expect(q.weight?.text).toBe('30%');
    expect(q.onNoData).toBe('error');
    expect(c.kpis.get('growth')?.onNoData).toBe('missed');
    expect(c.kpis.get('direct_traffic')?.fromPeriod?.value).toBe(3);
    expect(c.defines.get('follower_growth')?.expr.text).toBe('growth(followers)');
  });

  it('builds every pricing form', () => {
    expect(c.payments.map((p) => [p.id, p.pricing.form])).toEqual([
      ['retainer', 'amount'], ['leads', 'price'], ['direct_bonus', 'amount'], ['reach_packages', 'package'], ['tiered_leads', 'tiers'],
    ]);
    const leads = c.payments[1]!;
    expect(leads.when?.text).toBe('quality_traffic');
    const pkg = c.payments[3]!.pricing;
    if (pkg.form !== 'package') throw new Error('form');
    expect([pkg.size.value, pkg.price.text, pkg.freeUnits?.value]).toEqual(['1000', '300 RUB', '0.5']);
    expect(c.payments[3]!.max?.text).toBe('30000 RUB');
    const tiers = c.payments[4]!.pricing;
    if (tiers.form !== 'tiers') throw new Error('form');
    expect(tiers.mode.value).toBe('graduated');
    expect(tiers.tiers.map((t) => [t.upTo?.value, t.price?.text, t.flat?.text])).toEqual([
      ['50', '400 RUB', undefined], ['100.25', '450 RUB', '1000 RUB'], [undefined, '500 RUB', undefined],
    ]);
    expect(c.limits?.max?.text).toBe('150000 RUB');
  });

  it('keeps test data as raw source text', () => {
    const t = c.tests[0]!;
    expect(t.name).toBe('a good month');
    expect(t.period.value).toBe('2026-10');
    expect(t.data.get('bounce_rate')).toMatchObject({ value: '17.5%', source: '17.5%' });
    expect(t.data.get('sessions')).toMatchObject({ value: 12000, source: '12000' });
    expect(at(t.data.get('leads')!.keySpan.start)).toMatch(/^leads/);
    expect(t.history.get('2026-09')?.value.get('followers')?.source).toBe('4800');
    expect(t.expect.kpis?.get('growth')?.value).toBe('met');
    expect(t.expect.total?.value).toBe('106000 RUB');
    expect(t.expect.score?.value).toBe('100%');
  });

  it('reads decimals from the source, never through a float', () => {
    const text = `${HEAD}payments:\n  - id: p\n    label: P\n    quantity: leads\n    package: { size: 0.10, price: 1 RUB, free_units: 12345678901234567890 }\n`;
    const pricing = build(source(text)).contract.payments[0]!.pricing;
    if (pricing.form !== 'package') throw new Error('form');
    expect(pricing.size.value).toBe('0.10');
    expect(pricing.freeUnits?.value).toBe('12345678901234567890');
  });

  it('E013 for a decimal written with an exponent', () => {
    const f = source(`${HEAD}payments:\n  - id: p\n    label: P\n    quantity: leads\n    package: { size: 1e3, price: 1 RUB }\n`);
    expect(codesAt(f, build(f).diagnostics)).toEqual(['E013@10:22']);
  });

  it('applies defaults: month, half-even, on_no_data error', () => {
    const r = build(source(`${HEAD}kpis: { a: { target: leads > 1 } }\n`)).contract;
    expect([r.period.value, r.rounding.value, r.kpis.get('a')?.onNoData]).toEqual(['month', 'half-even', 'error']);
    expect(r.payments).toEqual([]);
    expect(r.tests).toEqual([]);
    expect(r.limits).toBeUndefined();
  });

  it('E032 for a duplicate payment id, keeping the first', () => {
    const f = fixture('bad/e032-duplicate-payment.yaml');
    const r = build(f);
    expect(codesAt(f, r.diagnostics)).toEqual(['E032@11:9']);
    expect(r.contract.payments.map((p) => p.label)).toEqual(['Retainer']);
  });

  it('E054 when effective.until is before from', () => {
    const f = fixture('bad/e054-effective-dates.yaml');
    expect(codesAt(f, build(f).diagnostics)).toEqual(['E054@4:36']);
  });

  it('E058 for period keys of the other kind (values, test periods, history keys)', () => {
    const f = fixture('bad/e058-period-format.yaml');
    expect(codesAt(f, build(f).diagnostics)).toEqual(['E058@5:20']);
    const q = source(`${HEAD.replace('2026-01', '2026-Q1')}period: quarter\ntests:\n  - name: t\n    period: 2026-03\n    history: { 2026-Q1: {}, 2026-02: {} }\n    expect: {}\n`);
    expect(codesAt(q, build(q).diagnostics)).toEqual(['E058@9:13', 'E058@10:29']);
  });
});
