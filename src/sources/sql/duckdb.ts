// Sources, SQL dialect of DuckDB (Parquet files read in place): `$n` parameters, DECIMAL casts,
// strftime periods, arg_min/arg_max for first/last.
import { quoteDotted, sqlString, type Dialect } from './dialect.js';

export const DUCKDB: Dialect = {
  name: 'duckdb',
  ident: quoteDotted,
  param: (n) => `$${n}`,
  numberParam: (n) => `CAST($${n} AS DECIMAL(38,12))`,
  dateParam: (n) => `CAST($${n} AS DATE)`,
  text: (sql) => `CAST(${sql} AS VARCHAR)`,
  date: (sql, tz) => (tz === undefined ? `CAST(${sql} AS DATE)` : `CAST(timezone(${sqlString(tz)}, ${sql}) AS DATE)`),
  period: (d, kind) => (kind === 'month' ? `strftime(${d}, '%Y-%m')` : `(CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR))`),
  firstLast: (fn, v, d, filter) => `${fn === 'first' ? 'arg_min' : 'arg_max'}(${v}, {'d': ${d}, 'f': filename, 'r': file_row_number}) FILTER (WHERE ${filter} AND ${v} IS NOT NULL)`,
  rowOrderColumns: ', filename = true, file_row_number = true',
  number: (sql) => sql,
};
