// Sources, check (before any row is read): each aggregate against its source's typed columns,
// each definition's unit against the contract metric's unit and currency. Findings are located in
// sources.yaml (E092 unknown column, E093 aggregate of the wrong kind, E094 unit or currency).
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';
import type { Contract } from '../contract/model.js';
import { additiveType, divideType, isProblem, mergeTypes, metricType, multiplyType, type TypeOutcome } from '../engine/units.js';
import { DURATION, describeType, money, scalar, type ValueType } from '../engine/types.js';
import type { Expr } from '../parser/ast.js';
import type { Aggregate, ColumnDecl, MetricDefinition, SourceDecl, SourcesFile } from './model.js';

/** The static type of a column's numbers (text and date columns have none). */
export function columnValueType(c: ColumnDecl, currency: string): ValueType | undefined {
  switch (c.type) {
    case 'count':
    case 'number':
    case 'percent':
      return scalar(c.type);
    case 'duration':
      return DURATION;
    case 'money':
      return money(c.currency ?? currency);
    default:
      return undefined;
  }
}

/** The definition to use for one metric of one contract: its override, else `metrics:`. */
export function definitionFor(sources: SourcesFile, contract: string, metric: string): MetricDefinition | undefined {
  return sources.overrides.get(contract)?.get(metric) ?? sources.metrics.get(metric);
}

/** Check every definition a contract uses (only metrics it declares). */
export function checkForContract(sources: SourcesFile, contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, decl] of contract.metrics) {
    const def = definitionFor(sources, contract.id.value, name);
    if (def === undefined) continue;
    const types = def.aggregates.map((a) => checkAggregate(sources, a, contract.currency.value, out));
    if (types.some((t) => t === undefined)) continue;
    const t = typeOf(def.expr, types as ValueType[], out);
    if (t === undefined) continue;
    const want = metricType(decl.unit.value, contract.currency.value);
    const problem = unitProblem(t, want);
    if (problem !== undefined) {
      const reason = `"${name}" is defined as ${describeType(t)} but contract "${contract.id.value}" declares it as ${describeType(want)}${problem}`;
      out.push(diag('E094', def.span, { reason }, { labels: [{ span: decl.unit.span, message: `declared as ${decl.unit.value} here` }] }));
    }
  }
  return out;
}

/** Why a definition's type does not fit the metric's, or undefined when it fits. */
function unitProblem(t: ValueType, want: ValueType): string | undefined {
  if (t.kind === 'money' && want.kind === 'money') return t.currency === want.currency ? undefined : '';
  if (t.kind !== want.kind) return '';
  if (t.kind === 'scalar' && want.kind === 'scalar') {
    if (want.flavor === 'count' && (t.flavor === 'percent' || t.flavor === 'ratio')) return ': a share is not a count';
    if ((want.flavor === 'percent' || want.flavor === 'ratio') && t.flavor === 'count') return ': did you mean a ratio of two sums?';
  }
  return undefined;
}

/** Check the columns of every aggregate of the file (contract-independent part). */
export function checkColumns(sources: SourcesFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const defs = [...sources.metrics.values(), ...[...sources.overrides.values()].flatMap((m) => [...m.values()])];
  for (const d of defs) for (const a of d.aggregates) checkAggregate(sources, a, '', out);
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
  const c = [...source.columns.values()].find((x) => x.type === 'count' && x.nonAdditive !== true);
  return c?.name ?? 'weight';
}

/** The aggregate's value type, or undefined after reporting why it has none. */
export function checkAggregate(sources: SourcesFile, a: Aggregate, currency: string, out: Diagnostic[]): ValueType | undefined {
  const source = sources.sources.get(a.source);
  if (source === undefined) return undefined;
  checkWhere(source, a, out);
  if (a.fn === 'count') return a.column === undefined || column(source, a.column, a, out) !== undefined ? scalar('count') : undefined;
  const c = a.column === undefined ? undefined : column(source, a.column, a, out);
  if (c === undefined) return undefined;
  if (a.fn === 'count_distinct') return scalar('count');
  const t = columnValueType(c, currency);
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
  if (a.fn === 'weighted_avg' && a.weight !== undefined) {
    const w = column(source, a.weight, a, out);
    if (w === undefined) return undefined;
    if (w.type !== 'count' && w.type !== 'number') {
      out.push(diag('E093', a.span, { reason: `the weight ${a.source}.${w.name} is ${w.type}; a weight is a count or number` }, { hint: `weighted_avg(${a.source}.${c.name}, ${a.source}.${weightFor(source)})` }));
      return undefined;
    }
  }
  if (a.fn === 'avg' && t.kind === 'scalar' && t.flavor === 'count') return scalar('number');
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

/** Type of a definition over its aggregates' types (`$i` names). */
function typeOf(e: Expr, aggs: readonly ValueType[], out: Diagnostic[]): ValueType | undefined {
  const sub = (x: Expr): ValueType | undefined => typeOf(x, aggs, out);
  const done = (t: TypeOutcome, at: Expr): ValueType | undefined => {
    if (!isProblem(t)) return t;
    out.push(diag(t.code, at.span, { reason: t.reason }, t.hint === undefined ? {} : { hint: t.hint }));
    return undefined;
  };
  switch (e.kind) {
    case 'Number':
      return scalar('number');
    case 'Percent':
      return scalar('percent');
    case 'Duration':
      return DURATION;
    case 'Money':
      return money(e.currency);
    case 'Name':
      return aggs[Number(e.path[0]?.slice(1))];
    case 'Unary': {
      const t = sub(e.operand);
      return e.op === '-' ? t : undefined;
    }
    case 'Binary': {
      const l = sub(e.left);
      const r = sub(e.right);
      if (l === undefined || r === undefined) return undefined;
      switch (e.op) {
        case '+':
        case '-':
          return done(additiveType(e.op, l, r), e);
        case '*':
          return done(multiplyType(l, r), e);
        case '/':
          return done(divideType(l, r), e);
        case '??':
          return done(mergeTypes(l, r), e);
        default:
          break;
      }
      break;
    }
    case 'Call': {
      if ((e.callee === 'min' || e.callee === 'max') && e.args.length === 2) {
        const [a, b] = e.args.map(sub);
        if (a === undefined || b === undefined) return undefined;
        return done(mergeTypes(a, b), e);
      }
      if (e.callee === 'abs' && e.args.length === 1) return sub(e.args[0] as Expr);
      break;
    }
    default:
      break;
  }
  out.push(diag('E099', e.span, { reason: 'a definition is arithmetic over aggregates: + - * /, ??, numbers and quantities, min(a, b), max(a, b), abs(x)' }));
  return undefined;
}
