// Pipeline for `attain diff --sources`: a sources file + the versions of the changed contracts on
// both sides -> one aggregation (each source read once for both sides) and, per side and period,
// the version in force evaluated from it. The data is the working tree's for both sides.
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { ContractVersions } from '../../contract/versions.js';
import type { Evaluation } from '../../report/evaluation.js';
import { checkContractFile } from '../../check/check-file.js';
import { closeEngines, LAZY_ENGINES } from '../../sources/engines/lazy.js';
import type { SourcesFile } from '../../sources/model.js';
import { runSources, type SourcesResult } from '../../sources/run.js';
import { evaluateBound } from '../evaluate-contract.js';
import { addLocatedFiles } from '../evaluate-sourced.js';
import { versionInForceOrWhyNot, type VersionFile } from '../evaluate-versions.js';
import { bindSourced, readSourcesFile } from '../sources.js';
import { checkForContract } from '../sources-units.js';

/** The sources aggregated for a diff, ready to evaluate any version of the contracts it covered. */
export interface DiffSources {
  /** Absent when the sources file has errors (in `diagnostics`): no period is compared. */
  readonly sources?: SourcesFile;
  readonly result: SourcesResult;
  /** Versions whose definitions do not fit them (E094 before any row is read): their side fails. */
  readonly refused: ReadonlyMap<VersionFile, readonly Diagnostic[]>;
  /** Findings about the sources file itself (they fail every contract). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Read the sources file and aggregate it for every version of `sets` (both sides), over every
 * period the sources hold. `usage` when the file cannot be read at all.
 */
export async function aggregateForDiff(path: string, sets: readonly ContractVersions<VersionFile>[], files: Map<string, SourceFile>): Promise<DiffSources | { readonly usage: string }> {
  const read = await readSourcesFile(path);
  if (read.file === undefined) return { usage: `--sources ${path}: ${read.diagnostics[0]?.message ?? 'cannot be read'}` };
  files.set(path, read.file);
  const sources = read.value;
  if (sources === undefined || hasErrors(read.diagnostics)) {
    const empty: SourcesResult = { values: new Map(), inputs: [], queries: [], diagnostics: [], failed: new Map(), warnings: new Map() };
    return { result: empty, refused: new Map(), diagnostics: read.diagnostics };
  }
  const refused = new Map<VersionFile, readonly Diagnostic[]>();
  const contracts = [];
  for (const set of sets) {
    for (const v of set.versions) {
      const found = checkForContract(sources, v.contract);
      if (hasErrors(found)) refused.set(v, found);
      else contracts.push(v.contract);
    }
  }
  let result: SourcesResult;
  try {
    result = await runSources({ sources, contracts }, LAZY_ENGINES);
  } finally {
    await closeEngines();
  }
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  await addLocatedFiles([...diagnostics, ...[...result.failed.values()].flat(), ...[...result.warnings.values()].flat()], files);
  return { sources, result, refused, diagnostics };
}

/** The periods the sources hold for a contract id. */
export function sourcedPeriods(d: DiffSources, id: string): string[] {
  return [...(d.result.values.get(id)?.keys() ?? [])];
}

/** The findings of the sources run about a contract id (shared ones included): errors only. */
export function sourcesErrors(d: DiffSources, id: string): Diagnostic[] {
  // Each version of the id was a user of the source: the same finding is listed once per version.
  const seen = new Set<string>();
  return [...d.diagnostics, ...(d.result.failed.get(id) ?? [])].filter((x) => {
    const key = `${x.code}|${x.span.file}|${x.span.start}|${x.message}`;
    if (x.severity !== 'error' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One side of one period: the version in force for it, bound to the sourced values, evaluated. */
export function evaluateSourcedVersions(set: ContractVersions<VersionFile>, period: string, d: DiffSources): { value?: Evaluation; diagnostics: readonly Diagnostic[] } {
  const chosen = versionInForceOrWhyNot(set, period);
  if ('diagnostics' in chosen) return chosen;
  const version = chosen.version;
  const refused = d.refused.get(version);
  if (refused !== undefined) return { diagnostics: refused };
  if (d.sources === undefined) return { diagnostics: d.diagnostics };
  const checked = checkContractFile(version.file);
  if (checked.checked === undefined || hasErrors(checked.diagnostics)) return { diagnostics: checked.diagnostics };
  const bound = bindSourced(version.file, checked.checked, d.sources, d.result, []);
  if (bound.value === undefined) return { diagnostics: bound.diagnostics };
  const run = evaluateBound(bound.value, { period, start: set.start });
  return { ...run, diagnostics: [...bound.diagnostics, ...run.diagnostics] };
}
