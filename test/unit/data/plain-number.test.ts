// Tests for data/plain-number.ts: typePlainNumber gives the value typeValue gives a JS number
// (source: its shortest decimal), and undefined exactly where typeValue reports a finding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricDecl, MetricUnit } from '../../../src/contract/model.js';
import { typePlainNumber } from '../../../src/data/plain-number.js';
import { typeValue } from '../../../src/data/type-value.js';
import { toDecimalString } from '../../../src/numbers/rational.js';

const UNITS: readonly MetricUnit[] = ['count', 'percent', 'ratio', 'number', 'duration', 'money'];
const span = { file: 'data.json', start: 0, end: 0 };

function metric(unit: MetricUnit): MetricDecl {
  return { name: `m_${unit}`, nameSpan: span, unit: { value: unit, span } };
}

/** typeValue's answer for the number as plainData hands it over: value, or the codes found. */
function today(v: number, unit: MetricUnit): string {
  const source = JSON.stringify(v);
  const r = typeValue({ value: v, source, span, keySpan: span }, metric(unit), 'RUB');
  return r.diagnostics.length > 0 ? r.diagnostics.map((d) => d.code).join(',') : toDecimalString(r.value ?? fail(), 80);
}

function fast(v: number, unit: MetricUnit): string {
  const r = typePlainNumber(v, JSON.stringify(v), unit);
  return r === undefined ? 'fallback' : toDecimalString(r, 80);
}

function fail(): never {
  throw new Error('typeValue: no value and no diagnostics');
}

/** Doubles the task names, and the edges of each unit's checks. */
const EDGES = [0, -0, 1, -1, 0.1, 0.175, 0.12345678901234568, 1e21, -1e21, 5e-7, -5e-7, 1e-6, 2 ** 53, 2 ** 53 + 2, -(2 ** 60), 1e60, 1e61, 1e-60, 1e-61, 5e-324, 1.0000000000000002, 0.9999999999999999, 12.5, 226.9, 76016.01, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 123456789012345680000];

describe('typePlainNumber', () => {
  it.each(UNITS)('agrees with typeValue on the edge doubles for %s', (unit) => {
    for (const v of EDGES) {
      const expected = today(v, unit);
      const got = fast(v, unit);
      // Where typeValue reports (a code), the fast path must step aside; elsewhere, same value.
      expect([v, got]).toEqual([v, /^[EW]\d/.test(expected) ? 'fallback' : expected]);
    }
  });

  it('agrees with typeValue on random doubles and integers of every unit', () => {
    const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.maxSafeInteger(), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(...EDGES));
    fc.assert(
      fc.property(number, fc.constantFrom(...UNITS), (v, unit) => {
        const expected = today(v, unit);
        expect(fast(v, unit)).toBe(/^[EW]\d/.test(expected) ? 'fallback' : expected);
      }),
      { seed: 20261210, numRuns: 3000 },
    );
  });

  it('reads a full-precision double and an integer above 2^53 exactly, and -0 as 0', () => {
    expect(fast(0.12345678901234568, 'percent')).toBe('0.12345678901234568');
    expect(fast(2 ** 53 + 2, 'count')).toBe('9007199254740994');
    expect(fast(1e21, 'money')).toBe('1000000000000000000000');
    expect(fast(5e-7, 'duration')).toBe('0.0000005');
    expect(typePlainNumber(-0, '0', 'count')?.s).toBe(1n);
  });
});
