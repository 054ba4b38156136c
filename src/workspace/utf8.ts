// Workspace: bytes -> text, strictly. Invalid UTF-8 is never replaced by U+FFFD: the reader
// reports the byte offset of the first bad sequence, so a user can find it with a hex editor.
import { isUtf8 } from 'node:buffer';
import { createSourceFile, lineColAt } from '../diagnostics/source.js';

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const [need, min, max] = b < 0x80 ? [0, 0, 0] : b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b === 0xe0 ? [2, 0xa0, 0xbf] : b === 0xed ? [2, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf] : b === 0xf0 ? [3, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf] : b === 0xf4 ? [3, 0x80, 0x8f] : [-1, 0, 0];
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      // The second byte has the narrower range (overlongs, surrogates, above U+10FFFF).
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** Where a byte offset is in the text: the 0-based UTF-16 offset, and the 1-based line and column. */
export interface BytePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the byte at `at`, whose preceding bytes are valid UTF-8 (the first bad byte): the
 * text before it decoded (a leading byte order mark not counted, as in the decoded text) and
 * located by the source table's own lines and columns (lineColAt: `\r\n`, `\n` or a lone `\r`
 * ends a line; columns in UTF-16 units).
 */
export function positionOfByte(bytes: Uint8Array, at: number): BytePosition {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const before = new TextDecoder('utf-8').decode(bytes.subarray(bom, at));
  return { offset: before.length, ...lineColAt(createSourceFile('', before), before.length) };
}

/** UTF-8 bytes as text (a leading byte order mark dropped), or the offset of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly badByte: number } {
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) return { badByte: bad };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)) };
}
