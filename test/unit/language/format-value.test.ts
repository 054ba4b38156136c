import { describe, expect, it } from 'vitest';
import { formatDuration, formatValue } from '../../../src/language/format-value.js';
import { parseDecimal } from '../../../src/numbers/rational.js';
import type { Rational } from '../../../src/numbers/rational.js';
import { DURATION, money, scalar } from '../../../src/language/value-types.js';

function r(text: string): Rational {
  const v = parseDecimal(text);
  if (v === undefined) throw new Error(text);
  return v;
}

describe('formatValue', () => {
  it('shows values in their unit', () => {
    expect(formatValue(r('0.175'), scalar('percent'))).toBe('17.5%');
    expect(formatValue(r('0.65'), scalar('ratio'))).toBe('0.65');
    expect(formatValue(r('30000'), money('RUB'))).toBe('30000 RUB');
    expect(formatValue(true, scalar('count'))).toBe('true');
    expect(formatValue({ kind: 'NoData', reason: 'x', span: { file: '', start: 0, end: 0 } }, scalar('count'))).toBe('no data (x)');
  });

  it('rounds non-terminating decimals for display only', () => {
    expect(formatValue(r('1').div(3), scalar('ratio'))).toBe('0.3333');
    expect(formatValue(r('1').div(3), scalar('percent'))).toBe('33.33%');
  });

  it('shows durations compound', () => {
    expect(formatDuration(r('135'))).toBe('2 min 15 s');
    expect(formatDuration(r('120'))).toBe('2 min');
    expect(formatDuration(r('5400'))).toBe('1 h 30 min');
    expect(formatDuration(r('90061'))).toBe('1 d 1 h 1 min 1 s');
    expect(formatDuration(r('0'))).toBe('0 s');
    expect(formatDuration(r('-2.5'))).toBe('-2.5 s');
    expect(formatValue(r('135'), DURATION)).toBe('2 min 15 s');
  });
});
