// Sources, aggregation in attain (text exports): typed rows -> one accumulator per aggregate and
// (contract, period), exact (decimal digits), then each aggregate's value as a Rational.
// `where` conditions are evaluated here over the row's typed cells.
import Fraction from 'fraction.js';
import { holds, isComparisonOperator } from '../numbers/comparison.js';
import type { Rational } from '../numbers/rational.js';
import type { Expr } from '../parser/ast.js';
import type { Aggregate } from './model.js';
import type { CellValue } from './read/cells.js';
import { addDecimal, compareDecimal, DECIMAL_ZERO, decimalToRational, mulDecimal, parseDecimalText, shiftDecimal, type Decimal } from './read/decimal.js';

/** The running state of one aggregate for one (contract, period). */
export interface Accumulator {
  /** Rows the aggregate saw (after `where`). */
  rows: number;
  /** Non-empty cells of the column (count(col) and avg; engines leave it 0 for the others). */
  cells: number;
  sum: Decimal;
  weight: Decimal;
  best?: Decimal;
  bestDate?: string;
  distinct?: Set<string>;
  /** count_distinct computed by a database. */
  distinctCount?: number;
}

export function newAccumulator(): Accumulator {
  return { rows: 0, cells: 0, sum: DECIMAL_ZERO, weight: DECIMAL_ZERO };
}

/** Add one row to an accumulator. `date` orders first/last (rows arrive in file and row order). */
export function accumulate(acc: Accumulator, a: Aggregate, values: ReadonlyMap<string, CellValue>, date: string | undefined): void {
  acc.rows++;
  if (a.fn === 'count' && a.column === undefined) return;
  const cell = a.column === undefined ? undefined : values.get(a.column);
  if (cell === undefined) return;
  acc.cells++;
  switch (a.fn) {
    case 'count':
      return;
    case 'count_distinct': {
      (acc.distinct ??= new Set()).add(cell.kind === 'number' ? `n:${canonical(cell.value)}` : `t:${cell.value}`);
      return;
    }
    case 'sum':
    case 'avg':
      if (cell.kind === 'number') acc.sum = addDecimal(acc.sum, cell.value);
      return;
    case 'weighted_avg': {
      const w = a.weight === undefined ? undefined : values.get(a.weight);
      if (cell.kind !== 'number' || w?.kind !== 'number') return;
      acc.sum = addDecimal(acc.sum, mulDecimal(cell.value, w.value));
      acc.weight = addDecimal(acc.weight, w.value);
      return;
    }
    case 'min':
    case 'max':
      if (cell.kind !== 'number') return;
      if (acc.best === undefined || compareDecimal(cell.value, acc.best) * (a.fn === 'min' ? -1 : 1) > 0) acc.best = cell.value;
      return;
    case 'first':
    case 'last': {
      if (cell.kind !== 'number') return;
      const d = date ?? '';
      const better = acc.best === undefined || (a.fn === 'first' ? d < (acc.bestDate ?? '') : d >= (acc.bestDate ?? ''));
      if (better) {
        acc.best = cell.value;
        acc.bestDate = d;
      }
      return;
    }
  }
}

/**
 * Add one accumulator into another of the same aggregate (groups an engine returned for two raw
 * contract values of one contract, or for the months of a quarter). Not for first/last or
 * count_distinct, whose parts do not add: the caller never merges those.
 */
export function mergeAccumulator(into: Accumulator, from: Accumulator, a: Aggregate): void {
  into.rows += from.rows;
  into.cells += from.cells;
  into.sum = addDecimal(into.sum, from.sum);
  into.weight = addDecimal(into.weight, from.weight);
  if (from.best !== undefined && (a.fn === 'min' || a.fn === 'max')) {
    if (into.best === undefined || compareDecimal(from.best, into.best) * (a.fn === 'min' ? -1 : 1) > 0) into.best = from.best;
  }
}

/** mergeAccumulator for each aggregate of a group (accumulators by aggregate index). */
export function mergeAccumulators(into: readonly Accumulator[], from: readonly Accumulator[], aggregates: readonly Aggregate[]): void {
  aggregates.forEach((a, i) => mergeAccumulator(into[i] as Accumulator, from[i] as Accumulator, a));
}

/** The same number written one way (`1.50` and `1.5` are one distinct value). */
function canonical(d: Decimal): string {
  return decimalToRational(d).toFraction();
}

/**
 * An aggregate's value, or undefined when it has none (min/max/first/last/avg over no cells,
 * weighted_avg with zero total weight). sum and count over zero matching rows are 0.
 */
export function aggregateValue(acc: Accumulator, a: Aggregate): Rational | undefined {
  switch (a.fn) {
    case 'count':
      return new Fraction(a.column === undefined ? acc.rows : acc.cells);
    case 'count_distinct':
      return new Fraction(acc.distinctCount ?? acc.distinct?.size ?? 0);
    case 'sum':
      return decimalToRational(acc.sum);
    case 'avg':
      return acc.cells === 0 ? undefined : decimalToRational(acc.sum).div(acc.cells);
    case 'weighted_avg':
      return acc.weight.digits === 0n ? undefined : decimalToRational(acc.sum).div(decimalToRational(acc.weight));
    default:
      return acc.best === undefined ? undefined : decimalToRational(acc.best);
  }
}

/** A literal of a `where` condition as a cell value (numbers in base units, like cells). */
function literal(e: Expr): CellValue | undefined {
  switch (e.kind) {
    case 'Number':
    case 'Money':
      return num(e.value);
    case 'Percent': {
      const d = parseDecimalText(e.value);
      return d === undefined ? undefined : { kind: 'number', value: shiftDecimal(d, 2) };
    }
    case 'Duration': {
      const factor: Record<string, bigint> = { s: 1n, min: 60n, h: 3600n, d: 86400n };
      let total: Decimal = DECIMAL_ZERO;
      for (const p of e.parts) {
        const d = parseDecimalText(p.value);
        if (d === undefined) return undefined;
        total = addDecimal(total, mulDecimal(d, { digits: factor[p.unit] ?? 1n, scale: 0 }));
      }
      return { kind: 'number', value: total };
    }
    case 'String':
      return { kind: 'text', value: e.value };
    case 'Unary': {
      const v = e.op === '-' ? literal(e.operand) : undefined;
      return v?.kind === 'number' ? { kind: 'number', value: { digits: -v.value.digits, scale: v.value.scale } } : undefined;
    }
    default:
      return undefined;
  }
}

function num(text: string): CellValue | undefined {
  const d = parseDecimalText(text);
  return d === undefined ? undefined : { kind: 'number', value: d };
}

function operand(e: Expr, values: ReadonlyMap<string, CellValue>): CellValue | undefined {
  return e.kind === 'Name' ? values.get(e.path.join('.')) : literal(e);
}

function compare(a: CellValue, b: CellValue): number | undefined {
  if (a.kind === 'number' && b.kind === 'number') return compareDecimal(a.value, b.value);
  if (a.kind === 'text' && b.kind === 'text') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return undefined;
}

/** Whether a row passes a `where` condition. A missing cell never matches a comparison. */
export function matches(e: Expr, values: ReadonlyMap<string, CellValue>): boolean {
  switch (e.kind) {
    case 'Binary': {
      if (e.op === 'and') return matches(e.left, values) && matches(e.right, values);
      if (e.op === 'or') return matches(e.left, values) || matches(e.right, values);
      const l = operand(e.left, values);
      const r = operand(e.right, values);
      if (l === undefined || r === undefined) return false;
      const c = compare(l, r);
      if (c === undefined) return e.op === '!=';
      return isComparisonOperator(e.op) && holds(e.op, c);
    }
    case 'Unary':
      return e.op === 'not' ? !matches(e.operand, values) : false;
    case 'In': {
      const v = operand(e.value, values);
      return v !== undefined && e.items.some((i) => {
        const x = literal(i);
        return x !== undefined && compare(v, x) === 0;
      });
    }
    case 'Between': {
      const v = operand(e.value, values);
      const lo = operand(e.low, values);
      const hi = operand(e.high, values);
      if (v === undefined || lo === undefined || hi === undefined) return false;
      const a = compare(v, lo);
      const b = compare(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'Boolean':
      return e.value;
    default:
      return false;
  }
}
