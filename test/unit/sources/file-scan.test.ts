// The byte scan beside the engine: empty lines counted as attain's scanner counts blank rows (for
// `\n`, `\r\n` and `\r`, across chunk edges), and the byte shapes of every number DuckDB reads but
// attain does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDelimited } from '../../../src/sources/read/delimited.js';
import { emptyLinesIn, hasNumberLike } from '../../../src/sources/read/file-scan.js';

/** Empty lines after the first line, as the delimited scanner sees them. */
function scannerEmpty(text: string): number {
  let n = 0;
  let first = true;
  for (const row of scanDelimited(text, ',')) {
    if (!first && row.cells.length === 0) n++;
    first = false;
  }
  return n;
}

describe('emptyLinesIn', () => {
  it('counts the empty lines the scanner finds, however the text is cut in two', () => {
    const text = fc.array(fc.constantFrom('a', ',', '1', '\n', '\r', '\r\n'), { minLength: 1, maxLength: 30 }).map((parts) => `h${parts.join('')}`);
    fc.assert(
      fc.property(text, fc.nat(), (t, cut) => {
        const bytes = Buffer.from(t, 'latin1');
        const at = 1 + (cut % bytes.length);
        const head = bytes.subarray(0, at);
        const tail = bytes.subarray(at);
        const counted = emptyLinesIn(head, -1) + (tail.length > 0 ? emptyLinesIn(tail, head[head.length - 1] as number) : 0);
        expect(counted).toBe(scannerEmpty(t));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hasNumberLike', () => {
  it.each(['1e5', '1E5', '1.5e-3', '5.e1', '.5E+2', '1_000', '12_5.5'])('finds %s', (cell) => {
    expect(hasNumberLike(Buffer.from(`x,${cell},y\n`), 0)).toBe(true);
  });
  it.each(['acme', 'ad_set', 'c-12', '2026-01-05', 'e5', 'v_e', '1.5'])('passes over %s', (cell) => {
    expect(hasNumberLike(Buffer.from(`x,${cell},y\n`), 0)).toBe(false);
  });
  it('starts where it is told (after the header)', () => {
    const bytes = Buffer.from('col_1e5,b\n1,2\n');
    expect(hasNumberLike(bytes, 0)).toBe(true);
    expect(hasNumberLike(bytes, 10)).toBe(false);
  });
});
