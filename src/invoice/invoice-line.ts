// Stage 8, one invoice line: ProgramPayment + EvalContext -> InvoiceLine (exact amount, per-line
// bounds, rounding to minor units, detail text) or diagnostics. Assembled by invoice.ts.
import type { RoundingMode } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import { assertNever, InternalError, type Diagnostic, type Label } from '../diagnostics/diagnostic.js';
import type { CompiledExpr, EvalContext, ProgramPayment, ProgramPricing } from '../compile/program.js';
import { isNoData, type NoData, type Value } from '../language/values.js';
import { formatExact, roundToMinor } from '../numbers/money.js';
import { packageProblem, priceFixedQuantity, pricePackage, priceTiers, tierProblem } from './pricing.js';
import { compareRationals, isRational, toDecimalString, ZERO, type Rational } from '../numbers/rational.js';
import type { InvoiceLine } from '../evaluate/results.js';
import type { TierPrice, TierSlice } from './tiers.js';

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

/** The exact amount of a pricing form before bounds, with what its explanation needs. */
interface Priced {
  readonly exact: Rational;
  readonly quantity?: Rational;
  readonly unitPrice?: Rational;
  /**
   * The explanation of tiers and packages, rendered only when read (see AppliedLine). The amount
   * and price forms have none: their text is made from the fields above (see pricedText).
   */
  readonly detail?: () => string;
}

/** The explanation of a priced form (before the bound note), from the Priced fields. */
function pricedText(line: InvoiceLine, detail: (() => string) | undefined, currency: string, digits: number): string {
  if (detail !== undefined) return detail();
  const { quantity, unitPrice } = line;
  if (quantity !== undefined && unitPrice !== undefined) {
    return `${toDecimalString(quantity)} x ${formatExact(unitPrice, digits)} ${currency}`;
  }
  return `${formatExact(line.exact, digits)} ${currency}`;
}

function money(r: Rational, env: LineEnv): string {
  return formatExact(r, env.digits);
}

function sliceText(s: TierSlice, env: LineEnv): string {
  const base = `${toDecimalString(s.quantity)} x ${money(s.price, env)}`;
  return compareRationals(s.flat, ZERO) === 0 ? base : `${base} + ${money(s.flat, env)} flat`;
}

function priceTierForm(
  pricing: Extract<ProgramPricing, { form: 'tiers' }>,
  ev: LineEval,
  env: LineEnv,
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
  const detail = (): string =>
    result.slices.length === 0
      ? `${toDecimalString(quantity)}: no tier reached`
      : `${result.slices.map((s) => sliceText(s, env)).join(' + ')} ${env.currency} (${pricing.mode}` +
        (volume === undefined ? ')' : `, tier ${volume.tier + 1})`);
  // Literals, not a spread of the optional unit price (V8 makes that spread costly).
  return volume === undefined
    ? { exact: result.amount, quantity, detail }
    : { exact: result.amount, quantity, unitPrice: volume.price, detail };
}

function pricePackageForm(
  pricing: Extract<ProgramPricing, { form: 'package' }>,
  ev: LineEval,
  env: LineEnv,
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
  const free = compareRationals(pricing.freeUnits, ZERO) === 0 ? '' : `, ${toDecimalString(pricing.freeUnits)} free`;
  const detail = (): string =>
    `${result.packages} package${result.packages === 1n ? '' : 's'} x ${money(price, env)} ${env.currency} ` +
    `(${toDecimalString(quantity)} units, ${toDecimalString(pricing.size)} per package${free})`;
  return { exact: result.amount, quantity, unitPrice: price, detail };
}

function pricePricing(pricing: ProgramPricing, ev: LineEval, env: LineEnv): Priced | undefined {
  switch (pricing.form) {
    case 'amount': {
      const exact = ev.rational(pricing.amount, 'amount');
      return exact === undefined ? undefined : { exact };
    }
    case 'price': {
      const quantity = ev.rational(pricing.quantity, 'quantity');
      const price = ev.rational(pricing.price, 'price');
      if (quantity === undefined || price === undefined) return undefined;
      return { exact: priceFixedQuantity(quantity, price), quantity, unitPrice: price };
    }
    case 'tiers':
      return priceTierForm(pricing, ev, env);
    case 'package':
      return pricePackageForm(pricing, ev, env);
    default:
      return assertNever(pricing, 'pricing form');
  }
}

/** The amount after the per-line bounds; `bound` says which one replaced the exact amount. */
interface Bounded {
  readonly amount: Rational;
  readonly bound?: 'min' | 'max';
}

/** What the explanation adds when a bound changed the amount (`amount` is then that bound). */
function boundNote(bound: 'min' | 'max' | undefined, amount: Rational, currency: string, digits: number): string {
  if (bound === undefined) return '';
  const verb = bound === 'min' ? 'raised to min' : 'capped at max';
  return `; ${verb} ${formatExact(amount, digits)} ${currency}`;
}

/** Per-line min/max on the exact amount; E076 when both are given and min is above max. */
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
  if (min !== undefined && compareRationals(exact, min) < 0) return { amount: min, bound: 'min' };
  if (max !== undefined && compareRationals(exact, max) > 0) return { amount: max, bound: 'max' };
  return { amount: exact };
}

/**
 * Price one payment line. `when` false: the line is not applied, its amount is exactly zero and
 * nothing else of it is evaluated (no bounds, so a `min` does not turn a skipped line into a
 * charge, and data used only by a skipped line may be missing). Otherwise the pricing form gives
 * the exact amount, `min`/`max` bound it, and it is rounded to minor units with the contract's
 * rounding mode. Returns no line when any part has no value (E071) or is invalid.
 */
export function priceLine(payment: ProgramPayment, env: LineEnv, diagnostics: Diagnostic[]): InvoiceLine | undefined {
  const { id, label } = payment.decl;
  const ev = new LineEval(id, env.ctx, diagnostics);
  if (payment.when !== undefined) {
    const when = ev.value(payment.when, 'when');
    if (when === undefined) return undefined;
    if (typeof when !== 'boolean') throw new InternalError(`payment "${id}": when is not a condition`);
    if (!when) return { id, label, applied: false, exact: ZERO, amount: 0n, detail: 'not applied: when is false' };
  }
  const priced = pricePricing(payment.pricing, ev, env);
  const bounded = applyBounds(payment, priced?.exact, ev, env);
  if (priced === undefined || bounded === undefined || ev.failed()) return undefined;
  const amount = roundToMinor(bounded.amount, env.digits, env.rounding);
  return new AppliedLine(id, label, priced, amount, bounded, env);
}

/**
 * An applied line. Own keys in the documented order, optional ones only when present (id, label,
 * applied, quantity, unitPrice, exact, amount, bound). `detail` is rendered on first read by a
 * getter on the prototype: formatting costs more than pricing the line and bulk runs rarely read
 * it, and an own accessor (an object literal with `get`) costs V8 a closure, an accessor pair
 * and often a new hidden class per line. The text depends only on values fixed at construction
 * (the fields, and the rest in private fields, invisible to copies and comparisons), so it reads
 * the same later. A line is never serialised as it is (amounts are bigints): reports pick the
 * fields.
 */
class AppliedLine implements InvoiceLine {
  /** Tiers and packages: their explanation (see Priced). */
  readonly #detail: (() => string) | undefined;
  /** The bound that replaced the exact amount, when `bound` is set. */
  readonly #bounded: Rational;
  readonly #currency: string;
  readonly #digits: number;
  #text: string | undefined;
  // `declare`d, not class fields: fields would be defined (as undefined) before the constructor
  // runs, in declaration order, whether present or not.
  declare readonly id: string;
  declare readonly label: string;
  declare readonly applied: boolean;
  declare readonly quantity?: Rational;
  declare readonly unitPrice?: Rational;
  declare readonly exact: Rational;
  declare readonly amount: bigint;
  declare readonly bound?: 'min' | 'max';

  constructor(id: string, label: string, priced: Priced, amount: bigint, bounded: Bounded, env: LineEnv) {
    this.#detail = priced.detail;
    this.#bounded = bounded.amount;
    this.#currency = env.currency;
    this.#digits = env.digits;
    this.#text = undefined;
    const self = this as { -readonly [K in keyof InvoiceLine]: InvoiceLine[K] };
    self.id = id;
    self.label = label;
    self.applied = true;
    if (priced.quantity !== undefined) self.quantity = priced.quantity;
    if (priced.unitPrice !== undefined) self.unitPrice = priced.unitPrice;
    self.exact = priced.exact;
    self.amount = amount;
    if (bounded.bound !== undefined) self.bound = bounded.bound;
  }

  get detail(): string {
    return (this.#text ??=
      pricedText(this, this.#detail, this.#currency, this.#digits) + boundNote(this.bound, this.#bounded, this.#currency, this.#digits));
  }
}
