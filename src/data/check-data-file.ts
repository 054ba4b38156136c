// Metric data, whole file: a data file's text -> its findings against the contracts it names
// (every version of an id; each period against the version in force). `validate` and the editor share it.
import type { Contract } from '../contract/model.js';
import { nearestVersion } from '../contract/versions.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { bindData } from './bind.js';
import { contractIdByName } from './data-owner.js';
import { loadMetricFile } from './load-metrics.js';
import type { RawDataSet, RawPeriod } from './metric-data.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Contracts by id: every version of an id, earliest first (one for an unamended contract). */
export interface ContractsById {
  readonly has: (id: string) => boolean;
  readonly get: (id: string) => readonly Contract[] | undefined;
  /**
   * Every contract id of the run, when known (`validate`). With exactly one, a data file naming no
   * contract belongs to it, as `evaluate contract.yaml --data file` reads it; with several that
   * file is ambiguous (W068 says so).
   */
  readonly ids?: readonly string[];
}

/** Contract ids shown in the W068 hint of an ambiguous file; the rest are counted. */
const LISTED_IDS = 5;

/** W068 for a file naming no contract, not named after one, in a run of zero or several contracts. */
function unnamedHint(ids: readonly string[] | undefined): string | undefined {
  if (ids === undefined || ids.length < 2) return undefined;
  const shown = ids.slice(0, LISTED_IDS).map((id) => `"${id}"`).join(', ');
  const more = ids.length > LISTED_IDS ? ` and ${ids.length - LISTED_IDS} more` : '';
  return `the file names no contract and the run has ${ids.length} contracts (${shown}${more}), so which one it belongs to is ambiguous: add a contract column (CSV) or a contract: key, name the file or its directory after the contract id, or validate it next to its contract alone`;
}

/**
 * Every finding of a metric data file: reading it, then binding each contract's periods to the
 * version in force for each period (versions may differ in metrics). A contract id the file names
 * (or is named after, or the run's only contract when it names none) that is not among `contracts`
 * is W068. `loaded`: the file already read.
 */
export function checkDataFile(file: SourceFile, contracts: ContractsById, loaded: StageResult<RawDataSet> = loadMetricFile(file)): Diagnostic[] {
  const out: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.value === undefined) return out;
  for (const [named, periods] of loaded.value.contracts) {
    // A file naming no contract belongs to the contract its file or directory is named after, or
    // else to the run's only contract (SPEC 4: the CSV contract column is optional).
    const sole = contracts.ids?.length === 1 ? contracts.ids[0] : undefined;
    const id = named === '' ? (contractIdByName(file.path, contracts.has) ?? sole ?? '') : named;
    const versions = contracts.get(id);
    const at = periods[0]?.span ?? { file: file.path, start: 0, end: 0 };
    if (versions === undefined) {
      const hint = id === '' ? unnamedHint(contracts.ids) : undefined;
      out.push(diag('W068', at, { id: id === '' ? '(none named)' : id }, hint === undefined ? {} : { hint }));
      continue;
    }
    const byVersion = new Map<Contract, RawPeriod[]>();
    for (const p of periods) {
      const c = nearestVersion(versions, p.period);
      if (c !== undefined) byVersion.set(c, [...(byVersion.get(c) ?? []), p]);
    }
    for (const [contract, mine] of byVersion) appendAll(out, bindData(contract, mine, file.sha256).diagnostics);
  }
  return out;
}
