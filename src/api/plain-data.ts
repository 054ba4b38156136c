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

function isRecord(r: unknown): r is PlainRecord {
  if (!isObject(r)) return false;
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

/** JSON.stringify(name), remembered (bounded): plainData and plainBinder write the same keys. */
export function quote(name: string): string {
  let q = quoted.get(name);
  if (q === undefined) {
    q = JSON.stringify(name);
    if (quoted.size >= QUOTED_MAX) quoted.clear();
    quoted.set(name, q);
  }
  return q;
}

/** What plainData makes of a well-formed input: the data file text and the raw periods. */
export interface PlainData {
  readonly text: string;
  readonly periods: RawPeriod[];
}

/**
 * Input -> its raw periods (every span at `span`) and dataFileText's text, built together in one
 * walk that also checks the input's shape: undefined exactly when it is not well-formed (a
 * `period` string, `data` and every `history` record objects whose values are finite numbers or
 * strings); such input goes through the data file text, to be reported with located findings.
 * Each number is written as text once (as JSON.stringify writes it) and that text is both the raw
 * value's source and what the digest covers.
 */
export function plainData(id: string, input: EvaluateInput, span: Span): PlainData | undefined {
  if (typeof input !== 'object' || input === null || typeof input.period !== 'string' || !isObject(input.data)) return undefined;
  const history: unknown = input.history;
  if (history !== undefined && !isObject(history)) return undefined;
  const periods: RawPeriod[] = [];
  // periodsOf's object, keys in its order (an object orders integer-like keys first, as there).
  const all = periodsOf(input);
  // The one history record periodsOf leaves out (the period evaluated wins a clash) is checked too.
  if (history !== undefined && Object.prototype.propertyIsEnumerable.call(history, input.period) && !isRecord((history as Record<string, unknown>)[input.period])) return undefined;
  let text = `{\n  "contract": ${JSON.stringify(id)},\n  "periods": {`;
  let firstPeriod = true;
  for (const period of Object.keys(all)) {
    const record: unknown = all[period];
    if (!isObject(record)) return undefined;
    const values = new Map<string, RawValue>();
    text += `${firstPeriod ? '' : ','}\n    ${quote(period)}: {`;
    firstPeriod = false;
    let first = true;
    for (const key of Object.keys(record)) {
      const v = (record as Record<string, unknown>)[key];
      let source: string;
      let written: string;
      if (typeof v === 'number') {
        // Only finite numbers and strings are read without a located finding (as isRecord).
        if (!Number.isFinite(v)) return undefined;
        // JSON.stringify of a finite number is String(n) by definition (ToString), and V8's JSON
        // writer makes a double's digits about twice as fast as String() (docs/performance.md).
        // String() of an int32 is faster alone, yet measured slower here (month5): keep one path.
        source = JSON.stringify(v);
        written = source;
      } else if (typeof v === 'string') {
        source = v;
        written = JSON.stringify(v);
      } else return undefined;
      values.set(key, { value: v, source, span, keySpan: span });
      text += `${first ? '' : ','}\n      ${quote(key)}: ${written}`;
      first = false;
    }
    text += first ? '}' : '\n    }';
    periods.push({ period, record: values, span });
  }
  text += firstPeriod ? '}\n}\n' : '\n  }\n}\n';
  return { text, periods };
}

/** An object that is neither null nor an array (what a record and `history` must be). */
export function isObject(r: unknown): r is object {
  return typeof r === 'object' && r !== null && !Array.isArray(r);
}
