// Pipeline for `attain invoice`, inputs: a contracts directory and a data path -> one job per
// contract (its file and the data files that carry its periods), sorted by contract id.
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { RawPeriod } from '../../data/metric-data.js';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { stat } from 'node:fs/promises';
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic, StageResult } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { loadContract } from '../../contract/load-contract.js';
import type { Contract, PeriodKind } from '../../contract/model.js';
import { periodOrdinal, shiftPeriod } from '../../contract/period.js';
import { orderVersions, versionInForce } from '../../contract/versions.js';
import { DATA_EXTENSIONS } from '../../data/load-metrics.js';
import { loadDataFile, type LoadedDataFile } from '../evaluate-contract.js';
import { contractIdByName, isNotContractFile, looksLikeDataFile, skippedDataNote } from '../../data/data-owner.js';
import { expandPaths, readSource } from '../../workspace/files.js';
import { heldFile, openSpool, spooledFile, type Spool, type SpoolRef } from './spool.js';
import { byCodeUnits } from './manifest.js';
import { appendAll } from '../../diagnostics/append-all.js';

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
  /**
   * The contract as loaded (stages 1-3) and, per data file, its findings and this contract's
   * periods, as parsed while gathering (each file once per run, however many contracts it
   * carries), packed as soon as parsed and until the job is evaluated (see parsedOf): a loaded
   * contract and a year of its periods take about 12 KB of heap, packed about 2.5 KB, and a run
   * holds every job until it is evaluated.
   */
  readonly parsed?: { readonly contract: Uint8Array; readonly data: readonly Uint8Array[] };
  /** The `--data` path the files were looked for under (for the no-data message). */
  readonly dataPath: string;
  /** Errors found while gathering (unreadable file, id used twice): the contract fails. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * When the id has several versions: the contract's first period (`period.index` counts from
   * it), and the periods the version in force may read (its range and the period before).
   * `contractFile` is then the version in force for the run's period (or the nearest one).
   */
  readonly versions?: { readonly start: string; readonly from: string; readonly until?: string; readonly files: readonly string[] };
  /**
   * sha-256 over what this contract's result depends on: the text of every version file and the
   * contract's own periods (names and values as written, wherever they are). A shared CSV edited
   * for one contract changes only that contract's key, so only that contract is redone.
   */
  readonly inputsSha256: string;
  /**
   * With `--sources`: this contract's aggregated values (with their provenance), packed
   * (sourced-values.ts) and waiting in the spool until the job's turn; absent when the sources
   * gave the contract none.
   */
  readonly sourcedValues?: { readonly text: string };
}

export interface MonthlyInputs {
  /** Sorted by id (code-unit order), ids unique. */
  readonly jobs: readonly ContractJob[];
  /** Every file read, by path, for rendering diagnostics. */
  readonly sources: ReadonlyMap<string, SourceFile>;
  /** Findings about data no contract can be given: errors fail the run, warnings are shown. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Where the jobs' file texts and parse results wait (the files above read their text from it):
   * open until the caller closes it, after the last job is evaluated and its findings rendered.
   */
  readonly spool: Spool;
}

/** Why the run cannot start (exit 2). */
export interface InputsUsageError {
  readonly usage: string;
}

/**
 * The string as its own copy. A value parsed from a file can be a slice of the file's whole text,
 * which keeps that text alive as long as the value: a job kept until its turn keeps its client's
 * name, and must not keep the contract's text with it.
 */
function ownCopy(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
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
  contractPath: string;
  contractFile?: SourceFile;
  /** The contract's load result, packed, in the spool. */
  packed?: SpoolRef;
  /** The id the contract declares (the draft's id may get a suffix when it is used twice). */
  declaredId?: string;
  versions?: NonNullable<ContractJob['versions']>;
  /**
   * Canonical text of this contract's data (periods, or whole files that are not readable data),
   * one line each, a record per data file in the spool: about 1 KB per contract for a year of
   * periods, which every contract held until the last data file was read.
   */
  readonly dataParts: SpoolRef[];
  inputsSha256: string;
  readonly client?: string;
  readonly currency?: string;
  readonly periodKind?: PeriodKind;
  readonly dataFiles: SourceFile[];
  /** Per data file (in `dataFiles` order): its findings and this contract's periods, packed, in the spool. */
  readonly dataPacks: SpoolRef[];
  readonly diagnostics: Diagnostic[];
  dataPath: string;
}

async function readContracts(dir: string, sources: Map<string, SourceFile>, spool: Spool): Promise<Draft[]> {
  const { files } = await expandPaths([dir], ['.yaml', '.yml']);
  const drafts: Draft[] = [];
  for (const path of files) {
    const read = await readSource(path);
    if (read.file === undefined) {
      drafts.push({ id: stem(path), contractPath: path, dataFiles: [], dataPacks: [], diagnostics: [...read.diagnostics], dataPath: '', dataParts: [], inputsSha256: '' });
      continue;
    }
    if (isNotContractFile(path, read.file.text)) continue;
    // From here on the text waits in the spool; only the load result's few fields stay in the heap.
    const file = spooledFile(spool, read.file);
    sources.set(path, file);
    // Loaded once here (the id, versions and plan need the model); evaluation checks this result.
    const result = loadContract(read.file);
    const loaded = result.value;
    drafts.push({
      id: loaded?.id.value ?? stem(path),
      contractPath: path,
      contractFile: file,
      packed: spool.put(pack(result)),
      ...(loaded === undefined ? {} : { declaredId: loaded.id.value }),
      ...(loaded?.parties?.client === undefined ? {} : { client: ownCopy(loaded.parties.client.name) }),
      ...(loaded?.currency === undefined ? {} : { currency: ownCopy(loaded.currency.value) }),
      ...(loaded?.period === undefined ? {} : { periodKind: loaded.period.value }),
      dataFiles: [],
      dataPacks: [],
      diagnostics: [],
      dataPath: '',
      dataParts: [],
      inputsSha256: '',
    });
  }
  return drafts;
}

/**
 * Files with one contract id are versions of one contract: when their ranges fit together they
 * become one job, evaluated with the version in force for `period`. Otherwise (same version twice:
 * E056; overlap, gap, mismatch: E037-E039; a version that does not load) every file fails with
 * the findings, each pointing at the other file.
 */
function mergeVersions(drafts: Draft[], period: string, spool: Spool): Draft[] {
  const byId = new Map<string, Draft[]>();
  for (const d of drafts) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  const out: Draft[] = [];
  for (const [id, group] of byId) {
    const first = group[0] as Draft;
    if (group.length < 2) {
      out.push(first);
      continue;
    }
    const models = group.flatMap((d) => {
      const model = modelOf(d, spool);
      return model === undefined || d.contractFile === undefined ? [] : [{ contract: model, draft: d }];
    });
    const ordered = models.length === group.length ? orderVersions(models) : undefined;
    if (ordered !== undefined && ordered.diagnostics.length === 0) {
      const set = ordered.value;
      const kind = set.kind;
      const before = (periodOrdinal(period, kind) ?? 0) < (periodOrdinal(set.start, kind) ?? 0);
      const chosen = versionInForce(set, period) ?? (before ? set.versions[0] : set.versions.at(-1));
      const draft = (chosen as (typeof set.versions)[number]).draft;
      const eff = (chosen as (typeof set.versions)[number]).contract.effective;
      draft.versions = {
        start: set.start,
        from: shiftPeriod(eff.from.value, kind, -1) ?? eff.from.value,
        ...(eff.until === undefined ? {} : { until: eff.until.value }),
        files: set.versions.map((v) => v.draft.contractPath),
      };
      out.push(draft);
      continue;
    }
    for (const d of group) {
      const other = group.find((g) => g !== d)?.contractPath ?? '';
      const span = models.find((m) => m.draft === d)?.contract.id.span ?? { file: d.contractPath, start: 0, end: 0 };
      const mine = ordered?.diagnostics.filter((x) => x.span.file === d.contractPath) ?? [];
      appendAll(d.diagnostics, mine.length > 0 ? mine : [diag('E056', span, { id, other })]);
      out.push(d);
    }
    // Keep ids unique for output directories: the later files get their path as a suffix.
    group.slice(1).forEach((d, i) => (d.id = `${id}~${i + 2}`));
  }
  return out;
}

function ownerByName(path: string, byId: ReadonlyMap<string, Draft>): Draft | undefined {
  const id = contractIdByName(path, (candidate) => byId.has(candidate));
  return id === undefined ? undefined : byId.get(id);
}

async function assignData(dataPath: string, byId: ReadonlyMap<string, Draft>, sources: Map<string, SourceFile>, runDiagnostics: Diagnostic[], spool: Spool): Promise<void> {
  const { files } = await expandPaths([dataPath], DATA_EXTENSIONS);
  const skipped: string[] = [];
  for (const path of files) {
    const read = await readSource(path);
    const owner = ownerByName(path, byId);
    if (read.file === undefined) {
      appendAll(owner?.diagnostics ?? runDiagnostics, read.diagnostics);
      continue;
    }
    // As in evaluate: in a directory, what is not metric data (a contract, an expected invoice) is skipped.
    if (path !== dataPath && !looksLikeDataFile(path, read.file.text)) {
      skipped.push(path);
      continue;
    }
    // Hashed now, while its bytes are at hand (the reader keeps them only until then); the text waits in the spool.
    const file = spooledFile(spool, read.file);
    sources.set(path, file);
    const loaded = loadDataFile(read.file);
    if (loaded.value === undefined) {
      // Unreadable as data: its owner (by name) fails with the file's errors when evaluated.
      if (owner !== undefined) {
        owner.dataFiles.push(file);
        owner.dataPacks.push(spool.put(pack({ diagnostics: loaded.diagnostics })));
        owner.dataParts.push(spool.putText(`file ${file.sha256}`));
      } else appendAll(runDiagnostics, loaded.diagnostics);
      continue;
    }
    for (const [id, periods] of loaded.value.contracts) {
      const target = id === '' ? owner : byId.get(id);
      if (target !== undefined) {
        if (!target.dataFiles.includes(file)) {
          target.dataFiles.push(file);
          target.dataPacks.push(spool.put(pack({ diagnostics: loaded.diagnostics, contracts: ownPeriods(loaded.value.contracts, target.declaredId ?? target.id) })));
        }
        if (periods.length > 0) target.dataParts.push(spool.putText(periods.map(canonicalPeriod).join('\n')));
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
  const note = skippedDataNote(dataPath, skipped);
  if (note !== undefined) runDiagnostics.push(note);
}

/** A period as text independent of its file and layout: key, then `name=source` sorted by name. */
function canonicalPeriod(p: RawPeriod): string {
  const values = [...p.record.entries()].map(([name, v]) => `${name}=${v.source}`).sort();
  return JSON.stringify([p.period, ...values]);
}

function inputsKey(d: Draft, sources: ReadonlyMap<string, SourceFile>, spool: Spool): string {
  const h = createHash('sha256');
  const files = d.versions?.files ?? [d.contractPath];
  for (const f of files) h.update(`contract ${sources.get(f)?.sha256 ?? 'unreadable'}\n`);
  // A part's line has no line break of its own (JSON text, or `file <sha-256>`).
  for (const part of d.dataParts.flatMap((ref) => spool.getText(ref).split('\n')).sort()) h.update(`${part}\n`);
  return h.digest('hex');
}

/** What a data pack holds: the file's findings and, when it reads as data, this contract's periods. */
interface DataPack {
  readonly diagnostics: readonly Diagnostic[];
  readonly contracts?: ReadonlyMap<string, readonly RawPeriod[]>;
}

/**
 * Plain data (maps, strings, numbers) serialized and deflated at the fastest level; copied out of
 * zlib's output chunk, which is several times larger than the result.
 */
function pack(value: StageResult<Contract> | DataPack): Uint8Array {
  return new Uint8Array(deflateRawSync(serialize(value), { level: 1 }));
}

function unpack<T>(bytes: Uint8Array): T {
  return deserialize(inflateRawSync(bytes)) as T;
}

function modelOf(d: Draft, spool: Spool): Contract | undefined {
  return d.packed === undefined ? undefined : unpack<StageResult<Contract>>(spool.get(d.packed)).value;
}

/**
 * The job of a draft. Of a data file, the job keeps only the periods it can bind (its contract
 * id's and those naming no contract): a file shared by many contracts is not repeated in each.
 */
function toJob(d: Draft, spool: Spool): ContractJob {
  const { packed, declaredId, dataParts, dataPacks, ...job } = d;
  void declaredId;
  void dataParts;
  return shapedJob(packed === undefined ? job : { ...job, parsed: new SpooledParse(spool, packed, dataPacks) });
}

/**
 * The same job as an object literal with its fields in one fixed order. A run holds every job
 * until its turn; a job made by spreading another object (`{ ...job, parsed }`) got a hidden class
 * of its own in V8 (a map and a descriptor array, about 0.4 KB per job), this one shares it.
 */
export function shapedJob(j: ContractJob): ContractJob {
  return {
    id: j.id,
    contractPath: j.contractPath,
    ...(j.contractFile === undefined ? {} : { contractFile: j.contractFile }),
    ...(j.client === undefined ? {} : { client: j.client }),
    ...(j.currency === undefined ? {} : { currency: j.currency }),
    ...(j.periodKind === undefined ? {} : { periodKind: j.periodKind }),
    dataFiles: j.dataFiles,
    ...(j.parsed === undefined ? {} : { parsed: j.parsed }),
    dataPath: j.dataPath,
    diagnostics: j.diagnostics,
    ...(j.versions === undefined ? {} : { versions: j.versions }),
    inputsSha256: j.inputsSha256,
    ...(j.sourcedValues === undefined ? {} : { sourcedValues: j.sourcedValues }),
  };
}

/** A job's packed parse results, read from the spool when asked (prototype getters: see heldJob). */
class SpooledParse {
  readonly #spool: Spool;
  readonly #contract: SpoolRef;
  readonly #data: readonly SpoolRef[];
  constructor(spool: Spool, contract: SpoolRef, data: readonly SpoolRef[]) {
    this.#spool = spool;
    this.#contract = contract;
    this.#data = data;
  }
  get contract(): Uint8Array {
    return this.#spool.get(this.#contract);
  }
  get data(): readonly Uint8Array[] {
    return this.#data.map((r) => this.#spool.get(r));
  }
}

/**
 * The job with its file texts and packed parse results in the heap, as plain data: what is
 * evaluated, and what is posted to a worker (a structured clone sees own properties only).
 */
export function heldJob(job: ContractJob): ContractJob {
  const { contractFile, dataFiles, parsed, sourcedValues, ...rest } = job;
  return {
    ...rest,
    ...(sourcedValues === undefined ? {} : { sourcedValues: { text: sourcedValues.text } }),
    ...(contractFile === undefined ? {} : { contractFile: heldFile(contractFile) }),
    dataFiles: dataFiles.map(heldFile),
    ...(parsed === undefined ? {} : { parsed: { contract: parsed.contract, data: parsed.data } }),
  };
}

function ownPeriods(all: ReadonlyMap<string, readonly RawPeriod[]>, id: string): ReadonlyMap<string, readonly RawPeriod[]> {
  const contracts = new Map<string, readonly RawPeriod[]>();
  for (const key of [id, '']) {
    const periods = all.get(key);
    if (periods !== undefined) contracts.set(key, periods);
  }
  return contracts;
}

/**
 * A job's contract as loaded and its data files as loaded (in `dataFiles` order), unpacked: plain
 * data rebuilt from the packed form (no file is read or parsed again). Absent parts: the job was
 * made without them (its contract could not be read), and the caller loads from the files.
 */
export function parsedOf(job: ContractJob): { readonly loaded?: StageResult<Contract>; readonly dataSets?: readonly LoadedDataFile[] } {
  if (job.parsed === undefined) return {};
  const loaded = unpack<StageResult<Contract>>(job.parsed.contract);
  const data = job.parsed.data;
  if (data.length !== job.dataFiles.length) return { loaded };
  const dataSets = job.dataFiles.map((file, i): LoadedDataFile => {
    const set = unpack<DataPack>(data[i] as Uint8Array);
    return { file, diagnostics: set.diagnostics, ...(set.contracts === undefined ? {} : { value: { file, contracts: set.contracts } }) };
  });
  return { loaded, dataSets };
}

/** Why the run cannot start because an input path is missing, or undefined (nothing is read). */
export async function missingInput(contractsDir: string, dataPath: string | undefined): Promise<string | undefined> {
  if ((await isDirectory(contractsDir)) !== true) return `--contracts ${contractsDir}: no such directory`;
  if (dataPath !== undefined && (await isDirectory(dataPath)) === undefined) return `--data ${dataPath}: no such file or directory`;
  return undefined;
}

/**
 * Read every contract under `contractsDir` (recursively `*.yaml`, `*.yml`; data-looking YAML is
 * skipped) and every data file under `dataPath`, and give each contract the data files that carry
 * its periods. A missing directory or path is a usage error.
 */
export async function gatherMonthlyInputs(contractsDir: string, dataPath: string | undefined, period: string): Promise<MonthlyInputs | InputsUsageError> {
  if ((await isDirectory(contractsDir)) !== true) return { usage: `--contracts ${contractsDir}: no such directory` };
  if (dataPath !== undefined && (await isDirectory(dataPath)) === undefined) return { usage: `--data ${dataPath}: no such file or directory` };
  const sources = new Map<string, SourceFile>();
  const spool = openSpool();
  try {
    return await gatherInto(spool, sources, contractsDir, dataPath, period);
  } catch (e) {
    spool.close();
    throw e;
  }
}

async function gatherInto(spool: Spool, sources: Map<string, SourceFile>, contractsDir: string, dataPath: string | undefined, period: string): Promise<MonthlyInputs | InputsUsageError> {
  const read = await readContracts(contractsDir, sources, spool);
  if (read.length === 0) {
    spool.close();
    return { usage: `--contracts ${contractsDir}: no contract files (*.yaml, *.yml) found` };
  }
  const drafts = mergeVersions(read, period, spool);
  for (const d of drafts) d.dataPath = dataPath ?? '';
  const byId = new Map(drafts.map((d) => [d.id, d] as const));
  const runDiagnostics: Diagnostic[] = [];
  // With --sources only, there is no data path: every value comes from the sources.
  if (dataPath !== undefined) await assignData(dataPath, byId, sources, runDiagnostics, spool);
  // Jobs carry their parsed inputs packed: plain data that crosses to worker threads.
  for (const d of drafts) d.inputsSha256 = inputsKey(d, sources, spool);
  const jobs: ContractJob[] = drafts.sort((a, b) => byCodeUnits(a.id, b.id)).map((d) => toJob(d, spool));
  return { jobs, sources, diagnostics: runDiagnostics, spool };
}
