// Report support: the pieces every document for people writes the same way in a locale: money,
// percentages, quantities, parties, tax rows. Input: an Evaluation and a locale; output: text.
import type { LocaleId, PartyDecl } from '../../contract/model.js';
import { formatMinor } from '../../numbers/money.js';
import { parseDecimal, toDecimalString, type Rational } from '../../numbers/rational.js';
import type { Evaluation } from '../evaluation.js';
import { formatRationalMoney } from '../json.js';
import { formatDecimal, formatMoneyText, formatPercentText } from './format.js';
import { translator, type Translate } from './messages.js';

/** Formatting bound to one evaluation's currency and one locale. */
export interface DocumentText {
  readonly locale: LocaleId;
  readonly t: Translate;
  /** Minor units as money: `150 000,00 ₽`. */
  readonly money: (minor: bigint) => string;
  /** An exact unit price as money (all its digits when not whole minor units). */
  readonly unitPrice: (r: Rational) => string;
  /** A fraction as a percent with up to 2 decimals; `—` when absent. */
  readonly percent: (r: Rational | undefined) => string;
  /** The same with 1 decimal (the HTML report's cards and bars). */
  readonly percent1: (r: Rational | undefined) => string;
  /** A rate as decimal text ("0.22") as a percent: `22 %`. */
  readonly rate: (fraction: string) => string;
  readonly quantity: (r: Rational) => string;
  /** The label of a limit adjustment in the locale. */
  readonly limitLabel: (id: 'limits.min' | 'limits.max') => string;
}

/** The locale of the documents: `--locale` when given, else the contract's, else `en`. */
export function documentLocale(e: Evaluation, override?: LocaleId): LocaleId {
  return override ?? e.result.program.contract.locale?.value ?? 'en';
}

export function documentText(e: Evaluation, locale: LocaleId): DocumentText {
  const cur = e.invoice.currency;
  const d = e.invoice.minorDigits;
  return {
    locale,
    t: translator(locale),
    money: (minor) => formatMoneyText(formatMinor(minor, d), cur, locale),
    unitPrice: (r) => formatMoneyText(formatRationalMoney(r, d), cur, locale),
    percent: (r) => (r === undefined ? '—' : formatPercentText(toDecimalString(r.mul(100), 2), locale)),
    percent1: (r) => (r === undefined ? '—' : formatPercentText(toDecimalString(r.mul(100), 1), locale)),
    rate: (fraction) => formatPercentText(shiftPoint(fraction), locale),
    quantity: (r) => formatDecimal(toDecimalString(r), locale),
    limitLabel: (id) => translator(locale)(id),
  };
}

/** Exact decimal text of a fraction times 100 ("0.055" -> "5.5"): rates are finite decimals. */
function shiftPoint(fraction: string): string {
  const r = parseDecimal(fraction);
  return r === undefined ? fraction : toDecimalString(r.mul(100), 60);
}

/** A party's details other than the name, as `label: value` pairs in print order. */
export function partyDetails(p: PartyDecl, t: Translate): [string, string][] {
  const out: [string, string][] = [];
  if (p.taxId !== undefined) out.push([t('tax_id'), p.taxId]);
  if (p.address !== undefined) out.push([t('address'), p.address]);
  if (p.bank !== undefined) out.push([t('bank'), p.bank]);
  return out;
}

/** The rows below the lines: subtotal, each tax, total payable (label, amount); [] without tax. */
export function taxRows(e: Evaluation, x: DocumentText): { label: string; amount: string }[] {
  const { taxed } = e;
  if (taxed.taxes.length === 0) return [];
  const inclusive = taxed.prices === 'inclusive';
  return [
    { label: x.t('subtotal'), amount: x.money(taxed.subtotal) },
    ...taxed.taxes.map((tax) => ({
      label: x.t(inclusive ? 'tax_included' : 'tax_line', { label: tax.label, rate: x.rate(tax.rate) }),
      amount: x.money(tax.amount),
    })),
    ...(inclusive ? [{ label: x.t('net'), amount: x.money(taxed.net) }] : []),
  ];
}
