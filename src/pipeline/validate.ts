// Pipeline for `attain validate`: every contract and data file under the paths, every finding
// from every file in one run. Data files are checked against the contract they name.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Contract } from '../contract/model.js';
import { loadMetricFile } from '../data/load-metrics.js';
import { bindData } from '../data/bind.js';
import { checkContractFile, looksLikeDataFile } from './check-file.js';
import { expandPaths, readSource } from './files.js';

export interface ValidationRun {
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, by path (for rendering diagnostics). */
  readonly sources: ReadonlyMap<string, SourceFile>;
  readonly contracts: number;
  readonly dataFiles: number;
}

const WALKED = ['.yaml', '.yml'];

/** Validate files and directories (recursively `*.yaml`/`*.yml`; named `.json`/`.csv` data files too). */
export async function validatePaths(paths: readonly string[]): Promise<ValidationRun> {
  const { files, diagnostics: found } = await expandPaths(paths, WALKED);
  const diagnostics: Diagnostic[] = [...found];
  const sources = new Map<string, SourceFile>();
  const contracts = new Map<string, Contract>();
  const dataFiles: SourceFile[] = [];
  let contractCount = 0;
  for (const path of files) {
    const read = await readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.file === undefined) continue;
    sources.set(path, read.file);
    if (!/\.ya?ml$/i.test(path) || looksLikeDataFile(read.file.text)) {
      dataFiles.push(read.file);
      continue;
    }
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
  for (const [id, periods] of loaded.value.contracts) {
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
