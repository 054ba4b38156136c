// Sources, SQL dialect of PostgreSQL: `$n` parameters, numeric casts (arbitrary precision),
// to_char periods, array_agg ordered by date for first/last.
import { quoteDotted, sqlString, type Dialect } from './dialect.js';

export const POSTGRES: Dialect = {
  name: 'postgres',
  ident: quoteDotted,
  param: (n) => `$${n}`,
  numberParam: (n) => `$${n}::numeric`,
  dateParam: (n) => `$${n}::date`,
  text: (sql) => `(${sql})::text`,
  date: (sql, tz) => (tz === undefined ? `(${sql})::date` : `((${sql}) AT TIME ZONE ${sqlString(tz)})::date`),
  period: (d, kind) => (kind === 'month' ? `to_char(${d}, 'YYYY-MM')` : `(to_char(${d}, 'YYYY') || '-Q' || to_char(${d}, 'Q'))`),
  firstLast: (fn, v, d, filter) => {
    const dir = fn === 'first' ? 'ASC' : 'DESC';
    // ctid: the table's physical order, which is insertion order for an append-only table.
    return `(array_agg(${v} ORDER BY ${d} ${dir}, ctid ${dir}) FILTER (WHERE ${filter} AND ${v} IS NOT NULL))[1]`;
  },
  rowOrderColumns: '',
  number: (sql) => `(${sql})::numeric`,
};
