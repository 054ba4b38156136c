// Sources, reading large exports beside an engine: a file's bytes, chunk by chunk -> whether every
// line is plain enough that DuckDB's typed CSV read gives exactly the cells attain's reader gives
// (no quote, as many cells as the header, each number and date cell in one strict spelling, no
// row of blank-looking cells), and how many rows are blank. Anything else sends the file to
// attain's reader, which says what it is.

import type { ColumnType } from '../model.js';

/** How the cells of a column must be spelled for DuckDB's typed read to be attain's reading. */
export type CellShape = 'text' | 'date' | 'count' | 'number';

/** The shape of a declared column's cells (a column not declared, or text, is text). */
export function cellShape(type: ColumnType | undefined): CellShape {
  return type === undefined || type === 'text' ? 'text' : type === 'date' ? 'date' : type === 'count' ? 'count' : 'number';
}

export interface LinePlan {
  /** The delimiter's byte. */
  readonly delimiter: number;
  /** Per cell index (the header's width): how its cells must look. */
  readonly shapes: readonly CellShape[];
  /** Lines starting with these bytes are comments to attain. */
  readonly comment?: Buffer;
}

export interface LineCheck {
  /** Every line after the header is plain (see the file's header comment). */
  readonly plain: boolean;
  /** Lines of empty cells only (`,,,`): blank rows to attain, rows of nulls to DuckDB. */
  readonly blankRows: number;
  /** Empty lines after the header: blank rows to attain, passed over by DuckDB (while plain). */
  readonly emptyLines: number;
}

export interface LineChecker {
  feed(chunk: Buffer): void;
  /** False as soon as a line is not plain (the rest need not be fed). */
  plain(): boolean;
  finish(): LineCheck;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const DASH = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** A line carried from chunk to chunk beyond this is not plain (what is held for one line stays bounded). */
const MAX_LINE = 1 << 20;

const TEXT = 0;
const DATE = 1;
const COUNT = 2;
const NUMBER = 3;
const CODE: Readonly<Record<CellShape, number>> = { text: TEXT, date: DATE, count: COUNT, number: NUMBER };

const digit = (c: number | undefined): boolean => c !== undefined && c >= ZERO && c <= NINE;

/** `YYYY-MM-DD` from the year 1000 at `i`. */
function dateAt(b: Uint8Array, i: number): boolean {
  return b[i] !== ZERO && digit(b[i]) && digit(b[i + 1]) && digit(b[i + 2]) && digit(b[i + 3]) && b[i + 4] === DASH && digit(b[i + 5]) && digit(b[i + 6]) && b[i + 7] === DASH && digit(b[i + 8]) && digit(b[i + 9]);
}

// A number cell read and checked in one pass: forward from `i` (the line ends at `e`), returning
// where the cell ends (a delimiter or `e`), or backward from the cell's end `r` (not before `p`),
// returning the delimiter before it; -1 when the cell is not plain.

function numberEnd(b: Uint8Array, i: number, e: number, d: number): number {
  if (i < e && b[i] === DASH && !digit(b[++i])) return -1;
  const start = i;
  while (i < e && digit(b[i])) i++;
  if (i < e && b[i] === DOT) {
    const dot = i++;
    while (i < e && digit(b[i])) i++;
    if (dot === start || i - dot - 1 < 1 || i - dot - 1 > 6) return -1;
  }
  return i === e || b[i] === d ? i : -1;
}

function numberStart(b: Uint8Array, r: number, p: number, d: number): number {
  let i = r - 1;
  while (i >= p && digit(b[i])) i--;
  let digits = r - 1 - i;
  if (i >= p && b[i] === DOT) {
    if (digits < 1 || digits > 6) return -1;
    const dot = i--;
    while (i >= p && digit(b[i])) i--;
    digits = dot - 1 - i;
    if (digits < 1) return -1;
  }
  if (i >= p && b[i] === DASH) {
    if (digits < 1) return -1;
    i--;
  }
  return i >= p && b[i] === d ? i : -1;
}

/**
 * Whether `text` is a cell DuckDB's typed read takes as attain does. Empty is a null to both.
 * Dates: `YYYY-MM-DD` from the year 1000 (DuckDB also reads `2026-1-5`, `26-01-05`, `2026-01-05x`;
 * its calendar check refuses `2026-02-30`, and the query fails). Counts: digits only (no sign, no
 * `.`: DuckDB rounds `5.5`). Numbers: `-?D+(.D{1,6})?` (DuckDB also reads `1e5`, `1_000` and ` 5`,
 * and rounds a seventh decimal into DECIMAL(18,6)). Text: anything.
 */
export function plainCell(shape: CellShape, text: string): boolean {
  const checker = lineChecker({ delimiter: -1, shapes: [shape] });
  checker.feed(Buffer.from(`h\n${text}`));
  return checker.finish().plain;
}

/** The longest run of text cells [start, end): cells before it are read forward, after it backward. */
function textRun(shapes: Uint8Array): [number, number] {
  let best: [number, number] = [shapes.length, shapes.length];
  for (let i = 0; i < shapes.length; ) {
    if (shapes[i] !== TEXT) {
      i++;
      continue;
    }
    let j = i;
    while (j < shapes.length && shapes[j] === TEXT) j++;
    if (j - i > best[1] - best[0]) best = [i, j];
    i = j;
  }
  return best;
}

/** A checker fed the whole file, header first, in order. */
export function lineChecker(plan: LinePlan): LineChecker {
  const d = plan.delimiter;
  const shapes = Uint8Array.from(plan.shapes, (s) => CODE[s]);
  const width = shapes.length;
  const [gapStart, gapEnd] = textRun(shapes);
  const comment = plan.comment;
  let plain = width > 0;
  let blankRows = 0;
  let emptyLines = 0;
  let header = true;
  // The last chunk ended in `\r`: a `\n` starting this one is the rest of that break.
  let afterCr = false;
  let carry: Buffer | undefined;

  /** One line [s, e) without its break; false when it is not plain. */
  const line = (b: Buffer, s: number, e: number): boolean => {
    if (s === e) {
      // An empty line: DuckDB passes over it, attain counts it as a blank row.
      emptyLines++;
      return true;
    }
    if (comment !== undefined && startsWith(b, s, e, comment)) return false;
    if (e - s === width - 1) {
      let k = s;
      while (k < e && b[k] === d) k++;
      if (k === e) {
        blankRows++;
        return true;
      }
    }
    // Cells before the text run, forward; each ends at a delimiter or, the last one, at the end.
    // (The scanners are written out here, not called: this runs for every line of a large file.)
    let p = s;
    // Whether a number or date cell holds something (else the text cells decide: a row of blank
    // text cells is a blank row to attain, which trims them, and a row to DuckDB).
    let filled = false;
    for (let c = 0; c < gapStart; c++) {
      const shape = shapes[c] as number;
      let i = p;
      if (shape === TEXT) {
        while (i < e && b[i] !== d) i++;
      } else if (shape === COUNT) {
        while (i < e && (b[i] as number) - ZERO >>> 0 < 10) i++;
      } else if (shape === DATE) {
        if (i < e && b[i] !== d) {
          if (e - i < 10 || !dateAt(b, i)) return false;
          i += 10;
        }
      } else {
        i = numberEnd(b, i, e, d);
        if (i < 0) return false;
      }
      if (i < e && b[i] !== d) return false;
      if (shape !== TEXT && i > p) filled = true;
      if (c === width - 1) return i === e;
      if (i === e) return false;
      p = i + 1;
    }
    // Cells after it, backward; each starts after a delimiter at or after p.
    let r = e;
    for (let c = width - 1; c >= gapEnd; c--) {
      const shape = shapes[c] as number;
      let i = r - 1;
      if (shape === TEXT) {
        while (i >= p && b[i] !== d) i--;
      } else if (shape === COUNT) {
        while (i >= p && (b[i] as number) - ZERO >>> 0 < 10) i--;
      } else if (shape === DATE) {
        if (i >= p && b[i] !== d) {
          if (i - 10 < p || !dateAt(b, i - 9)) return false;
          i -= 10;
        }
      } else {
        i = numberStart(b, r, p, d);
      }
      if (i < p || b[i] !== d) return false;
      if (shape !== TEXT && r - i > 1) filled = true;
      r = i;
    }
    // The text run between: exactly as many delimiters as it has cells less one.
    let delimiters = 0;
    for (let k = p; k < r; k++) if (b[k] === d) delimiters++;
    return delimiters === gapEnd - gapStart - 1 && (filled || visible(b, s, e, d));
  };

  /** Lines of `b` from `s` that end in it; returns where the unfinished last line starts. */
  const lines = (b: Buffer, s: number): number => {
    let lf = b.indexOf(LF, s);
    let cr = b.indexOf(CR, s);
    for (;;) {
      if (lf >= 0 && lf < s) lf = b.indexOf(LF, s);
      if (cr >= 0 && cr < s) cr = b.indexOf(CR, s);
      const e = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (e < 0) return s;
      if (!line(b, s, e)) {
        plain = false;
        return b.length;
      }
      s = next(b, e);
    }
  };

  /** Where the next line starts after the break at `e` (`\r\n` is one break, across chunks too). */
  const next = (b: Buffer, e: number): number => {
    if (b[e] === CR && e === b.length - 1) afterCr = true;
    return b[e] === CR && b[e + 1] === LF ? e + 2 : e + 1;
  };

  /** Keep the unfinished line [from, end) of `b` for the next chunk. */
  const keep = (b: Buffer, from: number): void => {
    if (from >= b.length) return;
    if (b.length - from > MAX_LINE) plain = false;
    else carry = Buffer.from(b.subarray(from));
  };

  return {
    feed(chunk: Buffer): void {
      if (!plain || chunk.length === 0) return;
      let b = chunk;
      let s = 0;
      if (afterCr) {
        afterCr = false;
        if (b[0] === LF) s = 1;
      }
      if (header) {
        // The header line (rarely longer than a chunk) is not looked at.
        if (carry !== undefined) b = Buffer.concat([carry, chunk]);
        carry = undefined;
        const h = firstBreak(b, 0);
        if (h < 0) return keep(b, 0);
        header = false;
        s = next(b, h);
      }
      // A quote: a quoted cell may hold delimiters and breaks (attain reads such files).
      if (b.indexOf(QUOTE, s) >= 0) {
        plain = false;
        return;
      }
      if (carry !== undefined) {
        // The line begun in the chunk before (its bytes were looked at for quotes there).
        const br = firstBreak(b, 0);
        const joined = Buffer.concat([carry, br < 0 ? b : b.subarray(0, br)]);
        carry = undefined;
        if (br < 0) return keep(joined, 0);
        if (!line(joined, 0, joined.length)) {
          plain = false;
          return;
        }
        s = next(b, br);
      }
      keep(b, lines(b, s));
    },
    plain: () => plain,
    finish(): LineCheck {
      // The last line, without a break after it.
      if (plain && carry !== undefined && !header && !line(carry, 0, carry.length)) plain = false;
      carry = undefined;
      return { plain, blankRows, emptyLines };
    },
  };
}

/**
 * Whether a line holds a byte JavaScript's trim keeps (not a delimiter, not an ASCII blank, not
 * part of a non-ASCII character, which may be a Unicode blank): false sends a line of blank-looking
 * cells to attain's reader.
 */
function visible(b: Buffer, s: number, e: number, d: number): boolean {
  for (let k = s; k < e; k++) {
    const c = b[k] as number;
    if (c !== d && c !== 0x20 && (c < 0x09 || c > 0x0d) && c < 0x80) return true;
  }
  return false;
}

function startsWith(b: Buffer, s: number, e: number, prefix: Buffer): boolean {
  if (e - s < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (b[s + k] !== prefix[k]) return false;
  return true;
}

function firstBreak(b: Buffer, from: number): number {
  const lf = b.indexOf(LF, from);
  const cr = b.indexOf(CR, from);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}
