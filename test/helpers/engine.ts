// Test helpers for stages 5-7: load + check YAML contract text, assert diagnostics by code and by
// span given as inline markers (« and » around the expected span), and evaluate one expression
// against data given as plain text values (`17.5%`, `135 s`, `12000`).
import { expect } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import type { Contract, RawValue } from '../../src/contract/model.js';
import { bindData } from '../../src/data/bind.js';
import type { PeriodSeries, RawPeriod } from '../../src/data/metric-data.js';
import type { Diagnostic, Span } from '../../src/diagnostics/diagnostic.js';
import { createSourceFile, lineColAt } from '../../src/diagnostics/source.js';
import { checkContract } from '../../src/check/check-contract.js';
import type { CheckedContract, Value } from '../../src/check/checked-contract.js';
import { compileProgram } from '../../src/compile/compile-program.js';
import type { Program } from '../../src/compile/program.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { formatValue } from '../../src/language/format-value.js';
import type { PeriodResult } from '../../src/evaluate/results.js';
import type { ValueType } from '../../src/language/value-types.js';

export const FILE = 'contract.yaml';

export interface Checked {
  readonly text: string;
  readonly contract?: Contract;
  readonly checked?: CheckedContract;
  /** The checked contract compiled (stage 6b), present with `checked`. */
  readonly program?: Program;
  /** Diagnostics of loading and checking. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Load and check contract text. */
export function check(text: string, path = FILE): Checked {
  const file = createSourceFile(path, text);
  const loaded = loadContract(file);
  if (loaded.value === undefined) return { text, diagnostics: loaded.diagnostics };
  const checked = checkContract(loaded.value);
  return {
    text,
    contract: loaded.value,
    ...(checked.value === undefined ? {} : { checked: checked.value, program: compileProgram(checked.value) }),
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}

/** Text with `«...»` markers -> the text without them and the marked spans (in order). */
export function markers(marked: string, path = FILE): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') spans.push({ file: path, start: open.pop() ?? 0, end: text.length });
    else text += ch;
  }
  return { text, spans };
}

export interface Want {
  readonly code: string;
  /** Substring the hint must contain. */
  readonly hint?: string;
}

/**
 * Check marked contract text and assert exactly these error codes, the i-th at the i-th marked
 * span (wants without a marker are matched by code only).
 */
export function expectDiagnostics(marked: string, wants: readonly (Want | string)[]): readonly Diagnostic[] {
  const { text, spans } = markers(marked);
  const { diagnostics } = check(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = errors.map((d) => `${d.code}@${d.span.start}-${d.span.end} ${d.message} [${text.slice(d.span.start, d.span.end)}]`);
  const normalized = wants.map((w) => (typeof w === 'string' ? { code: w } : w));
  expect(errors.map((d) => d.code).sort(), shown.join('\n')).toEqual(normalized.map((w) => w.code).sort());
  normalized.forEach((w, i) => {
    const span = spans[i];
    const match = errors.find((d) => d.code === w.code && (span === undefined || (d.span.start === span.start && d.span.end === span.end)));
    expect(match, `${w.code} at ${span === undefined ? '?' : `[${text.slice(span.start, span.end)}]`}; got:\n${shown.join('\n')}`).toBeDefined();
    if (w.hint !== undefined) expect(match?.hint ?? '').toContain(w.hint);
  });
  return errors;
}

/** Data of one period: metric -> value text as written in a data file. */
export type DataRecord = Readonly<Record<string, string>>;

/** A series from plain text values: `{ '2026-10': { leads: '92' } }`. */
export function series(contract: Contract, periods: Readonly<Record<string, DataRecord>>): PeriodSeries {
  const nowhere: Span = { file: 'data.yaml', start: 0, end: 0 };
  const raw: RawPeriod[] = Object.entries(periods).map(([period, record]) => ({
    period,
    span: nowhere,
    record: new Map<string, RawValue>(
      Object.entries(record).map(([k, v]) => [k, { value: v, source: v, span: { file: 'data.yaml', start: 0, end: v.length }, keySpan: nowhere }]),
    ),
  }));
  const bound = bindData(contract, raw, 'sha');
  const errors = bound.diagnostics.filter((d) => d.severity === 'error');
  if (bound.value === undefined || errors.length > 0) throw new Error(`bad test data: ${errors.map((d) => d.message).join('; ')}`);
  return bound.value;
}

export interface ExprCase {
  /** metric -> unit (YAML text such as `count` or `percent`). Default: DEFAULT_METRICS. */
  readonly metrics?: Readonly<Record<string, string>>;
  readonly defines?: Readonly<Record<string, string>>;
  readonly data?: DataRecord;
  /** Earlier periods. */
  readonly history?: Readonly<Record<string, DataRecord>>;
  readonly period?: string;
  readonly currency?: string;
}

export const DEFAULT_METRICS: Readonly<Record<string, string>> = {
  sessions: 'count',
  direct_sessions: 'count',
  leads: 'count',
  followers: 'count',
  clicks: 'count',
  impressions: 'count',
  bounce_rate: 'percent',
  share_rate: 'ratio',
  pages: 'number',
  avg_time_on_site: 'duration',
  ad_spend: 'money',
};

function yamlSingleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A contract whose define `value` is `expr`; `exprStart` is the file offset of its first char. */
export function exprContract(expr: string, c: ExprCase = {}): { text: string; exprStart: number } {
  const metrics = c.metrics ?? DEFAULT_METRICS;
  const lines = [
    'contract: conformance',
    'version: 1',
    `currency: ${c.currency ?? 'RUB'}`,
    'effective: { from: 2026-01 }',
    'metrics:',
    ...Object.entries(metrics).map(([k, v]) => `  ${k}: ${v}`),
    'define:',
    ...Object.entries(c.defines ?? {}).map(([k, v]) => `  ${k}: ${yamlSingleQuoted(v)}`),
  ];
  const head = `${lines.join('\n')}\n  value: '`;
  return { text: `${head}${expr.replace(/'/g, "''")}'\n`, exprStart: head.length };
}

export interface ExprOutcome {
  readonly value?: Value;
  readonly type?: ValueType;
  /** formatValue(value, type): `65%`, `2 min 15 s`, `500 RUB`, `true`, `no data (...)`. */
  readonly shown?: string;
  readonly result?: PeriodResult;
  readonly diagnostics: readonly Diagnostic[];
  /** 1-based column inside `expr` of the first error, when it lies inside the expression. */
  readonly errorColumn?: number;
}

/** Check and evaluate one expression in period `c.period` (default 2026-10). */
export function evalExpr(expr: string, c: ExprCase = {}): ExprOutcome {
  const { text, exprStart } = exprContract(expr, c);
  const checked = check(text);
  const firstError = checked.diagnostics.find((d) => d.severity === 'error');
  if (firstError !== undefined || checked.program === undefined || checked.contract === undefined) {
    const col = firstError === undefined ? undefined : firstError.span.start - exprStart + 1;
    return { diagnostics: checked.diagnostics, ...(col === undefined ? {} : { errorColumn: col }) };
  }
  const period = c.period ?? '2026-10';
  const data = { ...(c.history ?? {}), [period]: c.data ?? {} };
  const evaluated = evaluatePeriod(checked.program, series(checked.contract, data), period);
  const result = evaluated.value;
  const define = result?.defines.find((d) => d.name === 'value');
  if (result === undefined || define === undefined) return { diagnostics: evaluated.diagnostics };
  return { value: define.value, type: define.type, shown: formatValue(define.value, define.type), result, diagnostics: evaluated.diagnostics };
}

/** 1-based line:col of a diagnostic in `text`. */
export function lineCol(text: string, d: Diagnostic): string {
  const lc = lineColAt(createSourceFile(FILE, text), d.span.start);
  return `${lc.line}:${lc.column}`;
}
