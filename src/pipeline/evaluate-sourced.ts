// Pipeline for `attain evaluate|explain <contract> --sources <file> [--data <path>]`: check the
// contract, aggregate its metrics from the sources (and read --data, which wins), then stages 7-8.
// Nothing partial: any error leaves `value` absent.
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import type { Evaluation } from '../report/evaluation.js';
import { closeEngines } from '../sources/engines/lazy.js';
import { checkContractFile } from '../check/check-file.js';
import { evaluateBound, type BoundSources, type EvaluateOptions } from './evaluate-contract.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { aggregateSources, bindSourced, readSourcesFile } from './sources.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface SourcedRun {
  readonly value?: Evaluation;
  /** The contract bound to its aggregated series, with `value` (the HTML report's history). */
  readonly bound?: BoundSources;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/** Evaluate one contract from a sources file (and optional --data). */
export async function evaluateFromSources(contractPath: string, sourcesPath: string, dataPath: string | undefined, options: EvaluateOptions = {}): Promise<SourcedRun> {
  const files = new Map<string, SourceFile>();
  const contractRead = await readSource(contractPath);
  if (contractRead.file === undefined) return { diagnostics: contractRead.diagnostics, sources: files };
  files.set(contractPath, contractRead.file);
  const checkedFile = checkContractFile(contractRead.file);
  const diagnostics: Diagnostic[] = [...checkedFile.diagnostics];
  const checked = checkedFile.checked;
  const sourcesRead = await readSourcesFile(sourcesPath);
  if (sourcesRead.file !== undefined) files.set(sourcesPath, sourcesRead.file);
  appendAll(diagnostics, sourcesRead.diagnostics);
  if (checked === undefined || sourcesRead.value === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  const contract = checked.contract;

  const dataFiles: SourceFile[] = [];
  if (dataPath !== undefined) {
    const found = await expandPaths([dataPath], ['.yaml', '.yml', '.json', '.csv']);
    appendAll(diagnostics, found.diagnostics);
    for (const p of found.files) {
      const read = await readSource(p);
      appendAll(diagnostics, read.diagnostics);
      if (read.file === undefined) continue;
      files.set(p, read.file);
      dataFiles.push(read.file);
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics, sources: files };
  let result;
  try {
    result = await aggregateSources(sourcesRead.value, [contract], options.period);
  } finally {
    await closeEngines();
  }
  const bound = bindSourced(contractRead.file, checked, sourcesRead.value, result, dataFiles);
  appendAll(diagnostics, bound.diagnostics);
  await addLocatedFiles(diagnostics, files);
  if (bound.value === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  const run = evaluateBound(bound.value, options);
  appendAll(diagnostics, run.diagnostics);
  if (run.value === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  return { value: { ...run.value, inputs: { ...run.value.inputs, ...(bound.inputs === undefined ? {} : { sources: bound.inputs }) } }, bound: bound.value, diagnostics, sources: files };
}
/**
 * Largest export read back to place a finding (V8's longest string): exports are streamed, so a
 * file with a bad cell may be far above the reader's usual limit, and is read whole only then.
 */
const LOCATE_MAX_BYTES = 512 * 1024 * 1024;

/** Read the export files findings point into, so they render with their source line. */
export async function addLocatedFiles(diagnostics: readonly Diagnostic[], files: Map<string, SourceFile>): Promise<void> {
  for (const d of diagnostics) {
    if (files.has(d.span.file)) continue;
    // A finding at offset 0 (a file that cannot be read at all) needs no text to be placed.
    const read = await readSource(d.span.file, d.span.end > 0 ? LOCATE_MAX_BYTES : undefined);
    files.set(d.span.file, read.file ?? createSourceFile(d.span.file, ''));
  }
}
