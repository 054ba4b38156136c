// Results are plain readonly data (issue 12): a copy holds everything a report needs, and the
// engine's stages (evaluate/, invoice/) write no sentence; report/ does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindTestData } from '../../../src/data/bind.js';
import { evaluatePeriod } from '../../../src/evaluate/evaluate-period.js';
import { priceInvoice } from '../../../src/invoice/price-invoice.js';
import { renderEvaluationJson } from '../../../src/report/json.js';
import type { Evaluation } from '../../../src/report/evaluation.js';
import { applyTaxes } from '../../../src/taxes/apply-taxes.js';
import { divRationals, rational } from '../../../src/numbers/rational.js';
import { check } from '../../helpers/engine.js';

/**
 * A structured clone with its numbers made Rationals again: a clone keeps a fraction.js value's
 * fields (s, n, d) but not its class, so the arithmetic the reports do needs them back. Nothing
 * else is restored: an explanation or detail the clone lost would show in the JSON.
 */
function revive<T>(x: T): T {
  if (Array.isArray(x)) return x.map((v: unknown) => revive(v)) as T;
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 3 && typeof o['s'] === 'bigint' && typeof o['n'] === 'bigint' && typeof o['d'] === 'bigint') {
    return divRationals(rational(o['s'] * o['n']), rational(o['d'])) as T;
  }
  return Object.fromEntries(keys.map((k) => [k, revive(o[k])])) as T;
}

const SHIPPED = readdirSync('contracts').filter((f) => f.endsWith('.yaml')).map((f) => `contracts/${f}`);

/** Every shipped contract's test months, evaluated and priced. */
function evaluations(): { name: string; e: Evaluation }[] {
  const out: { name: string; e: Evaluation }[] = [];
  for (const file of SHIPPED) {
    const c = check(readFileSync(file, 'utf8'), file);
    if (c.checked === undefined || c.program === undefined) throw new Error(file);
    for (const test of c.checked.contract.tests) {
      const data = bindTestData(c.checked.contract, test).value;
      const result = data === undefined ? undefined : evaluatePeriod(c.program, data, test.period.value).value;
      const invoice = result === undefined ? undefined : priceInvoice(result).value;
      if (result === undefined || invoice === undefined) continue;
      const taxed = applyTaxes(invoice, c.checked.contract);
      out.push({ name: `${file} ${test.name}`, e: { result, invoice, taxed, inputs: { contractSha256: '', dataSha256: '' } } });
    }
  }
  return out;
}

describe('results as data', () => {
  const all = evaluations();

  it('has months to look at', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it('KPI results, lines and adjustments are plain objects: no class, no getter', () => {
    for (const { name, e } of all) {
      for (const x of [...e.result.kpis, ...e.invoice.lines, ...e.invoice.adjustments, e.invoice]) {
        expect(Object.getPrototypeOf(x), name).toBe(Object.prototype);
        for (const d of Object.values(Object.getOwnPropertyDescriptors(x))) expect('get' in d && d.get !== undefined, name).toBe(false);
      }
    }
  });

  it('structuredClone of the KPI results and the invoice deep-equals them and renders the same JSON', () => {
    for (const { name, e } of all) {
      const kpis = structuredClone(e.result.kpis);
      const invoice = structuredClone(e.invoice);
      expect(kpis, name).toEqual(e.result.kpis);
      expect(invoice, name).toEqual(e.invoice);
      const copy: Evaluation = { ...e, result: { ...e.result, kpis: revive(kpis) }, invoice: revive(invoice) };
      expect(renderEvaluationJson(copy), name).toBe(renderEvaluationJson(e));
    }
  });

  it('results are frozen in shape: reading explanation and detail twice gives the same data', () => {
    for (const { e } of all) {
      for (const k of e.result.kpis) expect(k.explanation).toBe(k.explanation);
      for (const l of e.invoice.lines) expect({ ...l }).toEqual(l);
    }
  });
});

describe('the engine writes no sentence', () => {
  const stages = ['src/evaluate', 'src/invoice'];
  const files = stages.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)));

  it('evaluate/ and invoice/ import neither the value formatter nor the report layer', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from '\.\.\/language\/format-value\.js'/);
      expect(text, f).not.toMatch(/from '\.\.\/report\//);
    }
  });

  it('they hold no explanation text of their own (the sentences live in report/)', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const phrase of ['not applied: when is false', 'raised to min', 'capped at max', 'no tier reached', 'per package', 'Minimum invoice total', 'excluded: applies']) {
        expect(text, `${f}: ${phrase}`).not.toContain(phrase);
      }
    }
  });
});
