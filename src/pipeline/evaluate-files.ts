// Pipeline for `attain evaluate` / `explain` from paths: read the contract file (or the versions of
// one contract id) and the data files, then evaluate with evaluate-contract.ts / evaluate-versions.ts.
import { stat } from 'node:fs/promises';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { looksLikeDataFile, skippedDataNote } from '../data/data-owner.js';
import type { Evaluation } from '../report/evaluation.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { evaluateSources, type BoundSources, type EvaluateOptions } from './evaluate-contract.js';
import { chooseContract, evaluateVersions, readContractSet } from './evaluate-versions.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface EvaluationRun {
  readonly value?: Evaluation;
  /** The contract (version) bound to its data, with `value`: the HTML report's history reads it. */
  readonly bound?: BoundSources;
  /** Why the run could not start (exit 2): several contract ids in the paths and none chosen. */
  readonly usage?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/**
 * Evaluate one contract against a data file or a directory of data files. `contract`: one file, or
 * a directory or several files holding the versions of one contract id (versions are used when
 * the period they are in force for is evaluated; see evaluate-versions.ts).
 */
export async function evaluateFiles(contract: string | readonly string[], dataPath: string, options: EvaluateOptions = {}): Promise<EvaluationRun> {
  const sources = new Map<string, SourceFile>();
  const paths = typeof contract === 'string' ? [contract] : contract;
  const single = paths.length === 1 && (await isFile(paths[0] as string)) ? (paths[0] as string) : undefined;
  let contractFile: SourceFile | undefined;
  let set: Awaited<ReturnType<typeof readContractSet>> | undefined;
  if (single !== undefined) {
    const read = await readSource(single);
    if (read.file === undefined) return { diagnostics: read.diagnostics, sources };
    sources.set(single, read.file);
    contractFile = read.file;
  } else {
    set = await readContractSet(paths, sources);
    if (hasErrors(set.diagnostics)) return { diagnostics: set.diagnostics, sources };
  }
  const { files, diagnostics: found } = await expandPaths([dataPath], ['.yaml', '.yml', '.json', '.csv']);
  const diagnostics: Diagnostic[] = [...found, ...(set?.diagnostics ?? [])];
  const dataFiles: SourceFile[] = [];
  const skipped: string[] = [];
  for (const path of files) {
    const read = await readSource(path);
    appendAll(diagnostics, read.diagnostics);
    if (read.file === undefined) continue;
    // Found in a directory, a file that is not metric data (the contract itself, an expected
    // invoice) is skipped; a file named with --data is always read.
    if (path !== dataPath && !looksLikeDataFile(path, read.file.text)) {
      skipped.push(path);
      continue;
    }
    sources.set(path, read.file);
    dataFiles.push(read.file);
  }
  const note = skippedDataNote(dataPath, skipped);
  if (note !== undefined) diagnostics.push(note);
  if (hasErrors(diagnostics)) return { diagnostics, sources };
  if (contractFile !== undefined) {
    const run = evaluateSources(contractFile, dataFiles, options);
    return { ...run, diagnostics: [...diagnostics, ...run.diagnostics], sources };
  }
  const chosen = chooseContract(set as NonNullable<typeof set>, dataFiles);
  if ('usage' in chosen) return { usage: chosen.usage, diagnostics, sources };
  const run = evaluateVersions(chosen, dataFiles, options);
  return { ...run, diagnostics: [...diagnostics, ...run.diagnostics], sources };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return true; // let the reader report the missing file (E001) as before
  }
}
