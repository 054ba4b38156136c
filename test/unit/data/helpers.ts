// Helpers for the data-stage tests: fixture files, the Contract of test/fixtures/data/contract.yaml,
// and line:col of diagnostics.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Span } from '../../../src/diagnostics/diagnostic.js';
import { createSourceFile, lineColAt, type SourceFile } from '../../../src/diagnostics/source.js';
import { loadContract } from '../../../src/contract/load-contract.js';
import type { Contract, TestDecl } from '../../../src/contract/model.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/data/', import.meta.url));

/** A fixture as a SourceFile, with the path relative to test/fixtures/data (stable in messages). */
export function fixture(relative: string): SourceFile {
  return createSourceFile(relative, readFileSync(FIXTURES + relative, 'utf8'));
}

/** `line:col` (1-based) of a diagnostic's start in `file`. */
export function at(file: SourceFile, d: { readonly span: Span }): string {
  const { line, column } = lineColAt(file, d.span.start);
  return `${line}:${column}`;
}

/** Code and position of each diagnostic, for compact assertions. */
export function codesAt(file: SourceFile, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${at(file, d)}`);
}

/**
 * The Contract of contract.yaml, loaded with the contract stage (stages 1-3). `period` overrides
 * the period kind, for tests of quarterly data.
 */
export function acmeContract(period: 'month' | 'quarter' = 'month'): Contract {
  const loaded = loadContract(fixture('contract.yaml'));
  if (loaded.value === undefined) throw new Error(`contract.yaml does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return period === 'month' ? loaded.value : { ...loaded.value, period: { ...loaded.value.period, value: period } };
}

/** The one entry of contract.yaml's `tests:`. */
export function acmeTest(): TestDecl {
  const test = acmeContract().tests[0];
  if (test === undefined) throw new Error('contract.yaml has no test');
  return test;
}
