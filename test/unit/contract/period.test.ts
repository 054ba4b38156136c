import { describe, expect, it } from 'vitest';
import { periodIndex, periodMonth, shiftPeriod } from '../../../src/contract/period.js';

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
