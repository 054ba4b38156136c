// Sources, SQL: one aggregation query for a source and a period kind, in any dialect. One row per
// (contract, period) with, per aggregate, the parts attain needs (rows, non-empty cells, sums as
// exact text, best value, distinct count); `where` conditions become FILTER clauses with bound
// parameters, never spliced text.
import type { PeriodKind } from '../../contract/model.js';
import type { Expr } from '../../parser/ast.js';
import type { Aggregate, SourceDecl } from '../model.js';
import type { Dialect } from './dialect.js';

export interface BuiltQuery {
  readonly sql: string;
  readonly params: readonly string[];
  /** Column names of each aggregate's parts, by aggregate index. */
  readonly parts: readonly AggregateParts[];
}

export interface AggregateParts {
  readonly rows: string;
  readonly cells?: string;
  readonly sum?: string;
  readonly weight?: string;
  readonly best?: string;
  readonly distinct?: string;
}

interface Builder {
  readonly d: Dialect;
  readonly params: string[];
  readonly source: SourceDecl;
}

function bind(b: Builder, value: string): number {
  b.params.push(value);
  return b.params.length;
}

function column(b: Builder, name: string): string {
  const c = b.source.columns.get(name);
  const id = b.d.ident(c?.from[0] ?? name);
  return c !== undefined && c.type !== 'text' && c.type !== 'date' ? b.d.number(id) : id;
}

function literal(b: Builder, e: Expr): string | undefined {
  switch (e.kind) {
    case 'Number':
    case 'Money':
      return b.d.numberParam(bind(b, e.value));
    case 'Percent':
      return `(${b.d.numberParam(bind(b, e.value))} * 0.01)`;
    case 'String':
      return b.d.param(bind(b, e.value));
    case 'Unary':
      return e.op === '-' ? `(-${literal(b, e.operand) ?? 'NULL'})` : undefined;
    default:
      return undefined;
  }
}

/**
 * A percent column in units is compared as a fraction: times 0.01 (DECIMAL times DECIMAL stays
 * exact; DuckDB's `/` would make it a DOUBLE).
 */
function operand(b: Builder, e: Expr): string {
  if (e.kind !== 'Name') return literal(b, e) ?? 'NULL';
  const name = e.path.join('.');
  const c = b.source.columns.get(name);
  const sql = column(b, name);
  return c?.type === 'percent' && c.percent === 'units' ? `(${sql} * 0.01)` : sql;
}

/** A `where` condition as SQL (checked before: only comparisons, in, between, and/or/not). */
export function whereSql(b: Builder, e: Expr): string {
  switch (e.kind) {
    case 'Binary':
      if (e.op === 'and' || e.op === 'or') return `(${whereSql(b, e.left)} ${e.op.toUpperCase()} ${whereSql(b, e.right)})`;
      return `(${operand(b, e.left)} ${e.op === '==' ? '=' : e.op === '!=' ? '<>' : e.op} ${operand(b, e.right)})`;
    case 'Unary':
      return e.op === 'not' ? `(NOT COALESCE(${whereSql(b, e.operand)}, FALSE))` : 'FALSE';
    case 'In':
      return `(${operand(b, e.value)} IN (${e.items.map((i) => operand(b, i)).join(', ')}))`;
    case 'Between':
      return `(${operand(b, e.value)} BETWEEN ${operand(b, e.low)} AND ${operand(b, e.high)})`;
    case 'Boolean':
      return e.value ? 'TRUE' : 'FALSE';
    default:
      return 'FALSE';
  }
}

/** What a caller that reads every row adds to the query (sql/text-query.ts). */
export interface QueryOptions {
  /** Keep rows without a date (their period is NULL); no date range. */
  readonly everyRow?: boolean;
  /** More group keys (columns of `from`), after the contract and the period. */
  readonly keys?: readonly string[];
  /** More aggregate expressions (`... AS name`). */
  readonly extra?: readonly string[];
  /** The period key as grouped (default: the dialect's period text of the date). */
  readonly period?: (dateSql: string) => string;
}

/**
 * The query for one source: `from` is the table or file reader expression, `contractSql` the
 * contract column (or a constant), `range` the run's days when bounded.
 */
export function buildQuery(
  d: Dialect,
  source: SourceDecl,
  aggregates: readonly Aggregate[],
  kind: PeriodKind,
  from: string,
  range: { from: string; to: string } | undefined,
  options: QueryOptions = {},
): BuiltQuery {
  const b: Builder = { d, params: [], source };
  const dateName = source.date?.value ?? 'date';
  const date = d.date(d.ident(source.columns.get(dateName)?.from[0] ?? dateName), source.timezone?.value);
  const contract = source.contract.kind === 'column' ? d.text(d.ident(source.columns.get(source.contract.column)?.from[0] ?? source.contract.column)) : `''`;
  const keys = options.keys ?? [];
  const select = [`${contract} AS c`, `${options.period?.(date) ?? d.period(date, kind)} AS p`, ...keys, 'count(*) AS n'];
  const parts: AggregateParts[] = [];
  aggregates.forEach((a, i) => {
    const filter = a.where === undefined ? 'TRUE' : whereSql(b, a.where);
    const f = (sql: string): string => (a.where === undefined ? sql : `${sql} FILTER (WHERE ${filter})`);
    const col = a.column === undefined ? undefined : column(b, a.column);
    // Without `where`, an aggregate's rows are the group's; non-empty cells matter to count and avg only.
    const p: { -readonly [K in keyof AggregateParts]: AggregateParts[K] } = { rows: a.where === undefined ? 'n' : `r${i}` };
    if (a.where !== undefined) select.push(`${f('count(*)')} AS r${i}`);
    if (col !== undefined && (a.fn === 'count' || a.fn === 'avg')) {
      select.push(`${f(`count(${col})`)} AS k${i}`);
      p.cells = `k${i}`;
    }
    switch (a.fn) {
      case 'sum':
      case 'avg':
        select.push(`${d.text(f(`sum(${col ?? 'NULL'})`))} AS s${i}`);
        p.sum = `s${i}`;
        break;
      case 'weighted_avg': {
        const w = column(b, a.weight ?? '');
        select.push(`${d.text(`sum(${col ?? 'NULL'} * ${w}) FILTER (WHERE ${filter} AND ${w} IS NOT NULL)`)} AS s${i}`);
        select.push(`${d.text(`sum(${w}) FILTER (WHERE ${filter} AND ${col ?? 'NULL'} IS NOT NULL)`)} AS w${i}`);
        p.sum = `s${i}`;
        p.weight = `w${i}`;
        break;
      }
      case 'min':
      case 'max':
        select.push(`${d.text(f(`${a.fn}(${col ?? 'NULL'})`))} AS b${i}`);
        p.best = `b${i}`;
        break;
      case 'first':
      case 'last':
        select.push(`${d.text(d.firstLast(a.fn, col ?? 'NULL', date, filter))} AS b${i}`);
        p.best = `b${i}`;
        break;
      case 'count_distinct':
        select.push(`${f(`count(DISTINCT ${col ?? 'NULL'})`)} AS x${i}`);
        p.distinct = `x${i}`;
        break;
      case 'count':
        break;
    }
    parts.push(p);
  });
  select.push(...(options.extra ?? []));
  const where: string[] = options.everyRow === true ? ['TRUE'] : [`${date} IS NOT NULL`];
  if (range !== undefined && options.everyRow !== true) {
    where.push(`${date} >= ${d.dateParam(bind(b, range.from))}`, `${date} < ${d.dateParam(bind(b, range.to))}`);
  }
  const groups = ['1', '2', ...keys.map((_, i) => String(i + 3))].join(', ');
  const sql = `SELECT ${select.join(', ')} FROM ${from} WHERE ${where.join(' AND ')} GROUP BY ${groups} ORDER BY ${groups}`;
  return { sql, params: b.params, parts };
}
