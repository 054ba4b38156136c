// Sources, check (before any row is read): each aggregate against its source's typed columns
// (E092 unknown column, E093 aggregate of the wrong kind), giving the unit of its value. The units
// of whole definitions against a contract's metrics are checked in pipeline/sources-units.ts
// (the unit algebra lives in language/, above this folder).
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';
import type { Expr } from '../parser/ast.js';
import type { Aggregate, ColumnDecl, MetricDefinition, SourceDecl, SourcesFile } from './model.js';

/** The unit of an aggregate's value, before any contract is known (money: its currency if fixed). */
export type AggregateUnit =
  | { readonly kind: 'count' | 'number' | 'percent' | 'duration' }
  | { readonly kind: 'money'; readonly currency?: string };

/** The unit of a column's numbers (text and date columns have none). */
export function columnUnit(c: ColumnDecl): AggregateUnit | undefined {
  switch (c.type) {
    case 'count':
    case 'number':
    case 'percent':
    case 'duration':
      return { kind: c.type };
    case 'money':
      return c.currency === undefined ? { kind: 'money' } : { kind: 'money', currency: c.currency };
    default:
      return undefined;
  }
}

/** The definition to use for one metric of one contract: its override, else `metrics:`. */
export function definitionFor(sources: SourcesFile, contract: string, metric: string): MetricDefinition | undefined {
  return sources.overrides.get(contract)?.get(metric) ?? sources.metrics.get(metric);
}

/** Check the columns of every aggregate of the file (contract-independent part). */
export function checkColumns(sources: SourcesFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const defs = [...sources.metrics.values(), ...[...sources.overrides.values()].flatMap((m) => [...m.values()])];
  for (const d of defs) for (const a of d.aggregates) checkAggregate(sources, a, out);
  return dedupe(out);
}

function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.code}|${d.span.start}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function column(source: SourceDecl, name: string, a: Aggregate, out: Diagnostic[]): ColumnDecl | undefined {
  const c = source.columns.get(name);
  if (c !== undefined) return c;
  const guess = suggestName(name, source.columns.keys());
  const hint = guess !== undefined ? `did you mean "${guess}"?` : `columns of ${source.name}: ${[...source.columns.keys()].join(', ')}`;
  out.push(diag('E092', a.span, { reason: `source "${source.name}" has no column "${name}"` }, { hint }));
  return undefined;
}

/** A count column to suggest as a weight (the first additive one). */
function weightFor(source: SourceDecl): string {
  const c = [...source.columns.values()].find((x) => x.type === 'count' && x.nonAdditive !== true && x.sumWarns !== true);
  return c?.name ?? 'weight';
}

/** The aggregate's value type, or undefined after reporting why it has none. */
export function checkAggregate(sources: SourcesFile, a: Aggregate, out: Diagnostic[]): AggregateUnit | undefined {
  const source = sources.sources.get(a.source);
  if (source === undefined) return undefined;
  checkWhere(source, a, out);
  if (a.fn === 'count') return a.column === undefined || column(source, a.column, a, out) !== undefined ? { kind: 'count' } : undefined;
  const c = a.column === undefined ? undefined : column(source, a.column, a, out);
  if (c === undefined) return undefined;
  if (a.fn === 'count_distinct') return { kind: 'count' };
  const t = columnUnit(c);
  if (t === undefined) {
    out.push(diag('E093', a.span, { reason: `${a.fn} of ${a.source}.${c.name}: the column is ${c.type}, not a number` }, { hint: `count it instead: count(${a.source} where ${c.name} == "...") or count_distinct(${a.source}.${c.name})` }));
    return undefined;
  }
  if (a.fn === 'sum' && c.type === 'percent') {
    out.push(diag('E093', a.span, { reason: `sum of a percent is meaningless (${a.source}.${c.name})` }, { hint: `did you mean weighted_avg(${a.source}.${c.name}, ${a.source}.${weightFor(source)})?` }));
    return undefined;
  }
  if (a.fn === 'sum' && c.nonAdditive === true) {
    out.push(diag('E093', a.span, { reason: `${a.source}.${c.name} is not additive (a level, or people counted once per row): a sum over rows over-counts` }, { hint: `use last(${a.source}.${c.name}) or max(${a.source}.${c.name}) (or a weighted_avg, for a rate), or export the figure for the whole period` }));
    return undefined;
  }
  if (a.fn === 'sum' && c.sumWarns === true) {
    out.push(diag('W093', a.span, { reason: `${a.source}.${c.name} counts people once a day: its sum counts a person seen on several days once for each day` }, { hint: `max(${a.source}.${c.name}) is the best day; export the figure for the whole period for the period's reach` }));
  }
  if (a.fn === 'weighted_avg' && a.weight !== undefined) {
    const w = column(source, a.weight, a, out);
    if (w === undefined) return undefined;
    if (w.type !== 'count' && w.type !== 'number') {
      out.push(diag('E093', a.span, { reason: `the weight ${a.source}.${w.name} is ${w.type}; a weight is a count or number` }, { hint: `weighted_avg(${a.source}.${c.name}, ${a.source}.${weightFor(source)})` }));
      return undefined;
    }
  }
  if (a.fn === 'avg' && t.kind === 'count') return { kind: 'number' };
  return t;
}

/** Bare names in a `where` are columns of the aggregate's source. */
function checkWhere(source: SourceDecl, a: Aggregate, out: Diagnostic[]): void {
  if (a.where === undefined) return;
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'Name': {
        const name = e.path.join('.');
        if (!source.columns.has(name)) {
          const guess = suggestName(name, source.columns.keys());
          out.push(diag('E092', e.span, { reason: `source "${source.name}" has no column "${name}"` }, guess === undefined ? {} : { hint: `did you mean "${guess}"?` }));
        }
        return;
      }
      case 'Unary':
        return visit(e.operand);
      case 'Binary':
        visit(e.left);
        return visit(e.right);
      case 'In':
        visit(e.value);
        return e.items.forEach(visit);
      case 'Between':
        visit(e.value);
        visit(e.low);
        return visit(e.high);
      case 'Call':
      case 'If':
        out.push(diag('E099', e.span, { reason: 'a where condition compares columns with values: ==, !=, <, <=, >, >=, in [...], between, and, or, not' }));
        return;
      default:
        return;
    }
  };
  visit(a.where);
}
