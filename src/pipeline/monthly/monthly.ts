// Pipeline for `attain invoice`, the whole monthly run: gather inputs -> check the output
// directory against the manifest -> evaluate every contract (isolated) -> write, sorted by id.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { RunSummary } from '../../report/summary.js';
import { evaluateJobs } from './monthly-pool.js';
import { gatherMonthlyInputs } from './monthly-inputs.js';
import { ATOMIC_WRITER, checkOutputDir, writeMonthlyOutput, type Manifest, type OutputWriter } from './monthly-output.js';
import { checkContractFile } from '../../check/check-file.js';
import { digestOf } from '../evaluate-contract.js';
import { addLocatedFiles } from '../evaluate-sourced.js';
import type { ContractJob } from './monthly-inputs.js';
import { digestsOf, evaluateContractJob, locateDiagnostic, runPeriodKind, type ContractOutcome, type DocumentRenderOptions, type InputDigests, type SourcedRun } from './monthly-run.js';
import { aggregateSources, readSourcesFile } from '../sources.js';
import { closeEngines } from '../../sources/engines/lazy.js';

export interface MonthlyRunOptions {
  readonly contracts: string;
  /** Metric data; with `sources`, optional (its values win over the sources'). */
  readonly data?: string;
  /** A sources.yaml: every source is read once for the whole run. */
  readonly sources?: string;
  readonly period: string;
  readonly out: string;
  readonly force?: boolean;
  /** Contracts evaluated at once in worker threads; 1 (the default) evaluates in this thread. */
  readonly jobs?: number;
  readonly writer?: OutputWriter;
  /** `--locale` and `--csv-dialect` for the documents written. */
  readonly render?: DocumentRenderOptions;
  /** Called once the contracts are known, then after each contract is evaluated. */
  readonly onStart?: (total: number) => void;
  readonly onContract?: (done: number, total: number, outcome: ContractOutcome) => void;
}

export type MonthlyRunResult =
  | { readonly kind: 'usage'; readonly message: string }
  | {
      readonly kind: 'done';
      /** Sorted by contract id. */
      readonly outcomes: readonly ContractOutcome[];
      readonly summary: RunSummary;
      /** Problems with data that no contract could be given (errors fail the run). */
      readonly runDiagnostics: readonly Diagnostic[];
      readonly sources: ReadonlyMap<string, SourceFile>;
    };

/**
 * Run the monthly invoicing. Bad contracts and data never stop the run: they give failed
 * outcomes. Usage problems (missing directories, a different manifest without `force`) stop it
 * before anything is written. I/O errors while writing are thrown (after cleaning up).
 */
export async function runMonthlyInvoices(opts: MonthlyRunOptions): Promise<MonthlyRunResult> {
  if (opts.data === undefined && opts.sources === undefined) return { kind: 'usage', message: 'give --data <path> or --sources <file> (or both)' };
  const inputs = await gatherMonthlyInputs(opts.contracts, opts.data);
  if ('usage' in inputs) return { kind: 'usage', message: inputs.usage };
  const sourced = opts.sources === undefined ? undefined : await aggregateForRun(opts.sources, inputs.jobs, opts.period);
  if (sourced !== undefined && 'usage' in sourced) return { kind: 'usage', message: sourced.usage };
  const runDiagnostics = [...inputs.diagnostics, ...(sourced?.diagnostics ?? [])];
  const files = new Map(inputs.sources);
  for (const [p, f] of sourced?.files ?? []) files.set(p, f);
  // With sources, a contract's data digest covers the sources file and the inputs it read.
  const digests = (j: ContractJob): InputDigests => {
    const d = digestsOf(j);
    const r = sourced?.run;
    if (r === undefined) return d;
    return { ...d, data_sha256: digestOf([r.sources.file, ...j.dataFiles, ...r.result.inputs.filter((i) => i.sha256 !== undefined).map((i) => ({ sha256: i.sha256 ?? '' }) as SourceFile)]) };
  };
  const manifest: Manifest = {
    period: opts.period,
    contracts: inputs.jobs.map((j) => ({ contract: j.id, ...digests(j) })),
    ...(sourced?.run === undefined ? {} : { sources: manifestSources(sourced.run) }),
  };
  const check = await checkOutputDir(opts.out, manifest, opts.force === true);
  if (check.kind === 'refuse') return { kind: 'usage', message: check.message };

  opts.onStart?.(inputs.jobs.length);
  // Sourced values are exact rationals shared by every contract: evaluated in this thread.
  const outcomes = sourced?.run === undefined ? await evaluateJobs(inputs.jobs, opts.period, opts.jobs ?? 1, opts.onContract, opts.render ?? {}) : evaluateSourced(inputs.jobs, opts.period, sourced.run, opts.onContract, opts.render ?? {});
  const lookup = (p: string): SourceFile | undefined => files.get(p);
  const summary: RunSummary = {
    period: opts.period,
    rows: outcomes.map((o) => o.row),
    runErrors: runDiagnostics.filter((d) => d.severity === 'error').map((d) => locateDiagnostic(d, lookup)),
  };
  await writeMonthlyOutput(opts.out, { manifest, check, outcomes, summary }, opts.writer ?? ATOMIC_WRITER);
  return { kind: 'done', outcomes, summary, runDiagnostics, sources: files };
}

function evaluateSourced(jobs: readonly ContractJob[], period: string, run: SourcedRun, onContract: MonthlyRunOptions['onContract'], render: DocumentRenderOptions): ContractOutcome[] {
  return jobs.map((job, i) => {
    const outcome = evaluateContractJob(job, period, render, run);
    onContract?.(i + 1, jobs.length, outcome);
    return outcome;
  });
}

/** The manifest's record of the sources: the file, every input's digest, every query. */
function manifestSources(run: SourcedRun): NonNullable<Manifest['sources']> {
  return {
    file: run.sources.file.path,
    sha256: run.sources.file.sha256,
    inputs: run.result.inputs.map((i) => ({ source: i.source, path: i.path, sha256: i.sha256 ?? null, rows: i.rows })),
    queries: run.result.queries,
  };
}

/**
 * Read the sources file and aggregate it once for every contract of the run that loads and is
 * of the run's period kind. Findings about the sources file itself are run diagnostics; a
 * contract's own source failures stay with it (it fails alone).
 */
async function aggregateForRun(path: string, jobs: readonly ContractJob[], period: string): Promise<{ run?: SourcedRun; diagnostics: readonly Diagnostic[]; files: ReadonlyMap<string, SourceFile> } | { usage: string }> {
  const read = await readSourcesFile(path);
  if (read.file === undefined) return { usage: `--sources ${path}: ${read.diagnostics[0]?.message ?? 'cannot be read'}` };
  const files = new Map<string, SourceFile>([[path, read.file]]);
  if (read.value === undefined) return { diagnostics: read.diagnostics, files };
  const contracts = jobs.flatMap((j) => {
    if (j.contractFile === undefined || j.periodKind !== runPeriodKind(period)) return [];
    const c = checkContractFile(j.contractFile).checked?.contract;
    return c === undefined ? [] : [c];
  });
  let result;
  try {
    result = await aggregateSources(read.value, contracts, period);
  } finally {
    await closeEngines();
  }
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  const located = [...diagnostics, ...[...result.failed.values()].flat(), ...[...result.warnings.values()].flat()];
  await addLocatedFiles(located, files);
  return { run: { sources: read.value, result }, diagnostics, files };
}
