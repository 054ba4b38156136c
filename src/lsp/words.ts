// Language server, words: the identifier under or before the cursor in a document's text, for
// hover and completion when no syntax tree covers the position (a document being typed).

/** An identifier (letters, digits, `_`) in the text: its characters and offsets. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The expression language's keywords (src/parser/tokens.ts): never names, never renamed. */
export const KEYWORDS: readonly string[] = ['and', 'or', 'not', 'if', 'then', 'else', 'between', 'in', 'true', 'false'];

const IDENT = /[A-Za-z0-9_]/;

/** The identifier touching `offset` (the cursor may be just after it), if any. */
export function wordAt(text: string, offset: number): Word | undefined {
  let start = Math.min(offset, text.length);
  let end = start;
  while (start > 0 && IDENT.test(text[start - 1] ?? '')) start--;
  while (end < text.length && IDENT.test(text[end] ?? '')) end++;
  if (start === end || /[0-9]/.test(text[start] ?? '')) return undefined;
  return { text: text.slice(start, end), start, end };
}

/** The identifier prefix ending at `offset` (what the user is typing), possibly empty. */
export function prefixAt(text: string, offset: number): Word {
  let start = Math.min(offset, text.length);
  while (start > 0 && IDENT.test(text[start - 1] ?? '')) start--;
  return { text: text.slice(start, offset), start, end: offset };
}
