import { describe, expect, it } from 'vitest';
import { periodDays, periodIndex, periodMonth, periodYear, shiftPeriod } from '../../../src/contract/period.js';

describe('period keys', () => {
  it('counts period indexes from the contract start', () => {
    expect(periodIndex('2026-03', '2026-01', 'month')).toBe(3);
    expect(periodIndex('2027-Q1', '2026-Q1', 'quarter')).toBe(5);
  });
  it('shifts across year ends and rejects malformed keys', () => {
    expect(shiftPeriod('2026-01', 'month', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-Q1', 'quarter', -1)).toBe('2025-Q4');
    expect(shiftPeriod('2026-13', 'month', 1)).toBeUndefined();
    expect(periodMonth('2026-Q3', 'quarter')).toBe(7);
  });
});

describe('period.year and period.days', () => {
  it('months have 28-31 days by the Gregorian leap rules', () => {
    expect(periodDays('2026-01', 'month')).toBe(31);
    expect(periodDays('2026-02', 'month')).toBe(28);
    expect(periodDays('2028-02', 'month')).toBe(29);
    expect(periodDays('2100-02', 'month')).toBe(28);
    expect(periodDays('2000-02', 'month')).toBe(29);
    expect(periodDays('2026-09', 'month')).toBe(30);
    expect(periodDays('2026-13', 'month')).toBeUndefined();
  });
  it('quarters have 90-92 days', () => {
    expect(periodDays('2026-Q1', 'quarter')).toBe(90);
    expect(periodDays('2028-Q1', 'quarter')).toBe(91);
    expect(periodDays('2026-Q2', 'quarter')).toBe(91);
    expect(periodDays('2026-Q3', 'quarter')).toBe(92);
    expect(periodDays('2026-Q4', 'quarter')).toBe(92);
  });
  it('the year of a month and of a quarter', () => {
    expect(periodYear('2026-12', 'month')).toBe(2026);
    expect(periodYear('2027-Q1', 'quarter')).toBe(2027);
  });
});
