// Report support: exact decimal strings -> text as a locale writes it (numbers, money, percent,
// dates), from the owned table in format-table.ts. Never a float on the way to text.
import type { LocaleId } from '../../contract/model.js';
import { FORMAT_TABLE } from './format-table.js';

/**
 * An exact decimal string (`-150000.5`) written with the locale's group and decimal separators
 * (`-150 000,5` in ru-RU). The digits are taken as given: no rounding, no float.
 */
export function formatDecimal(text: string, locale: LocaleId): string {
  const f = FORMAT_TABLE[locale];
  // No grouping and a '.' decimal (en): the text as given, which the code below would rebuild.
  if (f.group === '' && f.decimal === '.' && text.indexOf('.') === text.lastIndexOf('.')) return text;
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole = '0', frac] = body.split('.');
  let grouped = whole;
  if (f.group !== '' && whole.length > 3) {
    const parts: string[] = [];
    for (let end = whole.length; end > 0; end -= 3) parts.unshift(whole.slice(Math.max(0, end - 3), end));
    grouped = parts.join(f.group);
  }
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : f.decimal + frac}`;
}

/** A function that writes decimal strings as formatDecimal does in one locale. */
export type DecimalWriter = (text: string) => string;

/** The text as given: a locale with no grouping and a '.' decimal (en). */
const asGiven: DecimalWriter = (text) => text;

/** The writers per locale, made once (see decimalWriter). */
const decimalWriters = new Map<LocaleId, DecimalWriter>();

/**
 * formatDecimal for one locale, resolved once: for text with at most one '.' (every decimal
 * string numbers/rational.ts writes), `decimalWriter(l)(t) === formatDecimal(t, l)`. In `en` that
 * is the text itself; elsewhere the digits are copied in groups without the split and the arrays,
 * since a sentence is written per evaluation.
 */
export function decimalWriter(locale: LocaleId): DecimalWriter {
  let w = decimalWriters.get(locale);
  if (w === undefined) {
    const f = FORMAT_TABLE[locale];
    w = f.group === '' && f.decimal === '.' ? asGiven : groupedWriter(f.group, f.decimal);
    decimalWriters.set(locale, w);
  }
  return w;
}

/** formatDecimal's text with these separators, for text with at most one '.'. */
function groupedWriter(group: string, decimal: string): DecimalWriter {
  return (text) => {
    const start = text.charCodeAt(0) === 45 ? 1 : 0;
    const dot = text.indexOf('.', start);
    const end = dot === -1 ? text.length : dot;
    const size = end - start;
    let out = start === 1 ? '-' : '';
    if (group === '' || size <= 3) out += text.slice(start, end);
    else {
      // The first group is what is left over by threes, as formatDecimal groups from the right.
      const first = start + (size % 3 || 3);
      out += text.slice(start, first);
      for (let i = first; i < end; i += 3) out += group + text.slice(i, i + 3);
    }
    return dot === -1 ? out : out + decimal + text.slice(dot + 1);
  };
}

/**
 * Money from its exact decimal string (already at the currency's minor digits, as formatMinor
 * gives it): `150 000,00 ₽` in ru-RU, `101500.00 RUB` in en (attain's classic form).
 */
export function formatMoneyText(text: string, currency: string, locale: LocaleId): string {
  const f = FORMAT_TABLE[locale];
  return `${formatDecimal(text, locale)}${f.currencySpace}${f.symbols[currency] ?? currency}`;
}

/** A percent from its exact decimal string (`17.5`): `17,5 %` in ru-RU, `17.5%` in en. */
export function formatPercentText(percentText: string, locale: LocaleId): string {
  return `${formatDecimal(percentText, locale)}${FORMAT_TABLE[locale].percentSpace}%`;
}

/** An ISO date (`2026-10-01`) as the locale's long date: `1 октября 2026 г.`, `October 1, 2026`. */
export function formatDateText(iso: string, locale: LocaleId): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return iso;
  const f = FORMAT_TABLE[locale];
  return f.date(Number(m[3]), f.months[Number(m[2]) - 1] ?? m[2] ?? '', Number(m[1]));
}
