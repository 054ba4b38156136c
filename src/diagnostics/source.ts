// Source files shared by all stages: text, line starts and sha-256; offset <-> line:col.
// Positions are stored as offsets only; lines and columns are computed here when rendering.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

export interface SourceFile {
  /** The path as the user gave it (used in every diagnostic). */
  readonly path: string;
  readonly text: string;
  /** Offsets at which each line starts; `\r\n` counts as one break. */
  readonly lineStarts: readonly number[];
  /** Hex sha-256 of the file's bytes as UTF-8. */
  readonly sha256: string;
}

/** 1-based line and column (column counted in UTF-16 code units, as editors and SARIF do). */
export interface LineCol {
  readonly line: number;
  readonly column: number;
}

/**
 * The line table and the hash are computed on first read: `attain validate` over many clean files
 * needs neither (line:col is only computed for diagnostics, the hash only for data and invoices).
 * They are own enumerable accessors, so spreads, JSON and structured clones still see the values.
 */
export function createSourceFile(path: string, text: string, bytes?: Uint8Array): SourceFile {
  let lineStarts: readonly number[] | undefined;
  let sha256: string | undefined;
  // The bytes are kept only until hashed: a run over many files holds their text, not twice their size.
  let raw = bytes;
  return {
    path,
    text,
    get lineStarts(): readonly number[] {
      return (lineStarts ??= computeLineStarts(text));
    },
    get sha256(): string {
      // The digest is of the file's bytes when known (a BOM and undecodable bytes included), so it
      // matches `sha256sum`; of the text's UTF-8 otherwise.
      if (sha256 === undefined) {
        sha256 = raw === undefined ? sha256Hex(text) : createHash('sha256').update(raw).digest('hex');
        raw = undefined;
      }
      return sha256;
    },
  };
}

export function sha256Hex(text: string): string {
  return oneShot === undefined ? createHash('sha256').update(text, 'utf8').digest('hex') : oneShot('sha256', text, 'hex');
}

/**
 * `crypto.hash` (Node 20.12 and later): the same digest without a Hash object, about twice as fast
 * on the short texts the library digests per call (a client-month's data).
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Offset -> 1-based line:col, by binary search over the line starts. Offsets are clamped. */
export function lineColAt(file: SourceFile, offset: number): LineCol {
  const o = Math.max(0, Math.min(offset, file.text.length));
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: o - (starts[lo] ?? 0) + 1 };
}

/** The text of a 1-based line without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = file.lineStarts[line];
  const raw = file.text.slice(start, next ?? file.text.length);
  return raw.replace(/\r?\n$|\r$/, '');
}

/**
 * Where an extracted string (an expression inside a YAML scalar) lives in its file.
 * `base` is the file offset of the string's first character. When the scalar's source differs
 * from its value (escapes, folded lines), `map[i]` is the file offset of character `i` of the
 * string, with one extra entry for the end (length + 1 entries).
 */
export interface TextOrigin {
  readonly file: string;
  readonly base: number;
  readonly map?: readonly number[];
  /** The whole scalar, for when a position inside it cannot be mapped. */
  readonly scalar?: { readonly start: number; readonly end: number };
  /**
   * The scalar's characters could not be aligned with the string (a folded scalar YAML reads in a
   * way the mapper does not follow): every span then covers the whole scalar (see originSpan).
   */
  readonly unmapped?: true;
}

/** File offset of character `index` of a string with the given origin. */
export function originOffset(origin: TextOrigin, index: number): number {
  if (origin.map === undefined) return origin.base + index;
  const n = origin.map.length;
  if (n === 0) return origin.base;
  const i = Math.max(0, Math.min(index, n - 1));
  return origin.map[i] ?? origin.base;
}

/** Span in file coordinates of characters [start, end) of a string with the given origin. */
export function originSpan(origin: TextOrigin, start: number, end: number): { file: string; start: number; end: number } {
  if (origin.unmapped === true && origin.scalar !== undefined) return { file: origin.file, start: origin.scalar.start, end: origin.scalar.end };
  const s = originOffset(origin, start);
  const e = end <= start ? s : originOffset(origin, end - 1) + 1;
  return { file: origin.file, start: s, end: Math.max(s, e) };
}
