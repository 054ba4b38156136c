// Report support: a runtime value in its own unit as a locale writes it: `17.5%` / `17,5 %`,
// `2 min 15 s` / `2 мин 15 с`, `30000 RUB` / `30 000 ₽`. Exact decimal strings in (rounded for
// display only when they do not terminate), the separators from format-table.ts.
import type { LocaleId } from '../../contract/model.js';
import { isNoData, type Value } from '../../language/values.js';
import type { ValueType } from '../../language/value-types.js';
import { decimalStringOf, mulRationals, rational, subRationals, toDecimalString, toPercentDecimalString, type Rational } from '../../numbers/rational.js';
import { FORMAT_TABLE } from './format-table.js';
import { decimalWriter, formatDecimal, formatMoneyText, formatPercentText, type DecimalWriter } from './format.js';
import { translator } from './messages.js';

/** Fraction digits shown for values whose decimal expansion does not terminate. */
const DISPLAY_DIGITS = 4;

/** The units a duration is taken apart into, largest first: its word (UnitWords) and size in seconds. */
const DURATION_UNITS: readonly { readonly word: 'd' | 'h' | 'min'; readonly size: bigint; readonly seconds: number }[] = [
  { word: 'd', size: 86400n, seconds: 86400 },
  { word: 'h', size: 3600n, seconds: 3600 },
  { word: 'min', size: 60n, seconds: 60 },
];

/**
 * A value in the unit of `type`, in `locale`; NoData as `no data (reason)` (the reason stays in
 * English, as diagnostics do). In `en` this is exactly language/format-value.ts's formatValue.
 */
export function formatValueText(v: Value, type: ValueType, locale: LocaleId): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (isNoData(v)) return translator(locale)('explain.no_data', { reason: v.reason });
  return formatQuantityText(v, type, locale);
}

/** An exact quantity in the unit of `type` (percent x100 with `%`, durations compound). */
export function formatQuantityText(r: Rational, type: ValueType, locale: LocaleId): string {
  switch (type.kind) {
    case 'scalar':
      return type.flavor === 'percent'
        ? formatPercentText(toPercentDecimalString(r, DISPLAY_DIGITS - 2), locale)
        : formatDecimal(toDecimalString(r, DISPLAY_DIGITS), locale);
    case 'duration':
      return formatDurationText(r, locale);
    case 'money':
      return formatMoneyText(toDecimalString(r, DISPLAY_DIGITS), type.currency, locale);
    default:
      return formatDecimal(toDecimalString(r, DISPLAY_DIGITS), locale);
  }
}

/** A function that writes an exact quantity of one type in one locale (see quantityWriter). */
export type QuantityWriter = (r: Rational) => string;

/**
 * formatQuantityText for one type and locale, resolved once: `quantityWriter(t, l)(r) ===
 * formatQuantityText(r, t, l)`. The type's branch, the locale's separators, `%` and currency sign
 * are looked up here rather than per value (explanation sentences are written per evaluation).
 */
export function quantityWriter(type: ValueType, locale: LocaleId): QuantityWriter {
  const decimal = decimalWriter(locale);
  const f = FORMAT_TABLE[locale];
  switch (type.kind) {
    case 'scalar': {
      if (type.flavor !== 'percent') return (r) => decimal(toDecimalString(r, DISPLAY_DIGITS));
      const suffix = `${f.percentSpace}%`;
      return (r) => decimal(toPercentDecimalString(r, DISPLAY_DIGITS - 2)) + suffix;
    }
    case 'duration': {
      const words = wordsOf(locale);
      return (r) => durationText(r, words, decimal);
    }
    case 'money': {
      const suffix = f.currencySpace + (f.symbols[type.currency] ?? type.currency);
      return (r) => decimal(toDecimalString(r, DISPLAY_DIGITS)) + suffix;
    }
    default:
      return (r) => decimal(toDecimalString(r, DISPLAY_DIGITS));
  }
}

/** Below these, |seconds| = n/d is taken apart on numbers: n < 2^49, d x 86400 < 2^53 (exact). */
const NUMBER_N = 2n ** 49n;
const NUMBER_D = 2n ** 36n;

/** The unit words of durations in one locale (`d`, `h`, `min`, `s`), looked up once. */
interface UnitWords {
  readonly d: string;
  readonly h: string;
  readonly min: string;
  readonly s: string;
}

const unitWords = new Map<LocaleId, UnitWords>();

function wordsOf(locale: LocaleId): UnitWords {
  let w = unitWords.get(locale);
  if (w === undefined) {
    const t = translator(locale);
    w = { d: t('explain.unit.d'), h: t('explain.unit.h'), min: t('explain.unit.min'), s: t('explain.unit.s') };
    unitWords.set(locale, w);
  }
  return w;
}

/** Seconds as a compound duration: 135 -> `2 min 15 s`, 5400 -> `1 h 30 min`, 0 -> `0 s`. */
function formatDurationText(seconds: Rational, locale: LocaleId): string {
  return durationText(seconds, wordsOf(locale), decimalWriter(locale));
}

/** formatDurationText with the locale's unit words and number writer resolved. */
function durationText(seconds: Rational, w: UnitWords, decimal: DecimalWriter): string {
  const negative = seconds.s < 0n && seconds.n !== 0n;
  if (seconds.n < NUMBER_N && seconds.d < NUMBER_D) return smallDurationText(Number(seconds.n), Number(seconds.d), negative, w, decimal);
  const parts: string[] = [];
  let rest = negative ? mulRationals(seconds, rational(-1)) : seconds;
  for (const { word, size } of DURATION_UNITS) {
    const whole = rest.n / (rest.d * size);
    if (whole > 0n) {
      parts.push(`${decimal(whole.toString())} ${w[word]}`);
      rest = subRationals(rest, rational(whole * size));
    }
  }
  if (rest.n !== 0n || parts.length === 0) parts.push(`${decimal(toDecimalString(rest, DISPLAY_DIGITS))} ${w.s}`);
  return (negative ? '-' : '') + parts.join(' ');
}

/**
 * formatDurationText of n/d seconds (n < 2^49, d < 2^36) on numbers: the quotient by d x size
 * and the remainder are exact on safe integers. The same text as the bigint steps, without an array.
 */
function smallDurationText(n: number, d: number, negative: boolean, w: UnitWords, decimal: DecimalWriter): string {
  let text = '';
  let rest = n;
  for (const { word, seconds } of DURATION_UNITS) {
    const m = d * seconds;
    // floor(rest / m) on doubles is the exact quotient (rest < 2^49: a quotient just below an
    // integer is at least 1/m below it, more than the division's rounding), and no fmod call.
    const whole = Math.floor(rest / m);
    const left = rest - whole * m;
    if (whole > 0) {
      const part = `${decimal(String(whole))} ${w[word]}`;
      text = text === '' ? part : `${text} ${part}`;
      rest = left;
    }
  }
  if (rest !== 0 || text === '') {
    const part = `${decimal(decimalStringOf(rest, d, DISPLAY_DIGITS))} ${w.s}`;
    text = text === '' ? part : `${text} ${part}`;
  }
  return negative ? `-${text}` : text;
}
