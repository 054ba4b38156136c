// Sources, SQL: one result row's parts (text, counts) -> accumulators shaped like attain's own,
// so a value from a database is computed exactly as from a text export. Percent columns in units
// are divided by 100 here (every part is linear in the column).
import type { Accumulator } from '../aggregate.js';
import type { Aggregate, SourceDecl } from '../model.js';
import { DECIMAL_ZERO, parseDecimalText, shiftDecimal, type Decimal } from '../read/decimal.js';
import type { AggregateParts } from './query.js';

/** A result cell: text or integer (count) or null. */
export type SqlCell = string | number | bigint | boolean | null | undefined;

function count(v: SqlCell): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** Exact decimal text from the database (`1.2E+3` is refused: aggregates are cast to text). */
function decimal(v: SqlCell): Decimal | undefined {
  if (v === null || v === undefined) return undefined;
  // DuckDB writes DECIMAL(18,6) sums with six decimals: trailing zeros dropped, a rational of
  // `1234` or `12.5` is made without reducing 1234000000/10^6 (the same value, fewer BigInt steps).
  const text = String(v).trim();
  const d = parseDecimalText(text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  if (d === undefined) throw new Error(`the database returned "${String(v)}" where an exact decimal was expected`);
  return d;
}

/** Accumulators of one group row. */
export function accumulatorsOf(row: Readonly<Record<string, SqlCell>>, parts: readonly AggregateParts[], aggregates: readonly Aggregate[], source: SourceDecl): Accumulator[] {
  return aggregates.map((a, i) => {
    const p = parts[i] as AggregateParts;
    const c = a.column === undefined ? undefined : source.columns.get(a.column);
    const units = c?.type === 'percent' && c.percent === 'units';
    const scale = (d: Decimal | undefined): Decimal | undefined => (d === undefined || !units ? d : shiftDecimal(d, 2));
    const best = scale(p.best === undefined ? undefined : decimal(row[p.best]));
    return {
      rows: count(row[p.rows]),
      cells: p.cells === undefined ? 0 : count(row[p.cells]),
      sum: scale(p.sum === undefined ? undefined : decimal(row[p.sum])) ?? DECIMAL_ZERO,
      weight: (p.weight === undefined ? undefined : decimal(row[p.weight])) ?? DECIMAL_ZERO,
      ...(best === undefined ? {} : { best }),
      ...(p.distinct === undefined ? {} : { distinctCount: count(row[p.distinct]) }),
    };
  });
}
