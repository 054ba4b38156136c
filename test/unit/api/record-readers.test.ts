// src/api/record-admit.ts, record-reader.ts and record-readers.generated.ts: a plain record's
// values -> fast slot pairs (num, den) or a refusal; the generated readers are current.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ANY, COUNT, NON_NEGATIVE, PERCENT, admit, fillCountDens, type ReadPlan } from '../../../src/api/record-admit.js';
import { takeRuleMakers } from '../../../src/api/record-reader.js';
import { RECORD_READERS } from '../../../src/api/record-readers.generated.js';

/** The pair admit writes for x under a check, or 'refused'. */
function admitted(x: unknown, check: number): [number, number] | 'refused' {
  const slots = new Float64Array(2).fill(7);
  // A count's den is written once before any read (fillCountDens), not by admit.
  if (check === COUNT) slots[1] = 1;
  return admit(x, check, slots, 0) ? [slots[0] as number, slots[1] as number] : 'refused';
}

describe('admit', () => {
  it('writes integers as n/1 on both sides of the int32 range', () => {
    for (const x of [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1]) {
      expect(admitted(x, COUNT)).toEqual([x, 1]);
      expect(admitted(x, ANY)).toEqual([x, 1]);
      expect(admitted(-x, ANY)).toEqual([-x, 1]);
    }
    expect(admitted(-(2 ** 31), ANY)).toEqual([-(2 ** 31), 1]);
  });

  it('takes -0 as zero', () => {
    const pair = admitted(-0, COUNT);
    expect(pair !== 'refused' && pair[0] === 0 && pair[1] === 1).toBe(true);
  });

  it('writes other doubles with den 0 (their shortest decimal), except for counts', () => {
    expect(admitted(0.12345678901234568, ANY)).toEqual([0.12345678901234568, 0]);
    expect(admitted(119.99999999999999, NON_NEGATIVE)).toEqual([119.99999999999999, 0]);
    expect(admitted(2 ** 53, ANY)).toEqual([2 ** 53, 0]);
    expect(admitted(1e60, ANY)).toEqual([1e60, 0]);
    expect(admitted(1e-60, ANY)).toEqual([1e-60, 0]);
    expect(admitted(0.5, COUNT)).toBe('refused');
    expect(admitted(2 ** 53, COUNT)).toBe('refused');
  });

  it('refuses what needs the full typing', () => {
    for (const check of [COUNT, NON_NEGATIVE]) {
      expect(admitted(-1, check)).toBe('refused');
      expect(admitted(-(2 ** 31), check)).toBe('refused');
      expect(admitted(-0.5, check)).toBe('refused');
    }
    for (const x of [NaN, Infinity, -Infinity, 1e61, 5e-324, '0.2', null, true, {}]) expect(admitted(x, ANY)).toBe('refused');
  });

  it('refuses a percent above 1 (typing says E060), takes one up to 1', () => {
    expect(admitted(1.5, PERCENT)).toBe('refused');
    expect(admitted(1.0000000000000002, PERCENT)).toBe('refused');
    expect(admitted(1, PERCENT)).toEqual([1, 1]);
    expect(admitted(0.12345678901234568, PERCENT)).toEqual([0.12345678901234568, 0]);
    expect(admitted(-2, PERCENT)).toEqual([-2, 1]);
  });

  it('writes a missing value as NaN/1', () => {
    expect(admitted(undefined, COUNT)).toEqual([NaN, 1]);
  });
});

describe('takeRuleMakers', () => {
  const plan = (n: number): ReadPlan => ({
    names: Array.from({ length: n }, (_, i) => `m${i}`),
    offsets: Array.from({ length: n }, (_, i) => 2 * i),
    checks: Array.from({ length: n }, () => COUNT),
  });

  it('reads every metric of plans wider and narrower than the unrolled reads, from any reader', () => {
    for (let n = 0; n <= 7; n++) {
      for (let k = 0; k < RECORD_READERS.length; k++) {
        const { read } = takeRuleMakers(plan(n));
        const slots = new Float64Array(2 + 2 * n).fill(7);
        fillCountDens(plan(n), slots, 2);
        const record = Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, 10 + i]));
        expect(read(record, slots, 2)).toBe(true);
        expect([...slots]).toEqual([7, 7, ...Array.from({ length: n }, (_, i) => [10 + i, 1]).flat()]);
        if (n > 0) expect(read({ ...record, [`m${n - 1}`]: -1 }, slots, 2)).toBe(false);
      }
    }
  });

  it('is generated from the current script', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-record-readers.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
