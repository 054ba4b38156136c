// Rendering of diagnostics (the last stage): pretty (compiler-style with a caret), json, GitHub
// Actions workflow commands, JUnit XML (render-junit.ts) and SARIF 2.1.0 (render-sarif.ts).
// Finding diagnostics never depends on how they are shown.
import { sortDiagnostics, type Diagnostic, type Label } from './diagnostic.js';
import { renderJunit } from './render-junit.js';
import { renderSarif } from './render-sarif.js';
import { displayText, displayTextKeepingLineBreaks, guardCommandLines, markdownCode, markdownText } from './safe-text.js';
import { lineColAt, lineText, type SourceFile } from './source.js';

/** Files by path, so spans can be turned into line:col and source lines. */
export type SourceLookup = (path: string) => SourceFile | undefined;

export type DiagnosticFormat = 'pretty' | 'json' | 'github' | 'junit' | 'sarif';

export interface RenderOptions {
  readonly color?: boolean;
  /** Every file that was checked, with or without findings (JUnit: a passing testcase each). */
  readonly files?: readonly string[];
  /** Directory absolute paths are made relative to (SARIF artifact URIs); default: the working directory. */
  readonly root?: string;
}

/** 1-based start and exclusive end of a diagnostic's span. */
export interface Located {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function locate(d: Diagnostic, sources: SourceLookup): Located {
  const file = sources(d.span.file);
  if (file === undefined) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const start = lineColAt(file, d.span.start);
  const end = lineColAt(file, Math.max(d.span.start, d.span.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

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

/** Stable JSON: one object per diagnostic with file, 1-based line/column/endLine/endColumn. */
export function renderJson(diagnostics: readonly Diagnostic[], sources: SourceLookup): string {
  const items = sortDiagnostics(diagnostics).map((d) => {
    const at = locate(d, sources);
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.span.file,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      offset: d.span.start,
      endOffset: d.span.end,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
      ...(d.labels === undefined
        ? {}
        : {
            labels: d.labels.map((l) => {
              const lf = sources(l.span.file);
              const lat = lf === undefined ? { line: 1, column: 1 } : lineColAt(lf, l.span.start);
              return { message: l.message, file: l.span.file, line: lat.line, column: lat.column };
            }),
          }),
    };
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return JSON.stringify({ diagnostics: items, errors, warnings: diagnostics.length - errors }, null, 2) + '\n';
}

function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows at most this many error annotations, and as many warning annotations, per step. */
export const GITHUB_ANNOTATIONS_PER_STEP = 10;

/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=E0xx::message (hint: …)`. GitHub accepts columns only on single-line annotations, so a span
 * over several lines is shown on its first line (from its column to the end of that line).
 * GitHub shows 10 error and 10 warning annotations per step and drops the rest: the first 10 of
 * each are written, then one `::notice::` counts the findings not shown (the job summary,
 * renderGithubSummary, lists them all).
 */
export function renderGithub(diagnostics: readonly Diagnostic[], sources: SourceLookup): string {
  const shown = { error: 0, warning: 0 };
  let hidden = 0;
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const kind = d.severity === 'error' ? 'error' : 'warning';
    if (shown[kind] >= GITHUB_ANNOTATIONS_PER_STEP) {
      hidden++;
      continue;
    }
    shown[kind]++;
    const at = locate(d, sources);
    const file = sources(d.span.file);
    const endColumn = at.endLine === at.line ? at.endColumn : Math.max(at.column, (file === undefined ? 0 : lineText(file, at.line).length) + 1);
    const props = [
      `file=${escapeGithubProperty(d.span.file)}`,
      `line=${at.line}`,
      `col=${at.column}`,
      `endLine=${at.line}`,
      `endColumn=${endColumn}`,
      `title=${escapeGithubProperty(d.code)}`,
    ].join(',');
    const message = d.hint === undefined ? d.message : `${d.message} (hint: ${d.hint})`;
    lines.push(`::${kind} ${props}::${escapeGithubData(displayTextKeepingLineBreaks(message))}\n`);
  }
  if (hidden > 0) {
    lines.push(
      `::notice title=attain::${hidden} more finding(s) not shown as annotations (GitHub shows ${GITHUB_ANNOTATIONS_PER_STEP} errors and ${GITHUB_ANNOTATIONS_PER_STEP} warnings per step); every finding is in the job summary and in \`attain validate\` output\n`,
    );
  }
  return lines.join('');
}

/**
 * The Markdown job summary for `$GITHUB_STEP_SUMMARY`: counts, then one table row per finding
 * (location, severity, code, message, hint), user text escaped for Markdown.
 */
export function renderGithubSummary(diagnostics: readonly Diagnostic[], sources: SourceLookup, files: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const out = ['## attain validate', '', `${files} file(s): ${errors} error(s), ${diagnostics.length - errors} warning(s).`, ''];
  if (diagnostics.length > 0) {
    out.push('| Location | Severity | Code | Message |', '| --- | --- | --- | --- |');
    for (const d of sortDiagnostics(diagnostics)) {
      const at = locate(d, sources);
      const message = d.hint === undefined ? d.message : `${d.message} (hint: ${d.hint})`;
      out.push(`| ${markdownCode(`${d.span.file}:${at.line}:${at.column}`)} | ${d.severity} | ${d.code} | ${markdownText(message)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function renderDiagnostics(format: DiagnosticFormat, diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  switch (format) {
    case 'pretty':
      return renderPretty(diagnostics, sources, options);
    case 'json':
      return renderJson(diagnostics, sources);
    case 'github':
      return renderGithub(diagnostics, sources);
    case 'junit':
      return renderJunit(diagnostics, sources, options);
    case 'sarif':
      return renderSarif(diagnostics, sources, options);
  }
}
