// Sources, reading large exports beside an engine: a file's bytes -> its SHA-256, its empty lines
// (a CSV reader such as DuckDB's passes over them, attain counts them as skipped `blank` rows) and
// whether every line is plain enough for DuckDB's typed read (read/line-check.ts). Read
// asynchronously in chunks, so the engine's query runs meanwhile.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CHUNK_BYTES } from './file-pieces.js';
import { lineChecker, type LineCheck, type LinePlan } from './line-check.js';

export interface FileScan {
  readonly sha256: string;
  /** Lines with nothing on them after the first line (`\n\n`, `\r\n\r\n`, `\r\r`). */
  readonly emptyLines: number;
  readonly lines: LineCheck;
}

const LF = 10;
const CR = 13;

/** Scan a file's bytes once, checking its lines (the first is the header) by `plan`. */
export async function scanFile(path: string, plan: LinePlan): Promise<FileScan> {
  const hash = createHash('sha256');
  const checker = lineChecker(plan);
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let emptyLines = 0;
  // The byte before the chunk, so a pair split between chunks is seen.
  let prev = -1;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      emptyLines += emptyLinesIn(chunk, prev);
      checker.feed(chunk);
      // A line that is not plain sends the file to attain's reader, which hashes it again.
      if (!checker.plain()) break;
      prev = chunk[bytesRead - 1] as number;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), emptyLines, lines: checker.finish() };
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
