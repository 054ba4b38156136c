// Pipeline for `attain invoice`, inputs: a contracts directory and a data path -> one job per
// contract (its file and the data files that carry its periods), sorted by contract id.
import { basename, extname } from 'node:path';
import { stat } from 'node:fs/promises';
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { loadContract } from '../../contract/load-contract.js';
import type { PeriodKind } from '../../contract/model.js';
import { DATA_EXTENSIONS, loadMetricFile } from '../../data/load-metrics.js';
import { contractIdByName, looksLikeDataFile } from '../../data/data-owner.js';
import { expandPaths, readSource } from '../../workspace/files.js';

/** One contract of the monthly run. */
export interface ContractJob {
  /** The contract id, or the file name without extension when the contract cannot be loaded. */
  readonly id: string;
  readonly contractPath: string;
  /** Absent when the file could not be read (the error is in `diagnostics`). */
  readonly contractFile?: SourceFile;
  /** Client and currency, when the contract loaded (for the summary of a failed contract). */
  readonly client?: string;
  readonly currency?: string;
  /** The contract's `period:` (month or quarter), when the contract loaded. */
  readonly periodKind?: PeriodKind;
  /** Data files carrying this contract's periods, in path order. */
  readonly dataFiles: readonly SourceFile[];
  /** The `--data` path the files were looked for under (for the no-data message). */
  readonly dataPath: string;
  /** Errors found while gathering (unreadable file, id used twice): the contract fails. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface MonthlyInputs {
  /** Sorted by id (code-unit order), ids unique. */
  readonly jobs: readonly ContractJob[];
  /** Every file read, by path, for rendering diagnostics. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** Findings about data no contract can be given: errors fail the run, warnings are shown. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Why the run cannot start (exit 2). */
export interface InputsUsageError {
  readonly usage: string;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stem(path: string): string {
  return basename(path, extname(path));
}

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return undefined;
  }
}

interface Draft {
  id: string;
  readonly contractPath: string;
  readonly contractFile?: SourceFile;
  readonly client?: string;
  readonly currency?: string;
  readonly periodKind?: PeriodKind;
  readonly dataFiles: SourceFile[];
  readonly diagnostics: Diagnostic[];
  dataPath: string;
}

async function readContracts(dir: string, sources: Map<string, SourceFile>): Promise<Draft[]> {
  const { files } = await expandPaths([dir], ['.yaml', '.yml']);
  const drafts: Draft[] = [];
  for (const path of files) {
    const read = await readSource(path);
    if (read.file === undefined) {
      drafts.push({ id: stem(path), contractPath: path, dataFiles: [], diagnostics: [...read.diagnostics], dataPath: '' });
      continue;
    }
    if (looksLikeDataFile(path, read.file.text)) continue;
    sources.set(path, read.file);
    const loaded = loadContract(read.file).value;
    drafts.push({
      id: loaded?.id.value ?? stem(path),
      contractPath: path,
      contractFile: read.file,
      ...(loaded?.parties?.client === undefined ? {} : { client: loaded.parties.client.name }),
      ...(loaded?.currency === undefined ? {} : { currency: loaded.currency.value }),
      ...(loaded?.period === undefined ? {} : { periodKind: loaded.period.value }),
      dataFiles: [],
      diagnostics: [],
      dataPath: '',
    });
  }
  return drafts;
}

/** Two files with one contract id: both fail (E056), each pointing at the other. */
function markDuplicates(drafts: Draft[]): void {
  const byId = new Map<string, Draft[]>();
  for (const d of drafts) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    for (const d of group) {
      const other = group.find((g) => g !== d)?.contractPath ?? '';
      const span = d.contractFile === undefined ? { file: d.contractPath, start: 0, end: 0 } : (loadContract(d.contractFile).value?.id.span ?? { file: d.contractPath, start: 0, end: 0 });
      d.diagnostics.push(diag('E056', span, { id, other }));
    }
    // Keep ids unique for output directories: the later files get their path as a suffix.
    group.slice(1).forEach((d, i) => (d.id = `${id}~${i + 2}`));
  }
}

function ownerByName(path: string, byId: ReadonlyMap<string, Draft>): Draft | undefined {
  const id = contractIdByName(path, (candidate) => byId.has(candidate));
  return id === undefined ? undefined : byId.get(id);
}

async function assignData(dataPath: string, byId: ReadonlyMap<string, Draft>, sources: Map<string, SourceFile>, runDiagnostics: Diagnostic[]): Promise<void> {
  const { files } = await expandPaths([dataPath], DATA_EXTENSIONS);
  for (const path of files) {
    const read = await readSource(path);
    const owner = ownerByName(path, byId);
    if (read.file === undefined) {
      (owner?.diagnostics ?? runDiagnostics).push(...read.diagnostics);
      continue;
    }
    sources.set(path, read.file);
    const loaded = loadMetricFile(read.file);
    if (loaded.value === undefined) {
      // Unreadable as data: its owner (by name) fails with the file's errors when evaluated.
      if (owner !== undefined) owner.dataFiles.push(read.file);
      else runDiagnostics.push(...loaded.diagnostics);
      continue;
    }
    for (const [id, periods] of loaded.value.contracts) {
      const target = id === '' ? owner : byId.get(id);
      if (target !== undefined) {
        if (!target.dataFiles.includes(read.file)) target.dataFiles.push(read.file);
        continue;
      }
      const at = periods[0]?.span ?? { file: path, start: 0, end: 0 };
      if (id === '') {
        const reason = `${path} names no contract and its name matches no contract id: add \`contract:\` (or a contract column), or name the file after the contract`;
        runDiagnostics.push(diag('E068', at, { reason }));
      } else {
        runDiagnostics.push(diag('W068', at, { id }, { hint: 'the contract is not in the --contracts directory; its data is not invoiced' }));
      }
    }
  }
}

/**
 * Read every contract under `contractsDir` (recursively `*.yaml`, `*.yml`; data-looking YAML is
 * skipped) and every data file under `dataPath`, and give each contract the data files that carry
 * its periods. A missing directory or path is a usage error.
 */
export async function gatherMonthlyInputs(contractsDir: string, dataPath: string | undefined): Promise<MonthlyInputs | InputsUsageError> {
  if ((await isDirectory(contractsDir)) !== true) return { usage: `--contracts ${contractsDir}: no such directory` };
  if (dataPath !== undefined && (await isDirectory(dataPath)) === undefined) return { usage: `--data ${dataPath}: no such file or directory` };
  const sources = new Map<string, SourceFile>();
  const drafts = await readContracts(contractsDir, sources);
  if (drafts.length === 0) return { usage: `--contracts ${contractsDir}: no contract files (*.yaml, *.yml) found` };
  markDuplicates(drafts);
  for (const d of drafts) d.dataPath = dataPath ?? '';
  const byId = new Map(drafts.map((d) => [d.id, d] as const));
  const runDiagnostics: Diagnostic[] = [];
  // With --sources only, there is no data path: every value comes from the sources.
  if (dataPath !== undefined) await assignData(dataPath, byId, sources, runDiagnostics);
  const jobs = drafts.sort((a, b) => byCodeUnits(a.id, b.id));
  return { jobs, sources, diagnostics: runDiagnostics };
}
