// The fast-slot arena (fast-slots.ts packFastSlots): frames written one after another share
// chunks; a new chunk never overwrites slots an earlier frame still reads.
import { describe, expect, it } from 'vitest';
import { fastChunk, packFastSlots } from '../../../src/compile/fast-slots.js';
import { rational } from '../../../src/numbers/rational.js';

const value = (n: number) => ({ value: rational(n) });

function read(chunk: Float64Array, at: number, count: number): number[] {
  return Array.from(chunk.subarray(at, at + 2 * count));
}

describe('packFastSlots', () => {
  it('writes num, den of the period, then of the period before (all missing when there is none)', () => {
    const at = packFastSlots([value(3), undefined], undefined);
    const chunk = fastChunk();
    expect(read(chunk, at, 2)).toEqual([3, 1, NaN, 1]);
    expect(read(chunk, at + 4, 2)).toEqual([NaN, 1, NaN, 1]);
    const next = packFastSlots([value(5), value(6)], [value(1), value(2)]);
    expect(read(fastChunk(), next, 4)).toEqual([5, 1, 6, 1, 1, 1, 2, 1]);
  });

  it('keeps every earlier frame intact across chunk changes', () => {
    const frames: { chunk: Float64Array; at: number; i: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = packFastSlots([value(i), value(-i - 1)], [value(i + 1), undefined]);
      frames.push({ chunk: fastChunk(), at, i });
    }
    expect(new Set(frames.map((f) => f.chunk)).size).toBeGreaterThan(2);
    for (const { chunk, at, i } of frames) expect(read(chunk, at, 4)).toEqual([i, 1, -i - 1, 1, i + 1, 1, NaN, 1]);
  });

  it('gives a period with more slots than a chunk a chunk of its own', () => {
    const many = Array.from({ length: 700 }, (_, i) => value(i));
    const at = packFastSlots(many, many);
    const chunk = fastChunk();
    expect(chunk.length).toBeGreaterThanOrEqual(4 * 700);
    expect(read(chunk, at, 1400).filter((_, k) => k % 2 === 0)).toEqual([...many.keys(), ...many.keys()]);
  });

  it('marks a value beyond 2^53 as missing (NaN) so the rational path decides', () => {
    const at = packFastSlots([{ value: rational(2n ** 60n) }], undefined);
    expect(Number.isNaN(fastChunk()[at])).toBe(true);
  });
});
