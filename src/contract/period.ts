// Period keys shared by contracts, data and evaluation: `2026-10` (month) or `2026-Q1` (quarter).
import type { PeriodKind } from './model.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Sequential number of a period (months or quarters since year 0), or undefined if malformed. */
export function periodOrdinal(key: string, kind: PeriodKind): number | undefined {
  const cache = kind === 'month' ? MONTH_ORDINALS : QUARTER_ORDINALS;
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit;
  const ordinal = parseOrdinal(key, kind);
  // Bounded: a run sees few distinct keys; a stream of junk keys must not grow memory.
  if (cache.size >= ORDINAL_CACHE_SIZE) cache.clear();
  cache.set(key, ordinal);
  return ordinal;
}

/** Parsed period keys (a pure function of key and kind): evaluation asks for the same few keys. */
const MONTH_ORDINALS = new Map<string, number | undefined>();
const QUARTER_ORDINALS = new Map<string, number | undefined>();
const ORDINAL_CACHE_SIZE = 4096;

function parseOrdinal(key: string, kind: PeriodKind): number | undefined {
  const m = (kind === 'month' ? MONTH : QUARTER).exec(key);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const part = Number(m[2]);
  return kind === 'month' ? year * 12 + (part - 1) : year * 4 + (part - 1);
}

export function isPeriodKey(key: string, kind: PeriodKind): boolean {
  return periodOrdinal(key, kind) !== undefined;
}

/** The key of the period `offset` periods after `key` (negative: before). */
export function shiftPeriod(key: string, kind: PeriodKind, offset: number): string | undefined {
  const ord = periodOrdinal(key, kind);
  if (ord === undefined) return undefined;
  const next = ord + offset;
  if (next < 0) return undefined;
  if (kind === 'month') {
    const year = Math.floor(next / 12);
    return `${String(year).padStart(4, '0')}-${String((next % 12) + 1).padStart(2, '0')}`;
  }
  return `${String(Math.floor(next / 4)).padStart(4, '0')}-Q${(next % 4) + 1}`;
}

/** 1-based index of `key` counted from the contract's first period `from`. */
export function periodIndex(key: string, from: string, kind: PeriodKind): number | undefined {
  const a = periodOrdinal(key, kind);
  const b = periodOrdinal(from, kind);
  return a === undefined || b === undefined ? undefined : a - b + 1;
}

/** Calendar month 1-12 of a period (for a quarter: its first month). */
export function periodMonth(key: string, kind: PeriodKind): number | undefined {
  const ord = periodOrdinal(key, kind);
  if (ord === undefined) return undefined;
  return kind === 'month' ? (ord % 12) + 1 : (ord % 4) * 3 + 1;
}

/** Compare two period keys of the same kind chronologically. */
export function comparePeriods(a: string, b: string, kind: PeriodKind): number {
  return (periodOrdinal(a, kind) ?? 0) - (periodOrdinal(b, kind) ?? 0);
}

/** Calendar year of a period (`2026-10` and `2026-Q4` are both in 2026). */
export function periodYear(key: string, kind: PeriodKind): number | undefined {
  const ord = periodOrdinal(key, kind);
  if (ord === undefined) return undefined;
  return Math.floor(ord / (kind === 'month' ? 12 : 4));
}

/**
 * Days in a period by the Gregorian calendar: 28-31 for a month (February 29 in leap years),
 * 90-92 for a quarter (the sum of its three months).
 */
export function periodDays(key: string, kind: PeriodKind): number | undefined {
  const year = periodYear(key, kind);
  const month = periodMonth(key, kind);
  if (year === undefined || month === undefined) return undefined;
  const months = kind === 'month' ? 1 : 3;
  let days = 0;
  for (let m = month; m < month + months; m++) days += daysInMonth(year, m);
  return days;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
