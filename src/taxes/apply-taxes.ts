// Stage 9, applyTaxes: Invoice (stage 8) + the contract's `tax:` -> TaxedInvoice: the tax per
// rate on the lines after bounds and limits, net and the amount payable (SPEC 10).
import type { Contract, TaxDecl } from '../contract/model.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import type { Invoice } from '../evaluate/results.js';
import { minorToRational, roundMinorTimes, roundToMinor, type RoundingMode } from '../numbers/money.js';
import { addRationals, divRationals, mulRationals, ONE, parseDecimal, ZERO, type Rational } from '../numbers/rational.js';
import { shareAdjustment } from './allocate.js';
import type { TaxAmount, TaxedInvoice } from './taxed-invoice.js';

/** One taxable line: its amount in minor units and the ids of the rates it carries. */
export interface TaxLine {
  readonly amount: bigint;
  readonly rates: readonly string[];
}

/**
 * Stage 9 on a priced invoice: every line carries the rates its payment names in `tax: [...]`, or
 * all of the contract's rates when it names none; the limit adjustments are shared among the lines.
 */
export function applyTaxes(invoice: Invoice, contract: Contract): TaxedInvoice {
  const tax = contract.tax;
  const { all, ratesOf } = taxLayoutOf(contract);
  const lines = invoice.lines.map((l) => ({ amount: l.amount, rates: ratesOf.get(l.id) ?? all }));
  let adjustment = 0n;
  for (const a of invoice.adjustments) adjustment += a.amount;
  return computeTaxes(lines, adjustment, tax, invoice.minorDigits, contract.rounding.value);
}

interface TaxLayout {
  readonly all: readonly string[];
  readonly ratesOf: ReadonlyMap<string, readonly string[]>;
}

/** Per contract, computed once (a contract is evaluated for many periods and clients). */
const layouts = new WeakMap<Contract, TaxLayout>();

/** The rate ids of every payment line of the contract (all rates for a line naming none). */
function taxLayoutOf(contract: Contract): TaxLayout {
  let layout = layouts.get(contract);
  if (layout === undefined) {
    const tax = contract.tax;
    const all = tax?.kind === 'rates' ? tax.rates.map((r) => r.id) : [];
    const ratesOf = new Map(contract.payments.map((p) => [p.id, p.tax === undefined ? all : p.tax.value.map((t) => t.value)]));
    layout = { all, ratesOf };
    layouts.set(contract, layout);
  }
  return layout;
}

/** Each rate's exact value, per tax declaration, parsed once. */
const rateValues = new WeakMap<TaxDecl, ReadonlyMap<string, Rational>>();

function rateValuesOf(tax: TaxDecl & { readonly kind: 'rates' }): ReadonlyMap<string, Rational> {
  let values = rateValues.get(tax);
  if (values === undefined) {
    const parsed = new Map<string, Rational>();
    for (const r of tax.rates) {
      const v = parseDecimal(r.rate.value);
      if (v === undefined) throw new InternalError(`tax rate ${r.id} is not decimal text`);
      parsed.set(r.id, v);
    }
    values = parsed;
    rateValues.set(tax, values);
  }
  return values;
}

/**
 * The taxes of lines plus a limit adjustment (SPEC 10), exact until the one rounding per rate
 * (`invoice`) or per line and rate (`line`) in the contract's rounding mode.
 * - Exclusive: base per rate = the lines carrying it with their share of the adjustment; tax =
 *   base x rate; net = subtotal; total = net + taxes.
 * - Inclusive: each line's net = gross / (1 + sum of its rates), its tax per rate = net x rate;
 *   total = subtotal (the prices contain the tax); net = total - taxes.
 * In every case `total = net + sum(taxes.amount)` exactly.
 */
export function computeTaxes(
  lines: readonly TaxLine[],
  adjustment: bigint,
  tax: TaxDecl | undefined,
  digits: number,
  mode: RoundingMode,
): TaxedInvoice {
  let subtotal = adjustment;
  for (const l of lines) subtotal += l.amount;
  if (tax === undefined) return { subtotal, taxes: [], net: subtotal, total: subtotal };
  if (tax.kind === 'exempt') return { subtotal, taxes: [], net: subtotal, total: subtotal, exempt: tax.text };

  const rateValue = rateValuesOf(tax);
  // Made when first needed: an exclusive rate rounded once per invoice on every line needs no
  // per-line shares (see below), which is the usual contract.
  let shared: TaxLine[] | undefined;
  // With no lines at all, a binding limit is the whole invoice: it carries every rate.
  const taxable = (): TaxLine[] => (shared ??= lines.length === 0
    ? [{ amount: adjustment, rates: tax.rates.map((r) => r.id) }]
    : shareAdjustment(lines.map((l) => l.amount), adjustment).map((amount, i) => ({ amount, rates: lines[i]?.rates ?? [] })));

  const inclusive = tax.prices === 'inclusive';
  const perLine = tax.rounding === 'line';
  const taxes: TaxAmount[] = [];
  let taxSum = 0n;
  for (const r of tax.rates) {
    const rate = rateValue.get(r.id) ?? ZERO;
    if (!inclusive && !perLine && everyLineCarries(lines, r.id)) {
      // The shares of the adjustment sum back to it exactly, so the base of a rate every line
      // carries is the subtotal, whatever the split: exclusiveTax's result without making it.
      const amount = roundMinorTimes(subtotal, rate, mode);
      taxes.push({ id: r.id, label: r.label, rate: r.rate.value, base: subtotal, amount });
      taxSum += amount;
      continue;
    }
    if (!inclusive) {
      const amount = exclusiveTax(taxable(), r.id, rate, perLine, mode);
      taxes.push({ id: r.id, label: r.label, rate: r.rate.value, base: amount.base, amount: amount.tax });
      taxSum += amount.tax;
      continue;
    }
    let exactSum = ZERO;
    let lineRounded = 0n;
    let baseExact = ZERO;
    for (const l of taxable()) {
      if (!l.rates.includes(r.id)) continue;
      const gross = minorToRational(l.amount, digits);
      const net = divRationals(gross, addRationals(ONE, sumRates(l.rates, rateValue)));
      const t = mulRationals(net, rate);
      baseExact = addRationals(baseExact, net);
      exactSum = addRationals(exactSum, t);
      lineRounded += roundToMinor(t, digits, mode);
    }
    const amount = tax.rounding === 'line' ? lineRounded : roundToMinor(exactSum, digits, mode);
    taxes.push({ id: r.id, label: r.label, rate: r.rate.value, base: roundToMinor(baseExact, digits, mode), amount });
    taxSum += amount;
  }
  if (inclusive) return { subtotal, taxes, net: subtotal - taxSum, total: subtotal, prices: 'inclusive' };
  return { subtotal, taxes, net: subtotal, total: subtotal + taxSum, prices: 'exclusive' };
}

/**
 * One rate on prices without tax, in whole minor units until the rounding: the base is the sum of
 * the lines' amounts (whole minor units, which rounding leaves unchanged), the exact tax is base x
 * rate (the sum of the lines' exact taxes, by distributivity), rounded once; with `rounding: line`
 * each line's base x rate is rounded and the results summed.
 */
function exclusiveTax(taxable: readonly TaxLine[], id: string, rate: Rational, perLine: boolean, mode: RoundingMode): { base: bigint; tax: bigint } {
  let base = 0n;
  let lineRounded = 0n;
  for (const l of taxable) {
    if (!l.rates.includes(id)) continue;
    base += l.amount;
    if (perLine) lineRounded += roundMinorTimes(l.amount, rate, mode);
  }
  // base x rate in minor units on bigints (no Rational per rate and invoice): the same rounding.
  return { base, tax: perLine ? lineRounded : roundMinorTimes(base, rate, mode) };
}

/** True when every line carries rate `id` (true with no lines: the adjustment alone then carries every rate). */
function everyLineCarries(lines: readonly TaxLine[], id: string): boolean {
  for (const l of lines) if (!l.rates.includes(id)) return false;
  return true;
}

function sumRates(ids: readonly string[], rates: ReadonlyMap<string, Rational>): Rational {
  let s = ZERO;
  for (const id of ids) s = addRationals(s, rates.get(id) ?? ZERO);
  return s;
}
