// Numbers support: paddedDigits against String().padStart for every width and edge values;
// wholeText against String().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paddedDigits, THREE_DIGITS, UP_TO_999, wholeText } from '../../../src/numbers/digit-text.js';

describe('paddedDigits', () => {
  it('is String(q).padStart(size, "0") for 0 <= q < 10^size, sizes 1 to 9', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: 10 ** size - 1 }))), ([size, q]) => {
        expect(paddedDigits(q, size)).toBe(String(q).padStart(size, '0'));
      }),
      { seed: 20261211, numRuns: 5000 },
    );
  });

  it('keeps leading zeros and the largest values of each width', () => {
    expect(paddedDigits(0, 1)).toBe('0');
    expect(paddedDigits(0, 6)).toBe('000000');
    expect(paddedDigits(42, 6)).toBe('000042');
    expect(paddedDigits(999_999, 6)).toBe('999999');
    expect(paddedDigits(1_000, 4)).toBe('1000');
    expect(paddedDigits(7, 9)).toBe('000000007');
    expect(paddedDigits(999_999_999, 9)).toBe('999999999');
  });

  it('has the 1 000 groups as text and as three digits', () => {
    expect(UP_TO_999).toHaveLength(1000);
    expect(UP_TO_999[7]).toBe('7');
    expect(THREE_DIGITS[7]).toBe('007');
    expect(THREE_DIGITS[999]).toBe('999');
  });
});

describe('wholeText', () => {
  it('is String(n) for non-negative integers, below and above the table', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1000, max: 2 ** 49 })), (n) => {
        expect(wholeText(n)).toBe(String(n));
      }),
      { seed: 20261212, numRuns: 3000 },
    );
    expect(wholeText(999)).toBe('999');
    expect(wholeText(1000)).toBe('1000');
  });
});
