// The byte scan beside the engine: empty lines counted as attain's scanner counts blank rows (for
// `\n`, `\r\n` and `\r`, across chunk edges).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDelimited } from '../../../src/sources/read/delimited.js';
import { emptyLinesIn } from '../../../src/sources/read/file-scan.js';

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
