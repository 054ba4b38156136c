// Report support: attain's own table of how each locale writes numbers, money, percentages and
// dates (SPEC 10). Frozen from Intl on Node 20 (ICU 78) so output never depends on the ICU version.
import type { LocaleId } from '../../contract/model.js';

/** How one locale writes numbers; `en` keeps attain's classic ungrouped form (`101500.00 RUB`). */
export interface LocaleFormat {
  /** Between groups of three digits ('' = no grouping). */
  readonly group: string;
  readonly decimal: string;
  /** Between the amount and the currency sign. */
  readonly currencySpace: string;
  /** Between a number and `%`. */
  readonly percentSpace: string;
  /** Currency signs this locale writes instead of the ISO code. */
  readonly symbols: Readonly<Record<string, string>>;
  /** Month names as the long date writes them (genitive in Russian). */
  readonly months: readonly string[];
  /** Long date from day, month name and year. */
  readonly date: (day: number, month: string, year: number) => string;
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * The table. Russian groups with U+00A0, French with U+202F (and U+00A0 before `€` and `%`),
 * Serbian with `.`; all use a decimal comma. Checked against Intl.NumberFormat/DateTimeFormat by
 * test/unit/report/locale/format-table.test.ts wherever Node's ICU agrees.
 */
export const FORMAT_TABLE: Readonly<Record<LocaleId, LocaleFormat>> = {
  en: {
    group: '',
    decimal: '.',
    currencySpace: ' ',
    percentSpace: '',
    symbols: {},
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    date: (d, m, y) => `${m} ${d}, ${y}`,
  },
  'ru-RU': {
    group: NBSP,
    decimal: ',',
    currencySpace: NBSP,
    percentSpace: NBSP,
    symbols: { RUB: '₽', EUR: '€', USD: '$', GBP: '£', JPY: '¥', UAH: '₴', CNY: 'CN¥' },
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
    date: (d, m, y) => `${d} ${m} ${y} г.`,
  },
  'fr-FR': {
    group: NNBSP,
    decimal: ',',
    currencySpace: NBSP,
    percentSpace: NBSP,
    symbols: { EUR: '€', USD: '$US', GBP: '£GB' },
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    date: (d, m, y) => `${d} ${m} ${y}`,
  },
  'sr-Latn-RS': {
    group: '.',
    decimal: ',',
    currencySpace: NBSP,
    percentSpace: '',
    symbols: { EUR: '€', USD: 'US$', GBP: '£', JPY: '¥', CNY: 'CN¥' },
    months: ['januar', 'februar', 'mart', 'april', 'maj', 'jun', 'jul', 'avgust', 'septembar', 'oktobar', 'novembar', 'decembar'],
    date: (d, m, y) => `${d}. ${m} ${y}.`,
  },
  'sr-Cyrl-RS': {
    group: '.',
    decimal: ',',
    currencySpace: NBSP,
    percentSpace: '',
    symbols: { EUR: '€', USD: 'US$', GBP: '£', JPY: '¥', CNY: 'CN¥' },
    months: ['јануар', 'фебруар', 'март', 'април', 'мај', 'јун', 'јул', 'август', 'септембар', 'октобар', 'новембар', 'децембар'],
    date: (d, m, y) => `${d}. ${m} ${y}.`,
  },
};
