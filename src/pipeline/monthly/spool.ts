// Pipeline for `attain invoice`: bytes held for later in an unlinked temp file (outside V8's heap
// and outside RSS) -> the same bytes on demand; file texts and packed parse results wait there for their turn.
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSourceFile, type SourceFile } from '../../diagnostics/source.js';

/** Where a record is in the spool. */
export interface SpoolRef {
  readonly at: number;
  readonly length: number;
}

/**
 * An append-only store of byte records. A run holds every contract from gathering until its turn
 * (the plan needs all of them first): held in the heap, V8 sizes its old generation at a multiple
 * of that live set and peak RSS grows with the number of contracts; held here, a contract costs
 * its small descriptor only. Synchronous: a record is a few KB, read once or twice per contract.
 */
export interface Spool {
  readonly put: (bytes: Uint8Array) => SpoolRef;
  readonly get: (ref: SpoolRef) => Uint8Array;
  /**
   * A string (as UTF-16 code units, so any string comes back exactly), through one scratch
   * buffer: no allocation outside V8's heap per record. Thousands of small buffers allocated
   * between two collections are freed in the middle of the C heap, whose pages stay resident
   * (about 60 MB for the values of 10 000 contracts packed one buffer each).
   */
  readonly putText: (text: string) => SpoolRef;
  readonly getText: (ref: SpoolRef) => string;
  /** Close the file; later `get`s throw. Idempotent. */
  readonly close: () => void;
}

/**
 * Open a spool in the system's temp directory. The file is unlinked at once where the system
 * allows it (then nothing is left behind, even by a killed run), otherwise when closed.
 */
export function openSpool(): Spool {
  const path = join(tmpdir(), `attain-spool-${process.pid}-${randomBytes(6).toString('hex')}`);
  let fd: number | undefined = openSync(path, 'wx+', 0o600);
  let linked = true;
  try {
    unlinkSync(path);
    linked = false;
  } catch {
    // Windows: an open file cannot be unlinked; removed on close.
  }
  let end = 0;
  let scratch = Buffer.allocUnsafeSlow(64 * 1024);
  const open = (): number => {
    if (fd === undefined) throw new Error('the run spool is closed');
    return fd;
  };
  const room = (bytes: number): Buffer => {
    if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.max(bytes, scratch.length * 2));
    return scratch;
  };
  const put = (bytes: Uint8Array, length = bytes.length): SpoolRef => {
    const at = end;
    let done = 0;
    while (done < length) done += writeSync(open(), bytes, done, length - done, at + done);
    end += length;
    return { at, length };
  };
  const readInto = (out: Uint8Array, ref: SpoolRef): void => {
    let done = 0;
    while (done < ref.length) {
      const n = readSync(open(), out, done, ref.length - done, ref.at + done);
      if (n === 0) throw new Error('the run spool is shorter than a record');
      done += n;
    }
  };
  return {
    put,
    get: (ref) => {
      // Its own buffer (not a pooled slice): it may be posted to a worker whole.
      const out = new Uint8Array(ref.length);
      readInto(out, ref);
      return out;
    },
    putText: (text) => {
      const buf = room(text.length * 2);
      return put(buf, buf.write(text, 0, 'utf16le'));
    },
    getText: (ref) => {
      const buf = room(ref.length);
      readInto(buf, ref);
      return buf.toString('utf16le', 0, ref.length);
    },
    close: () => {
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      if (linked) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }
    },
  };
}

/**
 * A source file whose text waits in the spool: path and sha-256 in the heap, the text read back
 * (as UTF-16 code units, so any string comes back exactly) each time it is asked for. A class,
 * not a literal with getters: such literals are dictionary objects of about 600 bytes, a
 * contract's whole descriptor. Its getters are on the prototype, so a spread or a structured
 * clone does not see the text: give such code `heldFile(file)` (workers get held jobs).
 */
class SpooledFile implements SourceFile {
  readonly path: string;
  readonly sha256: string;
  readonly #spool: Spool;
  readonly #ref: SpoolRef;
  constructor(spool: Spool, file: SourceFile) {
    // The digest is taken now, while the reader still holds the file's bytes.
    this.path = file.path;
    this.sha256 = file.sha256;
    this.#spool = spool;
    this.#ref = spool.putText(file.text);
  }
  get text(): string {
    return this.#spool.getText(this.#ref);
  }
  get lineStarts(): readonly number[] {
    return createSourceFile(this.path, this.text).lineStarts;
  }
}

/**
 * A string that waits in the spool, read back each time it is asked for (a prototype getter, as
 * SpooledFile's: a structured clone does not see it; heldJob copies it out for workers).
 */
export class SpooledText {
  readonly #spool: Spool;
  readonly #ref: SpoolRef;
  constructor(spool: Spool, ref: SpoolRef) {
    this.#spool = spool;
    this.#ref = ref;
  }
  get text(): string {
    return this.#spool.getText(this.#ref);
  }
}

/** `file` with its text moved to the spool (see SpooledFile). */
export function spooledFile(spool: Spool, file: SourceFile): SourceFile {
  return new SpooledFile(spool, file);
}

/**
 * The file with its text in the heap again, as a plain object (own properties: spreads, JSON and
 * structured clones see them), for evaluation and for findings rendered after the run.
 */
export function heldFile(file: SourceFile): SourceFile {
  const source = createSourceFile(file.path, file.text);
  const sha256 = file.sha256;
  return {
    path: source.path,
    text: source.text,
    get lineStarts(): readonly number[] {
      return source.lineStarts;
    },
    sha256,
  };
}
