// Sources, JSON exports: file text -> row objects (an array of objects in .json, one object a line
// in .jsonl), each value a scalar with its raw text and file offsets. Numbers keep their source
// text (never JSON.parse, whose doubles round); syntax errors are data with the offending offset.

/** One value of a row object, with the offsets of the value and of its key. */
export interface JsonScalar {
  /** `nested`: an object or an array where a row needs a single value. */
  readonly kind: 'string' | 'number' | 'boolean' | 'null' | 'nested';
  /** The decoded string, the number as written, `true`/`false`, `null`, or `object`/`array`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly keyStart: number;
  readonly keyEnd: number;
}

/** One row: its object's entries by key (in file order) and the object's offsets. */
export interface JsonRow {
  readonly entries: ReadonlyMap<string, JsonScalar>;
  /** A key written twice in the object (the first repeat), which makes the row ambiguous. */
  readonly duplicate?: { readonly key: string; readonly start: number; readonly end: number };
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** What the scan yields: a row, an element that is not an object, or a syntax error. */
export type JsonItem =
  | { readonly kind: 'row'; readonly row: JsonRow }
  | { readonly kind: 'not-object'; readonly what: string; readonly start: number; readonly end: number }
  | { readonly kind: 'error'; readonly message: string; readonly at: number };

/** Deepest nesting scanned inside a row (deeper is a syntax error, not a stack overflow). */
const MAX_DEPTH = 64;

interface Scan {
  readonly text: string;
  i: number;
  error?: { message: string; at: number };
}

function fail(s: Scan, message: string, at = s.i): undefined {
  s.error ??= { message, at };
  return undefined;
}

function ws(s: Scan): void {
  const t = s.text;
  for (;;) {
    const c = t.charCodeAt(s.i);
    if (c === 32 || c === 9 || c === 10 || c === 13) s.i++;
    else return;
  }
}

/** What the character at the scan position is, for messages (`end of file`, `"x"`). */
function found(s: Scan): string {
  return s.i >= s.text.length ? 'the end of the file' : JSON.stringify(s.text[s.i]);
}

function str(s: Scan): string | undefined {
  const t = s.text;
  const open = s.i;
  let i = open + 1;
  let out = '';
  let from = i;
  for (;;) {
    if (i >= t.length) return fail(s, 'a string is not closed', open);
    const c = t.charCodeAt(i);
    if (c === 34) break;
    if (c < 32) return fail(s, 'a control character inside a string (write it as \\n, \\t or \\u00XX)', i);
    if (c !== 92) {
      i++;
      continue;
    }
    out += t.slice(from, i);
    const e = t[i + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (e !== undefined && simple[e] !== undefined) {
      out += simple[e];
      i += 2;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      return fail(s, `an invalid escape ${JSON.stringify(t.slice(i, i + 2))} in a string`, i);
    }
    from = i;
  }
  s.i = i + 1;
  return out + t.slice(from, i);
}

function digits(s: Scan): number {
  const start = s.i;
  while (s.i < s.text.length && s.text.charCodeAt(s.i) >= 48 && s.text.charCodeAt(s.i) <= 57) s.i++;
  return s.i - start;
}

/** A number token as written (JSON's grammar: no leading zeros, `+`, `.5` or `NaN`). */
function num(s: Scan): string | undefined {
  const start = s.i;
  if (s.text[s.i] === '-') s.i++;
  const intStart = s.i;
  const n = digits(s);
  if (n === 0) return fail(s, 'a number needs digits', start);
  if (n > 1 && s.text[intStart] === '0') return fail(s, 'a number cannot start with 0', start);
  if (s.text[s.i] === '.') {
    s.i++;
    if (digits(s) === 0) return fail(s, 'a number needs digits after "."', start);
  }
  if (s.text[s.i] === 'e' || s.text[s.i] === 'E') {
    s.i++;
    if (s.text[s.i] === '+' || s.text[s.i] === '-') s.i++;
    if (digits(s) === 0) return fail(s, 'a number needs digits in its exponent', start);
  }
  return s.text.slice(start, s.i);
}

function word(s: Scan, w: string): boolean {
  if (!s.text.startsWith(w, s.i)) return false;
  s.i += w.length;
  return true;
}

/** Skip any value (checking its syntax); returns its kind, or undefined on an error. */
function skipValue(s: Scan, depth: number): JsonScalar['kind'] | 'object' | 'array' | undefined {
  ws(s);
  const c = s.text[s.i];
  if (c === '{' || c === '[') {
    if (depth >= MAX_DEPTH) return fail(s, `values nested more than ${MAX_DEPTH} deep`);
    const close = c === '{' ? '}' : ']';
    s.i++;
    ws(s);
    if (s.text[s.i] === close) {
      s.i++;
      return c === '{' ? 'object' : 'array';
    }
    for (;;) {
      if (c === '{') {
        ws(s);
        if (s.text[s.i] !== '"') return fail(s, `expected a key in quotes, found ${found(s)}`);
        if (str(s) === undefined) return undefined;
        ws(s);
        if (s.text[s.i] !== ':') return fail(s, `expected ":" after a key, found ${found(s)}`);
        s.i++;
      }
      if (skipValue(s, depth + 1) === undefined) return undefined;
      ws(s);
      if (s.text[s.i] === ',') {
        s.i++;
        continue;
      }
      if (s.text[s.i] === close) {
        s.i++;
        return c === '{' ? 'object' : 'array';
      }
      return fail(s, `expected "," or "${close}", found ${found(s)}`);
    }
  }
  return scalar(s)?.kind;
}

function scalar(s: Scan): { kind: JsonScalar['kind']; text: string } | undefined {
  const c = s.text[s.i];
  if (c === '"') {
    const v = str(s);
    return v === undefined ? undefined : { kind: 'string', text: v };
  }
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    const v = num(s);
    return v === undefined ? undefined : { kind: 'number', text: v };
  }
  if (word(s, 'true')) return { kind: 'boolean', text: 'true' };
  if (word(s, 'false')) return { kind: 'boolean', text: 'false' };
  if (word(s, 'null')) return { kind: 'null', text: 'null' };
  return fail(s, `expected a value, found ${found(s)}`);
}

/** A row object at the scan position (`{` already seen). */
function rowObject(s: Scan, line: number): JsonRow | undefined {
  const start = s.i;
  s.i++;
  const entries = new Map<string, JsonScalar>();
  let duplicate: JsonRow['duplicate'];
  ws(s);
  if (s.text[s.i] === '}') {
    s.i++;
    return { entries, line, start, end: s.i };
  }
  for (;;) {
    ws(s);
    if (s.text[s.i] !== '"') return fail(s, `expected a key in quotes, found ${found(s)}`);
    const keyStart = s.i;
    const key = str(s);
    if (key === undefined) return undefined;
    const keyEnd = s.i;
    ws(s);
    if (s.text[s.i] !== ':') return fail(s, `expected ":" after the key ${JSON.stringify(key)}, found ${found(s)}`);
    s.i++;
    ws(s);
    const vStart = s.i;
    const c = s.text[s.i];
    let value: { kind: JsonScalar['kind']; text: string } | undefined;
    if (c === '{' || c === '[') {
      const k = skipValue(s, 1);
      if (k === undefined) return undefined;
      value = { kind: 'nested', text: k };
    } else {
      value = scalar(s);
      if (value === undefined) return undefined;
    }
    if (entries.has(key)) duplicate ??= { key, start: keyStart, end: keyEnd };
    else entries.set(key, { ...value, start: vStart, end: s.i, keyStart, keyEnd });
    ws(s);
    if (s.text[s.i] === ',') {
      s.i++;
      continue;
    }
    if (s.text[s.i] === '}') {
      s.i++;
      return { entries, ...(duplicate === undefined ? {} : { duplicate }), line, start, end: s.i };
    }
    return fail(s, `expected "," or "}", found ${found(s)}`);
  }
}

/** One element (an array item or a JSONL line's value). */
function element(s: Scan, line: number): JsonItem | undefined {
  ws(s);
  const start = s.i;
  if (s.text[s.i] === '{') {
    const row = rowObject(s, line);
    return row === undefined ? undefined : { kind: 'row', row };
  }
  const k = skipValue(s, 1);
  if (k === undefined) return undefined;
  const what = k === 'object' ? 'an object' : k === 'array' ? 'an array' : k === 'string' ? 'a string' : k === 'number' ? 'a number' : k === 'boolean' ? 'a boolean' : 'null';
  return { kind: 'not-object', what, start, end: s.i };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** The rows of a `.json` file: one array of row objects. Stops at the first syntax error. */
export function* scanJsonArray(text: string): Generator<JsonItem> {
  const s: Scan = { text, i: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  let line = 1;
  let counted = 0;
  const lineAt = (at: number): number => {
    line += countLines(text, counted, at);
    counted = at;
    return line;
  };
  ws(s);
  if (s.text[s.i] !== '[') {
    yield { kind: 'error', message: `a .json source file is an array of row objects ([{...}, {...}]); found ${found(s)}`, at: s.i };
    return;
  }
  s.i++;
  ws(s);
  if (s.text[s.i] === ']') s.i++;
  else {
    for (;;) {
      ws(s);
      const item = element(s, lineAt(s.i));
      if (item === undefined) break;
      yield item;
      ws(s);
      if (s.text[s.i] === ',') {
        s.i++;
        continue;
      }
      if (s.text[s.i] === ']') {
        s.i++;
        break;
      }
      fail(s, `expected "," or "]" after a row, found ${found(s)}`);
      break;
    }
  }
  if (s.error === undefined) {
    ws(s);
    if (s.i < text.length) fail(s, `unexpected ${found(s)} after the array`);
  }
  if (s.error !== undefined) yield { kind: 'error', ...s.error };
}

/** The rows of a `.jsonl` file: one object a line; blank lines are skipped, each bad line reported. */
export function* scanJsonLines(text: string): Generator<JsonItem | { readonly kind: 'blank' }> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const body = text.slice(start, end);
    if (body.trim() === '') yield { kind: 'blank' };
    else {
      // Scan the line alone, so one bad line cannot swallow the next ones.
      const s: Scan = { text: body, i: 0 };
      const item = element(s, line);
      if (item !== undefined) {
        ws(s);
        if (s.i < body.length) fail(s, `unexpected ${found(s)} after the line's object (one object a line)`);
      }
      if (s.error !== undefined) yield { kind: 'error', message: s.error.message, at: start + s.error.at };
      else if (item?.kind === 'row') yield { kind: 'row', row: shiftRow(item.row, start) };
      else if (item?.kind === 'not-object') yield { ...item, start: item.start + start, end: item.end + start };
    }
    start = end + 1;
    line++;
  }
}

function shiftRow(row: JsonRow, by: number): JsonRow {
  const entries = new Map<string, JsonScalar>();
  for (const [k, v] of row.entries) entries.set(k, { ...v, start: v.start + by, end: v.end + by, keyStart: v.keyStart + by, keyEnd: v.keyEnd + by });
  return { ...row, entries, ...(row.duplicate === undefined ? {} : { duplicate: { ...row.duplicate, start: row.duplicate.start + by, end: row.duplicate.end + by } }), start: row.start + by, end: row.end + by };
}

/** Most digits a JSON number may need written out (`1e400` would need 401). */
export const MAX_JSON_DIGITS = 64;

/**
 * A JSON number token as plain decimal text (`1.5e3` -> `1500`, `25e-3` -> `0.025`), exactly, or
 * undefined when writing it out would need more than MAX_JSON_DIGITS digits.
 */
export function jsonNumberText(token: string): string | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (m === null) return undefined;
  const sign = m[1] ?? '';
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  const expText = m[4] ?? '0';
  if (expText.replace(/^[+-]?0*/, '').length > 6) return undefined;
  const exp = Number(expText);
  // value = all / 10^scale, with `all` the digits without the point.
  const all = `${int}${frac}`.replace(/^0+(?=\d)/, '');
  const scale = frac.length - exp;
  if (scale <= 0) {
    if (all === '0') return '0';
    const text = `${all}${'0'.repeat(-scale)}`;
    return text.length > MAX_JSON_DIGITS ? undefined : `${sign}${text}`;
  }
  if (scale > MAX_JSON_DIGITS || all.length > MAX_JSON_DIGITS) return undefined;
  const padded = all.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}
