// Sources, JSON exports: one .json (an array of row objects) or .jsonl (one object a line) file of
// a source -> typed data rows handed to a sink, as text-source.ts does for CSV. Keys are matched to
// columns like header cells; numbers are read from their text; every bad row is E095 at its place.
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic, Span } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { ColumnDecl, SourceDecl } from '../model.js';
import type { NumberStyle } from './cells.js';
import type { Cell } from './delimited.js';
import { jsonNumberText, MAX_JSON_DIGITS, scanJsonArray, scanJsonLines, type JsonItem, type JsonRow } from './json-rows.js';
import { MAX_FINDINGS, matchHeader, readRow, type DataRow, type FileRead, type SkipReason } from './text-source.js';

/** JSON numbers are written with `.` and no grouping, whatever the source's `format:` says. */
const JSON_NUMBER: NumberStyle = { decimal: '.', thousands: '' };

/** A key's column (and the currency its text states), or null when no column reads it. */
type KeyMatch = { readonly column: ColumnDecl; readonly currency?: string } | null;

/**
 * Read one JSON or JSONL file of a source. `lines`: JSONL. `needed` are the columns the run
 * aggregates or filters on; they (and every declared column) must be a key of each row.
 */
export function readJsonSource(
  file: SourceFile,
  source: SourceDecl,
  needed: ReadonlySet<string>,
  sink: (row: DataRow) => void,
  diagnostics: Diagnostic[],
  lines: boolean,
): FileRead {
  const skipped = new Map<SkipReason, number>();
  const headerCurrency = new Map<string, { currency: string; span: Span }>();
  const span = (start: number, end: number): Span => ({ file: file.path, start, end });
  const required = [...source.columns.values()].filter((c) => source.declared || needed.has(c.name));
  const keys = new Map<string, KeyMatch>();
  const matchKey = (key: string): KeyMatch => {
    let m = keys.get(key);
    if (m === undefined) {
      m = null;
      for (const column of source.columns.values()) {
        const hit = matchHeader(column, key);
        if (hit === undefined) continue;
        const currency = hit.currency ?? (column.type === 'money' ? /\(([A-Z]{3})\)\s*$/.exec(key)?.[1] : undefined);
        m = { column, ...(currency === undefined ? {} : { currency }) };
        break;
      }
      keys.set(key, m);
    }
    return m;
  };
  let findings = 0;
  const report = (d: Diagnostic): void => {
    findings++;
    if (findings <= MAX_FINDINGS) diagnostics.push(d);
  };
  let rows = 0;
  let index = 0;
  let headerSpan: Span | undefined;
  const items: Iterable<JsonItem | { readonly kind: 'blank' }> = lines ? scanJsonLines(file.text) : scanJsonArray(file.text);
  for (const item of items) {
    if (item.kind === 'blank') {
      skipped.set('blank', (skipped.get('blank') ?? 0) + 1);
      continue;
    }
    if (item.kind === 'error') {
      // A syntax error is the file's (E096), like a missing header: its rows cannot be trusted.
      diagnostics.push(diag('E096', span(item.at, Math.min(item.at + 1, file.text.length)), { reason: `${file.path} is not valid JSON${lines ? ' Lines' : ''}: ${item.message}` }, lines ? { hint: 'a .jsonl file holds one JSON object per line' } : {}));
      continue;
    }
    index++;
    if (item.kind === 'not-object') {
      report(diag('E095', span(item.start, item.end), { reason: `${lines ? 'this line' : `element ${index} of the array`} is ${item.what}, not a row object ({"column": value, ...})` }));
      continue;
    }
    const row = item.row;
    headerSpan ??= span(row.start, row.start + 1);
    const read = rowOf(file, source, row, required, matchKey, headerCurrency, report);
    if (read === undefined) continue;
    rows++;
    sink(read);
  }
  if (findings > MAX_FINDINGS) {
    diagnostics.push(diag('E095', headerSpan ?? span(0, 0), { reason: `${findings - MAX_FINDINGS} more rows of ${file.path} cannot be read` }));
  }
  return { skipped, rows, headerCurrency, ...(headerSpan === undefined ? {} : { headerSpan }) };
}

/** A row object -> the cells of its columns, checked (duplicates, missing keys, nesting, size) and read. */
function rowOf(
  file: SourceFile,
  source: SourceDecl,
  row: JsonRow,
  required: readonly ColumnDecl[],
  matchKey: (key: string) => KeyMatch,
  headerCurrency: Map<string, { currency: string; span: Span }>,
  report: (d: Diagnostic) => void,
): DataRow | undefined {
  const at = (start: number, end: number): Span => ({ file: file.path, start, end });
  if (row.duplicate !== undefined) {
    report(diag('E095', at(row.duplicate.start, row.duplicate.end), { reason: `the key ${JSON.stringify(row.duplicate.key)} appears twice in this row` }));
    return undefined;
  }
  const header = new Map<string, number>();
  const cells: Cell[] = [];
  const numbers = new Set<number>();
  let bad = false;
  for (const [key, v] of row.entries) {
    const m = matchKey(key);
    if (m === null || header.has(m.column.name)) continue;
    if (m.currency !== undefined && !headerCurrency.has(m.column.name)) headerCurrency.set(m.column.name, { currency: m.currency, span: at(v.keyStart, v.keyEnd) });
    if (v.kind === 'nested') {
      report(diag('E095', at(v.start, v.end), { reason: `${JSON.stringify(key)} holds an ${v.text}; column "${m.column.name}" needs a single value (a string, a number or null)` }));
      bad = true;
      continue;
    }
    let text = v.kind === 'null' ? '' : v.text;
    if (v.kind === 'number') {
      const plain = jsonNumberText(v.text);
      if (plain === undefined) {
        report(diag('E095', at(v.start, v.end), { reason: `the number ${v.text.length > 40 ? `${v.text.slice(0, 40)}...` : v.text} is too large to read (more than ${MAX_JSON_DIGITS} digits written out; column "${m.column.name}")` }));
        bad = true;
        continue;
      }
      text = plain;
      numbers.add(cells.length);
    }
    header.set(m.column.name, cells.length);
    // A string's span is inside its quotes, so a caret lands on the text itself.
    cells.push(v.kind === 'string' ? { text, start: v.start + 1, end: Math.max(v.start + 1, v.end - 1) } : { text, start: v.start, end: v.end });
  }
  for (const column of required) {
    if (header.has(column.name) || bad) continue;
    const texts = column.from.map((f) => JSON.stringify(f)).join(' or ');
    report(diag('E095', at(row.start, row.start + 1), { reason: `this row has no key ${texts} (column "${column.name}")` }, { hint: `its keys are: ${[...row.entries.keys()].join(', ') || '(none)'}; write null for a missing value` }));
    bad = true;
    break;
  }
  if (bad) return undefined;
  return readRow(file, source, header, { cells, line: row.line, start: row.start, end: row.end }, undefined, report, (i) => (numbers.has(i) ? JSON_NUMBER : undefined));
}
