// Diagnostics rendering, shared ground: where a diagnostic's span is as 1-based line:col, and the
// options every renderer takes. The renderers (pretty, json, github, junit, sarif) import this.
import type { Diagnostic } from './diagnostic.js';
import { lineColAt, type SourceFile } from './source.js';

/** Files by path, so spans can be turned into line:col and source lines. */
export type SourceLookup = (path: string) => SourceFile | undefined;

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

/**
 * Where a diagnostic is. A file with no SourceFile (unreadable, or not valid UTF-8) is at 1:1, unless
 * the diagnostic carries its own numeric `line` and `column` in `data` (E001 at the first bad byte).
 */
export function locate(d: Diagnostic, sources: SourceLookup): Located {
  const file = sources(d.span.file);
  if (file === undefined) {
    const line = d.data?.['line'];
    const column = d.data?.['column'];
    if (typeof line === 'number' && typeof column === 'number') return { line, column, endLine: line, endColumn: column };
    return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }
  const start = lineColAt(file, d.span.start);
  const end = lineColAt(file, Math.max(d.span.start, d.span.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
