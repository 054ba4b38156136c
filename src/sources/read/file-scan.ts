// Sources, reading large exports beside an engine: a file's bytes -> its SHA-256, and whether every
// line is plain enough for DuckDB's typed read, with its empty lines (DuckDB passes over them,
// attain counts them as skipped `blank` rows; read/line-check.ts). Read asynchronously in chunks,
// so the engine's query runs meanwhile.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CHUNK_BYTES } from './file-pieces.js';
import { lineChecker, type LineCheck, type LinePlan } from './line-check.js';

export interface FileScan {
  readonly sha256: string;
  readonly lines: LineCheck;
}

/** Scan a file's bytes once, checking its lines (the first is the header) by `plan`. */
export async function scanFile(path: string, plan: LinePlan): Promise<FileScan> {
  const hash = createHash('sha256');
  const checker = lineChecker(plan);
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      checker.feed(chunk);
      // A line that is not plain sends the file to attain's reader, which hashes it again.
      if (!checker.plain()) break;
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), lines: checker.finish() };
}
