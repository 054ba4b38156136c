// Sources, SQL: what differs between databases, as data + small functions. query.ts writes one
// aggregation query against this interface; a new engine (ClickHouse, BigQuery) is a new dialect
// file and an engine, nothing else.
import type { PeriodKind } from '../../contract/model.js';

export interface Dialect {
  readonly name: string;
  /** A quoted identifier (`"visits"`, a dotted table name quoted per part). */
  ident(name: string): string;
  /** The placeholder of the n-th bound parameter (1-based). */
  param(n: number): string;
  /** A bound parameter read as an exact number. */
  numberParam(n: number): string;
  /** A bound parameter read as a date. */
  dateParam(n: number): string;
  /** An expression as text (aggregates are returned as text: exact decimal digits). */
  text(sql: string): string;
  /** A date column (or timestamp, in `timezone`) as a date. */
  date(sql: string, timezone: string | undefined): string;
  /** The period key of a date: `YYYY-MM` or `YYYY-Qn`. */
  period(dateSql: string, kind: PeriodKind): string;
  /**
   * `first`/`last` of a column by the date column, then the engine's row order (file and row for
   * files, physical order for a table), among the rows passing `filter`.
   */
  firstLast(fn: 'first' | 'last', valueSql: string, dateSql: string, filter: string): string;
  /** Extra arguments of the file reader that expose row order (DuckDB), or ''. */
  readonly rowOrderColumns: string;
  /** A numeric column as an exact number (text columns of a table are cast). */
  number(sql: string): string;
}

/** A SQL string literal (for identifiers of files and time zones we produced or validated). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** `"a"."b"` from `a.b`, doubling quotes inside. */
export function quoteDotted(name: string): string {
  return name
    .split('.')
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
}
