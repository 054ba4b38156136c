// Sources, text exports: file text -> rows of cells for any delimiter, each cell with its file
// offsets and each row with its 1-based line. Blank lines are rows without cells (GA4 separates
// its tables with them). RFC 4180 quoting; `\n`, `\r\n`, `\r`; a BOM is skipped.

export interface Cell {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Row {
  readonly cells: readonly Cell[];
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Every row of `text`. `offset` and `firstLine` place a piece of a larger file (read in chunks
 * that end at a row boundary): offsets and lines are the file's.
 */
export function* scanDelimited(text: string, delimiter: string, offset = 0, firstLine = 1): Generator<Row> {
  const d = delimiter.charCodeAt(0);
  let i = offset === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  const n = text.length;
  while (i < n) {
    const rowStart = i;
    const rowLine = line;
    const cells: Cell[] = [];
    let lineEnd = false;
    if (text.charCodeAt(i) === CR || text.charCodeAt(i) === LF) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      yield { cells, line: rowLine, start: rowStart + offset, end: rowStart + offset };
      continue;
    }
    while (!lineEnd) {
      if (text.charCodeAt(i) === QUOTE) {
        const start = i + 1;
        let j = start;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            value += text.slice(j);
            j = n;
            break;
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        for (let k = start; k < j; k++) if (text.charCodeAt(k) === LF || (text.charCodeAt(k) === CR && text.charCodeAt(k + 1) !== LF)) line++;
        cells.push({ text: value, start: start + offset, end: Math.max(start, j - 1) + offset });
        i = j;
        // Anything up to the delimiter after a closing quote is kept as written.
        while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
      } else {
        let j = i;
        while (j < n && text.charCodeAt(j) !== d && text.charCodeAt(j) !== CR && text.charCodeAt(j) !== LF) j++;
        // Trim only when an end may be blank (not printable ASCII): one string per cell, not three.
        const first = text.charCodeAt(i);
        const last = text.charCodeAt(j - 1);
        if (j > i && first > 32 && first < 127 && last > 32 && last < 127) {
          cells.push({ text: text.slice(i, j), start: i + offset, end: j + offset });
        } else {
          const raw = text.slice(i, j);
          const lead = raw.length - raw.trimStart().length;
          const trimmed = raw.trim();
          cells.push({ text: trimmed, start: i + lead + offset, end: i + lead + trimmed.length + offset });
        }
        i = j;
      }
      if (i < n && text.charCodeAt(i) === d) {
        // A delimiter ending the text: the next pass reads the empty last cell, once.
        i++;
        continue;
      }
      lineEnd = true;
    }
    const end = i;
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    yield { cells, line: rowLine, start: rowStart + offset, end: end + offset };
  }
}

/** Delimiters detected from a header line, in order of preference on a tie. */
const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter a header line uses most (outside quotes); `,` when none appears. */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const c of CANDIDATES) {
    const count = unquoted.split(c).length - 1;
    if (count > most) {
      best = c;
      most = count;
    }
  }
  return best;
}
