// Sources, SQL: one query that has DuckDB read and aggregate a large CSV/TSV export exactly as
// attain's own reader would, or fail. Cells are read typed, as DECIMAL or DATE (never a DOUBLE):
// a cell the cast refuses fails the query; that every cell is spelled so that the cast reads it as
// attain does is checked by the caller on the file's bytes meanwhile (read/line-check.ts), and a
// percent without its representation is counted. The caller reads the file row by row, and
// reports where, when the check or the query fails or counts any.
import type { Aggregate, ColumnDecl, SourceDecl } from '../model.js';
import { cellShape } from '../read/line-check.js';
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
export function buildTextQuery(source: SourceDecl, aggregates: readonly Aggregate[], path: string, header: TextHeader, textColumns: readonly string[]): TextQuery {
  // Cells are read typed: DuckDB's CSV reader casts them as CAST does. That the cells are spelled
  // so that the cast is attain's reading is what the caller's line check proves, by the same shapes
  // (read/line-check.ts).
  const typeOf = new Map<number, string>();
  for (const [name, i] of header.columns) {
    const shape = cellShape(source.columns.get(name)?.type);
    if (shape !== 'text') typeOf.set(i, shape === 'date' ? 'DATE' : `DECIMAL(18,${TEXT_SCALE})`);
  }
  const raw = (i: number): string => `c${i}`;
  const types = Array.from({ length: header.width }, (_, i) => `'${raw(i)}': '${typeOf.get(i) ?? 'VARCHAR'}'`).join(', ');
  const reader = `read_csv(${sqlString(path)}, header = true, delim = ${sqlString(header.delimiter)}, quote = '"', escape = '"', auto_detect = false, strict_mode = true, null_padding = false, columns = {${types}})`;
  const inner: string[] = [];
  const odd: string[] = [];
  for (const [name, i] of header.columns) {
    const c = source.columns.get(name) as ColumnDecl;
    inner.push(`${raw(i)} AS ${q(name)}`);
    // A percent cell without its representation is ambiguous: attain reads the file and says where.
    if (c.type === 'percent' && c.percent === undefined) odd.push(`${raw(i)} IS NOT NULL`);
  }
  inner.push(`${odd.length > 0 ? `coalesce(${odd.map((o) => `(${o})`).join(' OR ')}, FALSE)` : 'FALSE'} AS _odd`);
  const from = `(SELECT ${inner.join(', ')} FROM ${reader})`;
  // The query proper reads the typed columns by their stable names.
  const renamed: SourceDecl = { ...source, columns: new Map([...source.columns].map(([n, c]) => [n, { ...c, from: [n] }])) };
  const texts = new Map(textColumns.map((col, i) => [col, `_t${i}`]));
  // A column no aggregate reads would be pruned, and its cells never cast: counted, so they are.
  const used = neededColumns(source, aggregates);
  const unread = [...header.columns.keys()].filter((name) => source.columns.get(name)?.type !== 'text' && !used.has(name)).map((name, i) => `count(${q(name)}) AS _u${i}`);
  const extra = [...unread, `count(*) FILTER (WHERE _odd) AS _odd_n`, ...[...texts].map(([col, alias]) => `list(DISTINCT ${q(col)}) AS ${alias}`)];
  // Grouped by the month's first day (a DATE), written as YYYY-MM once per group, not per row.
  const built = buildQuery(DUCKDB, renamed, aggregates, 'month', from, undefined, { everyRow: true, extra, period: (date) => `date_trunc('month', ${date})` });
  return { sql: `SELECT * REPLACE (strftime(p, '%Y-%m') AS p) FROM (${built.sql})`, params: built.params, parts: built.parts, texts };
}
