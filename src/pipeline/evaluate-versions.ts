// Pipeline for `attain evaluate` / `explain` given a directory or several contract files: the
// versions of one contract id + its data -> the period evaluated with the version in force.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { loadContract } from '../contract/load-contract.js';
import type { Contract } from '../contract/model.js';
import { comparePeriods, periodOrdinal } from '../contract/period.js';
import { groupById, orderVersions, versionInForce, type ContractVersions } from '../contract/versions.js';
import { isNotContractFile } from '../data/data-owner.js';
import { loadMetricFile } from '../data/load-metrics.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { bindSources, evaluateBound, type BoundEvaluation, type EvaluateOptions } from './evaluate-contract.js';
import { appendAll } from '../diagnostics/append-all.js';

/** One contract file of a set: its text and its model. */
export interface VersionFile {
  readonly file: SourceFile;
  readonly contract: Contract;
}

/** Every contract id found under some paths, each with its ordered versions. */
export interface ContractSet {
  readonly byId: ReadonlyMap<string, ContractVersions<VersionFile>>;
  /** Unreadable or invalid files, and versions that do not fit together. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Read the contracts under `paths` (files, or directories walked for *.yaml/*.yml; data files skipped). */
export async function readContractSet(paths: readonly string[], sources: Map<string, SourceFile>): Promise<ContractSet> {
  const { files, diagnostics: found } = await expandPaths(paths, ['.yaml', '.yml']);
  const diagnostics: Diagnostic[] = [...found];
  const entries: VersionFile[] = [];
  for (const path of files) {
    const read = await readSource(path);
    appendAll(diagnostics, read.diagnostics);
    if (read.file === undefined || isNotContractFile(path, read.file.text)) continue;
    sources.set(path, read.file);
    const loaded = loadContract(read.file);
    appendAll(diagnostics, loaded.diagnostics);
    if (loaded.value !== undefined) entries.push({ file: read.file, contract: loaded.value });
  }
  return { byId: contractSetOf(entries, diagnostics), diagnostics };
}

/** Group loaded contracts into ordered versions per id; the versions' findings go to `diagnostics`. */
export function contractSetOf(entries: readonly VersionFile[], diagnostics: Diagnostic[]): Map<string, ContractVersions<VersionFile>> {
  const byId = new Map<string, ContractVersions<VersionFile>>();
  for (const [id, group] of groupById(entries)) {
    const ordered = orderVersions(group);
    appendAll(diagnostics, ordered.diagnostics);
    byId.set(id, ordered.value);
  }
  return byId;
}

/** Period keys of contract `id` in the data files (a file naming no contract counts too). */
export function dataPeriods(id: string, dataFiles: readonly SourceFile[]): string[] {
  const out = new Set<string>();
  for (const f of dataFiles) {
    const loaded = loadMetricFile(f).value;
    if (loaded === undefined) continue;
    for (const p of [...(loaded.contracts.get(id) ?? []), ...(loaded.contracts.get('') ?? [])]) out.add(p.period);
  }
  return [...out];
}

/** Ids the data files name (for choosing among several contracts in a directory). */
export function dataContractIds(dataFiles: readonly SourceFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of dataFiles) for (const id of loadMetricFile(f).value?.contracts.keys() ?? []) if (id !== '') out.add(id);
  return out;
}

/**
 * Evaluate one period of a contract from its versions: the version in force for the period
 * (default: the latest period of the data), counting `period.index` from the contract's start.
 * Only the period and the one before it are bound (what previous() and growth() read), so a
 * metric another version added or dropped, in periods this one does not evaluate, is not an error.
 */
export function evaluateVersions(set: ContractVersions<VersionFile>, dataFiles: readonly SourceFile[], options: EvaluateOptions = {}): BoundEvaluation {
  const kind = set.kind;
  const first = set.versions[0] as VersionFile;
  const period = options.period ?? dataPeriods(set.id, dataFiles).filter((p) => periodOrdinal(p, kind) !== undefined).sort((a, b) => comparePeriods(a, b, kind)).at(-1);
  if (period === undefined) return { diagnostics: [diag('E073', first.contract.id.span, { reason: `the data holds no period for contract "${set.id}"` })] };
  const at = periodOrdinal(period, kind);
  const chosen = versionInForceOrWhyNot(set, period);
  if ('diagnostics' in chosen) return chosen;
  const version = chosen.version;
  const keep = (p: string): boolean => {
    const o = periodOrdinal(p, kind);
    return o === undefined || at === undefined || o === at || o === at - 1;
  };
  const bound = bindSources(version.file, dataFiles, keep);
  if (bound.value === undefined) return { diagnostics: bound.diagnostics };
  const run = evaluateBound(bound.value, { period, start: set.start });
  return { ...run, bound: bound.value, diagnostics: [...bound.diagnostics, ...run.diagnostics] };
}

/**
 * The version of a contract in force for `period`, or why there is none (E066 before the start or
 * after the end, E073 for a period of the other kind).
 */
export function versionInForceOrWhyNot(set: ContractVersions<VersionFile>, period: string): { readonly version: VersionFile } | { readonly diagnostics: readonly Diagnostic[] } {
  const kind = set.kind;
  const first = set.versions[0] as VersionFile;
  const at = periodOrdinal(period, kind);
  // One version: its own checks say why a period is outside it (E066) or not of its kind (E073).
  const version = set.versions.length === 1 ? first : versionInForce(set, period);
  if (version !== undefined) return { version };
  const last = set.versions.at(-1) as VersionFile;
  const before = (at ?? 0) < (periodOrdinal(set.start, kind) ?? 0);
  const span = before ? first.contract.effective.from.span : (last.contract.effective.until?.span ?? last.contract.effective.from.span);
  const reason = before ? `period ${period} is before the contract starts (${set.start})` : `period ${period} is after the contract ends (${last.contract.effective.until?.value ?? ''})`;
  return { diagnostics: [diag(at === undefined ? 'E073' : 'E066', span, { reason })] };
}

/** Pick the contract id of a set to evaluate: the only one, or the only one the data names. */
export function chooseContract(set: ContractSet, dataFiles: readonly SourceFile[]): ContractVersions<VersionFile> | { readonly usage: string } {
  const ids = [...set.byId.keys()].sort();
  if (ids.length === 1) return set.byId.get(ids[0] as string) as ContractVersions<VersionFile>;
  if (ids.length === 0) return { usage: 'no contract found in the given contract paths' };
  const named = dataContractIds(dataFiles);
  const both = ids.filter((id) => named.has(id));
  if (both.length === 1) return set.byId.get(both[0] as string) as ContractVersions<VersionFile>;
  return { usage: `the contract paths hold ${ids.length} contract ids (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}) and the data does not single one out; name the contract's files, or a directory holding only its versions` };
}
