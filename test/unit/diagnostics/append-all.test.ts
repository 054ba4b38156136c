// Tests for diagnostics/append-all.ts: lists far longer than a call's argument limit are appended
// whole and in order (a spread push of the same list throws a RangeError).
import { describe, expect, it } from 'vitest';
import { appendAll } from '../../../src/diagnostics/append-all.js';

describe('appendAll', () => {
  it('appends 1 000 000 items in order, where push(...items) overflows the stack', () => {
    const items = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(() => [0].push(...items)).toThrow(RangeError);
    const target = [-2, -1];
    expect(appendAll(target, items)).toBe(target);
    expect(target.length).toBe(1_000_002);
    expect([target[0], target[2], target[1_000_001]]).toEqual([-2, 0, 999_999]);
  });

  it('leaves the target as it was for an empty list', () => {
    expect(appendAll(['a'], [])).toEqual(['a']);
  });
});
