// Sources, text exports: one CSV/TSV/TXT file of a source -> typed data rows handed to a sink,
// with every skipped row counted by reason. Comment and preamble lines, totals rows, blank lines
// and later tables are skipped; the header maps to the source's columns; each needed cell is read
// exactly (read/cells.ts), and a cell that cannot be read is E095 at its line and column.
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic, Span } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { ColumnDecl, SourceDecl } from '../model.js';
import { readCell, readDate, type CellValue, type NumberStyle } from './cells.js';
import { detectDelimiter, scanDelimited, type Cell, type Row } from './delimited.js';

/** Why rows were not data. */
export type SkipReason = 'preamble' | 'comment' | 'blank' | 'totals' | 'other-table';

/** One data row: the needed columns' values, its date and the raw contract cell. */
export interface DataRow {
  readonly line: number;
  /** YYYY-MM-DD, or undefined when the row has no date. */
  readonly date?: string;
  /** Raw contract text from the contract column (undefined for path/value rules). */
  readonly contract?: string;
  readonly values: ReadonlyMap<string, CellValue>;
  /** Per money column read with a per-row currency: that currency. */
  readonly currencies?: ReadonlyMap<string, string>;
}

export interface FileRead {
  readonly skipped: Map<SkipReason, number>;
  readonly rows: number;
  /** Money columns whose currency the header states: column -> { currency, span }. */
  readonly headerCurrency: ReadonlyMap<string, { currency: string; span: Span }>;
  /** Span of the header line, for findings about the file as a whole. */
  readonly headerSpan?: Span;
}

/** Most findings reported for one file; past that, one more finding says how many more there are. */
export const MAX_FINDINGS = 20;

function lower(s: string): string {
  return s.trim().toLowerCase();
}

/** Match a header cell against a column's `from` texts (`{currency}` captures an ISO code). */
export function matchHeader(column: ColumnDecl, header: string): { currency?: string } | undefined {
  for (const f of column.from) {
    if (!f.includes('{currency}')) {
      if (lower(f) === lower(header)) return {};
      continue;
    }
    const [before = '', after = ''] = f.split('{currency}');
    const h = header.trim();
    if (lower(h).startsWith(lower(before)) && lower(h).endsWith(lower(after))) {
      const code = h.slice(before.length, h.length - after.length);
      if (/^[A-Z]{3}$/.test(code)) return { currency: code };
    }
  }
  return undefined;
}

/** Physical lines before the header: preamble lines, comments and blanks (for delimiter detection). */
function headerLineText(text: string, source: SourceDecl): string {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const comment = source.format.comment;
  for (let i = source.format.skipLines; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '' || (comment !== undefined && l.startsWith(comment))) continue;
    return l;
  }
  return '';
}

/** `# Start date: 20261001` (GA4): the report's first day. */
function startDateOf(line: string): string | undefined {
  const m = /^#\s*(?:Start date|Дата начала|Date de début)\s*:\s*(\d{8})\s*$/i.exec(line.trim());
  return m?.[1] === undefined ? undefined : readDate(m[1], 'YYYYMMDD');
}

function isTotals(first: string, source: SourceDecl): boolean {
  const f = source.format;
  const t = lower(first);
  if (f.totals.some((x) => lower(x) === t)) return true;
  if (f.totalsPrefixes.some((p) => t.startsWith(lower(p)))) return true;
  return f.totalsPattern !== undefined && f.totalsPattern.test(first);
}

/** A piece of a file's text that ends at a row boundary, with its place in the file. */
export interface TextPiece {
  readonly text: string;
  /** Offset of the piece's first character in the file's text. */
  readonly offset: number;
  /** Line of the piece's first character (1-based). */
  readonly line: number;
}

/**
 * Read one text file of a source. `needed` are the columns the run aggregates or filters on (the
 * contract and date columns included). Findings go to `diagnostics`; rows to `sink`.
 */
export function readTextSource(
  file: SourceFile,
  source: SourceDecl,
  needed: ReadonlySet<string>,
  sink: (row: DataRow) => void,
  diagnostics: Diagnostic[],
): FileRead {
  return readTextPieces(file.path, [{ text: file.text, offset: 0, line: 1 }], source, needed, sink, diagnostics);
}

/**
 * readTextSource over a file read in pieces (run.ts streams large exports in chunks, so a file is
 * never held whole): spans are offsets in the whole file, as if it had been read at once.
 */
export function readTextPieces(
  path: string,
  pieces: Iterable<TextPiece>,
  source: SourceDecl,
  needed: ReadonlySet<string>,
  sink: (row: DataRow) => void,
  diagnostics: Diagnostic[],
): FileRead {
  const file = { path };
  const format = source.format;
  let delimiter = format.delimiter;
  const skipped = new Map<SkipReason, number>();
  const skip = (r: SkipReason): void => {
    skipped.set(r, (skipped.get(r) ?? 0) + 1);
  };
  const headerCurrency = new Map<string, { currency: string; span: Span }>();
  const span = (c: { start: number; end: number }): Span => ({ file: file.path, start: c.start, end: c.end });
  let header: Map<string, number> | undefined;
  let headerSpan: Span | undefined;
  let width = 0;
  let startDate: string | undefined;
  let rows = 0;
  let ended = false;
  let findings = 0;
  const report = (d: Diagnostic): void => {
    findings++;
    if (findings <= MAX_FINDINGS) diagnostics.push(d);
  };
  for (const piece of pieces) {
    // The delimiter is detected from the header line, in the first piece (which holds the header).
    delimiter ??= detectDelimiter(headerLineText(piece.text.slice(0, 1 << 20), source));
    for (const row of scanDelimited(piece.text, delimiter, piece.offset, piece.line)) {
      if (ended) {
        skip('other-table');
        continue;
      }
      if (row.line <= format.skipLines) {
        skip('preamble');
        continue;
      }
      const first = row.cells[0]?.text ?? '';
      if (row.cells.length === 0 || row.cells.every((c) => c.text === '')) {
        if (header !== undefined && rows > 0 && format.firstTableOnly) ended = true;
        else skip('blank');
        continue;
      }
      const at = row.start - piece.offset;
      if (format.comment !== undefined && piece.text.startsWith(format.comment, at + (row.start === 0 && piece.text.charCodeAt(0) === 0xfeff ? 1 : 0))) {
        if (format.startDateComment) startDate ??= startDateOf(piece.text.slice(at, row.end - piece.offset));
        skip('comment');
        continue;
      }
      if (header === undefined) {
        headerSpan = span(row);
        width = row.cells.length;
        header = mapHeader(file, source, row, needed, headerCurrency, diagnostics, startDate);
        if (header === undefined) return { skipped, rows, headerCurrency, headerSpan };
        continue;
      }
      if (isTotals(first, source)) {
        skip('totals');
        continue;
      }
      if (row.cells.length !== width) {
        if (format.firstTableOnly && rows > 0) {
          // A new table without a blank line in between (a GA4 export's second table).
          ended = true;
          skip('other-table');
          continue;
        }
        report(diag('E095', span(row), { reason: `row has ${row.cells.length} cells but the header has ${width}` }));
        continue;
      }
      const read = readRow(file, source, header, row, startDate, report);
      if (read === undefined) continue;
      rows++;
      sink(read);
    }
  }
  if (header === undefined) {
    diagnostics.push(diag('E096', { file: file.path, start: 0, end: 0 }, { reason: `${file.path} has no header row` }));
  }
  if (findings > MAX_FINDINGS) {
    diagnostics.push(diag('E095', headerSpan ?? { file: file.path, start: 0, end: 0 }, { reason: `${findings - MAX_FINDINGS} more cells of ${file.path} cannot be read` }));
  }
  return { skipped, rows, headerCurrency, ...(headerSpan === undefined ? {} : { headerSpan }) };
}

/** A file's header when it is the first line (after a BOM): what an engine needs to read the rest. */
export interface TextHeader {
  readonly delimiter: string;
  /** Cells per row. */
  readonly width: number;
  /** Source column name -> cell index (every column the header has, needed or not). */
  readonly columns: ReadonlyMap<string, number>;
  readonly headerCurrency: ReadonlyMap<string, { currency: string; span: Span }>;
  readonly headerSpan: Span;
}

/**
 * The header of a text export whose first line is its header (no preamble, comment or blank line
 * before it) and maps without findings; undefined otherwise (the file is then read row by row,
 * which reports what is wrong). `start` is the file's first text (1 MiB is plenty).
 */
export function readTextHeader(path: string, start: string, source: SourceDecl, needed: ReadonlySet<string>): TextHeader | undefined {
  const format = source.format;
  if (format.skipLines > 0) return undefined;
  const delimiter = format.delimiter ?? detectDelimiter(headerLineText(start, source));
  const first = scanDelimited(start, delimiter).next();
  if (first.done === true) return undefined;
  const row = first.value;
  // The row must end inside `start` (a line break follows it), and be a header, not a blank or comment.
  const after = start.charCodeAt(row.end);
  if (after !== 10 && after !== 13) return undefined;
  if (row.cells.length === 0 || row.cells.every((c) => c.text === '')) return undefined;
  const textStart = start.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (format.comment !== undefined && start.startsWith(format.comment, textStart)) return undefined;
  const headerCurrency = new Map<string, { currency: string; span: Span }>();
  const findings: Diagnostic[] = [];
  const columns = mapHeader({ path }, source, row, needed, headerCurrency, findings);
  if (columns === undefined || findings.length > 0) return undefined;
  return { delimiter, width: row.cells.length, columns, headerCurrency, headerSpan: { file: path, start: row.start, end: row.end } };
}

function mapHeader(
  file: { readonly path: string },
  source: SourceDecl,
  row: Row,
  needed: ReadonlySet<string>,
  headerCurrency: Map<string, { currency: string; span: Span }>,
  diagnostics: Diagnostic[],
  startDate?: string,
): Map<string, number> | undefined {
  const header = new Map<string, number>();
  for (const column of source.columns.values()) {
    const index = row.cells.findIndex((c) => matchHeader(column, c.text) !== undefined);
    if (index < 0) continue;
    header.set(column.name, index);
    const cell = row.cells[index] as Cell;
    const currency = matchHeader(column, cell.text)?.currency ?? (column.type === 'money' ? /\(([A-Z]{3})\)\s*$/.exec(cell.text)?.[1] : undefined);
    if (currency !== undefined) headerCurrency.set(column.name, { currency, span: { file: file.path, start: cell.start, end: cell.end } });
  }
  const rowSpan: Span = { file: file.path, start: row.start, end: row.end };
  let ok = true;
  for (const column of source.columns.values()) {
    if (header.has(column.name)) continue;
    // Declared columns must all be there; a preset's only when this run needs them.
    if (!source.declared && !needed.has(column.name)) continue;
    // SPEC 9 (ga4): `# Start date: 20261001` gives the date when the table has no date column.
    if (startDate !== undefined && column.name === source.date?.value) continue;
    const texts = column.from.map((f) => `"${f}"`).join(' or ');
    diagnostics.push(diag('E096', rowSpan, { reason: `column "${column.name}" (header ${texts}) is absent from the header of ${file.path}` }, { hint: `the header has: ${row.cells.map((c) => c.text).join(', ')}` }));
    ok = false;
  }
  return ok ? header : undefined;
}

/**
 * One row's cells -> a DataRow (undefined when a cell cannot be read: E095 at the cell). `header`
 * maps column names to cell indexes; `styleOf` overrides the file's number style for a cell (a
 * JSON number is always written with `.`).
 */
export function readRow(
  file: { readonly path: string },
  source: SourceDecl,
  header: ReadonlyMap<string, number>,
  row: Row,
  startDate: string | undefined,
  report: (d: Diagnostic) => void,
  styleOf?: (index: number) => NumberStyle | undefined,
): DataRow | undefined {
  const values = new Map<string, CellValue>();
  let currencies: Map<string, string> | undefined;
  let bad = false;
  for (const [name, index] of header) {
    const column = source.columns.get(name) as ColumnDecl;
    const cell = row.cells[index] as Cell;
    const r = readCell(cell.text, column, styleOf?.(index) ?? source.format, source.format.noValue, source.timezone?.value);
    const at: Span = { file: file.path, start: cell.start, end: cell.end };
    if (r.problem !== undefined) {
      bad = true;
      const hint = r.ambiguousPercent === true ? `write ${cell.text}% in the file, or declare how the column writes percents: percent: units (18.2 is 18.2%) or percent: fraction (0.182 is 18.2%)` : undefined;
      // The column is named once: some problems name it already ("column "visits" is a count").
      const reason = r.problem.includes(`column "${name}"`) ? r.problem : `${r.problem} (column "${name}")`;
      report(diag('E095', at, { reason }, hint === undefined ? {} : { hint }));
      continue;
    }
    if (r.value !== undefined) values.set(name, r.value);
    if (column.currencyColumn !== undefined) {
      const ci = header.get(column.currencyColumn);
      const code = ci === undefined ? undefined : row.cells[ci]?.text.trim();
      if (code !== undefined && code !== '') (currencies ??= new Map()).set(name, code);
    }
  }
  if (bad) return undefined;
  const dateColumn = source.date?.value;
  const dateValue = dateColumn === undefined ? undefined : values.get(dateColumn);
  const date = dateValue?.kind === 'text' ? dateValue.value : startDate;
  const contractColumn = source.contract.kind === 'column' ? source.contract.column : undefined;
  const contractValue = contractColumn === undefined ? undefined : values.get(contractColumn);
  return {
    line: row.line,
    ...(date === undefined ? {} : { date }),
    ...(contractValue === undefined ? {} : { contract: contractValue.kind === 'text' ? contractValue.value : '' }),
    values,
    ...(currencies === undefined ? {} : { currencies }),
  };
}
