// `fmt`, step 2: canonical expression text -> the YAML source of its scalar, in the style the
// scalar was written in (plain, single-quoted, double-quoted, block). Pure text; no YAML library.

/** How a scalar is written in the file. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

/** The style of a scalar from its source text (the slice of its value range). */
export function scalarStyle(source: string): ScalarStyle {
  switch (source[0]) {
    case '"':
      return 'double';
    case "'":
      return 'single';
    case '|':
    case '>':
      return 'block';
    default:
      return 'plain';
  }
}

/** Characters YAML does not allow raw in a scalar, or that would read as a line break. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NEEDS_ESCAPE_ALL = new RegExp(NEEDS_ESCAPE.source, 'g');
/** Characters that cannot start a plain scalar. */
const INDICATORS = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
const FLOW_INDICATORS = /[[\]{},]/g;

/**
 * Whether `text` can be written as a plain scalar where `original` (a plain scalar) stood. Flow
 * indicators (`, [ ] { }`) are fine only if the original already had as many of each: in a flow
 * collection the original could not have had them, and the canonical form never adds one.
 */
export function plainIsSafe(text: string, original: string): boolean {
  if (text === '' || text !== text.trim() || NEEDS_ESCAPE.test(text)) return false;
  const first = text[0] as string;
  if (INDICATORS.has(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (text.length === 1 || text[1] === ' ')) return false;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.includes('\t')) return false;
  const count = (s: string): string => (s.match(FLOW_INDICATORS) ?? []).sort().join('');
  return count(text) === count(original);
}

/** A double-quoted YAML scalar holding exactly `text`. */
export function doubleQuoted(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(NEEDS_ESCAPE_ALL, (c) => {
    const named: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** A single-quoted YAML scalar holding `text`, or undefined when it needs escapes. */
export function singleQuoted(text: string): string | undefined {
  return NEEDS_ESCAPE.test(text) ? undefined : `'${text.replace(/'/g, "''")}'`;
}

/**
 * A block scalar (`|`, `>` with any indicators) with its body replaced by one line holding `text`,
 * indented like the original's first content line. The header and anything after the last
 * content character (the final line break, kept lines) stay as they were.
 */
export function blockScalar(text: string, original: string): string | undefined {
  if (NEEDS_ESCAPE.test(text)) return undefined;
  const nl = original.indexOf('\n');
  if (nl < 0) return undefined;
  const body = original.slice(nl + 1);
  const firstContent = /^( *)\S/m.exec(body);
  const contentEnd = original.trimEnd().length;
  if (firstContent === null || contentEnd <= nl) return undefined;
  const indent = firstContent[1] ?? '';
  if (indent === '') return undefined;
  return `${original.slice(0, nl + 1)}${indent}${text}${original.slice(contentEnd)}`;
}

/**
 * The source of a scalar holding `text`, keeping `original`'s style where YAML allows it and
 * switching to double quotes where it does not (a plain scalar that would start with `- ` or
 * contain `: `, a single-quoted one with a line break). `forceQuotes` turns plain into double.
 */
export function renderScalar(text: string, original: string, forceQuotes = false): string {
  switch (scalarStyle(original)) {
    case 'plain':
      return !forceQuotes && plainIsSafe(text, original) ? text : doubleQuoted(text);
    case 'single':
      return singleQuoted(text) ?? doubleQuoted(text);
    case 'double':
      return doubleQuoted(text);
    case 'block':
      return blockScalar(text, original) ?? doubleQuoted(text);
  }
}
