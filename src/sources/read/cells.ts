// Sources, cells: one text cell + its column's type -> an exact value, or the reason it cannot be
// read. Numbers keep their decimal digits (never a binary float); percent cells follow the
// column's declared representation; durations take seconds or h:mm:ss; dates become YYYY-MM-DD.
import type { ColumnDecl, DateFormat } from '../model.js';
import { parseDecimalText, shiftDecimal, type Decimal } from './decimal.js';

export type CellValue = { readonly kind: 'number'; readonly value: Decimal } | { readonly kind: 'text'; readonly value: string };

export type CellResult = { readonly value?: CellValue; readonly problem?: string; readonly ambiguousPercent?: boolean };

/** How a file writes numbers. */
export interface NumberStyle {
  readonly decimal: '.' | ',' | 'auto';
  readonly thousands: string;
}

const EMPTY: CellResult = {};

/**
 * Read a number as written in an export: `1 234,5`, `"1,000"`, `9,38`. With `auto`, a `,` is
 * a thousands separator only in a whole number grouped by three (`1,000`, `12,345,678`); the last
 * of `.` and `,` is the decimal mark when both appear. Otherwise the declared marks apply.
 */
export function readNumber(text: string, style: NumberStyle): Decimal | undefined {
  // Plain `1234` / `-12.5` (most cells of a large export): no separators to strip.
  if (style.decimal !== ',' || !text.includes('.')) {
    const plain = parseDecimalText(text);
    if (plain !== undefined) return plain;
  }
  let t = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (style.thousands !== '') t = t.split(style.thousands).join('');
  t = t.replace(/ (?=\d{3}\b)/g, '');
  if (style.decimal === ',') return parseDecimalText(t.replace(/\./g, '').replace(',', '.'));
  if (style.decimal === '.') return parseDecimalText(t.replace(/,(?=\d{3}\b)/g, ''));
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    return lastComma > lastDot ? parseDecimalText(t.replace(/\./g, '').replace(',', '.')) : parseDecimalText(t.replace(/,/g, ''));
  }
  if (lastComma >= 0) {
    if (/^[+-]?\d{1,3}(,\d{3})+$/.test(t)) return parseDecimalText(t.replace(/,/g, ''));
    if ((t.match(/,/g) ?? []).length > 1) return undefined;
    return parseDecimalText(t.replace(',', '.'));
  }
  return parseDecimalText(t);
}

/** `1:02:03`, `02:03` (h:mm:ss / mm:ss) -> seconds. */
function readClock(t: string): Decimal | undefined {
  const m = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(t.trim());
  if (m === null) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  const seconds = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  return { digits: BigInt(seconds), scale: 0 };
}

/**
 * The calendar date of a timestamp with an offset (`2026-10-31T22:30:00Z`) in `timezone`; a
 * timestamp without one is already local to the source's timezone (its date part is the date).
 */
function zonedDate(t: string, timezone: string): string | undefined {
  if (!/[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return undefined;
  const instant = new Date(t.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(instant.getTime())) return undefined;
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Dates already read (an export repeats each day on many rows), by format, zone and text. */
const DATES = new Map<string, string | undefined>();

/** Read a date in the column's format; YYYY-MM-DD text, or undefined. Timestamps take `timezone` (default UTC). */
export function readDate(text: string, format: DateFormat, timezone = 'UTC'): string | undefined {
  const key = `${format}\u0000${timezone}\u0000${text}`;
  if (DATES.has(key)) return DATES.get(key);
  // Bounded: timestamps are all distinct, and then the cache would only grow.
  if (DATES.size >= 4096) DATES.clear();
  const iso = readDateUncached(text, format, timezone);
  DATES.set(key, iso);
  return iso;
}

function readDateUncached(text: string, format: DateFormat, timezone: string): string | undefined {
  const t = text.trim();
  if (format === 'YYYY-MM-DD') {
    const zoned = zonedDate(t, timezone);
    if (zoned !== undefined) return zoned;
  }
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
      [y, m, d] = match === null ? [] : [match[1], match[2], match[3]];
      break;
    case 'YYYYMMDD':
      match = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      [y, m, d] = match === null ? [] : [match[1], match[2], match[3]];
      break;
    case 'DD.MM.YYYY':
      match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(t);
      [d, m, y] = match === null ? [] : [match[1], match[2], match[3]];
      break;
    case 'MM/DD/YYYY':
      match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      [m, d, y] = match === null ? [] : [match[1]?.padStart(2, '0'), match[2]?.padStart(2, '0'), match[3]];
      break;
  }
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const iso = `${y}-${m}-${d}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

/** Read one cell of a typed column. An empty cell (or a no-value marker) has no value. */
export function readCell(text: string, column: ColumnDecl, style: NumberStyle, noValue: readonly string[], timezone?: string): CellResult {
  const t = text.trim();
  if (t === '' || noValue.includes(t)) return EMPTY;
  switch (column.type) {
    case 'text':
      return { value: { kind: 'text', value: column.values?.[t] ?? t } };
    case 'date': {
      const format = column.dateFormat ?? 'YYYY-MM-DD';
      const iso = readDate(t, format, timezone);
      return iso === undefined ? { problem: `"${t}" is not a date in the format ${format}` } : { value: { kind: 'text', value: iso } };
    }
    case 'duration': {
      const clock = readClock(t);
      if (clock !== undefined) return { value: { kind: 'number', value: clock } };
      const n = readNumber(t.replace(/\s*s$/, ''), style);
      return n === undefined ? { problem: `"${t}" is not a duration (seconds or h:mm:ss)` } : { value: { kind: 'number', value: n } };
    }
    case 'percent': {
      if (t.endsWith('%')) {
        const n = readNumber(t.slice(0, -1), style);
        return n === undefined ? { problem: `"${t}" is not a percentage` } : { value: { kind: 'number', value: shiftDecimal(n, 2) } };
      }
      const n = readNumber(t, style);
      if (n === undefined) return { problem: `"${t}" is not a percentage` };
      if (column.percent === 'units') return { value: { kind: 'number', value: shiftDecimal(n, 2) } };
      if (column.percent === 'fraction') return { value: { kind: 'number', value: n } };
      return { ambiguousPercent: true, problem: `"${t}" in percent column "${column.name}" has no %` };
    }
    default: {
      const n = readNumber(t.replace(/^([A-Z]{3})\s+|\s+([A-Z]{3})$/, ''), style);
      if (n === undefined) return { problem: `"${t}" is not a number` };
      if (column.type === 'count' && (n.digits < 0n || (n.scale > 0 && n.digits % 10n ** BigInt(n.scale) !== 0n))) {
        return { problem: `"${t}" is not a whole number of zero or more (column "${column.name}" is a count)` };
      }
      return { value: { kind: 'number', value: n } };
    }
  }
}
