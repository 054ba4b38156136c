// Data stage support: CSV text -> rows of cells, each cell with its exact UTF-16 span in the file.
// Input: file text; output: CsvRow[] or the first syntax problem (offset + reason).
//
// Why not csv-parse: its `info`/`raw` options report per-record line numbers and UTF-8 byte counts,
// not per-cell UTF-16 offsets, and with `\r\n` files its `raw` text drops the `\n`, so spans rebuilt
// from it drift. Diagnostics must point at the cell, so this small RFC 4180 scanner tracks offsets
// itself. It accepts `\n`, `\r\n` and `\r` line breaks, `""` inside quoted cells, quoted line breaks.

/** One cell: its value (quotes removed, `""` unescaped; unquoted cells trimmed) and its span. */
export interface CsvCell {
  readonly text: string;
  /** The cell's source text (with its quotes when quoted). */
  readonly source: string;
  /** File offsets of the cell's content [start, end); unquoted cells without surrounding blanks. */
  readonly start: number;
  readonly end: number;
}

export interface CsvRow {
  readonly cells: readonly CsvCell[];
  /** Offsets of the whole row (first cell start to last cell end). */
  readonly start: number;
  readonly end: number;
}

export interface CsvProblem {
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export type CsvScan = { readonly rows: readonly CsvRow[] } | { readonly problem: CsvProblem };

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

function isBreak(c: number): boolean {
  return c === CR || c === LF;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

/** Split CSV text into rows; blank lines are skipped. A leading BOM is ignored. */
export function scanCsv(text: string): CsvScan {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cells: CsvCell[] = [];
  while (i <= text.length) {
    const q = skipBlanks(text, i);
    const cell = text.charCodeAt(q) === QUOTE ? scanQuoted(text, q) : scanPlain(text, i);
    if ('problem' in cell) return cell;
    cells.push(cell.cell);
    i = cell.next;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of row: a line break or the end of the text.
    if (!(cells.length === 1 && cells[0]?.source.trim() === '')) {
      const first = cells[0] as CsvCell;
      const last = cells[cells.length - 1] as CsvCell;
      rows.push({ cells, start: first.start, end: last.end });
    }
    cells = [];
    if (i >= text.length) break;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= text.length) break;
  }
  return { rows };
}

type CellScan = { readonly cell: CsvCell; readonly next: number } | { readonly problem: CsvProblem };

function scanPlain(text: string, from: number): CellScan {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || isBreak(c)) break;
    if (c === QUOTE) {
      return { problem: { start: i, end: i + 1, reason: 'a quote inside an unquoted cell (quote the whole cell and double inner quotes)' } };
    }
    i++;
  }
  const source = text.slice(from, i);
  const lead = source.length - source.trimStart().length;
  const trimmed = source.trim();
  const start = trimmed === '' ? from : from + lead;
  return { cell: { text: trimmed, source: trimmed, start, end: start + trimmed.length }, next: i };
}

function scanQuoted(text: string, from: number): CellScan {
  let i = from + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) return { problem: { start: from, end: from + 1, reason: 'quoted cell is never closed' } };
    value += text.slice(i, close);
    if (text.charCodeAt(close + 1) === QUOTE) {
      value += '"';
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  const end = i;
  // Blanks after the closing quote are tolerated; anything else is not.
  i = skipBlanks(text, i);
  if (i < text.length && text.charCodeAt(i) !== COMMA && !isBreak(text.charCodeAt(i))) {
    return { problem: { start: i, end: i + 1, reason: 'unexpected text after a quoted cell' } };
  }
  return { cell: { text: value, source: text.slice(from, end), start: from, end }, next: i };
}
