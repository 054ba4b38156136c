// Sources, SQL: one query that has DuckDB read and aggregate a large CSV/TSV export exactly as
// attain's own reader would, or fail. Cells are read as text and CAST to DECIMAL or DATE (never a
// DOUBLE): a cell the cast refuses fails the query. Cells the cast would read otherwise than
// attain (an exponent or `_`, more decimals than the cast keeps, a date not written YYYY-MM-DD, a
// negative or fractional count, a percent without its representation) are counted. The
// caller reads the file row by row, and reports where, when the query fails or counts any.
import type { Aggregate, ColumnDecl, SourceDecl } from '../model.js';
import type { TextHeader } from '../read/text-source.js';
import { sqlString } from './dialect.js';
import { DUCKDB } from './duckdb.js';
import { neededColumns } from '../run-support.js';
import { buildQuery, type AggregateParts } from './query.js';

/** Decimal places numbers are cast with: DECIMAL(18,6) holds up to 10^12 exactly. */
export const TEXT_SCALE = 6;

export interface TextQuery {
  readonly sql: string;
  readonly params: readonly string[];
  readonly parts: readonly AggregateParts[];
  /** Per `where` text column: the result column listing its distinct values per group. */
  readonly texts: ReadonlyMap<string, string>;
}

/** Whether DuckDB can read this source's text exports for these aggregates as attain does. */
export function textEligible(source: SourceDecl, aggregates: readonly Aggregate[]): boolean {
  const f = source.format;
  if (f.skipLines > 0 || f.firstTableOnly || f.startDateComment) return false;
  // Totals rows (a preset's, or a `totals:` pattern) are left to attain's reader.
  if (f.totals.length > 0 || f.totalsPrefixes.length > 0 || f.totalsPattern !== undefined) return false;
  if (f.decimal === ',' || f.thousands !== '' || source.timezone !== undefined) return false;
  if (source.date === undefined || source.columns.get(source.date.value)?.type !== 'date') return false;
  for (const c of source.columns.values()) {
    if (c.values !== undefined || c.currencyColumn !== undefined) return false;
    if (c.type === 'date' && c.dateFormat !== undefined && c.dateFormat !== 'YYYY-MM-DD') return false;
  }
  // first/last follow the file's row order; distinct counts of text need attain's trimming.
  return aggregates.every((a) => a.fn !== 'first' && a.fn !== 'last' && (a.fn !== 'count_distinct' || isNumeric(source.columns.get(a.column ?? ''))));
}

function isNumeric(c: ColumnDecl | undefined): boolean {
  return c !== undefined && c.type !== 'text' && c.type !== 'date';
}

const q = (name: string): string => DUCKDB.ident(name);

/** The query over one file whose header `header` read (columns by cell index). */
export function buildTextQuery(source: SourceDecl, aggregates: readonly Aggregate[], path: string, header: TextHeader, textColumns: readonly string[], careful: boolean): TextQuery {
  const raw = (i: number): string => `c${i}`;
  const types = Array.from({ length: header.width }, (_, i) => `'${raw(i)}': 'VARCHAR'`).join(', ');
  const reader = `read_csv(${sqlString(path)}, header = true, delim = ${sqlString(header.delimiter)}, quote = '"', escape = '"', auto_detect = false, strict_mode = true, null_padding = false, columns = {${types}})`;
  const inner: string[] = [];
  const odd: string[] = [];
  const numbers: string[] = [];
  const counts: string[] = [];
  for (const [name, i] of header.columns) {
    const c = source.columns.get(name) as ColumnDecl;
    if (c.type === 'text') {
      inner.push(`${raw(i)} AS ${q(name)}`);
    } else if (c.type === 'date') {
      inner.push(`CAST(${raw(i)} AS DATE) AS ${q(name)}`);
      // DuckDB also reads `2026-1-5`, `26-01-05`, `2026-01-05x` and the year 0.
      odd.push(`${raw(i)} NOT LIKE '____-__-__' OR ${raw(i)} < '1'`);
    } else {
      inner.push(`CAST(${raw(i)} AS DECIMAL(18,${TEXT_SCALE})) AS ${q(name)}`);
      (c.type === 'count' ? counts : numbers).push(raw(i));
      if (c.type === 'percent' && c.percent === undefined) odd.push(`${raw(i)} IS NOT NULL`);
    }
  }
  // A `.` in a count (a whole number; a negative one shows in its minimum, below). An exponent or
  // `_` in a number (DuckDB reads them, attain does not) is looked for in the file's bytes by the
  // caller, and only where a byte pattern may be one, in the cells (`careful`): substring searches
  // cost as much as the casts.
  for (const c of counts) odd.push(`contains(${c}, '.')`);
  const strings: string[] = [];
  if (careful && numbers.length + counts.length > 0) {
    strings.push(`concat_ws(',', ${[...numbers, ...counts].join(', ')}) AS _s`);
    odd.push(`contains(_s, 'e') OR contains(_s, 'E') OR contains(_s, '_')`);
  }
  // More decimals than the cast keeps would be rounded (the byte length first: it is stored with the string).
  for (const n of numbers) odd.push(`strlen(${n}) > ${TEXT_SCALE + 1} AND strpos(${n}, '.') > 0 AND strlen(${n}) - strpos(${n}, '.') > ${TEXT_SCALE}`);
  if (source.format.comment !== undefined) odd.push(`starts_with(${raw(0)}, ${sqlString(source.format.comment)})`);
  inner.push(`${odd.length > 0 ? `coalesce(${odd.map((o) => `(${o})`).join(' OR ')}, FALSE)` : 'FALSE'} AS _odd`);
  // A row of empty cells is a blank row to attain (DuckDB passes over empty lines; run.ts counts them).
  inner.push(`${Array.from({ length: header.width }, (_, i) => `${raw(i)} IS NULL`).join(' AND ')} AS _blank`);
  const rows = strings.length > 0 ? `(SELECT *, ${strings.join(', ')} FROM ${reader})` : reader;
  const from = `(SELECT ${inner.join(', ')} FROM ${rows})`;
  // The query proper reads the typed columns by their stable names.
  const renamed: SourceDecl = { ...source, columns: new Map([...source.columns].map(([n, c]) => [n, { ...c, from: [n] }])) };
  const texts = new Map(textColumns.map((col, i) => [col, `_t${i}`]));
  const negative = [...header.columns].filter(([name]) => source.columns.get(name)?.type === 'count').map(([name]) => `coalesce(min(${q(name)}) < 0, FALSE)`);
  // A column no aggregate reads would be pruned, and its cells never cast: counted, so they are.
  const used = neededColumns(source, aggregates);
  const unread = [...header.columns.keys()].filter((name) => source.columns.get(name)?.type !== 'text' && !used.has(name)).map((name, i) => `count(${q(name)}) AS _u${i}`);
  const extra = [...unread, `count(*) FILTER (WHERE _odd) AS _odd_n`, `${negative.length > 0 ? negative.join(' OR ') : 'FALSE'} AS _negative`, `count(*) FILTER (WHERE _blank) AS _blank_n`, ...[...texts].map(([col, alias]) => `list(DISTINCT ${q(col)}) AS ${alias}`)];
  // Grouped by the month's first day (a DATE), written as YYYY-MM once per group, not per row.
  const built = buildQuery(DUCKDB, renamed, aggregates, 'month', from, undefined, { everyRow: true, extra, period: (date) => `date_trunc('month', ${date})` });
  return { sql: `SELECT * REPLACE (strftime(p, '%Y-%m') AS p) FROM (${built.sql})`, params: built.params, parts: built.parts, texts };
}
