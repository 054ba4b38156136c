// Sources, run helpers: periods of dates, the date range of a run's periods, the columns a run
// needs from a source, and the text literals of `where` lists (for the unknown-value warning).
import type { Span } from '../diagnostics/diagnostic.js';
import type { PeriodKind } from '../contract/model.js';
import type { Expr } from '../parser/ast.js';
import type { Aggregate, SourceDecl } from './model.js';

/** The period (YYYY-MM or YYYY-Qn) containing a YYYY-MM-DD date. */
export function periodOfDate(date: string, kind: PeriodKind): string {
  const month = Number(date.slice(5, 7));
  return kind === 'month' ? date.slice(0, 7) : `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** First day of a period and first day after it. */
export function periodDays(period: string, kind: PeriodKind): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const firstMonth = kind === 'month' ? Number(period.slice(5, 7)) : (Number(period.slice(6)) - 1) * 3 + 1;
  const months = kind === 'month' ? 1 : 3;
  const next = firstMonth - 1 + months;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year + Math.floor(next / 12)}-${pad((next % 12) + 1)}-01` };
}

/** The days spanning every wanted period (undefined when some contract wants every period). */
export function periodRange(wanted: readonly (ReadonlySet<string> | undefined)[], kind: PeriodKind): { from: string; to: string } | undefined {
  let from: string | undefined;
  let to: string | undefined;
  for (const set of wanted) {
    if (set === undefined) return undefined;
    for (const p of set) {
      const d = periodDays(p, kind);
      if (from === undefined || d.from < from) from = d.from;
      if (to === undefined || d.to > to) to = d.to;
    }
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

function names(e: Expr | undefined, out: Set<string>): void {
  if (e === undefined) return;
  switch (e.kind) {
    case 'Name':
      out.add(e.path.join('.'));
      return;
    case 'Unary':
      return names(e.operand, out);
    case 'Binary':
      names(e.left, out);
      return names(e.right, out);
    case 'In':
      names(e.value, out);
      return e.items.forEach((i) => names(i, out));
    case 'Between':
      names(e.value, out);
      names(e.low, out);
      return names(e.high, out);
    default:
      return;
  }
}

/** Columns the `where` conditions of these aggregates name. */
export function whereColumns(aggregates: readonly Aggregate[]): Set<string> {
  const out = new Set<string>();
  for (const a of aggregates) names(a.where, out);
  return out;
}

/** Columns read for these aggregates: values, weights, `where` names, date, contract, currencies. */
export function neededColumns(source: SourceDecl, aggregates: readonly Aggregate[]): Set<string> {
  const out = new Set<string>();
  for (const a of aggregates) {
    if (a.column !== undefined) out.add(a.column);
    if (a.weight !== undefined) out.add(a.weight);
    names(a.where, out);
  }
  if (source.date !== undefined) out.add(source.date.value);
  if (source.contract.kind === 'column') out.add(source.contract.column);
  for (const c of [...out]) {
    const cc = source.columns.get(c)?.currencyColumn;
    if (cc !== undefined) out.add(cc);
  }
  return out;
}

/** Text literals compared with a column in `where` (`col == "x"`, `col in ["x", "y"]`): column -> literals. */
export function whereLiterals(aggregates: readonly Aggregate[]): Map<string, Map<string, { value: string; span: Span }>> {
  const out = new Map<string, Map<string, { value: string; span: Span }>>();
  const addLit = (col: string, e: Expr): void => {
    if (e.kind !== 'String') return;
    const m = out.get(col) ?? new Map<string, { value: string; span: Span }>();
    m.set(`${e.span.start}`, { value: e.value, span: e.span });
    out.set(col, m);
  };
  const visit = (e: Expr | undefined): void => {
    if (e === undefined) return;
    if (e.kind === 'Binary') {
      if ((e.op === '==' || e.op === '!=') && e.left.kind === 'Name') addLit(e.left.path.join('.'), e.right);
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'In' && e.value.kind === 'Name') {
      const col = e.value.path.join('.');
      e.items.forEach((i) => addLit(col, i));
    } else if (e.kind === 'Unary') visit(e.operand);
  };
  for (const a of aggregates) visit(a.where);
  return out;
}
