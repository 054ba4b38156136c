// Tests for api/plain-data.ts: plainData's one walk checks the input's shape (no value exactly
// when the input is not well-formed, as `wellFormed` below states it) and writes the text
// dataFileText writes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dataFileText, plainData, type EvaluateInput } from '../../../src/api/plain-data.js';

const span = { file: 'data.json', start: 0, end: 0 };

/** The shape plainData takes, stated plainly: what the library evaluates without the text path. */
function wellFormed(input: EvaluateInput): boolean {
  if (typeof input !== 'object' || input === null || typeof input.period !== 'string') return false;
  if (!isRecord(input.data)) return false;
  if (input.history === undefined) return true;
  if (typeof input.history !== 'object' || input.history === null || Array.isArray(input.history)) return false;
  return Object.values(input.history).every(isRecord);
}

function isRecord(r: unknown): boolean {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  return Object.values(r as Record<string, unknown>).every((v) => (typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string'));
}

/** Values a record may hold, well-formed or not (NaN, null, nested objects, arrays, undefined). */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom('17.5%', '2 min', '0.1', 'x')) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity, null, true, undefined, {}, [], [1]) },
);
const key = fc.oneof(fc.constantFrom('sessions', 'bounce_rate', '12', 'a "q"', '__proto__x'), fc.string({ maxLength: 4 }));
const record = fc.oneof({ weight: 8, arbitrary: fc.dictionary(key, value, { maxKeys: 5 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 3, 'r', undefined) });
const period = fc.constantFrom('2026-10', '2026-09', '2026-08', '7');
const input = fc.oneof(
  { weight: 10, arbitrary: fc.record({ period, data: record, history: fc.option(fc.dictionary(period, record, { maxKeys: 3 }), { nil: undefined }) }, { requiredKeys: ['period', 'data'] }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3, [], { period: 7, data: {} }, { period: '2026-10', data: {}, history: [] }, { period: '2026-10', data: {}, history: null }) },
);

describe('plainData', () => {
  it('has no value exactly when the input is not well-formed, and else writes dataFileText', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const x = raw as EvaluateInput;
        const plain = plainData('acme-smm', x, span);
        expect(plain === undefined).toBe(!wellFormed(x));
        if (plain !== undefined) {
          expect(plain.text).toBe(dataFileText('acme-smm', x));
          // One raw period per period of the text, each value's source as written there.
          const parsed = JSON.parse(plain.text) as { periods: Record<string, Record<string, unknown>> };
          expect(plain.periods.map((p) => p.period)).toEqual(Object.keys(parsed.periods));
          for (const p of plain.periods) for (const [k, v] of p.record) expect(typeof v.value === 'number' ? Number(v.source) : v.source).toEqual(parsed.periods[p.period]?.[k]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('checks the history record the period evaluated replaces', () => {
    const bad = { period: '2026-10', data: { a: 1 }, history: { '2026-10': { a: null } } } as unknown as EvaluateInput;
    expect(wellFormed(bad)).toBe(false);
    expect(plainData('c', bad, span)).toBeUndefined();
  });
});
