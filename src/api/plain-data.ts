// Library API, inputs: plain JS objects (SPEC 13) -> the raw periods src/data binds, and the same
// data as the text of a JSON data file (SPEC 4), whose sha-256 is the evaluation's data digest.
import type { Span } from '../diagnostics/diagnostic.js';
import type { RawValue } from '../contract/model.js';
import type { RawPeriod } from '../data/metric-data.js';

/**
 * One period's metric values: a JS number is taken at its shortest decimal representation
 * (`0.1` is exactly 1/10, as `String(0.1)` writes it); a string is read exactly as in a data
 * file: a decimal (`"0.175"`) or a quantity with its unit (`"17.5%"`, `"2 min 15 s"`, `"30000 RUB"`).
 */
export type PlainRecord = Readonly<Record<string, number | string>>;

/** What `program.evaluate` takes: the period to evaluate, its data, and earlier periods by key. */
export interface EvaluateInput {
  /** `YYYY-MM` (or `YYYY-Qn` for a quarterly contract). */
  readonly period: string;
  readonly data: PlainRecord;
  /** Earlier periods (`growth()`, `previous()`, `sum_last()` read them), keyed `YYYY-MM`. */
  readonly history?: Readonly<Record<string, PlainRecord>>;
}

/** Plain records by period: history first, then the period evaluated (which wins a clash). */
function periodsOf(input: EvaluateInput): Record<string, PlainRecord> {
  const periods: Record<string, PlainRecord> = {};
  if (typeof input !== 'object' || input === null) return periods;
  for (const [key, record] of Object.entries(input.history ?? {})) {
    if (key !== input.period) periods[key] = record;
  }
  periods[String(input.period)] = input.data;
  return periods;
}

/**
 * The input as a JSON data file for contract `id` (2-space indented, keys in input order): what
 * the data digest is taken of, and what `attain evaluate --data` reads to the same result.
 */
export function dataFileText(id: string, input: EvaluateInput): string {
  return `${JSON.stringify({ contract: id, periods: periodsOf(input) }, null, 2)}\n`;
}

/** True when the input has the shape of EvaluateInput (anything else goes through the text path). */
export function isWellFormed(input: EvaluateInput): boolean {
  if (typeof input !== 'object' || input === null || typeof input.period !== 'string') return false;
  if (!isRecord(input.data)) return false;
  if (input.history === undefined) return true;
  if (typeof input.history !== 'object' || input.history === null || Array.isArray(input.history)) return false;
  return Object.values(input.history).every(isRecord);
}

function isRecord(r: unknown): r is PlainRecord {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  for (const v of Object.values(r as Record<string, unknown>)) {
    // Only finite numbers and strings are read without a located finding; the rest (NaN, null,
    // booleans, nested objects) go through the data file text to get one.
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') return false;
  }
  return true;
}

/** The raw value of one plain value (`source`: the number's shortest decimal, or the string). */
export function rawValueOf(v: number | string, span: Span): RawValue {
  return { value: v, source: typeof v === 'number' ? String(v) : v, span, keySpan: span };
}

/** JSON.stringify of a key or period, remembered: the same few names come back on every call. */
const quoted = new Map<string, string>();
const QUOTED_MAX = 4096;

function quote(name: string): string {
  let q = quoted.get(name);
  if (q === undefined) {
    q = JSON.stringify(name);
    if (quoted.size >= QUOTED_MAX) quoted.clear();
    quoted.set(name, q);
  }
  return q;
}

/**
 * Well-formed input -> its raw periods (every span at `span`) and dataFileText's text, built
 * together: each number is written as text once (String(n), as JSON.stringify writes it) and
 * that text is both the raw value's source and what the digest covers.
 */
export function plainData(id: string, input: EvaluateInput, span: Span): { readonly text: string; readonly periods: RawPeriod[] } {
  const periods: RawPeriod[] = [];
  const all = periodsOf(input);
  let text = `{\n  "contract": ${JSON.stringify(id)},\n  "periods": {`;
  let firstPeriod = true;
  for (const period of Object.keys(all)) {
    const record = all[period] as PlainRecord;
    const values = new Map<string, RawValue>();
    text += `${firstPeriod ? '' : ','}\n    ${quote(period)}: {`;
    firstPeriod = false;
    let first = true;
    for (const key of Object.keys(record)) {
      const v = record[key] as number | string;
      // JSON.stringify of a finite number is String(n) by definition (ToString), and V8's JSON
      // writer makes a double's digits about twice as fast as String() (docs/performance.md).
      const source = typeof v === 'number' ? JSON.stringify(v) : v;
      values.set(key, { value: v, source, span, keySpan: span });
      text += `${first ? '' : ','}\n      ${quote(key)}: ${typeof v === 'number' ? source : JSON.stringify(v)}`;
      first = false;
    }
    text += first ? '}' : '\n    }';
    periods.push({ period, record: values, span });
  }
  text += firstPeriod ? '}\n}\n' : '\n  }\n}\n';
  return { text, periods };
}
