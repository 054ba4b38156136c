// Tests for report/identity-memo.ts: a remembered text is the text of that very object, and a
// memo full of other objects still answers right (round-robin replacement).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { identityMemo } from '../../../src/report/identity-memo.js';

describe('identityMemo', () => {
  it('makes a text once per object while it is remembered', () => {
    const memo = identityMemo<{ n: number }>(2);
    const a = { n: 1 };
    let made = 0;
    const make = (k: { n: number }): string => {
      made++;
      return `n=${k.n}`;
    };
    expect(memo.text(a, make)).toBe('n=1');
    expect(memo.text(a, make)).toBe('n=1');
    expect(made).toBe(1);
    // An equal but different object is a different key.
    expect(memo.text({ n: 1 }, make)).toBe('n=1');
    expect(made).toBe(2);
  });

  it('always answers make(key), whatever sequence of keys it sees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 }), (size, picks) => {
        const keys = Array.from({ length: 10 }, (_, n) => ({ n }));
        const memo = identityMemo<{ n: number }>(size);
        for (const p of picks) expect(memo.text(keys[p] as { n: number }, (k) => `#${k.n}`)).toBe(`#${p}`);
      }),
    );
  });
});
