import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { formatContract } from '../../../src/fmt/format-contract.js';

const HEAD = 'contract: x\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count, sessions: count }\n';

function fmt(text: string): ReturnType<typeof formatContract> {
  return formatContract(createSourceFile('c.yaml', text));
}

describe('formatContract', () => {
  it('rewrites expressions and keeps comments, key order, spacing and other scalars', () => {
    const text = `# head\n${HEAD}define:\n  share:   leads/sessions    # why\n  b: 'leads+1'\nkpis:\n  k: { target: leads>=10,  weight: 100% }\n`;
    const r = fmt(text);
    expect(r.changed).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(`# head\n${HEAD}define:\n  share:   leads / sessions    # why\n  b: 'leads + 1'\nkpis:\n  k: { target: leads >= 10,  weight: 100% }\n`);
  });

  it('prints the SPEC 14 additions canonically: period.year/days, previous/growth of defines, status()', () => {
    const text = `${HEAD}define:\n  d: leads/period.days\n  g: growth( d )<0%\n  p: previous(d)+period.year\nkpis:\n  k: { target: leads>1 }\npayments:\n  - id: a\n    label: A\n    amount: 1 RUB\n    when: status(k)=="met" or status( k ) in ["excluded"]\n`;
    const r = fmt(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(`${HEAD}define:\n  d: leads / period.days\n  g: growth(d) < 0%\n  p: previous(d) + period.year\nkpis:\n  k: { target: leads > 1 }\npayments:\n  - id: a\n    label: A\n    amount: 1 RUB\n    when: status(k) == "met" or status(k) in ["excluded"]\n`);
    expect(fmt(r.text).changed).toBe(false);
  });

  it('covers every expression field: payments, tiers, packages, limits', () => {
    const text = `${HEAD}kpis:\n  k: { target: leads>1 }\npayments:\n  - { id: a, label: A, amount: 500RUB, when: k, min: 0  RUB, max: 9RUB }\n  - id: b\n    label: B\n    quantity: leads*2\n    mode: graduated\n    tiers:\n      - { up_to: 5, price: 1RUB, flat: 2RUB }\n      - { price: 3RUB }\n  - { id: c, label: C, quantity: leads, package: { size: 10, price: 7RUB } }\nlimits: { min: 1RUB, max: 99RUB }\n`;
    const r = fmt(text);
    expect(r.text).toBe(`${HEAD}kpis:\n  k: { target: leads > 1 }\npayments:\n  - { id: a, label: A, amount: 500 RUB, when: k, min: 0 RUB, max: 9 RUB }\n  - id: b\n    label: B\n    quantity: leads * 2\n    mode: graduated\n    tiers:\n      - { up_to: 5, price: 1 RUB, flat: 2 RUB }\n      - { price: 3 RUB }\n  - { id: c, label: C, quantity: leads, package: { size: 10, price: 7 RUB } }\nlimits: { min: 1 RUB, max: 99 RUB }\n`);
  });

  it('switches a plain scalar to double quotes when YAML would misread the canonical text', () => {
    const r = fmt(`${HEAD}define:\n  n: -(-leads)\n`);
    expect(r.text).toBe(`${HEAD}define:\n  n: "- -leads"\n`);
    expect(fmt(r.text).changed).toBe(false);
  });

  it('keeps anchors and formats an aliased scalar once', () => {
    const r = fmt(`${HEAD}define:\n  a: &e leads+1\n  b: *e\n`);
    expect(r.text).toBe(`${HEAD}define:\n  a: &e leads + 1\n  b: *e\n`);
  });

  it('leaves an expression that does not parse alone and reports it; formats the rest', () => {
    const r = fmt(`${HEAD}define:\n  a: leads +\n  b: leads+1\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E020']);
    expect(r.text).toBe(`${HEAD}define:\n  a: leads +\n  b: leads + 1\n`);
  });

  it('skips a file with YAML or schema errors, with their diagnostics', () => {
    const bad = `${HEAD}kpis:\n  k: { taget: leads>1 }\n`;
    const r = fmt(bad);
    expect(r.changed).toBe(false);
    expect(r.text).toBe(bad);
    expect(r.diagnostics.some((d) => d.code === 'E010')).toBe(true);
    expect(fmt('a: [').diagnostics[0]?.code).toBe('E002');
  });

  it('does not touch JSON Logic targets', () => {
    const text = `${HEAD}kpis:\n  k:\n    target: { jsonlogic: { ">=": [ { var: leads }, 10 ] } }\n    attainment: leads/10\n`;
    expect(fmt(text).text).toBe(`${HEAD}kpis:\n  k:\n    target: { jsonlogic: { ">=": [ { var: leads }, 10 ] } }\n    attainment: leads / 10\n`);
  });

  it('keeps CRLF line ends and unchanged files byte for byte', () => {
    const text = `${HEAD}define:\n  a: leads+1\n`.replace(/\n/g, '\r\n');
    expect(fmt(text).text).toBe(text.replace('leads+1', 'leads + 1'));
    const canonical = `${HEAD}define:\n  a: leads + 1\n`;
    expect(fmt(canonical)).toEqual({ text: canonical, changed: false, diagnostics: [] });
  });
});
