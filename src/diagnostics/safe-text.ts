// Output safety for every human-readable output (pretty diagnostics, test and progress lines,
// summaries, Markdown, CSV): user strings in -> text that cannot inject terminal or CI commands.
//
// User strings (names, labels, paths, data values, messages that quote them) reach terminals, CI
// logs (where a line starting with `::` or `##[` is a GitHub Actions workflow command) and
// documents rendered by others. One module, so every output escapes the same way.

/**
 * Characters never written raw to a human output: C0 controls (tab excepted), DEL, C1 controls,
 * the Unicode line and paragraph separators, and the bidirectional controls (Trojan Source).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\u001b', '\\e'],
]);

/** `\uXXXX` for one UTF-16 code unit. */
function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A user string made safe for one line of human output: line breaks become `\n` / `\r`, ESC
 * becomes `\e` (so ANSI CSI and OSC sequences show as text), every other control character,
 * line separator and bidi override becomes `\uXXXX`. Everything else, tabs included, is kept.
 */
export function displayText(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED.get(ch) ?? unicodeEscape(ch));
}

/** Like displayText but line feeds and carriage returns are kept (for formats that escape them their own way). */
export function displayTextKeepingLineBreaks(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\r' ? ch : (NAMED.get(ch) ?? unicodeEscape(ch))));
}

/** Whether `text` has a character displayText would escape. */
export function hasUnsafeText(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** A line a CI runner would read as a command: `::cmd ...::` (GitHub Actions) or `##[cmd]` / `##vso[` (legacy, Azure). */
const COMMAND_START = /^(\s*)(::|##\[|##vso\[)/;

/**
 * Every line of a finished output that a CI runner would read as a workflow command (it starts,
 * after blanks, with `::`, `##[` or `##vso[`) gets a backslash before it. Only human outputs pass through
 * this; the `github` format writes its own commands and is not guarded.
 */
export function guardCommandLines(text: string): string {
  if (!text.includes('::') && !text.includes('##')) return text;
  return text
    .split('\n')
    .map((line) => line.replace(COMMAND_START, '$1\\$2'))
    .join('\n');
}

/** displayText and the command guard together, for a user string printed at the start of a line. */
export function displayLine(text: string): string {
  return guardCommandLines(displayText(text));
}

/**
 * A CSV cell safe from spreadsheet formula injection (OWASP CSV injection): a cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`, unless the whole cell is a plain
 * decimal number (a negative amount stays a number). Then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const formula = /^[=+\-@\t\r\n]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value);
  const safe = formula ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Text for a Markdown document (headings, paragraphs, table cells): HTML is escaped (renderers
 * pass raw HTML through; `<` before a letter, `/`, `!` or `?` opens a tag, comment or autolink in
 * CommonMark and `&` before `#` or a letter an entity, so those become `&lt;` and `&amp;`, and
 * `a <= b` stays readable), `\\`, `[` and `]` are backslash-escaped (no link or image can be formed),
 * `|` is escaped so a table row keeps its cells, any line break (a bare carriage return included)
 * becomes a space, other unsafe characters are escaped as in displayText.
 */
export function markdownText(text: string): string {
  return displayText(
    text
      .replace(/&(?=[#A-Za-z0-9])/g, '&amp;')
      .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
      .replace(/[\\[\]|]/g, (c) => `\\${c}`)
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' '),
  );
}

/**
 * A Markdown code span: code spans show HTML as text, so only line breaks (to spaces), backticks
 * (to `'`, they would close the span), `|` (a table cell) and unsafe characters are changed.
 */
export function markdownCode(text: string): string {
  const body = displayText(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')).replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${body}\``;
}
