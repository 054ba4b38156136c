// Tests for api/number-text.ts: where decimalScale finds a number's digits, decimalText writes
// exactly what JSON.stringify writes and m / 10^k is exactly the value of that text; short
// decimals are always found; everything else is left to JSON.stringify (-1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalScale, decimalText, POW10, scaledDigits } from '../../../src/api/number-text.js';
import { fromSafeIntegers, parseDecimal } from '../../../src/numbers/rational.js';

/** What the fast path gives for v: [text, value as n/d], or 'left' when decimalScale is -1. */
function fast(v: number): [string, string] | 'left' {
  const k = decimalScale(v);
  if (k < 0) return 'left';
  const m = scaledDigits(v, k);
  const r = fromSafeIntegers(v < 0 ? -m : m, POW10[k] as number);
  return [decimalText(m, k, v < 0), `${r.s * r.n}/${r.d}`];
}

function today(v: number): [string, string] {
  const text = JSON.stringify(v);
  const r = parseDecimal(text);
  if (r === undefined) throw new Error(`parseDecimal(${text})`);
  return [text, `${r.s * r.n}/${r.d}`];
}

const EDGES = [0, -0, 1, -1, 0.1, 0.175, -0.389, 226.9, 76016.01, 0.3, 0.1 + 0.2, 1e-5, 1.5e-5, 0.00012, 999999999, 1e9, 1234567890.5, 2 ** 50 - 1, 2 ** 50 - 0.5, 2 ** 50, 0.12345678901234568, 1e21, 5e-7, 2 ** 53 + 2, Number.MAX_VALUE, 5e-324, 1.0000000000000002, 123456.789012];

describe('decimalScale + decimalText', () => {
  it('agree with JSON.stringify and parseDecimal wherever they answer', () => {
    for (const v of EDGES) {
      const got = fast(v);
      if (got !== 'left') expect([v, got]).toEqual([v, today(v)]);
    }
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.tuple(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), fc.integer({ min: 0, max: 15 })).map(([n, k]) => n / 10 ** k),
      fc.constantFrom(...EDGES),
    );
    fc.assert(
      fc.property(number, (v) => {
        const got = fast(v);
        if (got !== 'left') expect(got).toEqual(today(v));
      }),
      { seed: 20261208, numRuns: 20000 },
    );
  });

  it('finds every short decimal (up to 12 significant digits, 1e-5 and above)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12) + 1, max: 10 ** 12 - 1 }), fc.integer({ min: 0, max: 6 }), (n, k) => {
        const v = n / 10 ** k;
        if (v !== 0 && Math.abs(v) < 1e-5) return;
        expect(fast(v)).toEqual(today(v));
      }),
      { seed: 20261209, numRuns: 5000 },
    );
    expect(fast(-0)).toEqual(['0', '0/1']);
    expect(fast(0.00012)).toEqual(['0.00012', '3/25000']);
  });

  it('leaves full-precision doubles, exponents and large numbers to JSON.stringify', () => {
    for (const v of [0.12345678901234568, 0.1 + 0.2, 5e-7, 1e21, 2 ** 53 + 2, 2 ** 50, Number.NaN, Infinity, 5e-324]) expect(fast(v)).toBe('left');
  });
});
