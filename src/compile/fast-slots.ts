// Stage 7 (evaluatePeriod) support: a period's metric values -> the frame's fast slots, the
// (num, den) pairs the fast path reads (src/compile/fast-number.ts), written into a shared arena.
import type { Rational } from '../numbers/rational.js';
import { fromParts, lastDen } from '../numbers/safe-fraction.js';

/**
 * The fast slots of every frame live in a shared arena of Float64Array chunks, written in frame
 * creation order: a frame keeps the chunk and its offset, so the values of consecutive frames
 * are adjacent in memory (why: docs/performance.md, "Memory layout of the fast slots"). A chunk
 * is freed when every frame using it is; one held frame keeps at most one chunk (16 KiB).
 */
const CHUNK_DOUBLES = 2048;
let chunk = new Float64Array(CHUNK_DOUBLES);
let used = 0;

type Values = readonly ({ readonly value: Rational } | undefined)[];

/**
 * Writes num, den of each value at [2 * slot], [2 * slot + 1] for the period, then the same for
 * the period before (all missing when there is none), into the arena; returns the offset of the
 * first (the previous period's are at previousSlotsAt). Read `fastChunk()` after this call:
 * it is the chunk written. NaN num for a missing value or one that does not fit.
 */
export function packFastSlots(current: Values, previous: Values | undefined): number {
  const count = current.length;
  const size = 4 * count;
  if (used + size > chunk.length) {
    chunk = new Float64Array(Math.max(CHUNK_DOUBLES, size));
    used = 0;
  }
  const at = used;
  used += size;
  writeSlots(chunk, at, count, current);
  writeSlots(chunk, previousSlotsAt(at, count), count, previous);
  return at;
}

/** Offset of the period before's slots, for a frame whose slots packFastSlots put at `at`. */
export function previousSlotsAt(at: number, count: number): number {
  return at + 2 * count;
}

/** The chunk the last packFastSlots wrote into. */
export function fastChunk(): Float64Array {
  return chunk;
}

/** `count` slots from `at`; every value missing when `values` is undefined (no such period). */
function writeSlots(out: Float64Array, at: number, count: number, values: Values | undefined): void {
  for (let i = 0; i < count; i++) {
    const v = values?.[i];
    const n = v === undefined ? NaN : fromParts(v.value);
    out[at + 2 * i] = n;
    out[at + 2 * i + 1] = n === n ? lastDen() : 1;
  }
}
