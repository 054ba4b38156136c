// Sources, definitions: a metric definition string -> a contract-language Expr over aggregates.
// The contract parser reads the expression; `where` clauses inside aggregate calls (which the
// contract grammar does not have) are blanked out first, offsets kept, and parsed on their own.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { originOffset, originSpan, type TextOrigin } from '../diagnostics/source.js';
import type { Call, Expr, Name } from '../parser/ast.js';
import { parseExpression } from '../parser/parse.js';
import type { Aggregate, AggregateFn, MetricDefinition } from './model.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Aggregate functions and how many arguments each takes. */
export const AGGREGATE_ARITY: Readonly<Record<AggregateFn, number>> = {
  sum: 1,
  count: 1,
  count_distinct: 1,
  min: 1,
  max: 1,
  first: 1,
  last: 1,
  avg: 1,
  weighted_avg: 2,
};

function isAggregateName(name: string): name is AggregateFn {
  return Object.prototype.hasOwnProperty.call(AGGREGATE_ARITY, name);
}

interface WhereClause {
  /** Offset of the `(` of the aggregate call the clause belongs to. */
  readonly open: number;
  /** Offsets of the condition text (after `where`, up to the closing parenthesis). */
  readonly start: number;
  readonly end: number;
}

/**
 * Find `where` clauses directly inside aggregate calls and blank them (same length, so every
 * offset of the rest stays right). Strings are skipped; nothing else of the grammar is needed.
 */
export function maskWhere(text: string): { masked: string; clauses: WhereClause[] } {
  const clauses: WhereClause[] = [];
  const stack: { open: number; aggregate: boolean; where?: number }[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close + 1;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '(') {
      const before = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, i));
      stack.push({ open: i, aggregate: before !== null && isAggregateName(before[1] ?? '') });
    } else if (c === ')') {
      const top = stack.pop();
      if (top?.where !== undefined) clauses.push({ open: top.open, start: top.where, end: i });
    } else if (/[A-Za-z_]/.test(c) && (i === 0 || !/[A-Za-z0-9_.]/.test(text[i - 1] as string))) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0] ?? c;
      const top = stack.at(-1);
      if (word === 'where' && top !== undefined && top.aggregate && top.where === undefined) {
        top.where = i + word.length;
      }
      out += word;
      i += word.length;
      continue;
    }
    out += c;
    i++;
  }
  // Blank each clause, `where` included.
  let masked = out;
  for (const w of clauses) {
    const from = w.start - 'where'.length;
    masked = masked.slice(0, from) + ' '.repeat(w.end - from) + masked.slice(w.end);
  }
  return { masked, clauses };
}

/** An origin for the characters of `text` from `start` on. */
function subOrigin(origin: TextOrigin, start: number): TextOrigin {
  if (origin.map === undefined) return { ...origin, base: origin.base + start };
  return { ...origin, base: originOffset(origin, start), map: origin.map.slice(start) };
}

/**
 * Parse one definition. `sources` are the names of the file's sources (so `min(a.b)` with a
 * source `a` is an aggregate, while `min(x, y)` stays the contract language's `min`).
 */
export function parseDefinition(
  metric: string,
  text: string,
  origin: TextOrigin,
  span: Span,
  sources: ReadonlySet<string>,
  contract?: string,
): { value?: MetricDefinition; diagnostics: Diagnostic[] } {
  const { masked, clauses } = maskWhere(text);
  const parsed = parseExpression(masked, origin);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics };
  const aggregates: Aggregate[] = [];
  const wheres = new Map<number, Expr>();
  for (const w of clauses) {
    const cond = parseExpression(text.slice(w.start, w.end), subOrigin(origin, w.start));
    appendAll(diagnostics, cond.diagnostics);
    if (cond.value !== undefined) wheres.set(originOffset(origin, w.open), cond.value);
  }
  const expr = replaceAggregates(parsed.value, { text, origin, sources, aggregates, wheres, diagnostics });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (aggregates.length === 0) {
    diagnostics.push(diag('E099', span, { reason: `the definition of "${metric}" uses no aggregate of a source` }, { hint: 'write e.g. sum(source.column) or count(source)' }));
    return { diagnostics };
  }
  return { value: { metric, expr, aggregates, text, span, ...(contract === undefined ? {} : { contract }) }, diagnostics };
}

interface Walk {
  readonly text: string;
  readonly origin: TextOrigin;
  readonly sources: ReadonlySet<string>;
  readonly aggregates: Aggregate[];
  readonly wheres: ReadonlyMap<number, Expr>;
  readonly diagnostics: Diagnostic[];
}

/** The expression with each aggregate call replaced by the Name `$<n>` (n: its index). */
function replaceAggregates(e: Expr, w: Walk): Expr {
  switch (e.kind) {
    case 'Call': {
      if (isAggregateCall(e, w.sources)) return toAggregate(e, w);
      return { ...e, args: e.args.map((a) => replaceAggregates(a, w)) };
    }
    case 'Unary':
      return { ...e, operand: replaceAggregates(e.operand, w) };
    case 'Binary':
      return { ...e, left: replaceAggregates(e.left, w), right: replaceAggregates(e.right, w) };
    case 'If':
      return { ...e, cond: replaceAggregates(e.cond, w), then: replaceAggregates(e.then, w), else: replaceAggregates(e.else, w) };
    case 'Between':
      return { ...e, value: replaceAggregates(e.value, w), low: replaceAggregates(e.low, w), high: replaceAggregates(e.high, w) };
    case 'In':
      return { ...e, value: replaceAggregates(e.value, w), items: e.items.map((x) => replaceAggregates(x, w)) };
    case 'Name':
      if (!e.path[0]?.startsWith('$')) {
        w.diagnostics.push(diag('E099', e.span, { reason: `"${e.path.join('.')}" is not an aggregate: a definition reads sources only through aggregates` }, { hint: `write e.g. sum(${e.path.join('.')})` }));
      }
      return e;
    default:
      return e;
  }
}

/** `min`/`max` are aggregates only with one `source.column` argument; the others always are. */
function isAggregateCall(e: Call, sources: ReadonlySet<string>): boolean {
  if (!isAggregateName(e.callee)) return false;
  if (e.callee !== 'min' && e.callee !== 'max') return true;
  const a = e.args[0];
  return e.args.length === 1 && a?.kind === 'Name' && sources.has(a.path[0] ?? '');
}

function toAggregate(e: Call, w: Walk): Expr {
  const fn = e.callee as AggregateFn;
  const index = w.aggregates.length;
  const callText = w.text.slice(...textRange(e.span, w));
  const placeholder: Name = { kind: 'Name', path: [`$${index}`], span: e.span };
  const where = w.wheres.get(openParenOffset(e, w));
  const expected = AGGREGATE_ARITY[fn];
  if (e.args.length !== expected) {
    w.diagnostics.push(diag('E034', e.calleeSpan, { name: fn, expected, actual: e.args.length }));
    return placeholder;
  }
  const names = e.args.map((a) => (a.kind === 'Name' ? a : undefined));
  const first = names[0];
  if (names.some((n) => n === undefined) || first === undefined) {
    w.diagnostics.push(diag('E099', e.span, { reason: `${fn}(...) takes ${fn === 'count' ? 'a source or ' : ''}source.column arguments` }, { hint: fn === 'weighted_avg' ? 'write weighted_avg(source.column, source.weight)' : `write ${fn}(source.column)` }));
    return placeholder;
  }
  const source = first.path[0] ?? '';
  const wantsColumn = fn !== 'count';
  for (const n of names) {
    if (n === undefined) continue;
    const ok = n.path.length === 2 || (!wantsColumn && n.path.length === 1);
    if (!ok || n.path[0] !== source) {
      const reason = !ok ? `${fn} takes ${wantsColumn ? 'source.column' : 'a source or source.column'}, found "${n.path.join('.')}"` : `the arguments of ${fn} must come from one source ("${source}")`;
      w.diagnostics.push(diag('E099', n.span, { reason }));
      return placeholder;
    }
  }
  if (!w.sources.has(source)) {
    w.diagnostics.push(diag('E091', first.span, { reason: `unknown source "${source}"` }, { hint: `sources of this file: ${[...w.sources].join(', ') || '(none)'}` }));
    return placeholder;
  }
  const column = first.path[1];
  const weight = names[1]?.path[1];
  const key = `${fn}|${source}|${column ?? ''}|${weight ?? ''}|${where === undefined ? '' : whereKey(w.text, where, w)}`;
  w.aggregates.push({ key, fn, source, ...(column === undefined ? {} : { column }), ...(weight === undefined ? {} : { weight }), ...(where === undefined ? {} : { where }), text: callText, span: e.span });
  return placeholder;
}

/** The definition text's [start, end) of a span (spans are in file offsets). */
function textRange(span: Span, w: Walk): [number, number] {
  let start = 0;
  while (start < w.text.length && originOffset(w.origin, start) < span.start) start++;
  let end = start;
  while (end < w.text.length && originOffset(w.origin, end) < span.end) end++;
  return [start, end];
}

function openParenOffset(e: Call, w: Walk): number {
  const [, calleeEnd] = textRange(e.calleeSpan, w);
  const open = w.text.indexOf('(', calleeEnd);
  return originOffset(w.origin, open);
}

function whereKey(text: string, where: Expr, w: Walk): string {
  const [s, e] = textRange(where.span, w);
  return text.slice(s, e).replace(/\s+/g, ' ');
}

/** Span helper for callers: a whole definition scalar's span. */
export function definitionSpan(origin: TextOrigin, text: string): Span {
  return originSpan(origin, 0, text.length);
}
