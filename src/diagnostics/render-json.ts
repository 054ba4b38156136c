// Diagnostics rendering, json: one stable object per diagnostic with 1-based positions and offsets,
// then the error and warning counts.
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { locate, type SourceLookup } from './locate.js';
import { lineColAt } from './source.js';

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
