// The one runner of the language conformance suite: every `test/conformance/<topic>/*.yaml` file
// holds `cases:`; each case becomes a named test. A case has `expr` (checked and evaluated as a
// define over `metrics`) or `contract` (whole contract text), optional `data`, `history`, `period`,
// and exactly one of `want` (value as shown in its unit, or KPI statuses/score/explanations) or
// `want_code` (+ `want_at: line:col`, inside the expression for `expr` cases).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check, evalExpr, lineCol, series } from '../helpers/engine.js';
import type { DataRecord } from '../helpers/engine.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { formatValue } from '../../src/language/format-value.js';
import { scalar } from '../../src/language/value-types.js';

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
  readonly want?: string | { readonly kpis?: Strings; readonly score?: string; readonly explanation?: Strings; readonly defines?: Strings };
  readonly want_code?: string;
  readonly want_at?: string;
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
  const want = String(c.want);
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
  if (c.want_code !== undefined) {
    const hit = result.diagnostics.find((d) => d.code === c.want_code);
    expect(hit, result.diagnostics.map((d) => d.code).join(', ')).toBeDefined();
    if (hit !== undefined && c.want_at !== undefined) expect(lineCol(c.contract, hit)).toBe(c.want_at);
    return;
  }
  expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const want = typeof c.want === 'object' ? c.want : {};
  const value = result.value;
  for (const [id, status] of Object.entries(want.kpis ?? {})) expect(value?.kpis.find((k) => k.id === id)?.status, id).toBe(status);
  for (const [id, text] of Object.entries(want.explanation ?? {})) expect(value?.kpis.find((k) => k.id === id)?.explanation, id).toBe(text);
  for (const [name, text] of Object.entries(want.defines ?? {})) {
    const d = value?.defines.find((x) => x.name === name);
    expect(d === undefined ? undefined : formatValue(d.value, d.type), name).toBe(text);
  }
  if (want.score !== undefined) expect(value?.score === undefined ? 'none' : formatValue(value.score, scalar('percent'))).toBe(want.score);
}

for (const file of fixtureFiles(ROOT)) {
  const topic = relative(ROOT, file);
  const doc = parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }) as { cases?: Case[] };
  describe(topic, () => {
    (doc.cases ?? []).forEach((c, i) => {
      it(c.name ?? c.note ?? c.expr ?? `case ${i + 1}`, () => {
        if ((c.want === undefined) === (c.want_code === undefined)) throw new Error('a case has exactly one of want / want_code');
        if (c.expr !== undefined) runExpr({ ...c, expr: c.expr });
        else if (c.contract !== undefined) runContract({ ...c, contract: c.contract });
        else throw new Error('a case has expr or contract');
      });
    });
  });
}
