// Diagnostics rendering, pretty: compiler-style `file:line:col: error[E0xx]: message`, the source
// line with a caret run under the span, labels and the hint; optionally coloured.
import { sortDiagnostics, type Diagnostic, type Label } from './diagnostic.js';
import { locate, type RenderOptions, type SourceLookup } from './locate.js';
import { displayText, guardCommandLines } from './safe-text.js';
import { lineColAt, lineText, type SourceFile } from './source.js';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', bold: '\u001b[1m', reset: '\u001b[0m' };

/**
 * `file:line:col: error[E041]: message`, the source line, a caret run under the span, labels, hint.
 * User text (paths, messages, source lines) is escaped by safe-text.ts: no control sequence or
 * line break from the input reaches the terminal, and no line can start a CI workflow command.
 */
export function renderPretty(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  return guardCommandLines(prettyLines(diagnostics, sources, options).join('\n'));
}

function prettyLines(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions): string[] {
  const paint = (code: string, text: string): string => (options.color === true ? `${code}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const at = locate(d, sources);
    const sev = d.severity === 'error' ? paint(ANSI.red + ANSI.bold, 'error') : paint(ANSI.yellow + ANSI.bold, 'warning');
    out.push(`${displayText(d.span.file)}:${at.line}:${at.column}: ${sev}[${d.code}]: ${displayText(d.message)}`);
    const file = sources(d.span.file);
    const sameLine: Label[] = [];
    const elsewhere: Label[] = [];
    for (const label of d.labels ?? []) {
      const onPrimaryLine =
        file !== undefined && label.span.file === d.span.file && lineColAt(file, label.span.start).line === at.line && lineColAt(file, Math.max(label.span.start, label.span.end - 1)).line === at.line;
      (onPrimaryLine ? sameLine : elsewhere).push(label);
    }
    if (file !== undefined) {
      out.push(...snippet(file, d.span.start, d.span.end, paint));
      for (const label of sameLine) out.push(caretRow(file, label.span.start, label.span.end, paint, label.message));
    }
    for (const label of elsewhere) {
      const lf = sources(label.span.file);
      const lat = lf === undefined ? { line: 1, column: 1 } : lineColAt(lf, label.span.start);
      out.push(`  note: ${displayText(label.message)} (${displayText(label.span.file)}:${lat.line}:${lat.column})`);
      if (lf !== undefined) out.push(...snippet(lf, label.span.start, label.span.end, paint));
    }
    if (d.hint !== undefined) out.push(`  ${paint(ANSI.blue, 'hint')}: ${displayText(d.hint)}`);
    out.push('');
  }
  return out;
}

/** The visible part of a long line: at most 240 characters around the column. */
function window(text: string, column: number): { shown: string; shift: number } {
  if (text.length <= 240) return { shown: text, shift: 0 };
  const shift = Math.max(0, column - 120);
  return { shown: text.slice(shift, shift + 240), shift };
}

function caretRow(
  file: SourceFile,
  start: number,
  end: number,
  paint: (code: string, text: string) => string,
  message?: string,
): string {
  const from = lineColAt(file, start);
  const to = lineColAt(file, Math.max(start, end - 1));
  const text = lineText(file, from.line);
  const { shown, shift } = window(text, from.column);
  const width = to.line === from.line ? Math.max(1, to.column - from.column + 1) : Math.max(1, text.length - from.column + 1);
  // Measured on the escaped text the snippet shows, so carets stay under the span.
  const before = Math.max(0, from.column - 1 - shift);
  const caretPad = displayText(shown.slice(0, before)).replace(/[^\t]/g, ' ');
  const visible = Math.min(width, Math.max(1, shown.length - before));
  const carets = '^'.repeat(Math.max(1, displayText(shown.slice(before, before + visible)).length));
  const gutter = ' '.repeat(String(from.line).length);
  return `${gutter} | ${caretPad}${paint(message === undefined ? ANSI.red : ANSI.blue, carets)}${message === undefined ? '' : ' ' + displayText(message)}`;
}

function snippet(file: SourceFile, start: number, end: number, paint: (code: string, text: string) => string): string[] {
  const from = lineColAt(file, start);
  const { shown } = window(lineText(file, from.line), from.column);
  const gutter = String(from.line);
  const pad = ' '.repeat(gutter.length);
  return [`${pad} |`, `${gutter} | ${displayText(shown)}`, caretRow(file, start, end, paint)];
}
