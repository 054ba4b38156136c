// Stages 6-7: values as people read them, in their own unit: `17.5%`, `2 min 15 s`, `30000 RUB`,
// ratios and counts as decimals. Display only: non-terminating decimals are rounded here
// (toDecimalString), never in evaluation. Deterministic and locale-independent.
import { isNoData, type Value } from './values.js';
import { HUNDRED, rational, toDecimalString } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import type { ValueType } from './value-types.js';

/** Fraction digits shown for values whose decimal expansion does not terminate. */
const DISPLAY_DIGITS = 4;

const DURATION_UNITS: readonly (readonly [string, bigint])[] = [
  ['d', 86400n],
  ['h', 3600n],
  ['min', 60n],
];

/** A value in the unit of `type`; NoData as `no data (reason)`. */
export function formatValue(v: Value, type: ValueType): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (isNoData(v)) return `no data (${v.reason})`;
  return formatQuantity(v, type);
}

/** An exact quantity in the unit of `type` (percent x100 with `%`, durations compound). */
export function formatQuantity(r: Rational, type: ValueType): string {
  switch (type.kind) {
    case 'scalar':
      return type.flavor === 'percent' ? `${toDecimalString(r.mul(HUNDRED), DISPLAY_DIGITS - 2)}%` : toDecimalString(r, DISPLAY_DIGITS);
    case 'duration':
      return formatDuration(r);
    case 'money':
      return `${toDecimalString(r, DISPLAY_DIGITS)} ${type.currency}`;
    default:
      return toDecimalString(r, DISPLAY_DIGITS);
  }
}

/** Seconds as a compound duration: 135 -> `2 min 15 s`, 5400 -> `1 h 30 min`, 0 -> `0 s`. */
export function formatDuration(seconds: Rational): string {
  const negative = seconds.s < 0n && seconds.n !== 0n;
  let rest = seconds.abs();
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    const whole = rest.n / (rest.d * size);
    if (whole > 0n) {
      parts.push(`${whole} ${unit}`);
      rest = rest.sub(rational(whole * size));
    }
  }
  if (rest.n !== 0n || parts.length === 0) parts.push(`${toDecimalString(rest, DISPLAY_DIGITS)} s`);
  return (negative ? '-' : '') + parts.join(' ');
}
