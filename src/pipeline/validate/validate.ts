// Pipeline for `attain validate`: every contract and data file under the paths, every finding
// from every file in one run. Data files are checked against the contract they name. Files are
// validated one by one (validate-file.ts), here or in worker threads (validate-pool.ts), and the
// outcomes merged here in file order, so the result does not depend on the number of threads.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../../diagnostics/source.js';
import { loadContract } from '../../contract/load-contract.js';
import type { Contract } from '../../contract/model.js';
import { checkVersions } from '../../contract/versions.js';
import type { ContractsById } from '../../data/check-data-file.js';
import { expandPaths } from '../../workspace/files.js';
import { validateFile, type FileOutcome } from './validate-file.js';
import { validateInWorkers, workerCount } from './validate-pool.js';
import { appendAll } from '../../diagnostics/append-all.js';

export interface ValidationRun {
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, by path (for rendering diagnostics). */
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly contracts: number;
  readonly dataFiles: number;
}

export interface ValidateOptions {
  /**
   * Threads that check files at once, this one included (default 1). Worker threads are started
   * only for enough files to pay for their start (validate-pool.ts); the result is the same.
   */
  readonly jobs?: number;
}

const WALKED = ['.yaml', '.yml', '.json', '.csv'];

/**
 * Validate files and directories. Directories are walked recursively for contracts
 * (`*.yaml`/`*.yml`) and metric data (YAML, JSON, CSV that look like data); other JSON/CSV found
 * in a directory (expected invoices, exports) is skipped. A file named explicitly is always read.
 */
export async function validatePaths(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidationRun> {
  const { files, diagnostics: found } = await expandPaths(paths, WALKED);
  const named = new Set(paths);
  const workers = workerCount(files.length, options.jobs ?? 1);
  const outcomes = workers > 0 ? await validateInWorkers(files, named, workers) : files.map((f) => validateFile(f, named.has(f)));
  return mergeOutcomes(outcomes, found);
}

async function mergeOutcomes(outcomes: readonly FileOutcome[], found: readonly Diagnostic[]): Promise<ValidationRun> {
  const diagnostics: Diagnostic[] = [...found];
  const sources = new Map<string, SourceFile>();
  const byId = new Map<string, FileOutcome[]>();
  const models = new Map<string, readonly Contract[] | undefined>();
  const dataFiles: SourceFile[] = [];
  const sourcesFiles: SourceFile[] = [];
  let contractCount = 0;
  for (const o of outcomes) {
    appendAll(diagnostics, o.diagnostics);
    if (o.text === undefined || o.kind === 'skipped') continue;
    const file = createSourceFile(o.path, o.text);
    sources.set(o.path, file);
    if (o.kind === 'data') {
      dataFiles.push(file);
      continue;
    }
    if (o.kind === 'sources') {
      sourcesFiles.push(file);
      continue;
    }
    contractCount++;
    if (o.id === undefined) continue;
    byId.set(o.id.value, [...(byId.get(o.id.value) ?? []), o]);
  }
  // Outcomes carry no model (validate-file.ts): stages 1-3 again, on the same text, give the same one.
  const modelsOf = (group: readonly FileOutcome[]): (Contract | undefined)[] => group.map((o) => loadContract(sources.get(o.path) as SourceFile).value);
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    // Several files with one id are versions of one contract: their ranges must fit together.
    const loaded = modelsOf(group);
    const all = loaded.filter((c): c is Contract => c !== undefined);
    if (all.length < group.length) continue; // a file whose model failed already has its errors
    const ordered = checkVersions(all);
    appendAll(diagnostics, ordered.diagnostics);
    models.set(id, ordered.value);
  }
  // Models are rebuilt only when a data or sources file asks for them.
  const contracts: ContractsById = {
    ids: [...byId.keys()].sort(),
    has: (id) => byId.has(id),
    get: (id) => {
      const group = byId.get(id);
      if (group === undefined) return undefined;
      if (!models.has(id)) {
        const loaded = modelsOf(group);
        models.set(id, loaded.every((c) => c !== undefined) ? loaded : undefined);
      }
      return models.get(id);
    },
  };
  if (dataFiles.length > 0) {
    // The data loaders are imported only when a run has data files (start-up of contract-only runs).
    const { checkDataFile } = await import('../../data/check-data-file.js');
    for (const file of dataFiles) appendAll(diagnostics, checkDataFile(file, contracts));
  }
  if (sourcesFiles.length > 0) {
    const { validateSourcesFile } = await import('./validate-sources.js');
    const all = [...byId.keys()].flatMap((id) => contracts.get(id) ?? []).filter((c): c is Contract => c !== undefined);
    for (const file of sourcesFiles) appendAll(diagnostics, validateSourcesFile(file, all));
  }
  return { diagnostics, sources, contracts: contractCount, dataFiles: dataFiles.length + sourcesFiles.length };
}
