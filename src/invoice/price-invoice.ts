// Stage 8, priceInvoice: PeriodResult (with its Program) -> Invoice in minor units:
// payment lines in contract order, the limits adjustment lines, and a total equal to their sum.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Label, StageResult } from '../diagnostics/diagnostic.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { CompiledExpr, EvalContext, Program } from '../compile/program.js';
import { isNoData } from '../language/values.js';
import { findMinorDigits } from '../numbers/currency.js';
import { priceLine, type LineEnv } from './invoice-line.js';
import { ceilToMinor, floorToMinor, formatMinor } from '../numbers/money.js';
import { isRational } from '../numbers/rational.js';
import { NumberSizeError } from '../compile/size-limit.js';
import { numberSizeDiagnostic } from '../evaluate/evaluate-period.js';
import type { Adjustment, Invoice, InvoiceLine, PeriodResult } from '../evaluate/results.js';

type LimitId = Adjustment['id'];

/** A declared limit in minor units: min rounded up, max rounded down (see `limitInMinor`). */
interface Limits {
  readonly min?: bigint;
  readonly max?: bigint;
}

/**
 * A limit expression in whole minor units. The minimum is rounded up and the maximum down, so
 * the total never undercuts the exact minimum nor exceeds the exact maximum, whatever the
 * contract's rounding mode. No value: E072 at the limit, with the cause as a label.
 */
function limitInMinor(
  id: LimitId,
  expr: CompiledExpr,
  ctx: EvalContext,
  digits: number,
  diagnostics: Diagnostic[],
): bigint | undefined {
  const v = expr.evaluate(ctx);
  if (isNoData(v)) {
    const labels: Label[] = [{ span: v.span, message: `no value here: ${v.reason}` }, ...(v.labels ?? [])];
    const reason = `${id} has no value: ${v.reason}`;
    diagnostics.push(diag('E072', expr.span, { reason }, { labels, data: { limit: id } }));
    return undefined;
  }
  if (!isRational(v)) throw new InternalError(`${id} is not money`);
  return id === 'limits.min' ? ceilToMinor(v, digits) : floorToMinor(v, digits);
}

function evaluateLimits(
  checked: Program,
  ctx: EvalContext,
  digits: number,
  diagnostics: Diagnostic[],
): Limits {
  const decl = checked.limits;
  if (decl === undefined) return {};
  const min = decl.min === undefined ? undefined : limitInMinor('limits.min', decl.min, ctx, digits, diagnostics);
  const max = decl.max === undefined ? undefined : limitInMinor('limits.max', decl.max, ctx, digits, diagnostics);
  if (min !== undefined && max !== undefined && min > max && decl.max !== undefined) {
    const labels: Label[] = decl.min === undefined ? [] : [{ span: decl.min.span, message: 'the minimum' }];
    const params = { what: 'limits', min: formatMinor(min, digits), max: formatMinor(max, digits) };
    diagnostics.push(diag('E076', decl.max.span, params, { labels }));
  }
  if (min === undefined) return max === undefined ? {} : { max };
  return max === undefined ? { min } : { min, max };
}

/**
 * Adjustment lines for the declared limits, in the order min, max; each present whenever that
 * limit is declared, zero when it does not bind. With min <= max at most one binds, and
 * sum + adjustments lies in [min, max].
 */
function adjust(limits: Limits, sum: bigint): Adjustment[] {
  // Array literals of the final length (a push onto [] allocates room for 16).
  const min = limits.min === undefined ? undefined : adjustment('limits.min', sum < limits.min ? limits.min - sum : 0n, limits.min);
  const max = limits.max === undefined ? undefined : adjustment('limits.max', sum > limits.max ? limits.max - sum : 0n, limits.max);
  if (min === undefined) return max === undefined ? [] : [max];
  return max === undefined ? [min] : [min, max];
}

function adjustment(id: LimitId, amount: bigint, limit: bigint): Adjustment {
  const reason = amount === 0n ? 'not-binding' : id === 'limits.min' ? 'raised-to-min' : 'capped-at-max';
  return { id, amount, reason, limit };
}

/**
 * Stage 8: price every payment of the contract for the evaluated period (SPEC 2, 5).
 * - Lines follow `result.program.payments` in contract order; each is priced exactly, bounded by
 *   its own `min`/`max`, then rounded to the currency's minor unit with the contract's rounding
 *   mode (see `priceLine`; a line whose `when` is false is exactly zero, bounds not applied).
 * - `limits` add the adjustment lines `limits.min` / `limits.max` (present whenever declared,
 *   zero when not binding) so that `total = sum(lines) + sum(adjustments)` exactly, the total is
 *   never above the maximum and never below the minimum.
 * - Errors (no value in a payment: E071; in a limit: E072; negative quantity for tiers/package:
 *   E075; min above max at run time: E076; unknown currency: E055) are all collected, and then
 *   no invoice is returned: nothing partial.
 */
export function priceInvoice(result: PeriodResult): StageResult<Invoice> {
  try {
    return priceInvoiceUnguarded(result);
  } catch (e) {
    if (e instanceof NumberSizeError) return { diagnostics: [numberSizeDiagnostic(e, `invoice for ${result.period}`)] };
    throw e;
  }
}

function priceInvoiceUnguarded(result: PeriodResult): StageResult<Invoice> {
  const { program: checked, context } = result;
  const currency = checked.contract.currency.value;
  const digits = findMinorDigits(currency);
  if (digits === undefined) {
    return { diagnostics: [diag('E055', checked.contract.currency.span, { code: currency })] };
  }
  const env: LineEnv = { ctx: context, currency, digits, rounding: checked.contract.rounding.value };
  const diagnostics: Diagnostic[] = [];
  // Sized once (a push onto [] allocates room for 16); shortened if a line fails.
  const lines = new Array<InvoiceLine>(checked.payments.length);
  let count = 0;
  for (const payment of checked.payments) {
    const line = priceLine(payment, env, diagnostics);
    if (line !== undefined) lines[count++] = line;
  }
  // Only when a line failed: setting length, even to the same value, is a runtime call.
  if (count < lines.length) lines.length = count;
  const limits = evaluateLimits(checked, context, digits, diagnostics);
  if (diagnostics.length > 0) return { diagnostics };
  let sum = 0n;
  for (const line of lines) sum += line.amount;
  const adjustments = adjust(limits, sum);
  let total = sum;
  for (const a of adjustments) total += a.amount;
  return { value: { currency, minorDigits: digits, lines, adjustments, total }, diagnostics: [] };
}
