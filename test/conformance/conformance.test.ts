// The one runner of the language conformance suite: every `test/conformance/<topic>/*.yaml` file
// holds `cases:`; each case becomes a named test. A case has `expr` (checked and evaluated as a
// define over `metrics`) or `contract` (whole contract text), optional `data`, `history`, `period`,
// and exactly one of `want` (value as shown in its unit, or KPI statuses/score/explanations/defines
// and the invoice: `lines` and `adjustments` as id -> amount, `applied` as id -> true|false, and
// `total`, amounts as decimal strings in the currency's minor digits) or `want_code` (+ `want_at:
// line:col`, inside the expression for `expr` cases), found by checking, evaluating or pricing,
// or `want_advice` (a `contract` case: the advice code `attain validate` adds, W050, or `none`).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check, evalExpr, lineCol, series } from '../helpers/engine.js';
import type { DataRecord } from '../helpers/engine.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import type { Invoice } from '../../src/evaluate/results.js';
import { priceInvoice } from '../../src/invoice/price-invoice.js';
import { formatValue } from '../../src/language/format-value.js';
import { scalar } from '../../src/language/value-types.js';
import { formatMinor } from '../../src/numbers/money.js';
import { singleMetricWarning } from '../../src/check/single-metric.js';
import { kpiExplanationText } from '../../src/report/explain-sentence.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

type Strings = Readonly<Record<string, string>>;
interface Case {
  readonly name?: string;
  readonly note?: string;
  readonly expr?: string;
  readonly contract?: string;
  readonly metrics?: Strings;
  readonly defines?: Strings;
  readonly currency?: string;
  readonly data?: DataRecord;
  readonly history?: Readonly<Record<string, DataRecord>>;
  readonly period?: string;
  readonly want?: string | Wanted;
  readonly want_code?: string;
  readonly want_at?: string;
  readonly want_advice?: string;
}

interface Wanted {
  readonly kpis?: Strings;
  readonly score?: string;
  readonly explanation?: Strings;
  readonly defines?: Strings;
  readonly lines?: Strings;
  readonly applied?: Strings;
  readonly adjustments?: Strings;
  readonly total?: string;
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return fixtureFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

function runExpr(c: Case & { expr: string }): void {
  const r = evalExpr(c.expr, {
    ...(c.metrics === undefined ? {} : { metrics: c.metrics }),
    ...(c.defines === undefined ? {} : { defines: c.defines }),
    ...(c.currency === undefined ? {} : { currency: c.currency }),
    ...(c.data === undefined ? {} : { data: c.data }),
    ...(c.history === undefined ? {} : { history: c.history }),
    ...(c.period === undefined ? {} : { period: c.period }),
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (c.want_code !== undefined) {
    expect(errors.map((d) => d.code), errors.map((d) => d.message).join('; ')).toContain(c.want_code);
    if (c.want_at !== undefined) expect(`1:${r.errorColumn ?? '?'}`).toBe(c.want_at);
    return;
  }
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (typeof c.want !== 'string') throw new Error('an expr case wants its value as text');
  const want = c.want;
  if (want === 'no data') expect(r.shown).toMatch(/^no data/);
  else expect(r.shown).toBe(want);
}

function runContract(c: Case & { contract: string }): void {
  const checked = check(c.contract);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (c.want_code !== undefined && errors.length > 0) {
    const hit = errors.find((d) => d.code === c.want_code);
    expect(hit, errors.map((d) => `${d.code} ${d.message}`).join('; ')).toBeDefined();
    if (hit !== undefined && c.want_at !== undefined) expect(lineCol(c.contract, hit)).toBe(c.want_at);
    return;
  }
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (checked.program === undefined || checked.contract === undefined) throw new Error('not checked');
  const period = c.period ?? '2026-10';
  const result = evaluatePeriod(checked.program, series(checked.contract, { ...(c.history ?? {}), [period]: c.data ?? {} }), period);
  const want: Wanted = typeof c.want === 'object' ? c.want : {};
  const pricing = want.lines !== undefined || want.applied !== undefined || want.adjustments !== undefined || want.total !== undefined;
  // An error case is priced too when evaluation found nothing: pricing reports its own (E071, E075, E076).
  const priced = result.value !== undefined && result.diagnostics.length === 0 && (pricing || c.want_code !== undefined) ? priceInvoice(result.value) : undefined;
  const found = [...result.diagnostics, ...(priced?.diagnostics ?? [])];
  if (c.want_code !== undefined) {
    const hit = found.find((d) => d.code === c.want_code);
    expect(hit, found.map((d) => `${d.code} ${d.message}`).join('; ')).toBeDefined();
    if (hit !== undefined && c.want_at !== undefined) expect(lineCol(c.contract, hit)).toBe(c.want_at);
    return;
  }
  expect(found.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const value = result.value;
  for (const [id, status] of Object.entries(want.kpis ?? {})) expect(value?.kpis.find((k) => k.id === id)?.status, id).toBe(status);
  for (const [id, text] of Object.entries(want.explanation ?? {})) {
    const k = value?.kpis.find((x) => x.id === id);
    expect(k === undefined ? undefined : kpiExplanationText(k.explanation), id).toBe(text);
  }
  for (const [name, text] of Object.entries(want.defines ?? {})) {
    const d = value?.defines.find((x) => x.name === name);
    expect(d === undefined ? undefined : formatValue(d.value, d.type), name).toBe(text);
  }
  if (want.score !== undefined) expect(value?.score === undefined ? 'none' : formatValue(value.score, scalar('percent'))).toBe(want.score);
  if (pricing) expectInvoice(want, priced?.value);
}

/** The wanted invoice parts: `lines` and `adjustments` list every one there is, by id. */
function expectInvoice(want: Wanted, invoice: Invoice | undefined): void {
  if (invoice === undefined) throw new Error('no invoice');
  const money = (minor: bigint): string => formatMinor(minor, invoice.minorDigits);
  if (want.lines !== undefined) expect(Object.fromEntries(invoice.lines.map((l) => [l.id, money(l.amount)])), 'lines').toEqual(want.lines);
  for (const [id, applied] of Object.entries(want.applied ?? {})) expect(String(invoice.lines.find((l) => l.id === id)?.applied), `${id} applied`).toBe(applied);
  if (want.adjustments !== undefined) expect(Object.fromEntries(invoice.adjustments.map((a) => [a.id, money(a.amount)])), 'adjustments').toEqual(want.adjustments);
  if (want.total !== undefined) expect(money(invoice.total), 'total').toBe(want.total);
}

function runAdvice(c: Case & { contract: string; want_advice: string }): void {
  const checked = check(c.contract);
  expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  if (checked.checked === undefined) throw new Error('not checked');
  const advice = singleMetricWarning(checked.checked);
  expect(advice?.code ?? 'none', advice?.message).toBe(c.want_advice);
  if (advice !== undefined && c.want_at !== undefined) expect(lineCol(c.contract, advice)).toBe(c.want_at);
}

for (const file of fixtureFiles(ROOT)) {
  const topic = relative(ROOT, file);
  const doc = parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }) as { cases?: Case[] };
  describe(topic, () => {
    (doc.cases ?? []).forEach((c, i) => {
      it(c.name ?? c.note ?? c.expr ?? `case ${i + 1}`, () => {
        if ([c.want, c.want_code, c.want_advice].filter((w) => w !== undefined).length !== 1) throw new Error('a case has exactly one of want / want_code / want_advice');
        if (c.want_advice !== undefined && c.contract !== undefined) runAdvice({ ...c, contract: c.contract, want_advice: c.want_advice });
        else if (c.expr !== undefined) runExpr({ ...c, expr: c.expr });
        else if (c.contract !== undefined) runContract({ ...c, contract: c.contract });
        else throw new Error('a case has expr or contract');
      });
    });
  });
}
