// Output support for the monthly run (stage 9, bytes -> disk): write a file atomically, i.e. a
// temp file in the same directory, then rename over the target. Readers see the old or the new file.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the writer needs; injectable so tests can simulate failures midway. */
export interface AtomicFs {
  readonly writeFile: (path: string, content: string | Uint8Array) => Promise<void>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly unlink: (path: string) => Promise<void>;
}

/** Writes (and flushes) the bytes before the rename, so a crash cannot leave an empty target. */
async function writeAndSync(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const NODE_FS: AtomicFs = { writeFile: writeAndSync, rename, unlink };

/**
 * The same without flushing: for files whose safety comes from a later flushed step (a monthly
 * run's stage directory, made visible by a rename after its journal line). A killed process
 * still leaves the old or the new file; only a power cut can lose unflushed bytes.
 */
export const NODE_FS_UNFLUSHED: AtomicFs = { writeFile: (path, content) => writeFile(path, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 }), rename, unlink };

/** Temp files of this module start with this prefix (and are hidden: a leading dot). */
export const TEMP_PREFIX = '.attain-tmp-';

/**
 * Write `content` (UTF-8) to `path` atomically: `<dir>/.attain-tmp-<name>-<random>` then rename.
 * On any failure the temp file is removed and the error rethrown; `path` is then untouched.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, fs: AtomicFs = NODE_FS): Promise<void> {
  await viaTemp(path, fs, (temp) => fs.writeFile(temp, content));
}

/** `write` fills a fresh temp file beside `path`, which is then renamed over `path`; on any failure it is removed. */
async function viaTemp(path: string, fs: Pick<AtomicFs, 'rename' | 'unlink'>, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${randomBytes(6).toString('hex')}`);
  try {
    await write(temp);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** Bytes written at once by writeTextAtomic: below glibc's 128 KB, so the buffer stays in the C heap's reuse. */
const PIECE_BUFFER = 64 * 1024;

/**
 * Write text given in pieces (UTF-8) to `path` atomically, flushed before the rename, as
 * writeFileAtomic does, through one 64 KB buffer: a file of many MB (a monthly run's manifest)
 * never exists whole in memory. Whole multi-MB buffers freed by a long process raise glibc's
 * mmap threshold for good, after which the C heap keeps what is freed (measured in
 * docs/performance.md, Monthly run). A piece longer than the buffer is written in slices.
 */
export async function writeTextAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  await viaTemp(path, NODE_FS, async (temp) => {
    const handle = await open(temp, 'wx', 0o644);
    try {
      const buf = Buffer.allocUnsafeSlow(PIECE_BUFFER);
      let used = 0;
      const flush = async (): Promise<void> => {
        let done = 0;
        while (done < used) done += (await handle.write(buf, done, used - done)).bytesWritten;
        used = 0;
      };
      for (const piece of pieces) {
        // At most 3 bytes per UTF-16 unit; slices end on a code point (never inside a surrogate pair).
        for (let at = 0; at < piece.length; ) {
          let end = Math.min(piece.length, at + Math.floor(PIECE_BUFFER / 3));
          if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end--;
          const slice = piece.slice(at, end);
          if (used + slice.length * 3 > PIECE_BUFFER) await flush();
          used += buf.write(slice, used, 'utf8');
          at = end;
        }
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
