// Test helpers for the contract stages: fixture loading and `code@line:col` summaries.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { createSourceFile, lineColAt } from '../../../src/diagnostics/source.js';
import type { SourceFile } from '../../../src/diagnostics/source.js';

export const FIXTURES = 'test/fixtures/contracts';

/** A fixture file under test/fixtures/contracts as a SourceFile. */
export function fixture(name: string): SourceFile {
  const path = `${FIXTURES}/${name}`;
  return createSourceFile(path, readFileSync(path, 'utf8'));
}

/** An inline YAML text as a SourceFile. */
export function source(text: string, path = 'inline.yaml'): SourceFile {
  return createSourceFile(path, text);
}

/** `E010@9:5` for each diagnostic, in order. */
export function codesAt(file: SourceFile, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const { line, column } = lineColAt(file, d.span.start);
    return `${d.code}@${line}:${column}`;
  });
}
