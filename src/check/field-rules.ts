// Stage 6 (checkContract): the field rules of SPEC 2 on typed expressions (target is boolean,
// amounts are money in the contract currency, quantities are plain numbers, weights and caps are
// constant fractions) and the semantic checks on constants (weights sum, grace windows, bounds).
import type { Contract, KpiDecl } from '../contract/model.js';
import type { Expr } from '../parser/ast.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { FieldRule } from './session.js';
import type { CheckedExpr } from './checked-contract.js';
import { isKnownCurrency } from '../numbers/currency.js';
import { formatValue } from '../language/format-value.js';
import { ONE, isRational } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { describeType } from '../language/value-types.js';

/** `what` must be a condition (E043). */
export function booleanRule(what: string): FieldRule {
  return (t) => (t.type.kind === 'boolean' ? undefined : diag('E043', t.expr.span, { what, found: describeType(t.type) }));
}

/** `what` must be money in the contract currency (E044). */
export function moneyRule(what: string, currency: string): FieldRule {
  return (t) =>
    t.type.kind === 'money' && t.type.currency === currency
      ? undefined
      : diag('E044', t.expr.span, { what, currency, found: describeType(t.type) }, t.type.kind === 'scalar' ? { hint: moneyHint(t.expr, currency) } : {});
}

/** `did you mean 500 RUB?` for a plain number literal; otherwise how to make it money. */
function moneyHint(expr: Expr, currency: string): string {
  if (expr.kind === 'Number') return `did you mean ${expr.value} ${currency}?`;
  return `multiply by a price in ${currency} (e.g. leads * 500 ${currency}) or write the amount with its currency`;
}

/** `what` must be dimensionless (count, number, ratio, percent) (E045). */
export function scalarRule(what: string): FieldRule {
  return (t) => (t.type.kind === 'scalar' ? undefined : diag('E045', t.expr.span, { what, found: describeType(t.type) }));
}

/** The constant value of a compiled field, or an E046 diagnostic. */
export function constantOf(c: CheckedExpr, what: string, out: Diagnostic[]): Rational | undefined {
  if (c.constant !== undefined && isRational(c.constant)) return c.constant;
  out.push(diag('E046', c.span, { what }));
  return undefined;
}

/** E050: weights of the weighted KPIs must sum to exactly 100%, located at the first weight. */
export function checkWeightSum(weights: readonly { readonly value: Rational; readonly span: Span }[], out: Diagnostic[]): void {
  const first = weights[0];
  if (first === undefined) return;
  let sum = weights[0]?.value ?? ONE;
  for (let i = 1; i < weights.length; i++) sum = sum.add((weights[i] as { value: Rational }).value);
  if (!sum.equals(ONE)) {
    out.push(diag('E050', first.span, { sum: formatValue(sum, { kind: 'scalar', flavor: 'percent' }) }));
  }
}

/** E053: from_period >= 1, until_period >= 1, from_period <= until_period. */
export function checkGraceWindow(kpi: KpiDecl, out: Diagnostic[]): void {
  const { fromPeriod: from, untilPeriod: until } = kpi;
  if (from !== undefined && from.value < 1) {
    out.push(diag('E053', from.span, { reason: `from_period of KPI "${kpi.id}" must be 1 or more (1 is the contract's first period)` }));
  }
  if (until !== undefined && until.value < 1) {
    out.push(diag('E053', until.span, { reason: `until_period of KPI "${kpi.id}" must be 1 or more` }));
  }
  if (from !== undefined && until !== undefined && from.value >= 1 && until.value >= 1 && from.value > until.value) {
    out.push(
      diag('E053', until.span, { reason: `until_period ${until.value} of KPI "${kpi.id}" is before from_period ${from.value}` }, { labels: [{ span: from.span, message: 'from_period' }] }),
    );
  }
}

/** E057: min <= max when both are constant; located at max with a label at min. */
export function checkBounds(what: string, min: CheckedExpr | undefined, max: CheckedExpr | undefined, out: Diagnostic[]): void {
  const lo = min?.constant;
  const hi = max?.constant;
  if (min === undefined || max === undefined || lo === undefined || hi === undefined || !isRational(lo) || !isRational(hi)) return;
  if (lo.compare(hi) <= 0) return;
  out.push(
    diag('E057', max.span, { reason: `${what}: min ${formatValue(lo, min.type)} is above max ${formatValue(hi, max.type)}` }, { labels: [{ span: min.span, message: 'min' }] }),
  );
}

/** E032 for payment ids used twice. */
export function checkPaymentIds(contract: Contract, out: Diagnostic[]): void {
  const seen = new Map<string, Span>();
  for (const p of contract.payments) {
    const first = seen.get(p.id);
    if (first !== undefined) out.push(diag('E032', p.idSpan, { what: 'payment id', id: p.id }, { labels: [{ span: first, message: 'first used here' }] }));
    else seen.set(p.id, p.idSpan);
  }
}

/** E055 when the contract's own `currency` is not an ISO 4217 code with a minor unit. */
export function checkContractCurrency(contract: Contract, out: Diagnostic[]): void {
  const { value, span } = contract.currency;
  if (!isKnownCurrency(value)) out.push(diag('E055', span, { code: value }));
}
