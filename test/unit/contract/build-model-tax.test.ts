// Stage 3: the SPEC 10 keys (tax, invoice, locale, document, structured parties) in the model.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/contract/build-model.js';
import { loadYaml } from '../../../src/contract/load-yaml.js';
import { validateShape } from '../../../src/contract/schema.js';
import { parseTaxRate } from '../../../src/contract/tax-rate.js';
import { codesAt, source } from './helpers.js';

const HEAD = 'contract: c\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';

function build(text: string): { contract: ReturnType<typeof buildModel>['value']; codes: string[]; schema: string[] } {
  const file = source(HEAD + text);
  const y = loadYaml(file);
  const schema = codesAt(file, validateShape(y.value!.doc, file));
  const r = buildModel(y.value!.doc, file);
  return { contract: r.value, codes: codesAt(file, r.diagnostics), schema };
}

describe('tax rates', () => {
  it('reads percents and fractions exactly', () => {
    expect(parseTaxRate('22%')).toBe('0.22');
    expect(parseTaxRate('5.5%')).toBe('0.055');
    expect(parseTaxRate('0.2')).toBe('0.2');
    expect(parseTaxRate('0%')).toBe('0');
    expect(parseTaxRate('100%')).toBe('1');
    expect(parseTaxRate('120%')).toEqual({ reason: 'tax rate 120% is outside 0% to 100%' });
    expect(parseTaxRate('1.5')).toEqual({ reason: 'tax rate 1.5 is outside 0% to 100%' });
    expect(parseTaxRate('-3%')).toHaveProperty('reason');
    expect(parseTaxRate('abc')).toHaveProperty('reason');
  });

  it('builds rates, prices and rounding with their defaults', () => {
    const r = build('tax:\n  rates: [ { id: vat, label: "НДС", rate: 22% } ]\n');
    expect(r.schema).toEqual([]);
    expect(r.codes).toEqual([]);
    const tax = r.contract?.tax;
    expect(tax?.kind).toBe('rates');
    if (tax?.kind !== 'rates') return;
    expect(tax.prices).toBe('exclusive');
    expect(tax.rounding).toBe('invoice');
    expect(tax.rates.map((x) => [x.id, x.label, x.rate.value])).toEqual([['vat', 'НДС', '0.22']]);
  });

  it('builds an exemption', () => {
    const r = build('tax: { exempt: "Без НДС" }\n');
    expect(r.contract?.tax).toMatchObject({ kind: 'exempt', text: 'Без НДС' });
  });

  it('E013 at a rate outside 0-100%, E059 for exempt with rates, E032 for a rate id twice', () => {
    expect(build('tax:\n  rates: [ { id: vat, label: V, rate: 120% } ]\n').codes).toEqual(['E013@7:39']);
    expect(build('tax: { exempt: "x", rates: [ { id: vat, label: V, rate: 20% } ] }\n').codes).toEqual(['E059@6:16']);
    expect(build('tax:\n  rates: [ { id: vat, label: V, rate: 20% }, { id: vat, label: W, rate: 10% } ]\n').codes).toEqual(['E032@7:52']);
  });

  it('reads a line\'s tax list', () => {
    const r = build('payments:\n  - { id: a, label: A, amount: 1 RUB, tax: [] }\n  - { id: b, label: B, amount: 1 RUB, tax: [vat] }\n  - { id: c, label: C, amount: 1 RUB }\n');
    expect(r.schema).toEqual([]);
    expect(r.contract?.payments.map((p) => p.tax?.value.map((t) => t.value))).toEqual([[], ['vat'], undefined]);
  });
});

describe('invoice, locale, document, parties', () => {
  it('builds them, a party as a plain name or with details', () => {
    const r = build([
      'invoice: { number: "NS-{contract}-{yyyy}{mm}", issue_day: 5, due_days: 10 }',
      'locale: ru-RU',
      'document: { show_ids: false }',
      'parties:',
      '  agency: { name: North Star, tax_id: "7701234567", address: "Moscow", bank: "Sber" }',
      '  client: ACME LLC',
      '',
    ].join('\n'));
    expect(r.schema).toEqual([]);
    expect(r.codes).toEqual([]);
    const c = r.contract!;
    expect(c.invoice).toMatchObject({ number: { value: 'NS-{contract}-{yyyy}{mm}' }, issueDay: 5, dueDays: 10 });
    expect(c.locale?.value).toBe('ru-RU');
    expect(c.document).toEqual({ showIds: false, showExpressions: true, showUnapplied: true });
    expect(c.parties).toEqual({ agency: { name: 'North Star', taxId: '7701234567', address: 'Moscow', bank: 'Sber' }, client: { name: 'ACME LLC' } });
  });

  it('defaults issue_day 1 and due_days 0; an unknown locale is a schema error', () => {
    expect(build('invoice: { number: "X" }\n').contract?.invoice).toMatchObject({ issueDay: 1, dueDays: 0 });
    expect(build('locale: de-DE\n').schema).toEqual(['E013@6:9']);
  });
});
