// Pipeline for `attain evaluate|explain <contract> --sources <file> [--data <path>]`: check the
// contract (or the version in force of a directory of versions), aggregate its metrics from the
// sources (and read --data, which wins), then stages 7-8. Nothing partial: any error leaves `value` absent.
import { stat } from 'node:fs/promises';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import type { Evaluation } from '../report/evaluation.js';
import { closeEngines } from '../sources/engines/lazy.js';
import { checkContractFile } from '../check/check-file.js';
import { evaluateBound, type BoundSources, type EvaluateOptions } from './evaluate-contract.js';
import { chooseContract, readContractSet, versionInForceOrWhyNot, type VersionFile } from './evaluate-versions.js';
import { comparePeriods, periodOrdinal } from '../contract/period.js';
import type { ContractVersions } from '../contract/versions.js';
import type { SourcesFile } from '../sources/model.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { aggregateSources, bindSourced, readSourcesFile } from './sources.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface SourcedRun {
  readonly value?: Evaluation;
  /** The contract bound to its aggregated series, with `value` (the HTML report's history). */
  readonly bound?: BoundSources;
  /** Why the run could not start (exit 2): several contract ids in the paths and none chosen. */
  readonly usage?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/**
 * Evaluate one contract from a sources file (and optional --data). `contract`: one file, or (SPEC
 * 11) a directory or several files holding the versions of one contract id: the period is
 * evaluated with the version in force for it, `period.index` counting from the contract's start.
 */
export async function evaluateFromSources(contract: string | readonly string[], sourcesPath: string, dataPath: string | undefined, options: EvaluateOptions = {}): Promise<SourcedRun> {
  const paths = typeof contract === 'string' ? [contract] : contract;
  const single = paths.length === 1 && (await isFile(paths[0] as string)) ? (paths[0] as string) : undefined;
  const files = new Map<string, SourceFile>();
  let contractFile: SourceFile | undefined;
  let set: ContractVersions<VersionFile> | undefined;
  const diagnostics: Diagnostic[] = [];
  if (single !== undefined) {
    const contractRead = await readSource(single);
    if (contractRead.file === undefined) return { diagnostics: contractRead.diagnostics, sources: files };
    files.set(single, contractRead.file);
    contractFile = contractRead.file;
  } else {
    const read = await readContractSet(paths, files);
    appendAll(diagnostics, read.diagnostics);
    if (hasErrors(diagnostics)) return { diagnostics, sources: files };
    const chosen = chooseContract(read, []);
    if ('usage' in chosen) return { usage: chosen.usage, diagnostics, sources: files };
    set = chosen;
  }
  const sourcesRead = await readSourcesFile(sourcesPath);
  if (sourcesRead.file !== undefined) files.set(sourcesPath, sourcesRead.file);
  appendAll(diagnostics, sourcesRead.diagnostics);
  if (sourcesRead.value === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  let start: string | undefined;
  let period = options.period;
  if (set !== undefined) {
    period ??= await latestSourcedPeriod(sourcesRead.value, set);
    if (period !== undefined && periodOrdinal(period, set.kind) !== undefined) {
      const chosen = versionInForceOrWhyNot(set, period);
      if ('diagnostics' in chosen) return { diagnostics: [...diagnostics, ...chosen.diagnostics], sources: files };
      contractFile = chosen.version.file;
    } else {
      contractFile = (set.versions.at(-1) as VersionFile).file;
    }
    start = set.start;
  }
  const checkedFile = checkContractFile(contractFile as SourceFile);
  appendAll(diagnostics, checkedFile.diagnostics);
  const checked = checkedFile.checked;
  if (checked === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  const run = await evaluateChecked(contractFile as SourceFile, checked, sourcesRead.value, dataPath, files, diagnostics, {
    ...(period === undefined ? {} : { period }),
    ...(start === undefined ? {} : { start }),
  });
  return run;
}

/** The latest period the sources give for a contract id (aggregated with its latest version's definitions). */
async function latestSourcedPeriod(sources: SourcesFile, set: ContractVersions<VersionFile>): Promise<string | undefined> {
  const last = (set.versions.at(-1) as VersionFile).contract;
  let result;
  try {
    result = await aggregateSources(sources, [last], undefined);
  } finally {
    await closeEngines();
  }
  const periods = [...(result.values.get(set.id)?.keys() ?? [])].filter((p) => periodOrdinal(p, set.kind) !== undefined);
  return periods.sort((a, b) => comparePeriods(a, b, set.kind)).at(-1);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return true; // let the reader report the missing file (E001)
  }
}

/** Stages after the contract check: --data read, sources aggregated, bound (data wins), evaluated. */
async function evaluateChecked(
  contractFile: SourceFile,
  checked: NonNullable<ReturnType<typeof checkContractFile>['checked']>,
  sources: SourcesFile,
  dataPath: string | undefined,
  files: Map<string, SourceFile>,
  diagnostics: Diagnostic[],
  options: EvaluateOptions,
): Promise<SourcedRun> {
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
    result = await aggregateSources(sources, [contract], options.period);
  } finally {
    await closeEngines();
  }
  const bound = bindSourced(contractFile, checked, sources, result, dataFiles);
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
