// Rendering (stage 9): an invoice line's pricing facts (evaluate/results.ts LineDetail) -> the
// sentence every output shows, in a locale: `50 x 400.00 + 42 x 350.00 RUB (graduated)`,
// `3 x 500.00 RUB; raised to min 2000.00 RUB`; ru-RU `3 x 500,00 ₽; увеличено до минимума ...`.
// Also the labels of the limits adjustment lines.
import type { LocaleId } from '../contract/model.js';
import type { Adjustment, InvoiceLine, LinePricing, TierSlice } from '../evaluate/results.js';
import { formatExact } from '../numbers/money.js';
import { compareRationals, toDecimalString, ZERO } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { formatDecimal, formatMoneyText } from './locale/format.js';
import { translator, type Translate } from './locale/messages.js';
import { identityMemo } from './identity-memo.js';

/** What the line's amounts are written in: the invoice's currency and its minor digits. */
export interface LineMoney {
  readonly currency: string;
  readonly minorDigits: number;
}

/** Number and money writers of one locale for one invoice. */
interface Writer {
  readonly locale: LocaleId;
  readonly t: Translate;
  readonly num: (r: Rational) => string;
  /** An exact amount without the currency (whole minor units, or all its digits). */
  readonly bare: (r: Rational) => string;
  /** The same with the currency as the locale writes it. */
  readonly money: (r: Rational) => string;
  /** The currency after a list of bare amounts (`RUB`, `₽`), with its space. */
  readonly currency: string;
}

/** The writer made last, with what it was made for: a run writes its lines in one currency and locale. */
let lastWriter: { readonly money: LineMoney; readonly locale: LocaleId; readonly writer: Writer } | undefined;

function writer(m: LineMoney, locale: LocaleId): Writer {
  const last = lastWriter;
  if (last !== undefined && last.locale === locale && last.money.currency === m.currency && last.money.minorDigits === m.minorDigits) return last.writer;
  // A copy of the two fields: the writer must not keep the invoice `m` alive.
  const money = { currency: m.currency, minorDigits: m.minorDigits };
  const made = makeWriter(money, locale);
  lastWriter = { money, locale, writer: made };
  return made;
}

function makeWriter(m: LineMoney, locale: LocaleId): Writer {
  const bare = (r: Rational): string => formatDecimal(formatExact(r, m.minorDigits), locale);
  const moneyText = (r: Rational): string => formatMoneyText(formatExact(r, m.minorDigits), m.currency, locale);
  // Prices and fixed amounts are constants of the contract: one object on every evaluation.
  const moneyTexts = identityMemo<Rational>(8);
  // formatMoneyText of an empty number is the locale's space and sign: `' RUB'`, `' ₽'`.
  return {
    locale,
    t: translator(locale),
    num: (r) => formatDecimal(toDecimalString(r), locale),
    bare,
    money: (r) => moneyTexts.text(r, moneyText),
    currency: formatMoneyText('', m.currency, locale),
  };
}

function sliceText(s: TierSlice, w: Writer): string {
  const base = `${w.num(s.quantity)} x ${w.bare(s.price)}`;
  return compareRationals(s.flat, ZERO) === 0 ? base : `${base} + ${w.t('line.flat', { amount: w.bare(s.flat) })}`;
}

function pricingText(line: InvoiceLine, pricing: LinePricing, w: Writer): string {
  const quantity = line.quantity ?? ZERO;
  switch (pricing.form) {
    case 'amount':
      return w.money(line.exact);
    case 'price':
      return `${w.num(quantity)} x ${w.money(line.unitPrice ?? ZERO)}`;
    case 'tiers': {
      if (pricing.slices.length === 0) return w.t('line.no_tier', { quantity: w.num(quantity) });
      const volume = pricing.mode === 'volume' ? pricing.slices[0] : undefined;
      const mode = volume === undefined ? pricing.mode : `${pricing.mode}, ${w.t('line.tier', { n: volume.tier + 1 })}`;
      return `${pricing.slices.map((s) => sliceText(s, w)).join(' + ')}${w.currency} (${mode})`;
    }
    case 'package': {
      const n = pricing.packages;
      const count = w.t(n === 1n ? 'line.packages_one' : 'line.packages_other', { count: formatDecimal(n.toString(), w.locale) });
      const facts = [w.t('line.package_facts', { quantity: w.num(quantity), size: w.num(pricing.size) })];
      if (compareRationals(pricing.freeUnits, ZERO) !== 0) facts.push(w.t('line.free', { free: w.num(pricing.freeUnits) }));
      return `${count} x ${w.money(line.unitPrice ?? ZERO)} (${facts.join(', ')})`;
    }
  }
}

function boundText(bound: 'min' | 'max', amount: Rational, w: Writer): string {
  return w.t(bound === 'min' ? 'line.raised_to_min' : 'line.capped_at_max', { amount: w.money(amount) });
}

/**
 * How a line's amount was computed, as one sentence in `locale` (default `en`): the JSON
 * `detail` (always `en`), the explain text's lines and the HTML report's (and so the PDF's) line
 * descriptions. `m` is the invoice (its currency and minor digits).
 */
export function lineDetailText(line: InvoiceLine, m: LineMoney, locale: LocaleId = 'en'): string {
  const d = line.detail;
  if (d.kind === 'not-applied') return translator(locale)('line.not_applied');
  const w = writer(m, locale);
  return pricingText(line, d.pricing, w) + (d.bound === undefined ? '' : `; ${boundText(d.bound.bound, d.bound.amount, w)}`);
}

/** The label of a limits adjustment line (`Minimum invoice total`), as JSON and CSV write it in `en`. */
export function adjustmentLabel(a: Pick<Adjustment, 'id'>, locale: LocaleId = 'en'): string {
  return translator(locale)(a.id);
}
