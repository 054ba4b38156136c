// Pipeline for `attain validate`: every contract and data file under the paths, every finding
// from every file in one run. Data files are checked against the contract they name.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Contract } from '../contract/model.js';
import { loadMetricFile } from '../data/load-metrics.js';
import { bindData } from '../data/bind.js';
import { checkContractFile } from './check-file.js';
import { contractIdByName, looksLikeDataFile } from './data-owner.js';
import { expandPaths, readSource } from './files.js';

export interface ValidationRun {
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, by path (for rendering diagnostics). */
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly contracts: number;
  readonly dataFiles: number;
}

const WALKED = ['.yaml', '.yml', '.json', '.csv'];

/**
 * Validate files and directories. Directories are walked recursively for contracts
 * (`*.yaml`/`*.yml`) and metric data (YAML, JSON, CSV that look like data); other JSON/CSV found
 * in a directory (expected invoices, exports) is skipped. A file named explicitly is always read.
 */
export async function validatePaths(paths: readonly string[]): Promise<ValidationRun> {
  const { files, diagnostics: found } = await expandPaths(paths, WALKED);
  const named = new Set(paths);
  const diagnostics: Diagnostic[] = [...found];
  const sources = new Map<string, SourceFile>();
  const contracts = new Map<string, Contract>();
  const dataFiles: SourceFile[] = [];
  let contractCount = 0;
  for (const path of files) {
    const read = await readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.file === undefined) continue;
    const yaml = /\.ya?ml$/i.test(path);
    if (!yaml || looksLikeDataFile(path, read.file.text)) {
      if (!yaml && !named.has(path) && !looksLikeDataFile(path, read.file.text)) continue;
      sources.set(path, read.file);
      dataFiles.push(read.file);
      continue;
    }
    sources.set(path, read.file);
    contractCount++;
    const checked = checkContractFile(read.file);
    diagnostics.push(...checked.diagnostics);
    const c = checked.contract;
    if (c === undefined) continue;
    const other = contracts.get(c.id.value);
    if (other !== undefined) {
      diagnostics.push(diag('E056', c.id.span, { id: c.id.value, other: other.file.path }));
    } else {
      contracts.set(c.id.value, c);
    }
  }
  for (const file of dataFiles) diagnostics.push(...validateDataFile(file, contracts));
  return { diagnostics, sources, contracts: contractCount, dataFiles: dataFiles.length };
}

function validateDataFile(file: SourceFile, contracts: ReadonlyMap<string, Contract>): Diagnostic[] {
  const loaded = loadMetricFile(file);
  const out: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.value === undefined) return out;
  for (const [named, periods] of loaded.value.contracts) {
    // A file naming no contract belongs to the contract its file or directory is named after.
    const id = named === '' ? (contractIdByName(file.path, (c) => contracts.has(c)) ?? '') : named;
    const contract = contracts.get(id);
    const at = periods[0]?.span ?? { file: file.path, start: 0, end: 0 };
    if (contract === undefined) {
      out.push(diag('W068', at, { id: id === '' ? '(none named)' : id }));
      continue;
    }
    out.push(...bindData(contract, periods, file.sha256).diagnostics);
  }
  return out;
}
