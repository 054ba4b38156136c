// Text written in pieces through one buffer is byte for byte the text joined and written whole:
// multi-byte characters and surrogate pairs across the buffer's edges, pieces longer than it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTextAtomic } from '../../../src/workspace/atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeTextAtomic', () => {
  it('writes the pieces joined, as UTF-8, and leaves no temp file', async () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ unit: 'grapheme', minLength: 30_000, maxLength: 60_000 }), fc.constant('€'.repeat(25_000)), fc.constant('😀'.repeat(20_000)));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 6 }), async (pieces) => {
        const path = join(dir, 'out.json');
        await writeTextAtomic(path, pieces);
        expect(readFileSync(path).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        expect(readdirSync(dir)).toEqual(['out.json']);
      }),
      { numRuns: 25 },
    );
  });

  it('leaves the target untouched when a piece fails', async () => {
    const path = join(dir, 'kept.json');
    await writeTextAtomic(path, ['old']);
    function* failing(): Generator<string> {
      yield 'new';
      throw new Error('render failed');
    }
    await expect(writeTextAtomic(path, failing())).rejects.toThrow('render failed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((n) => n !== 'out.json')).toEqual(['kept.json']);
  });
});
