// Stages 2-3 helper: YAML path -> node -> Span, and the file-offset origin of expression scalars.
// Input: a composed yaml Document (aliases allowed); output: Spans / TextOrigins in file offsets.
import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Span } from '../diagnostics/diagnostic.js';
import type { SourceFile, TextOrigin } from '../diagnostics/source.js';

/** A path into the document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** The node at a path step, with the key node when the step went through a map. */
export interface NodeAt {
  readonly node: Node | null;
  readonly key?: Node;
}

/** Follow aliases to the anchored node (bounded: cyclic alias chains give null). */
export function resolveNode(doc: Document, node: unknown): Node | null {
  let current: unknown = node;
  for (let i = 0; i < 100 && isAlias(current); i++) current = current.resolve(doc);
  if (isAlias(current) || current === undefined || current === null) return null;
  return current as Node;
}

/** The key of a map pair as text (keys are parsed as strings; see load-yaml). */
export function keyText(pair: Pair): string {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return String(k);
}

/** Walk `path` from the document root; stops (node null) where the path leaves the document. */
export function nodeAtPath(doc: Document, path: YamlPath): NodeAt {
  let at: NodeAt = { node: resolveNode(doc, doc.contents) };
  for (const step of path) {
    const node = at.node;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p) === String(step));
      if (pair === undefined) return { node: null };
      at = { node: resolveNode(doc, pair.value), key: pair.key as Node };
    } else if (isSeq(node)) {
      const item = node.items[Number(step)];
      at = { node: resolveNode(doc, item) };
    } else {
      return { node: null };
    }
  }
  return at;
}

/** Span of a node's value (without trailing comments), or a zero-length span at offset 0. */
export function nodeSpan(file: SourceFile, node: Node | null | undefined): Span {
  const range = node?.range;
  if (range === undefined || range === null) return { file: file.path, start: 0, end: 0 };
  const start = Math.min(range[0], file.text.length);
  return { file: file.path, start, end: Math.min(Math.max(start, range[1]), file.text.length) };
}

/** The source text of a scalar exactly as written (quotes and block headers included). */
export function scalarSource(file: SourceFile, node: Scalar): string {
  const range = node.range;
  if (range === undefined || range === null) return String(node.value);
  return file.text.slice(range[0], range[1]);
}

/**
 * The text of an expression scalar: a string's value, or the source text of a number/boolean
 * (so `500` stays `500` and `0.10` keeps its digits).
 */
export function exprTextOf(file: SourceFile, node: Scalar): string {
  return typeof node.value === 'string' ? node.value : scalarSource(file, node);
}

/**
 * Where the characters of an expression scalar's text live in the file. Plain scalars start at
 * the range start; quoted ones one past the quote; block scalars after the header. A per-character
 * map is built whenever the raw slice differs from the value (escapes, `''`, folding, indentation).
 */
export function exprOrigin(node: Scalar, file: SourceFile): TextOrigin {
  const range = node.range ?? [0, 0, 0];
  const scalar = { start: range[0], end: range[1] };
  const text = exprTextOf(file, node);
  const raw = file.text.slice(range[0], range[1]);
  if (typeof node.value !== 'string') return { file: file.path, base: range[0], scalar };
  let map: number[] | undefined;
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE: {
      const inner = raw.slice(1, -1);
      if (inner === text) return { file: file.path, base: range[0] + 1, scalar };
      map = quotedMap(raw, range[0], node.type === Scalar.QUOTE_DOUBLE);
      break;
    }
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      const body = blockBody(raw, range[0]);
      map = alignMap(text, body.chars, body.offsets);
      break;
    }
    default:
      if (raw === text) return { file: file.path, base: range[0], scalar };
      map = alignMap(text, raw, Array.from(raw, (_, k) => range[0] + k));
  }
  if (map === undefined || map.length !== text.length + 1) {
    // Mapping failed: keep the scalar so callers point at the whole of it, never at line 1.
    return { file: file.path, base: range[0], scalar };
  }
  return { file: file.path, base: map[0] ?? range[0], map, scalar };
}

/**
 * Align the characters of `value` with a subsequence of `raw` (plain and block scalars: the value
 * is the raw text minus indentation, with line breaks possibly folded into spaces).
 */
function alignMap(value: string, raw: string, offsets: readonly number[]): number[] {
  const map: number[] = [];
  let j = 0;
  let last = (offsets[0] ?? 0) - 1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    while (k < raw.length && !charMatches(c, raw[k] as string)) k++;
    if (k < raw.length) {
      last = offsets[k] ?? last + 1;
      j = k + 1;
    } else {
      last = last + 1;
    }
    map.push(last);
  }
  map.push(last + 1);
  return map;
}

/**
 * The body of a block scalar (after its header line) with the block indentation removed from
 * every line, and the file offset of each remaining character.
 */
function blockBody(raw: string, base: number): { chars: string; offsets: number[] } {
  const nl = raw.search(/\r?\n/);
  const start = nl < 0 ? raw.length : nl + (raw[nl] === '\r' ? 2 : 1);
  const lines: { text: string; at: number }[] = [];
  for (let at = start; at < raw.length; ) {
    const next = raw.indexOf('\n', at);
    const stop = next < 0 ? raw.length : next + 1;
    lines.push({ text: raw.slice(at, stop), at });
    at = stop;
  }
  // The block indentation is that of the least indented content line (an explicit indentation
  // indicator is relative to the parent, and only matters when every line is indented further).
  const indent = lines.reduce(
    (m, l) => (l.text.trim() === '' ? m : Math.min(m, leadingSpaces(l.text))),
    Infinity,
  );
  let chars = '';
  const offsets: number[] = [];
  for (const l of lines) {
    const skip = Math.min(Number.isFinite(indent) ? indent : 0, leadingSpaces(l.text));
    for (let k = skip; k < l.text.length; k++) {
      chars += l.text[k];
      offsets.push(base + l.at + k);
    }
  }
  return { chars, offsets };
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (line[n] === ' ') n++;
  return n;
}

function charMatches(valueChar: string | undefined, rawChar: string): boolean {
  if (valueChar === rawChar) return true;
  // A folded line break becomes a space in the value.
  return valueChar === ' ' && (rawChar === '\n' || rawChar === '\r');
}

const SIMPLE_ESCAPES = new Set(['0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', '/', '\\', 'N', '_', 'L', 'P']);
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Offset map of a quoted scalar's value: decode `raw` (quotes included) the way YAML does, keeping
 * for each value character the file offset of the raw character(s) it came from.
 */
function quotedMap(raw: string, base: number, double: boolean): number[] {
  const out: { offset: number; ws: boolean }[] = [];
  const end = raw.length - 1;
  let i = 1;
  while (i < end) {
    const c = raw[i] as string;
    if (double && c === '\\') {
      const e = raw[i + 1] ?? '';
      if (e === '\n' || e === '\r') {
        i = skipBreakAndIndent(raw, i + 1, end);
        continue;
      }
      const hex = HEX_ESCAPES[e];
      if (hex !== undefined) {
        const code = Number.parseInt(raw.slice(i + 2, i + 2 + hex), 16);
        const units = Number.isFinite(code) && code > 0xffff ? 2 : 1;
        for (let u = 0; u < units; u++) out.push({ offset: base + i, ws: false });
        i += 2 + hex;
      } else {
        out.push({ offset: base + i, ws: false });
        i += SIMPLE_ESCAPES.has(e) ? 2 : 1;
      }
    } else if (!double && c === "'" && raw[i + 1] === "'") {
      out.push({ offset: base + i, ws: false });
      i += 2;
    } else if (c === '\n' || c === '\r') {
      while (out.length > 0 && (out[out.length - 1] as { ws: boolean }).ws) out.pop();
      i = foldBreaks(raw, i, end, base, out);
    } else {
      out.push({ offset: base + i, ws: c === ' ' || c === '\t' });
      i++;
    }
  }
  const map = out.map((o) => o.offset);
  map.push(base + end);
  return map;
}

/** A line break inside a quoted scalar: one break folds to a space, n+1 breaks give n newlines. */
function foldBreaks(raw: string, start: number, end: number, base: number, out: { offset: number; ws: boolean }[]): number {
  const breaks: number[] = [];
  let i = start;
  while (i < end && (raw[i] === '\n' || raw[i] === '\r')) {
    breaks.push(base + i);
    i = skipBreakAndIndent(raw, i, end);
  }
  if (breaks.length === 1) out.push({ offset: breaks[0] as number, ws: false });
  else for (const b of breaks.slice(1)) out.push({ offset: b, ws: false });
  return i;
}

function skipBreakAndIndent(raw: string, start: number, end: number): number {
  let i = start;
  if (raw[i] === '\r' && raw[i + 1] === '\n') i += 2;
  else i += 1;
  while (i < end && (raw[i] === ' ' || raw[i] === '\t')) i++;
  return i;
}
