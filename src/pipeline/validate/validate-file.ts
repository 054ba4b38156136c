// Pipeline for `attain validate`, one file: read it, decide what it is (contract, metric data, or
// neither) and check it if it is a contract. The same function runs in this thread or in a worker
// thread (validate-pool.ts), so both give the same outcome; validate.ts merges outcomes in order.
import type { Diagnostic, Span } from '../../diagnostics/diagnostic.js';
import { checkContractFileWithAdvice } from '../../check/check-file.js';
import { isSourcesText, looksLikeDataFile } from '../../data/data-owner.js';
import { readSourceSync } from '../../workspace/files.js';
import { testDataFindings } from './validate-test-data.js';

export interface FileOutcome {
  readonly path: string;
  /**
   * `unread`: an I/O error (in `diagnostics`); `skipped`: JSON/CSV found in a directory that is not
   * metric data (an expected invoice); `data`: metric data, checked later against its contract.
   */
  readonly kind: 'contract' | 'data' | 'sources' | 'skipped' | 'unread';
  /** The file's text (UTF-8, BOM stripped); absent when it could not be read. */
  readonly text?: string;
  /** Findings of reading the file and, for a contract, of stages 1-6, in that order. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The contract's id and where it is written, when its model was built (duplicate ids: E056).
   * The model itself is not kept: it holds classes and closures a worker cannot send, and keeping
   * 1 000 of them alive until the end of a run cost garbage collection; the few that data files
   * need are built again from the text (validate.ts).
   */
  readonly id?: { readonly value: string; readonly span: Span };
}

/**
 * Validate one file. `named`: the user named this file itself (then JSON and CSV are always read
 * as data; found in a directory, only when they look like data).
 */
export function validateFile(path: string, named: boolean): FileOutcome {
  const read = readSourceSync(path);
  const file = read.file;
  if (file === undefined) return { path, kind: 'unread', diagnostics: read.diagnostics };
  const text = file.text;
  const yaml = /\.ya?ml$/i.test(path);
  // A sources file (SPEC 9): checked in validate.ts against the contracts of the run.
  if (yaml && isSourcesText(text)) return { path, kind: 'sources', text, diagnostics: read.diagnostics };
  const looksLikeData = looksLikeDataFile(path, text);
  if (!yaml || looksLikeData) {
    return { path, kind: yaml || named || looksLikeData ? 'data' : 'skipped', text, diagnostics: read.diagnostics };
  }
  const checked = checkContractFileWithAdvice(file);
  // The tests' own metric values, once the contract itself is clean (E060 and the like).
  const tests = checked.checked === undefined ? [] : testDataFindings(checked.checked.contract);
  const diagnostics = read.diagnostics.length === 0 && tests.length === 0 ? checked.diagnostics : [...read.diagnostics, ...checked.diagnostics, ...tests];
  const c = checked.contract;
  if (c === undefined) return { path, kind: 'contract', text, diagnostics };
  return { path, kind: 'contract', text, diagnostics, id: { value: c.id.value, span: c.id.span } };
}
