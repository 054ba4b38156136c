// Language server, positions: UTF-16 offsets (every Span of attain) <-> LSP line/character
// positions (LSP 3.17's default encoding is UTF-16 too, so a character is a code unit).
import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../diagnostics/diagnostic.js';
import { lineColAt, type SourceFile } from '../diagnostics/source.js';

/** The LSP position (0-based line and UTF-16 character) of a file offset. */
export function positionAt(file: SourceFile, offset: number): Position {
  const at = lineColAt(file, offset);
  return { line: at.line - 1, character: at.column - 1 };
}

/** The file offset of an LSP position; a character past the end of its line stays on that line. */
export function offsetAt(file: SourceFile, position: Position): number {
  const starts = file.lineStarts;
  if (position.line >= starts.length) return file.text.length;
  const start = starts[Math.max(0, position.line)] ?? 0;
  const next = starts[position.line + 1] ?? file.text.length;
  let lineEnd = next;
  // The line break itself is not part of the line.
  while (lineEnd > start && (file.text.charCodeAt(lineEnd - 1) === 10 || file.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return Math.min(start + Math.max(0, position.character), lineEnd);
}

/** The LSP range of a span. */
export function rangeOf(file: SourceFile, span: Span): Range {
  return { start: positionAt(file, span.start), end: positionAt(file, Math.max(span.start, span.end)) };
}
