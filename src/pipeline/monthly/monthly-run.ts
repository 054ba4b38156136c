// Pipeline for `attain invoice` (the monthly run): each ContractJob -> a ContractOutcome (stages
// 1-9 for one contract: its invoice in every format and its HTML report), isolated from the others.
import { diag } from '../../diagnostics/codes.js';
import type { Contract, PeriodKind } from '../../contract/model.js';
import { periodOrdinal, shiftPeriod } from '../../contract/period.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { locate } from '../../diagnostics/locate.js';
import { toDecimalString } from '../../numbers/rational.js';
import { renderEvaluationCsv, type CsvDialect } from '../../report/csv.js';
import type { LocaleId } from '../../contract/model.js';
import { renderEvaluationHtml } from '../../report/html.js';
import { renderEvaluationJson } from '../../report/json.js';
import { documentLocale } from '../../report/locale/document-text.js';
import { renderEvaluationMarkdown } from '../../report/markdown.js';
import { renderEvaluationXlsx } from '../../report/xlsx/evaluation-xlsx.js';
import { renderEvaluationPdf } from '../../report/pdf/invoice-pdf.js';
import type { SummaryRow } from '../../report/summary.js';
import { checkContractFile, checkLoadedContract, type CheckedFile } from '../../check/check-file.js';
import type { Evaluation } from '../../report/evaluation.js';
import type { SourcesFile } from '../../sources/model.js';
import type { SourcesResult } from '../../sources/run.js';
import { bindChecked, digestOf, evaluateBound, loadDataFile, type BoundSources, type LoadedDataFile } from '../evaluate-contract.js';
import { bindSourced } from '../sources.js';
import { evaluateHistory } from '../history.js';
import { heldJob, parsedOf, type ContractJob } from './monthly-inputs.js';
import { resultFor } from './sourced-values.js';

/** The files written per contract into `<out>/<contract-id>/`, in writing order (invoice.pdf with --pdf only). */
export const INVOICE_FILES = ['invoice.json', 'invoice.md', 'invoice.csv', 'invoice.xlsx', 'invoice.pdf', 'report.html'] as const;
export type InvoiceFileName = (typeof INVOICE_FILES)[number];

/** Digests identifying a contract's inputs (null when the input could not be read). */
export interface InputDigests {
  readonly contract_sha256: string | null;
  readonly data_sha256: string | null;
  /** What the run compares to decide whether a contract must be redone (see ContractJob). */
  readonly inputs_sha256: string;
}

/** The result of one contract: plain data (strings, bigints), so it can cross a worker boundary. */
export interface ContractOutcome {
  readonly id: string;
  readonly row: SummaryRow;
  /**
   * The rendered files (empty when the contract failed: nothing partial is written). In the result
   * of runMonthlyInvoices they are empty too: each contract's files are on disk, not kept in memory.
   */
  readonly files: readonly { readonly name: InvoiceFileName; readonly content: string | Uint8Array }[];
  /** Errors and warnings, sorted; rendered against the run's sources. */
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: InputDigests;
  /** The locale the documents were written in (a correction of this invoice is written in it too). */
  readonly locale?: LocaleId;
}

/** `file:line:col: E0xx message`, 1-based, as in the pretty renderer's first line. */
export function locateDiagnostic(d: Diagnostic, sources: (path: string) => SourceFile | undefined): string {
  const at = locate(d, sources);
  return `${d.span.file}:${at.line}:${at.column}: ${d.code} ${d.message}`;
}

/** The digests recorded in the manifest for a job (same rules as the evaluation's `inputs`). */
export function digestsOf(job: ContractJob): InputDigests {
  return {
    contract_sha256: job.contractFile?.sha256 ?? null,
    data_sha256: job.dataFiles.length === 0 ? null : digestOf(job.dataFiles),
    inputs_sha256: job.inputsSha256,
  };
}

function failed(job: ContractJob, diagnostics: readonly Diagnostic[], sources: (path: string) => SourceFile | undefined): ContractOutcome {
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').map((d) => locateDiagnostic(d, sources));
  const row: SummaryRow = {
    contract: job.id,
    ...(job.client === undefined ? {} : { client: job.client }),
    status: 'failed',
    ...(job.currency === undefined ? {} : { currency: job.currency }),
    ...(errors[0] === undefined ? {} : { error: errors[0] }),
    errors,
  };
  return { id: job.id, row, files: [], diagnostics: sorted, inputs: digestsOf(job) };
}

/** The kind of period a run's `--period` names (`2026-10`: month, `2026-Q4`: quarter). */
export function runPeriodKind(period: string): PeriodKind {
  return periodOrdinal(period, 'quarter') === undefined ? 'month' : 'quarter';
}

/**
 * Why a contract of `kind` is not invoiced in a run for `period`, or undefined when it is. A
 * quarterly contract belongs to quarter runs, a monthly one to month runs: the reason names the
 * run(s) that invoice it (for 2026-10: 2026-Q4; for 2026-Q4: 2026-10, 2026-11, 2026-12).
 */
export function skipReason(kind: PeriodKind, period: string): string | undefined {
  const run = runPeriodKind(period);
  if (kind === run) return undefined;
  const ord = periodOrdinal(period, run) ?? 0;
  if (kind === 'quarter') {
    const quarter = shiftPeriod('0000-Q1', 'quarter', Math.floor(ord / 3)) ?? '';
    return `quarterly contract; invoiced in quarter runs such as ${quarter}`;
  }
  const months = [0, 1, 2].map((i) => shiftPeriod('0000-01', 'month', ord * 3 + i) ?? '');
  return `monthly contract; invoiced in month runs (${months.join(', ')})`;
}

/**
 * Why a contract is not in force for `period` (before `effective.from` or after `effective.until`):
 * a run over every contract of an agency meets contracts that have ended or not begun.
 */
export function outsideReason(contract: Contract, period: string): string | undefined {
  const kind = contract.period.value;
  const at = periodOrdinal(period, kind);
  const from = periodOrdinal(contract.effective.from.value, kind);
  const until = contract.effective.until === undefined ? undefined : periodOrdinal(contract.effective.until.value, kind);
  if (at === undefined) return undefined;
  if (from !== undefined && at < from) return `not yet in force (effective from ${contract.effective.from.value})`;
  if (until !== undefined && at > until) return `no longer in force (effective until ${contract.effective.until?.value ?? ''})`;
  return undefined;
}

/**
 * A valid contract of the other period kind, or one not in force for the period, is skipped: not
 * evaluated, no files, not a failure. A contract with errors of its own is not skipped (it fails,
 * so the error is seen).
 */
function skipped(job: ContractJob, checked: CheckedFile, period: string): ContractOutcome | undefined {
  const kindReason = job.periodKind === undefined ? undefined : skipReason(job.periodKind, period);
  if (hasErrors(checked.diagnostics) || checked.contract === undefined) return undefined;
  const reason = kindReason ?? outsideReason(checked.contract, period);
  if (reason === undefined) return undefined;
  const row: SummaryRow = {
    contract: job.id,
    ...(job.client === undefined ? {} : { client: job.client }),
    status: 'skipped',
    reason,
    ...(job.currency === undefined ? {} : { currency: job.currency }),
    errors: [],
  };
  return { id: job.id, row, files: [], diagnostics: [], inputs: digestsOf(job) };
}

/** A filter of period keys from `from` to `until` (inclusive; no end when absent). */
function inRange(from: string, until: string | undefined, kind: PeriodKind): (period: string) => boolean {
  const lo = periodOrdinal(from, kind) ?? 0;
  const hi = until === undefined ? Infinity : (periodOrdinal(until, kind) ?? Infinity);
  return (p) => {
    const at = periodOrdinal(p, kind);
    return at === undefined || (at >= lo && at <= hi);
  };
}

/** E068 at the contract id (or the file start) when no data file under `--data` carries the contract. */
function noDataFor(job: ContractJob, checked: CheckedFile): Diagnostic {
  const file = checked.file;
  const span = checked.contract?.id.span ?? { file: file.path, start: 0, end: 0 };
  const reason = `no metric data for contract "${job.id}" under ${job.dataPath}`;
  const hint = `add a data file with \`contract: ${job.id}\` (or rows with ${job.id} in a contract column), or name the file ${job.id}.yaml / ${job.id}.csv`;
  return diag('E068', span, { reason }, { hint });
}

/**
 * Evaluate one contract for `period` and render its files. Never throws for bad input: any error
 * (unreadable or invalid contract, no data, bad data, evaluation error) gives a failed outcome
 * with no files. A valid contract of the other period kind (quarterly in a month run, monthly in
 * a quarter run) gives a skipped outcome with no files, whatever its data.
 */
/** How the documents of a run are written: `--locale` and `--csv-dialect`. */
export interface DocumentRenderOptions {
  readonly locale?: LocaleId;
  readonly csvDialect?: CsvDialect;
  /** `--pdf`: also write invoice.pdf. */
  readonly pdf?: boolean;
}

export function evaluateContractJob(spooled: ContractJob, period: string, render: DocumentRenderOptions = {}, sourced?: SourcedRun): ContractOutcome {
  // The texts in the heap while this contract is evaluated (read from the run's spool once).
  const job = heldJob(spooled);
  try {
    return evaluateContractJobUnguarded(job, period, render, sourced);
  } catch (e) {
    // Safety net: whatever one contract does (a limit no stage names yet, a bug), the others of
    // the run are still invoiced; this one fails with a located E004 at its file.
    const file = job.contractFile;
    const span = { file: file?.path ?? job.id, start: 0, end: 0 };
    const reason = `the contract could not be evaluated (${e instanceof Error ? e.message : String(e)})`;
    const sources = (p: string): SourceFile | undefined => (p === file?.path ? file : undefined);
    return failed(job, [diag('E004', span, { reason }, { data: { limit: 'internal' } })], sources);
  }
}

function evaluateContractJobUnguarded(job: ContractJob, period: string, render: DocumentRenderOptions, sourced?: SourcedRun): ContractOutcome {
  const byPath = new Map<string, SourceFile>();
  if (job.contractFile !== undefined) byPath.set(job.contractFile.path, job.contractFile);
  for (const f of job.dataFiles) byPath.set(f.path, f);
  const sources = (p: string): SourceFile | undefined => byPath.get(p);
  if (job.contractFile === undefined || hasErrors(job.diagnostics)) return failed(job, job.diagnostics, sources);
  // The contract and data as loaded while gathering: checked here, never parsed again.
  const parsed = parsedOf(job);
  const checked = parsed.loaded === undefined ? checkContractFile(job.contractFile) : checkLoadedContract(job.contractFile, parsed.loaded);
  const skip = skipped(job, checked, period);
  if (skip !== undefined) return skip;

  if (sourced !== undefined) return evaluateSourcedJob(job, checked, parsed.dataSets, period, sourced, sources, render);
  const v = job.versions;
  const keep = v === undefined ? undefined : inRange(v.from, v.until, job.periodKind ?? 'month');
  const dataSets = parsed.dataSets ?? job.dataFiles.map(loadDataFile);
  const bound = bindChecked(checked, dataSets, keep);
  if (bound.value === undefined) {
    // With no data file at all, a valid contract fails with E068 only: say where we looked.
    const noData = job.dataFiles.length === 0 && bound.diagnostics.every((d) => d.severity !== 'error' || d.code === 'E068');
    const shown = noData ? [...bound.diagnostics.filter((d) => d.code !== 'E068'), noDataFor(job, checked)] : bound.diagnostics;
    return failed(job, shown, sources);
  }
  const run = evaluateBound(bound.value, v === undefined ? { period } : { period, start: v.start });
  const diagnostics = [...bound.diagnostics, ...run.diagnostics];
  if (run.value === undefined || hasErrors(diagnostics)) return failed(job, diagnostics, sources);

  return rendered(job, run.value, bound.value, period, diagnostics, render);
}

/** The sources of a monthly run, aggregated once for every contract (pipeline/monthly.ts). */
export interface SourcedRun {
  readonly sources: SourcesFile;
  readonly result: SourcesResult;
}

/** A contract of a run with --sources: its series from the run's aggregation (data files win). */
function evaluateSourcedJob(job: ContractJob, checked: CheckedFile, dataSets: readonly LoadedDataFile[] | undefined, period: string, sourced: SourcedRun, sources: (p: string) => SourceFile | undefined, render: DocumentRenderOptions): ContractOutcome {
  if (checked.checked === undefined || hasErrors(checked.diagnostics)) return failed(job, checked.diagnostics, sources);
  // The run's result holds no values: this contract's wait in its job (read from the spool once).
  const result = job.sourcedValues === undefined ? sourced.result : resultFor(sourced.result, checked.checked.contract.id.value, job.sourcedValues?.text);
  const bound = bindSourced(checked.file, checked.checked, sourced.sources, result, job.dataFiles, dataSets);
  if (bound.value === undefined) return failed(job, bound.diagnostics, sources);
  const run = evaluateBound(bound.value, { period });
  const diagnostics = [...bound.diagnostics, ...run.diagnostics];
  if (run.value === undefined || hasErrors(diagnostics)) return failed(job, diagnostics, sources);
  const e = bound.inputs === undefined ? run.value : { ...run.value, inputs: { ...run.value.inputs, sources: bound.inputs } };
  const outcome = rendered(job, e, bound.value, period, diagnostics, render);
  return { ...outcome, inputs: { ...outcome.inputs, data_sha256: bound.value.dataSha256 } };
}

function rendered(job: ContractJob, e: Evaluation, bound: BoundSources, period: string, diagnostics: readonly Diagnostic[], render: DocumentRenderOptions): ContractOutcome {
  const history = evaluateHistory(bound, period);
  const contract = e.result.program.contract;
  const client = contract.parties?.client?.name;
  const row: SummaryRow = {
    contract: job.id,
    ...(client === undefined ? {} : { client }),
    status: 'ok',
    ...(e.result.score === undefined ? {} : { score: toDecimalString(e.result.score) }),
    total: { minor: e.taxed.total, currency: e.invoice.currency, digits: e.invoice.minorDigits },
    currency: e.invoice.currency,
    errors: [],
  };
  const locale = render.locale === undefined ? {} : { locale: render.locale };
  const files = [
    { name: 'invoice.json' as const, content: renderEvaluationJson(e) },
    { name: 'invoice.md' as const, content: renderEvaluationMarkdown(e, locale) },
    { name: 'invoice.csv' as const, content: renderEvaluationCsv(e, { ...locale, ...(render.csvDialect === undefined ? {} : { dialect: render.csvDialect }) }) },
    { name: 'invoice.xlsx' as const, content: renderEvaluationXlsx(e, locale) },
    ...(render.pdf === true ? [{ name: 'invoice.pdf' as const, content: renderEvaluationPdf(e, locale) }] : []),
    { name: 'report.html' as const, content: renderEvaluationHtml(e, history, locale) },
  ];
  return { id: job.id, row, files, diagnostics: sortDiagnostics(diagnostics), inputs: digestsOf(job), locale: documentLocale(e, render.locale) };
}
