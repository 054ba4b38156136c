// Pipeline for `attain validate`: every contract and data file under the paths, every finding
// from every file in one run. Data files are checked against the contract they name. Files are
// validated one by one (validate-file.ts), here or in worker threads (validate-pool.ts), and the
// outcomes merged here in file order, so the result does not depend on the number of threads.
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../../diagnostics/source.js';
import { loadContract } from '../../contract/load-contract.js';
import type { Contract } from '../../contract/model.js';
import { periodOrdinal } from '../../contract/period.js';
import { orderVersions, versionInForce } from '../../contract/versions.js';
import type { RawPeriod } from '../../data/metric-data.js';
import { contractIdByName } from '../../data/data-owner.js';
import { expandPaths } from '../../workspace/files.js';
import { validateFile, type FileOutcome } from './validate-file.js';
import { validateInWorkers, workerCount } from './validate-pool.js';

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

/** The data loaders, imported only when a run has data files (start-up of contract-only runs). */
type DataStages = typeof import('../../data/load-metrics.js') & typeof import('../../data/bind.js');
async function dataStages(): Promise<DataStages> {
  const [load, bind] = await Promise.all([import('../../data/load-metrics.js'), import('../../data/bind.js')]);
  return { ...load, ...bind };
}

/** Contracts by id (every version of an id); models are rebuilt only when asked for. */
interface ContractIndex {
  readonly has: (id: string) => boolean;
  /** The versions of an id, earliest first (one for an unamended contract). */
  readonly get: (id: string) => readonly Contract[] | undefined;
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
    diagnostics.push(...o.diagnostics);
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
    const ordered = orderVersions(all.map((contract) => ({ contract })));
    diagnostics.push(...ordered.diagnostics);
    models.set(id, ordered.value.versions.map((v) => v.contract));
  }
  const contracts: ContractIndex = {
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
    const stages = await dataStages();
    for (const file of dataFiles) diagnostics.push(...validateDataFile(file, contracts, stages));
  }
  if (sourcesFiles.length > 0) {
    const { validateSourcesFile } = await import('./validate-sources.js');
    const all = [...byId.keys()].flatMap((id) => contracts.get(id) ?? []).filter((c): c is Contract => c !== undefined);
    for (const file of sourcesFiles) diagnostics.push(...validateSourcesFile(file, all));
  }
  return { diagnostics, sources, contracts: contractCount, dataFiles: dataFiles.length + sourcesFiles.length };
}

/** The version of `versions` a data period is checked against: the one in force, else the nearest. */
function versionFor(versions: readonly Contract[], period: string): Contract | undefined {
  const first = versions[0];
  if (first === undefined || versions.length === 1) return first;
  const set = { id: first.id.value, kind: first.period.value, start: first.effective.from.value, versions: versions.map((contract) => ({ contract })) };
  const inForce = versionInForce(set, period)?.contract;
  if (inForce !== undefined) return inForce;
  return (periodOrdinal(period, set.kind) ?? 0) < (periodOrdinal(set.start, set.kind) ?? 0) ? first : versions.at(-1);
}

function validateDataFile(file: SourceFile, contracts: ContractIndex, { loadMetricFile, bindData }: DataStages): Diagnostic[] {
  const loaded = loadMetricFile(file);
  const out: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.value === undefined) return out;
  for (const [named, periods] of loaded.value.contracts) {
    // A file naming no contract belongs to the contract its file or directory is named after.
    const id = named === '' ? (contractIdByName(file.path, contracts.has) ?? '') : named;
    const versions = contracts.get(id);
    const at = periods[0]?.span ?? { file: file.path, start: 0, end: 0 };
    if (versions === undefined) {
      out.push(diag('W068', at, { id: id === '' ? '(none named)' : id }));
      continue;
    }
    // Each period is checked against the version in force for it (versions may differ in metrics).
    const byVersion = new Map<Contract, RawPeriod[]>();
    for (const p of periods) {
      const c = versionFor(versions, p.period);
      if (c !== undefined) byVersion.set(c, [...(byVersion.get(c) ?? []), p]);
    }
    for (const [contract, mine] of byVersion) out.push(...bindData(contract, mine, file.sha256).diagnostics);
  }
  return out;
}
