// Sources, reading large exports beside an engine: a file's bytes -> its SHA-256, its empty lines
// (a CSV reader such as DuckDB's passes over them, attain counts them as skipped `blank` rows),
// whether it quotes anything, and whether any bytes may be a number DuckDB reads but attain does
// not (`1e5`, `1_000`). Read asynchronously in chunks, so the engine's query runs meanwhile.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CHUNK_BYTES } from './file-pieces.js';

export interface FileScan {
  readonly sha256: string;
  /** Lines with nothing on them after the first line (`\n\n`, `\r\n\r\n`, `\r\r`). */
  readonly emptyLines: number;
  readonly quotes: boolean;
  /** Some bytes after the header look like an exponent or a `_` between digits (in any column). */
  readonly numberLike: boolean;
}

const LF = 10;
const CR = 13;

/** Scan a file's bytes once; `skip` bytes (the header line) are not looked at for number-like text. */
export async function scanFile(path: string, skip = 0): Promise<FileScan> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let emptyLines = 0;
  let quotes = false;
  let numberLike = false;
  let at = 0;
  // The byte before the chunk, so a pair split between chunks is seen.
  let prev = -1;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      if (!quotes && chunk.indexOf(34) >= 0) quotes = true;
      emptyLines += emptyLinesIn(chunk, prev);
      if (!numberLike && at + bytesRead > skip) numberLike = hasNumberLike(chunk, Math.max(0, skip - at));
      at += bytesRead;
      prev = chunk[bytesRead - 1] as number;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), emptyLines, quotes, numberLike };
}

const PAIRS = [Buffer.from([LF, LF]), Buffer.from([LF, CR]), Buffer.from([CR, CR])];

/**
 * Empty lines in `chunk`, `prev` being the byte before it (-1 at the file's start). A line is empty
 * when its break directly follows another: the byte pairs `\n\n`, `\n\r` (an empty `\r\n` or bare
 * `\r` line) and `\r\r` (a bare `\r` break, then an empty line), each pair one empty line; `\r\n`
 * is one break.
 */
export function emptyLinesIn(chunk: Buffer, prev: number): number {
  let n = 0;
  // Without a `\r` only `\n\n` can occur (each search visits every `\n`: one instead of two).
  const pairs = chunk.indexOf(CR) < 0 ? PAIRS.slice(0, 1) : PAIRS;
  for (const pair of pairs) {
    for (let i = chunk.indexOf(pair); i >= 0; i = chunk.indexOf(pair, i + 1)) n++;
  }
  const first = chunk[0];
  if ((prev === LF && (first === LF || first === CR)) || (prev === CR && first === CR)) n++;
  return n;
}

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 48 && b <= 57;

/**
 * Whether `chunk` (from `from`) holds `[0-9.][eE][+-]?[0-9]` or `[0-9]_[0-9]`: every exponent
 * and `_` DuckDB's DECIMAL cast accepts has that shape. A hit at the chunk's edge, whose
 * neighbours are in another chunk, counts (it only costs a more careful query).
 */
export function hasNumberLike(chunk: Buffer, from: number): boolean {
  for (const ch of [0x65, 0x45, 0x5f]) {
    for (let i = chunk.indexOf(ch, from); i >= 0; i = chunk.indexOf(ch, i + 1)) {
      if (i === 0 || i >= chunk.length - 2) return true;
      const before = chunk[i - 1];
      const after = chunk[i + 1];
      if (ch === 0x5f) {
        if (isDigit(before) && isDigit(after)) return true;
      } else if ((isDigit(before) || before === 0x2e) && (isDigit(after) || ((after === 0x2b || after === 0x2d) && isDigit(chunk[i + 2])))) {
        return true;
      }
    }
  }
  return false;
}
