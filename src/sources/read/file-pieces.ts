// Sources, reading large exports: a file -> pieces of its text, each ending at a row boundary (a
// line break outside quotes), decoded as strict UTF-8 chunk by chunk, the bytes hashed on the way,
// so a 500 MB export is never held whole. A BOM is dropped, as the whole-file reader does.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Hash } from 'node:crypto';
import type { TextPiece } from './text-source.js';

/** Bytes read at a time. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Where `text` (starting at a row boundary) can be cut: after its last line break outside quotes
 * (0: nowhere yet). As in the scanner, a quote opens a quoted cell only at the start of a cell
 * (a line start or after a delimiter: any of `,` `;` tab `|`), so `12" screen` opens nothing.
 */
function cutAt(text: string): number {
  if (text.indexOf('"') < 0) return text.lastIndexOf('\n') + 1;
  let inQuotes = false;
  let prev = 10;
  let cut = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
    } else if (c === 34 && (prev === 10 || prev === 13 || prev === 44 || prev === 59 || prev === 9 || prev === 124)) {
      inQuotes = true;
    } else if (c === 10) {
      cut = i + 1;
    }
    prev = c;
  }
  return cut;
}

/** Line breaks in `text` counted as the delimited scanner counts them (`\r\n` is one). */
function lineBreaks(text: string): number {
  let n = 0;
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * The pieces of a file's text. Throws what the file system throws (ENOENT...) and a TypeError for
 * bytes that are not UTF-8, like `readFileSync` + a fatal TextDecoder would; `hash` gets every byte.
 */
export function* filePieces(path: string, hash: Hash, chunkBytes = CHUNK_BYTES): Generator<TextPiece> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let carry = '';
    let offset = 0;
    let line = 1;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) {
        const rest = carry + decoder.decode();
        if (rest !== '') yield { text: rest, offset, line };
        return;
      }
      hash.update(buffer.subarray(0, n));
      const text = carry + decoder.decode(buffer.subarray(0, n), { stream: true });
      const cut = cutAt(text);
      if (cut === 0) {
        carry = text;
        continue;
      }
      const piece = text.slice(0, cut);
      carry = text.slice(cut);
      yield { text: piece, offset, line };
      offset += piece.length;
      line += lineBreaks(piece);
    }
  } finally {
    closeSync(fd);
  }
}
