// Stage 8, one invoice line: ProgramPayment + EvalContext -> InvoiceLine (exact amount, per-line
// bounds, rounding to minor units, the pricing facts as data) or diagnostics. Assembled by price-invoice.ts.
import type { RoundingMode } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import { assertNever, InternalError, type Diagnostic, type Label } from '../diagnostics/diagnostic.js';
import type { CompiledExpr, EvalContext, ProgramPayment, ProgramPricing } from '../compile/program.js';
import { isNoData, type NoData, type Value } from '../language/values.js';
import { ceilToMinor, floorToMinor, formatExact, minorToRational, roundToMinor } from '../numbers/money.js';
import { packageProblem, priceFixedQuantity, pricePackage, priceTiers, tierProblem } from './pricing.js';
import { compareRationals, isRational, subRationals, toDecimalString, ZERO, type Rational } from '../numbers/rational.js';
import type { InvoiceLine, LinePricing } from '../evaluate/results.js';
import type { TierPrice } from './tiers.js';

/** What pricing a line needs besides the payment: the period and the contract's money rules. */
export interface LineEnv {
  readonly ctx: EvalContext;
  readonly currency: string;
  readonly digits: number;
  readonly rounding: RoundingMode;
}

/**
 * Evaluates the parts of one line, adding their diagnostics to the invoice's list; evaluates
 * every part so all errors are reported.
 */
class LineEval {
  /** How many diagnostics the list had before this line. */
  private readonly start: number;
  constructor(
    private readonly id: string,
    private readonly ctx: EvalContext,
    readonly diagnostics: Diagnostic[],
  ) {
    this.start = diagnostics.length;
  }

  /** True when this line added a diagnostic. */
  failed(): boolean {
    return this.diagnostics.length > this.start;
  }

  value(expr: CompiledExpr, part: string): Value | undefined {
    const v = expr.evaluate(this.ctx);
    if (!isNoData(v)) return v;
    this.diagnostics.push(noDataDiagnostic(this.id, part, expr, v));
    return undefined;
  }

  rational(expr: CompiledExpr, part: string): Rational | undefined {
    const v = this.value(expr, part);
    if (v === undefined) return undefined;
    if (!isRational(v)) throw new InternalError(`payment "${this.id}": ${part} is not a number`);
    return v;
  }

  /** A quantity that tiers or packages price: zero or more (E075 otherwise). */
  quantity(expr: CompiledExpr, form: string): Rational | undefined {
    const q = this.rational(expr, 'quantity');
    if (q === undefined || compareRationals(q, ZERO) >= 0) return q;
    this.diagnostics.push(
      diag('E075', expr.span, { id: this.id, form, quantity: toDecimalString(q) }, { data: { payment: this.id } }),
    );
    return undefined;
  }
}

function sameSpan(a: { start: number; end: number; file: string }, b: typeof a): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

/** E071 at the payment's expression, with the sub-expression that had no value as a label. */
export function noDataDiagnostic(id: string, part: string, expr: CompiledExpr, noData: NoData): Diagnostic {
  const labels: Label[] = [];
  if (!sameSpan(noData.span, expr.span)) {
    labels.push({ span: noData.span, message: `no value here: ${noData.reason}` });
  }
  labels.push(...(noData.labels ?? []));
  return diag('E071', expr.span, { id, reason: noData.reason }, {
    ...(labels.length > 0 ? { labels } : {}),
    data: { payment: id, part },
  });
}

/** The exact amount of a pricing form before bounds, with the facts of how it was priced. */
interface Priced {
  readonly exact: Rational;
  readonly quantity?: Rational;
  readonly unitPrice?: Rational;
  readonly pricing: LinePricing;
}

function money(r: Rational, env: LineEnv): string {
  return formatExact(r, env.digits);
}

function priceTierForm(
  pricing: Extract<ProgramPricing, { form: 'tiers' }>,
  ev: LineEval,
): Priced | undefined {
  const quantity = ev.quantity(pricing.quantity, 'tiers');
  const tiers: TierPrice[] = [];
  for (const [i, tier] of pricing.tiers.entries()) {
    const price = tier.price === undefined ? ZERO : ev.rational(tier.price, `tiers[${i}].price`);
    const flat = tier.flat === undefined ? ZERO : ev.rational(tier.flat, `tiers[${i}].flat`);
    if (price !== undefined && flat !== undefined) {
      tiers.push(tier.upTo === undefined ? { price, flat } : { upTo: tier.upTo, price, flat });
    }
  }
  if (quantity === undefined || tiers.length !== pricing.tiers.length) return undefined;
  const problem = tierProblem(tiers);
  const first = pricing.tiers[0];
  if (problem !== undefined) {
    const span = first === undefined ? pricing.quantity.span : first.span;
    ev.diagnostics.push(diag('E051', span, { reason: problem }));
    return undefined;
  }
  const result = priceTiers(quantity, tiers, pricing.mode);
  const volume = pricing.mode === 'volume' ? result.slices[0] : undefined;
  const facts: LinePricing = { form: 'tiers', mode: pricing.mode, slices: result.slices };
  // Literals, not a spread of the optional unit price (V8 makes that spread costly).
  return volume === undefined
    ? { exact: result.amount, quantity, pricing: facts }
    : { exact: result.amount, quantity, unitPrice: volume.price, pricing: facts };
}

function pricePackageForm(
  pricing: Extract<ProgramPricing, { form: 'package' }>,
  ev: LineEval,
): Priced | undefined {
  const quantity = ev.quantity(pricing.quantity, 'package');
  const price = ev.rational(pricing.price, 'package.price');
  if (quantity === undefined || price === undefined) return undefined;
  const problem = packageProblem(pricing.size, pricing.freeUnits);
  if (problem !== undefined) {
    ev.diagnostics.push(diag('E059', pricing.price.span, { reason: problem }));
    return undefined;
  }
  const result = pricePackage(quantity, pricing.size, price, pricing.freeUnits);
  const facts: LinePricing = { form: 'package', packages: result.packages, size: pricing.size, freeUnits: pricing.freeUnits };
  return { exact: result.amount, quantity, unitPrice: price, pricing: facts };
}

const AMOUNT: LinePricing = { form: 'amount' };
const PRICE: LinePricing = { form: 'price' };

function pricePricing(pricing: ProgramPricing, ev: LineEval): Priced | undefined {
  switch (pricing.form) {
    case 'amount': {
      const exact = ev.rational(pricing.amount, 'amount');
      return exact === undefined ? undefined : { exact, pricing: AMOUNT };
    }
    case 'price': {
      const quantity = ev.rational(pricing.quantity, 'quantity');
      const price = ev.rational(pricing.price, 'price');
      if (quantity === undefined || price === undefined) return undefined;
      return { exact: priceFixedQuantity(quantity, price), quantity, unitPrice: price, pricing: PRICE };
    }
    case 'tiers':
      return priceTierForm(pricing, ev);
    case 'package':
      return pricePackageForm(pricing, ev);
    default:
      return assertNever(pricing, 'pricing form');
  }
}

/** The amount after the per-line bounds; `bound` says which one replaced the exact amount. */
interface Bounded {
  readonly amount: Rational;
  readonly bound?: 'min' | 'max';
  /** The bounds in whole minor units, rounded the safe way: min up, max down. */
  readonly minMinor?: bigint;
  readonly maxMinor?: bigint;
}

/**
 * Per-line min/max on the exact amount; E076 when both are given and min is above max, also once
 * they are whole minor units (min rounded up, max down: 10.001 to 10.009 holds no amount).
 */
function applyBounds(
  payment: ProgramPayment,
  exact: Rational | undefined,
  ev: LineEval,
  env: LineEnv,
): Bounded | undefined {
  // Evaluated even when the pricing failed, so every missing value is reported at once.
  const min = payment.min === undefined ? undefined : ev.rational(payment.min, 'min');
  const max = payment.max === undefined ? undefined : ev.rational(payment.max, 'max');
  const missing =
    (payment.min !== undefined && min === undefined) || (payment.max !== undefined && max === undefined);
  if (exact === undefined || missing) return undefined;
  if (min !== undefined && max !== undefined && compareRationals(min, max) > 0 && payment.max !== undefined) {
    const what = `payment "${payment.decl.id}"`;
    ev.diagnostics.push(diag('E076', payment.max.span, { what, min: money(min, env), max: money(max, env) }));
    return undefined;
  }
  const minMinor = min === undefined ? undefined : ceilToMinor(min, env.digits);
  const maxMinor = max === undefined ? undefined : floorToMinor(max, env.digits);
  if (minMinor !== undefined && maxMinor !== undefined && minMinor > maxMinor && payment.max !== undefined) {
    const what = `payment "${payment.decl.id}" (bounds in whole minor units: min rounded up, max down)`;
    const [lo, hi] = [minorToRational(minMinor, env.digits), minorToRational(maxMinor, env.digits)];
    ev.diagnostics.push(diag('E076', payment.max.span, { what, min: money(lo, env), max: money(hi, env) }));
    return undefined;
  }
  const minor = { ...(minMinor === undefined ? {} : { minMinor }), ...(maxMinor === undefined ? {} : { maxMinor }) };
  if (min !== undefined && compareRationals(exact, min) < 0) return { amount: min, bound: 'min', ...minor };
  if (max !== undefined && compareRationals(exact, max) > 0) return { amount: max, bound: 'max', ...minor };
  return { amount: exact, ...minor };
}

/**
 * The line amount in minor units: the bounded amount rounded with the contract's mode, then held
 * inside the bounds rounded the safe way (max down, min up), so the rounded amount never ends
 * above its max or below its min (10.01 against a max of 10.005 is 10.00).
 */
function roundBounded(bounded: Bounded, env: LineEnv): { amount: bigint; bounded: Bounded } {
  const amount = roundToMinor(bounded.amount, env.digits, env.rounding);
  if (bounded.maxMinor !== undefined && amount > bounded.maxMinor) {
    return { amount: bounded.maxMinor, bounded: { ...bounded, amount: minorToRational(bounded.maxMinor, env.digits), bound: 'max' } };
  }
  if (bounded.minMinor !== undefined && amount < bounded.minMinor) {
    return { amount: bounded.minMinor, bounded: { ...bounded, amount: minorToRational(bounded.minMinor, env.digits), bound: 'min' } };
  }
  return { amount, bounded };
}

/**
 * Price one payment line. `when` false: the line is not applied, its amount is exactly zero and
 * nothing else of it is evaluated (no bounds, so a `min` does not turn a skipped line into a
 * charge, and data used only by a skipped line may be missing). Otherwise the pricing form gives
 * the exact amount, `min`/`max` bound it, and it is rounded to minor units with the contract's
 * rounding mode, staying inside the bounds (see roundBounded). Returns no line when any part has no value (E071) or is invalid.
 */
export function priceLine(payment: ProgramPayment, env: LineEnv, diagnostics: Diagnostic[]): InvoiceLine | undefined {
  const { id, label } = payment.decl;
  const ev = new LineEval(id, env.ctx, diagnostics);
  if (payment.when !== undefined) {
    const when = ev.value(payment.when, 'when');
    if (when === undefined) return undefined;
    if (typeof when !== 'boolean') throw new InternalError(`payment "${id}": when is not a condition`);
    if (!when) return { id, label, applied: false, exact: ZERO, amount: 0n, detail: NOT_APPLIED };
  }
  // Most lines have no bounds: the exact amount rounded, with no Bounded objects.
  if (payment.min === undefined && payment.max === undefined) {
    const priced = pricePricing(payment.pricing, ev);
    if (priced === undefined || ev.failed()) return undefined;
    return unboundedLine(id, label, priced, roundToMinor(priced.exact, env.digits, env.rounding));
  }
  const priced = pricePricing(payment.pricing, ev);
  const bounded = applyBounds(payment, priced?.exact, ev, env);
  if (priced === undefined || bounded === undefined || ev.failed()) return undefined;
  const { amount, bounded: final } = roundBounded(bounded, env);
  const bound = final.bound;
  const { exact, quantity, unitPrice } = priced;
  if (bound === undefined) return unboundedLine(id, label, priced, amount);
  const detail: InvoiceLine['detail'] = {
    kind: 'priced',
    pricing: priced.pricing,
    bound: { bound, amount: final.amount, change: subRationals(final.amount, exact) },
  };
  // Own keys in the documented order (id, label, applied, quantity, unitPrice, exact, amount,
  // bound, detail), optional ones only when present.
  const line: { -readonly [K in keyof InvoiceLine]: InvoiceLine[K] } = { id, label, applied: true } as InvoiceLine;
  if (quantity !== undefined) line.quantity = quantity;
  if (unitPrice !== undefined) line.unitPrice = unitPrice;
  line.exact = exact;
  line.amount = amount;
  line.bound = bound;
  line.detail = detail;
  return line;
}

/**
 * An applied line that no bound changed, as one literal per set of present keys (id, label,
 * applied, quantity, unitPrice, exact, amount, detail: the documented order). Literals, not
 * properties added one by one: no property backing store to grow per line.
 */
function unboundedLine(id: string, label: string, priced: Priced, amount: bigint): InvoiceLine {
  const { exact, quantity, unitPrice } = priced;
  const detail = pricedDetail(priced.pricing);
  if (quantity === undefined) {
    return unitPrice === undefined
      ? { id, label, applied: true, exact, amount, detail }
      : { id, label, applied: true, unitPrice, exact, amount, detail };
  }
  return unitPrice === undefined
    ? { id, label, applied: true, quantity, exact, amount, detail }
    : { id, label, applied: true, quantity, unitPrice, exact, amount, detail };
}

const NOT_APPLIED: InvoiceLine['detail'] = { kind: 'not-applied', reason: 'when-false' };

/** The details of an unbounded amount or price line: the same facts on every evaluation, one object each. */
const PRICED_AMOUNT: InvoiceLine['detail'] = { kind: 'priced', pricing: AMOUNT };
const PRICED_PRICE: InvoiceLine['detail'] = { kind: 'priced', pricing: PRICE };

function pricedDetail(pricing: LinePricing): InvoiceLine['detail'] {
  return pricing === AMOUNT ? PRICED_AMOUNT : pricing === PRICE ? PRICED_PRICE : { kind: 'priced', pricing };
}
