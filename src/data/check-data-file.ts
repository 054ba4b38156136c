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
}

/**
 * Every finding of a metric data file: reading it, then binding each contract's periods to the
 * version in force for each period (versions may differ in metrics). A contract id the file names
 * (or is named after) that is not among `contracts` is W068. `loaded`: the file already read.
 */
export function checkDataFile(file: SourceFile, contracts: ContractsById, loaded: StageResult<RawDataSet> = loadMetricFile(file)): Diagnostic[] {
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
    const byVersion = new Map<Contract, RawPeriod[]>();
    for (const p of periods) {
      const c = nearestVersion(versions, p.period);
      if (c !== undefined) byVersion.set(c, [...(byVersion.get(c) ?? []), p]);
    }
    for (const [contract, mine] of byVersion) appendAll(out, bindData(contract, mine, file.sha256).diagnostics);
  }
  return out;
}
