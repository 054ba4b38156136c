// Pipeline for `attain invoice`, the whole monthly run: lock the output directory -> recover an
// interrupted run -> gather inputs -> plan (keep / write / correct) -> evaluate what must be ->
// commit each contract atomically (journal + manifest) -> finalize -> summary.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { computeCorrection, invoiceAmounts, invoiceNumber } from '../../invoice/correction.js';
import { renderCorrectionJson, renderCorrectionMarkdown } from '../../report/correction.js';
import type { RunSummary, SummaryRow } from '../../report/summary.js';
import { takeLock } from '../../workspace/lock.js';
import { addCorrection, digestFiles, replaceContract, type OutputWriter } from './contract-state.js';
import { withEntry, withoutEntry, type Manifest, type ManifestEntry, type ManifestSources } from './manifest.js';
import { evaluateJobs } from './monthly-pool.js';
import { gatherMonthlyInputs, missingInput } from './monthly-inputs.js';
import { ATOMIC_WRITER, STAGE_WRITER, checkpoint, ensureOutDir, openOutput, overlapProblem, writeSummary } from './monthly-output.js';
import { evaluateContractJob, locateDiagnostic, runPeriodKind, type ContractOutcome, type DocumentRenderOptions, type SourcedRun } from './monthly-run.js';
import type { ContractJob } from './monthly-inputs.js';
import { createHash } from 'node:crypto';
import { checkContractFile } from '../../check/check-file.js';
import { addLocatedFiles } from '../evaluate-sourced.js';
import { aggregateSources, readSourcesFile } from '../sources.js';
import { closeEngines } from '../../sources/engines/lazy.js';
import { planRun, type Step } from './plan.js';

export interface MonthlyRunOptions {
  readonly contracts: string;
  /** Metric data (file or directory); with `sources`, its values win over the sources'. */
  readonly data?: string;
  /** A sources.yaml aggregated once for every contract of the run (SPEC 9). */
  readonly sources?: string;
  /** `--locale` and `--csv-dialect` for the documents written. */
  readonly render?: DocumentRenderOptions;
  readonly period: string;
  readonly out: string;
  /** Replace invoices (not issued) computed from other inputs. Never touches issued invoices. */
  readonly force?: boolean;
  /** Mark the period issued once written: later changes give corrections, never new invoices. */
  readonly finalize?: boolean;
  /** Contracts evaluated at once in worker threads; 1 (the default) evaluates in this thread. */
  readonly jobs?: number;
  readonly writer?: OutputWriter;
  /** Called once the contracts to evaluate are known, then after each contract is evaluated. */
  readonly onStart?: (total: number) => void;
  readonly onContract?: (done: number, total: number, outcome: ContractOutcome) => void;
}

export type MonthlyRunResult =
  | { readonly kind: 'usage'; readonly message: string }
  | {
      readonly kind: 'done';
      /** The contracts evaluated by this run, sorted by contract id. */
      readonly outcomes: readonly ContractOutcome[];
      readonly summary: RunSummary;
      /** Problems with data that no contract could be given (errors fail the run). */
      readonly runDiagnostics: readonly Diagnostic[];
      readonly sources: ReadonlyMap<string, SourceFile>;
      /** Contracts left as they were (inputs unchanged). */
      readonly kept: number;
      /** Corrections written by this run (paths under `out`). */
      readonly corrections: readonly string[];
    };

/** Contracts committed between two manifest checkpoints (the journal covers the rest). */
const CHECKPOINT_EVERY = 64;

function correctionPaths(e: ManifestEntry): string[] {
  return e.corrections.flatMap((c) => Object.keys(c.files).filter((n) => n.endsWith('.json')).map((n) => `${e.contract}/corrections/${n}`));
}

function shownRow(row: SummaryRow, e: ManifestEntry | undefined, finalized: boolean): SummaryRow {
  if (!finalized) return row;
  const corrections = e === undefined ? [] : correctionPaths(e);
  return { ...row, issued: e?.issued === true, ...(corrections.length === 0 ? {} : { corrections }) };
}

/**
 * Run the monthly invoicing. Bad contracts and data never stop the run: they give failed
 * outcomes. Usage problems (a locked, unsafe or foreign output directory, changed invoices without
 * `force`) stop it before anything is written. I/O errors while writing are thrown (the contract
 * being written stays as it was; the lock is released).
 */
export async function runMonthlyInvoices(opts: MonthlyRunOptions): Promise<MonthlyRunResult> {
  if (opts.data === undefined && opts.sources === undefined) return { kind: 'usage', message: 'give --data <path> or --sources <file> (or both)' };
  const overlap = await overlapProblem(opts.out, [
    { flag: '--contracts', path: opts.contracts },
    ...(opts.data === undefined ? [] : [{ flag: '--data', path: opts.data }]),
    ...(opts.sources === undefined ? [] : [{ flag: '--sources', path: opts.sources }]),
  ]);
  if (overlap !== undefined) return { kind: 'usage', message: overlap };
  const missing = await missingInput(opts.contracts, opts.data);
  if (missing !== undefined) return { kind: 'usage', message: missing };
  const bad = await ensureOutDir(opts.out);
  if (bad !== undefined) return { kind: 'usage', message: bad };
  const lock = await takeLock(opts.out);
  if (lock.kind === 'held') {
    const who = lock.pid === undefined ? 'another run' : `another attain run (pid ${lock.pid})`;
    return { kind: 'usage', message: `--out ${opts.out} is in use by ${who}; nothing was written (the lock ${lock.path} is removed when that run ends, or taken over once its process is gone)` };
  }
  try {
    return await runLocked(opts, opts.writer ?? ATOMIC_WRITER, opts.writer ?? STAGE_WRITER);
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: MonthlyRunOptions, writer: OutputWriter, stageWriter: OutputWriter): Promise<MonthlyRunResult> {
  const { out, period } = opts;
  const force = opts.force === true;
  const state = await openOutput(out, writer);
  if (state.kind === 'refuse') return { kind: 'usage', message: state.message };
  if (state.foreign && !force) return { kind: 'usage', message: `--out ${out} holds invoices from different inputs (it holds files but no readable manifest.json); use another directory, or --force to replace them` };
  const gathered = await gatherMonthlyInputs(opts.contracts, opts.data, period);
  if ('usage' in gathered) return { kind: 'usage', message: gathered.usage };
  const sourced = opts.sources === undefined ? undefined : await aggregateForRun(opts.sources, gathered.jobs, period);
  if (sourced !== undefined && 'usage' in sourced) return { kind: 'usage', message: sourced.usage };
  const run = sourced?.run;
  const files = new Map(gathered.sources);
  for (const [p, f] of sourced?.files ?? []) files.set(p, f);
  // With sources, a contract's inputs also cover the sources file and every input it read, so
  // restated exports redo (or correct) the contracts, as restated data files do.
  const jobs = run === undefined ? gathered.jobs : gathered.jobs.map((j) => ({ ...j, inputsSha256: withSources(j.inputsSha256, run) }));
  const inputs = { ...gathered, jobs, sources: files, diagnostics: [...gathered.diagnostics, ...(sourced?.diagnostics ?? [])] };
  const plan = planRun(state.manifest, inputs.jobs, period, force, out);
  if (plan.kind === 'refuse') return { kind: 'usage', message: plan.message };

  const toEvaluate = plan.steps.filter((s): s is Exclude<Step, { kind: 'keep' }> => s.kind !== 'keep');
  opts.onStart?.(toEvaluate.length);
  const render = opts.render ?? {};
  // Sourced values are exact rationals shared by every contract: evaluated in this thread.
  const evaluated =
    run === undefined
      ? await evaluateJobs(toEvaluate.map((s) => s.job), period, opts.jobs ?? 1, opts.onContract, render)
      : evaluateSourced(toEvaluate.map((s) => s.job), period, run, opts.onContract, render);
  const outcomeOf = new Map(evaluated.map((o) => [o.id, o] as const));

  const samePeriod = state.manifest?.period === period;
  let manifest: Manifest = samePeriod && state.manifest !== undefined ? state.manifest : { period, finalized: false, contracts: [] };
  if (run !== undefined) manifest = { ...manifest, sources: manifestSources(run) };
  let pending = 0;
  const step = async (): Promise<void> => {
    if (++pending >= CHECKPOINT_EVERY) {
      await checkpoint(out, manifest, writer);
      pending = 0;
    }
  };
  for (const e of plan.remove) {
    await replaceContract(out, e.contract, [], undefined, writer);
    manifest = withoutEntry(manifest, e.contract);
    await step();
  }
  const rows: SummaryRow[] = [];
  const written: string[] = [];
  const finalized = opts.finalize === true || manifest.finalized;
  for (const s of plan.steps) {
    if (s.kind === 'keep') continue;
    const o = outcomeOf.get(s.job.id) as ContractOutcome;
    if (s.kind === 'write') {
      const entry: ManifestEntry = { contract: o.id, ...o.inputs, status: o.row.status, issued: false, files: digestFiles(o.files), row: o.row, corrections: [] };
      await replaceContract(out, o.id, o.files, entry, stageWriter);
      manifest = withEntry(manifest, entry);
      await step();
      continue;
    }
    const name = await correctIssued(out, s.previous, o, s.job.inputsSha256, stageWriter);
    if (name === undefined) continue;
    manifest = withEntry(manifest, name.entry);
    written.push(`${o.id}/corrections/${name.file}`);
    await step();
  }
  if (opts.finalize === true) manifest = { ...manifest, finalized: true, contracts: manifest.contracts.map((c) => (c.status === 'ok' ? { ...c, issued: true } : c)) };
  await checkpoint(out, manifest, writer);

  const entries = new Map(manifest.contracts.map((c) => [c.contract, c] as const));
  for (const s of plan.steps) {
    const id = s.kind === 'keep' ? s.entry.contract : s.job.id;
    const e = entries.get(id);
    const o = outcomeOf.get(id);
    // An issued contract shows its issued invoice (and corrections) unless this run failed it.
    let row: SummaryRow;
    if (s.kind === 'keep') row = s.entry.row;
    else if (s.kind === 'correct' && o?.row.status === 'ok') row = s.previous.row;
    else row = (o as ContractOutcome).row;
    rows.push(shownRow(row, e, finalized));
  }
  for (const e of plan.keepIssued) rows.push(shownRow(e.row, e, finalized));
  rows.sort((a, b) => (a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : 0));
  const lookup = (p: string): SourceFile | undefined => inputs.sources.get(p);
  const summary: RunSummary = {
    period,
    rows,
    runErrors: inputs.diagnostics.filter((d) => d.severity === 'error').map((d) => locateDiagnostic(d, lookup)),
    ...(manifest.finalized ? { finalized: true, newCorrections: written } : {}),
  };
  await writeSummary(out, summary, writer);
  return { kind: 'done', outcomes: evaluated, summary, runDiagnostics: inputs.diagnostics, sources: inputs.sources, kept: plan.steps.length - toEvaluate.length, corrections: written };
}

/**
 * An issued contract evaluated again with changed inputs: compare with what was last issued (the
 * invoice, or its latest correction) and write the next correction when any amount differs.
 * A failed evaluation changes nothing on disk (the summary shows the failure).
 */
async function correctIssued(out: string, e: ManifestEntry, o: ContractOutcome, inputs: string, writer: OutputWriter): Promise<{ entry: ManifestEntry; file: string } | undefined> {
  const fresh = o.files.find((f) => f.name === 'invoice.json');
  if (o.row.status !== 'ok' || fresh === undefined) return undefined;
  const dir = join(out, e.contract);
  const issuedText = await readFile(join(dir, 'invoice.json'), 'utf8');
  const last = e.corrections.at(-1);
  const baseText = last === undefined ? issuedText : await readFile(join(dir, 'corrections', `${last.name}.json`), 'utf8');
  const number = invoiceNumber(invoiceAmounts(issuedText));
  const correction = computeCorrection(invoiceAmounts(baseText), invoiceAmounts(typeof fresh.content === 'string' ? fresh.content : Buffer.from(fresh.content).toString('utf8')), number, e.corrections.length + 1);
  if (correction === undefined) return undefined;
  const files = [
    { name: `${correction.name}.json`, content: renderCorrectionJson(correction) },
    { name: `${correction.name}.md`, content: renderCorrectionMarkdown(correction) },
  ];
  const entry: ManifestEntry = { ...e, corrections: [...e.corrections, { name: correction.name, inputs_sha256: inputs, files: digestFiles(files) }] };
  await addCorrection(out, e.contract, files, entry, writer);
  return { entry, file: `${correction.name}.json` };
}

function evaluateSourced(jobs: readonly ContractJob[], period: string, run: SourcedRun, onContract: MonthlyRunOptions['onContract'], render: DocumentRenderOptions): ContractOutcome[] {
  return jobs.map((job, i) => {
    const outcome = evaluateContractJob(job, period, render, run);
    onContract?.(i + 1, jobs.length, outcome);
    return outcome;
  });
}

/** The manifest's record of the sources: the file, every input's digest, every query. */
function manifestSources(run: SourcedRun): ManifestSources {
  return {
    file: run.sources.file.path,
    sha256: run.sources.file.sha256,
    inputs: run.result.inputs.map((i) => ({ source: i.source, path: i.path, sha256: i.sha256 ?? null, rows: i.rows })),
    queries: run.result.queries,
  };
}

/** A contract's inputs key with the sources file and every input the sources read. */
function withSources(key: string | undefined, run: SourcedRun): string {
  const h = createHash('sha256').update(key ?? '').update(run.sources.file.sha256);
  for (const i of run.result.inputs) h.update(`\n${i.path}:${i.sha256 ?? ''}:${i.rows}`);
  return h.digest('hex');
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
