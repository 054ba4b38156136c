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
import { writeQueue } from '../../workspace/write-queue.js';
import { addCorrection, digestFiles, replaceContract, type OutputWriter } from './contract-state.js';
import { entryBook } from './entry-book.js';
import { openJournal, type Journal } from './journal.js';
import { byCodeUnits, type Manifest, type ManifestEntry, type ManifestSources } from './manifest.js';
import { evaluateStream } from './monthly-pool.js';
import { gatherMonthlyInputs, missingInput, parsedOf, shapedJob } from './monthly-inputs.js';
import { ATOMIC_WRITER, STAGE_WRITER, checkpoint, ensureOutDir, openOutput, overlapProblem, writeSummary } from './monthly-output.js';
import { locateDiagnostic, runPeriodKind, type ContractOutcome, type DocumentRenderOptions, type SourcedRun } from './monthly-run.js';
import type { ContractJob, MonthlyInputs } from './monthly-inputs.js';
import { createHash } from 'node:crypto';
import { checkContractFile, checkLoadedContract } from '../../check/check-file.js';
import { addLocatedFiles } from '../evaluate-sourced.js';
import { aggregateSources, readSourcesFile } from '../sources.js';
import { closeEngines } from '../../sources/engines/lazy.js';
import { planRun } from './plan.js';
import { SpooledText, heldFile, type Spool, type SpoolRef } from './spool.js';
import { spoolValues } from './sourced-values.js';
import { aggregationView, sharedTexts } from './aggregation-view.js';

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
  return {
    ...row,
    issued: e?.issued === true,
    ...(corrections.length === 0 ? {} : { corrections }),
  };
}

/**
 * Run the monthly invoicing. Bad contracts and data never stop the run: they give failed
 * outcomes. Usage problems (a locked, unsafe or foreign output directory, changed invoices without
 * `force`) stop it before anything is written. I/O errors while writing are thrown (the contract
 * being written stays as it was; the lock is released).
 */
export async function runMonthlyInvoices(opts: MonthlyRunOptions): Promise<MonthlyRunResult> {
  if (opts.data === undefined && opts.sources === undefined)
    return {
      kind: 'usage',
      message: 'give --data <path> or --sources <file> (or both)',
    };
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
    return {
      kind: 'usage',
      message: `--out ${opts.out} is in use by ${who}; nothing was written (the lock ${lock.path} is removed when that run ends, or taken over once its process is gone)`,
    };
  }
  try {
    return await runLocked(opts, opts.writer ?? ATOMIC_WRITER, opts.writer ?? STAGE_WRITER);
  } finally {
    await lock.release();
  }
}

/** A contract's step with its job taken out: what the run still needs once the job is evaluated. */
type Slot =
  | {
      readonly kind: 'keep';
      readonly id: string;
      readonly entry: ManifestEntry;
    }
  | { readonly kind: 'write'; readonly id: string }
  | {
      readonly kind: 'correct';
      readonly id: string;
      readonly previous: ManifestEntry;
    };

/** Everything the commit phase needs; the gathered inputs themselves are no longer referenced. */
interface Prepared {
  readonly slots: readonly Slot[];
  /** The jobs to evaluate, in id order; each slot is emptied when its job is taken. */
  readonly queue: (ContractJob | undefined)[];
  readonly remove: readonly ManifestEntry[];
  readonly keepIssued: readonly ManifestEntry[];
  readonly manifest: Manifest;
  /** Whether the manifest on disk is of this run's period (otherwise one is written before the first change). */
  readonly samePeriod: boolean;
  readonly run?: SourcedRun;
  readonly runDiagnostics: readonly Diagnostic[];
  /** The files the run diagnostics and the gathering findings point at (for rendering them). */
  readonly files: Map<string, SourceFile>;
  /** Where the queued jobs' texts and parse results wait; closed when the run ends. */
  readonly spool: Spool;
}

async function runLocked(opts: MonthlyRunOptions, writer: OutputWriter, stageWriter: OutputWriter): Promise<MonthlyRunResult> {
  const state = await openOutput(opts.out, writer);
  if (state.kind === 'refuse') return { kind: 'usage', message: state.message };
  if (state.foreign && opts.force !== true)
    return {
      kind: 'usage',
      message: `--out ${opts.out} holds invoices from different inputs (it holds files but no readable manifest.json); use another directory, or --force to replace them`,
    };
  const prepared = await prepare(opts, state.manifest);
  if ('usage' in prepared) return { kind: 'usage', message: prepared.usage };
  try {
    const journal = openJournal(opts.out);
    try {
      return await commitRun(opts, prepared, writer, stageWriter, journal);
    } finally {
      await journal.close();
    }
  } finally {
    prepared.spool.close();
  }
}

/**
 * Gather the inputs (each file read and parsed once), aggregate the sources, and plan. What the
 * plan keeps is reduced to slots: the gathered maps go out of scope here, so each contract's
 * inputs live only until its job is evaluated.
 */
async function prepare(opts: MonthlyRunOptions, previous: Manifest | undefined): Promise<Prepared | { usage: string }> {
  const { period } = opts;
  const gathered = await gatherMonthlyInputs(opts.contracts, opts.data, period);
  if ('usage' in gathered) return gathered;
  try {
    const prepared = await prepareGathered(opts, previous, gathered);
    if ('usage' in prepared) gathered.spool.close();
    return prepared;
  } catch (e) {
    gathered.spool.close();
    throw e;
  }
}

async function prepareGathered(opts: MonthlyRunOptions, previous: Manifest | undefined, gathered: MonthlyInputs): Promise<Prepared | { usage: string }> {
  const { out, period } = opts;
  const sourced = opts.sources === undefined ? undefined : await aggregateForRun(opts.sources, gathered.jobs, period, gathered.spool);
  if (sourced !== undefined && 'usage' in sourced) return sourced;
  const run = sourced?.run;
  // With sources, a contract's inputs also cover the sources file and every input it read, so
  // restated exports redo (or correct) the contracts, as restated data files do. Each job gets
  // where its aggregated values wait in the spool (the run keeps none of them in the heap).
  const jobs =
    run === undefined
      ? gathered.jobs
      : gathered.jobs.map((j, i): ContractJob => {
          const ref = sourced?.valuesAt[i];
          return shapedJob({
            ...j,
            inputsSha256: withSources(j.inputsSha256, run),
            ...(ref === undefined ? {} : { sourcedValues: new SpooledText(gathered.spool, ref) }),
          });
        });
  const runDiagnostics = [...gathered.diagnostics, ...(sourced?.diagnostics ?? [])];
  const plan = planRun(previous, jobs, period, opts.force === true, out);
  if (plan.kind === 'refuse') return { usage: plan.message };
  const files = new Map<string, SourceFile>(sourced?.files ?? []);
  const keepFilesOf = (ds: readonly Diagnostic[]): void => {
    for (const p of diagnosticFiles(ds)) {
      const f = gathered.sources.get(p);
      if (f !== undefined) files.set(p, heldFile(f));
    }
  };
  keepFilesOf(runDiagnostics);
  for (const j of jobs) if (j.diagnostics.length > 0) keepFilesOf(j.diagnostics);
  const slots = plan.steps.map((s): Slot => (s.kind === 'keep' ? { kind: 'keep', id: s.entry.contract, entry: s.entry } : s.kind === 'write' ? { kind: 'write', id: s.job.id } : { kind: 'correct', id: s.job.id, previous: s.previous }));
  const queue = plan.steps.flatMap((s) => (s.kind === 'keep' ? [] : [s.job]));
  const samePeriod = previous?.period === period;
  let manifest: Manifest = samePeriod && previous !== undefined ? previous : { period, finalized: false, contracts: [] };
  if (run !== undefined) manifest = { ...manifest, sources: manifestSources(run) };
  return { slots, queue, remove: plan.remove, keepIssued: plan.keepIssued, manifest, samePeriod, ...(run === undefined ? {} : { run }), runDiagnostics, files, spool: gathered.spool };
}

/** Every file a diagnostic (or one of its labels) points at. */
function diagnosticFiles(ds: readonly Diagnostic[]): Set<string> {
  const out = new Set<string>();
  for (const d of ds) {
    out.add(d.span.file);
    for (const l of d.labels ?? []) out.add(l.span.file);
  }
  return out;
}

/** Contract directories being written at once while the next contracts are evaluated. */
const WRITES_IN_FLIGHT = 16;

/**
 * Evaluate the contracts as a stream and commit each as soon as it is evaluated: its files go to
 * a bounded queue of writes (the next contract is evaluated meanwhile), its manifest entry goes
 * to the spool (see EntryBook), and only its outcome without documents (the summary row) is kept.
 * The manifest is checkpointed, streamed from the spool, when the journal has grown by a quarter
 * of the contracts (at least 64), so its rewrites cost O(contracts) over the run.
 */
async function commitRun(opts: MonthlyRunOptions, p: Prepared, writer: OutputWriter, stageWriter: OutputWriter, journal: Journal): Promise<MonthlyRunResult> {
  const { out, period } = opts;
  // The entries wait in the spool (as the manifest's JSON); the manifest is written from there.
  const book = entryBook(p.spool, p.manifest.contracts);
  let head: Omit<Manifest, 'contracts'> = { period: p.manifest.period, finalized: p.manifest.finalized, ...(p.manifest.sources === undefined ? {} : { sources: p.manifest.sources }) };
  const current = (): Iterable<string> => book.pieces(head);
  const writes = writeQueue(WRITES_IN_FLIGHT);
  let announced = 0;
  const step = async (): Promise<void> => {
    if (++announced < Math.max(CHECKPOINT_EVERY, book.size / 4)) return;
    // Every announced change is made before the journal that announces it is dropped.
    await writes.drain();
    await checkpoint(out, current(), writer, journal);
    announced = 0;
  };
  for (const e of p.remove) {
    await replaceContract(out, e.contract, [], undefined, writer, journal);
    book.delete(e.contract);
    await step();
  }
  // Recovery replays the journal onto the manifest on disk, so that manifest must name this
  // run's period before any contract of it is announced (the removals above emptied the rest).
  if (!p.samePeriod) {
    await checkpoint(out, current(), writer, journal);
    announced = 0;
  }
  const slotOf = new Map(p.slots.map((s) => [s.id, s] as const));
  const outcomes: ContractOutcome[] = [];
  const written: string[] = [];
  const sources = p.files;
  const total = p.queue.length;
  opts.onStart?.(total);
  let done = 0;
  try {
    await evaluateAndWrite();
  } catch (e) {
    // Nothing is left writing once the run has failed (the lock is released next).
    await writes.drain().catch(() => undefined);
    throw e;
  }
  async function evaluateAndWrite(): Promise<void> {
    for await (const { job, outcome: o } of evaluateStream(p.queue, period, opts.jobs ?? 1, opts.render ?? {}, p.run)) {
      opts.onContract?.(++done, total, o);
      // Kept: the row, the diagnostics and the digests; the documents are dropped once written.
      outcomes.push({ ...o, files: [] });
      if (o.diagnostics.length > 0) keepJobFiles(o, job, sources);
      const s = slotOf.get(o.id) as Exclude<Slot, { kind: 'keep' }>;
      if (s.kind === 'write') {
        const entry: ManifestEntry = {
          contract: o.id,
          ...o.inputs,
          status: o.row.status,
          issued: false,
          files: digestFiles(o.files),
          row: o.row,
          corrections: [],
        };
        await writes.add(async () => {
          await replaceContract(out, o.id, o.files, entry, stageWriter, journal);
          book.set(entry);
        });
        await step();
        continue;
      }
      if (o.row.status !== 'ok') continue;
      await writes.add(async () => {
        const name = await correctIssued(out, s.previous, o, o.inputs.inputs_sha256, stageWriter, journal);
        if (name === undefined) return;
        book.set(name.entry);
        written.push(`${o.id}/corrections/${name.file}`);
      });
      await step();
    }
    await writes.drain();
  }
  written.sort(byCodeUnits);
  outcomes.sort((a, b) => byCodeUnits(a.id, b.id));
  const finalized = opts.finalize === true || head.finalized;
  if (opts.finalize === true) {
    head = { ...head, finalized: true };
    for (const id of book.ids()) {
      const c = book.get(id);
      if (c?.status === 'ok' && !c.issued) book.set({ ...c, issued: true });
    }
  }
  await checkpoint(out, current(), writer, journal);

  const outcomeOf = new Map(outcomes.map((o) => [o.id, o] as const));
  const rows: SummaryRow[] = [];
  for (const s of p.slots) {
    const e = book.get(s.id);
    const o = outcomeOf.get(s.id);
    // An issued contract shows its issued invoice (and corrections) unless this run failed it.
    let row: SummaryRow;
    if (s.kind === 'keep') row = s.entry.row;
    else if (s.kind === 'correct' && o?.row.status === 'ok') row = s.previous.row;
    else row = (o as ContractOutcome).row;
    rows.push(shownRow(row, e, finalized));
  }
  for (const e of p.keepIssued) rows.push(shownRow(e.row, e, finalized));
  rows.sort((a, b) => byCodeUnits(a.contract, b.contract));
  const lookup = (path: string): SourceFile | undefined => sources.get(path);
  const summary: RunSummary = {
    period,
    rows,
    runErrors: p.runDiagnostics.filter((d) => d.severity === 'error').map((d) => locateDiagnostic(d, lookup)),
    ...(head.finalized ? { finalized: true, newCorrections: written } : {}),
  };
  await writeSummary(out, summary, writer);
  return {
    kind: 'done',
    outcomes,
    summary,
    runDiagnostics: p.runDiagnostics,
    sources,
    kept: p.slots.length - total,
    corrections: written,
  };
}

/** An outcome with findings: the files they point at stay for rendering (the job itself is gone). */
function keepJobFiles(o: ContractOutcome, job: ContractJob, sources: Map<string, SourceFile>): void {
  const own = [...(job.contractFile === undefined ? [] : [job.contractFile]), ...job.dataFiles];
  for (const path of diagnosticFiles(o.diagnostics)) {
    const f = own.find((x) => x.path === path);
    if (f !== undefined && !sources.has(path)) sources.set(path, heldFile(f));
  }
}

/**
 * An issued contract evaluated again with changed inputs: compare with what was last issued (the
 * invoice, or its latest correction) and write the next correction when any amount differs.
 * A failed evaluation changes nothing on disk (the summary shows the failure).
 */
async function correctIssued(out: string, e: ManifestEntry, o: ContractOutcome, inputs: string, writer: OutputWriter, journal: Journal): Promise<{ entry: ManifestEntry; file: string } | undefined> {
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
    {
      name: `${correction.name}.json`,
      content: renderCorrectionJson(correction),
    },
    {
      name: `${correction.name}.md`,
      content: renderCorrectionMarkdown(correction, o.locale),
    },
  ];
  const entry: ManifestEntry = {
    ...e,
    corrections: [
      ...e.corrections,
      {
        name: correction.name,
        inputs_sha256: inputs,
        files: digestFiles(files),
      },
    ],
  };
  await addCorrection(out, e.contract, files, entry, writer, journal);
  return { entry, file: `${correction.name}.json` };
}

/** The manifest's record of the sources: the file, every input's digest, every query. */
function manifestSources(run: SourcedRun): ManifestSources {
  return {
    file: run.sources.file.path,
    sha256: run.sources.file.sha256,
    inputs: run.result.inputs.map((i) => ({
      source: i.source,
      path: i.path,
      sha256: i.sha256 ?? null,
      rows: i.rows,
    })),
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
async function aggregateForRun(
  path: string,
  jobs: readonly ContractJob[],
  period: string,
  spool: Spool,
): Promise<
  | {
      /** The run, its values moved to the spool (see `valuesAt`). */
      run?: SourcedRun;
      /** Per job (same index): where its contract's aggregated values wait, when it has any. */
      valuesAt: readonly (SpoolRef | undefined)[];
      diagnostics: readonly Diagnostic[];
      files: ReadonlyMap<string, SourceFile>;
    }
  | { usage: string }
> {
  const read = await readSourcesFile(path);
  if (read.file === undefined)
    return {
      usage: `--sources ${path}: ${read.diagnostics[0]?.message ?? 'cannot be read'}`,
    };
  const files = new Map<string, SourceFile>([[path, read.file]]);
  if (read.value === undefined) return { valuesAt: [], diagnostics: read.diagnostics, files };
  const ids: (string | undefined)[] = [];
  const share = sharedTexts();
  const contracts = jobs.flatMap((j) => {
    ids.push(undefined);
    if (j.contractFile === undefined || j.periodKind !== runPeriodKind(period)) return [];
    const loaded = parsedOf(j).loaded;
    const c = (loaded === undefined ? checkContractFile(heldFile(j.contractFile)) : checkLoadedContract(heldFile(j.contractFile), loaded)).checked?.contract;
    if (c === undefined) return [];
    ids[ids.length - 1] = c.id.value;
    // Only what aggregation reads is kept while the other contracts are checked.
    return [aggregationView(c, j.contractFile, share)];
  });
  // Each contract's values go to the spool as soon as they are made: the run never holds them all.
  const refs = new Map<string, SpoolRef>();
  let result;
  try {
    result = await aggregateSources(read.value, contracts, period, (id, values) => refs.set(id, spoolValues(values, spool)));
  } finally {
    await closeEngines();
  }
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  const located = [...diagnostics, ...[...result.failed.values()].flat(), ...[...result.warnings.values()].flat()];
  await addLocatedFiles(located, files);
  const valuesAt = ids.map((id) => (id === undefined ? undefined : refs.get(id)));
  return { run: { sources: read.value, result }, valuesAt, diagnostics, files };
}
