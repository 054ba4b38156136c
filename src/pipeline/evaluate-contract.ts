// Pipeline for `attain evaluate` / `explain`: a contract (as text) and its metric data (as text) ->
// one evaluated period with its invoice (stages 1-8). Nothing partial: any error leaves `value`
// absent. Reading files and choosing among versions is evaluate-files.ts / evaluate-versions.ts.
import { applyTaxes } from '../taxes/apply-taxes.js';
import { invoiceDocument } from '../taxes/invoice-document.js';
import { createHash } from 'node:crypto';
import { diag } from '../diagnostics/codes.js';
import { hasErrors, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { comparePeriods, periodOrdinal } from '../contract/period.js';
import { bindData } from '../data/bind.js';
import { loadMetricFile } from '../data/load-metrics.js';
import { findMissingMetrics } from '../data/missing.js';
import type { PeriodSeries, RawDataSet, RawPeriod } from '../data/metric-data.js';
import type { CheckedContract } from '../check/checked-contract.js';
import { compileProgram } from '../compile/compile-program.js';
import type { Program } from '../compile/program.js';
import { evaluatePeriod } from '../evaluate/evaluate-period.js';
import { priceInvoice } from '../invoice/price-invoice.js';
import type { Evaluation } from '../report/evaluation.js';
import { checkContractFile, type CheckedFile } from '../check/check-file.js';
import { appendAll } from '../diagnostics/append-all.js';

export interface EvaluateOptions {
  /** `YYYY-MM` (or `YYYY-Qn`); default: the latest period in the data. */
  readonly period?: string;
  /** The contract's first period when the contract is an amendment (see `evaluatePeriod`). */
  readonly start?: string;
}

/**
 * An evaluation with the bound contract it came from (`bound`, when binding succeeded): what
 * `evaluate --format html` evaluates the report's history from (pipeline/history.ts).
 */
export interface BoundEvaluation {
  readonly value?: Evaluation;
  readonly bound?: BoundSources;
  readonly diagnostics: readonly Diagnostic[];
}

/** Evaluate a contract (as text) against data files (as text). The library's in-memory entry. */
export function evaluateSources(contractFile: SourceFile, dataFiles: readonly SourceFile[], options: EvaluateOptions = {}): BoundEvaluation {
  const bound = bindSources(contractFile, dataFiles);
  if (bound.value === undefined) return { diagnostics: bound.diagnostics };
  const run = evaluateBound(bound.value, options);
  return { ...run, bound: bound.value, diagnostics: [...bound.diagnostics, ...run.diagnostics] };
}

/** A data file loaded once (stage read): its file, its periods by contract when readable, its findings. */
export interface LoadedDataFile extends StageResult<RawDataSet> {
  readonly file: SourceFile;
}

/** A checked contract with its typed metric series: what every period is evaluated from. */
export interface BoundSources {
  readonly contractFile: SourceFile;
  readonly checked: CheckedContract;
  /** The checked contract compiled (stage 6b), once for every period evaluated from it. */
  readonly program: Program;
  readonly series: PeriodSeries;
  /** Digest of the data files that carried this contract's periods (see `digestOf`). */
  readonly dataSha256: string;
}

/**
 * Stages 1-6 and binding: check the contract and type this contract's periods from every data
 * file (a file naming no contract counts too). `value` is absent when anything is in error.
 */
export function bindSources(contractFile: SourceFile, dataFiles: readonly SourceFile[], keep?: (period: string) => boolean): { value?: BoundSources; diagnostics: readonly Diagnostic[] } {
  return bindChecked(checkContractFile(contractFile), dataFiles.map(loadDataFile), keep);
}

/** Load one data file (stage read) with the file it came from. */
export function loadDataFile(file: SourceFile): LoadedDataFile {
  return { file, ...loadMetricFile(file) };
}

/**
 * bindSources for a contract already checked and data files already loaded (each parsed once by
 * the caller, e.g. the monthly run, which loads a shared data file once for all its contracts).
 * `dataSets` in data file order; each one's `file` is where its periods came from.
 */
export function bindChecked(checkedFile: CheckedFile, dataSets: readonly LoadedDataFile[], keep?: (period: string) => boolean): { value?: BoundSources; diagnostics: readonly Diagnostic[] } {
  const contractFile = checkedFile.file;
  const diagnostics: Diagnostic[] = [...checkedFile.diagnostics];
  const checked = checkedFile.checked;
  if (checked === undefined || hasErrors(diagnostics)) return { diagnostics };
  const contract = checked.contract;
  const id = contract.id.value;

  const periods: RawPeriod[] = [];
  const used: SourceFile[] = [];
  const seen = new Map<string, RawPeriod>();
  for (const loaded of dataSets) {
    const file = loaded.file;
    appendAll(diagnostics, loaded.diagnostics);
    if (loaded.value === undefined) continue;
    // `keep`: a version binds only the periods it may read (its range and the one before), since a
    // metric added or dropped by another version is not this version's to type.
    const mine = [...(loaded.value.contracts.get(id) ?? []), ...(loaded.value.contracts.get('') ?? [])].filter((p) => keep === undefined || keep(p.period));
    if (mine.length > 0) used.push(file);
    for (const p of mine) {
      const earlier = seen.get(p.period);
      if (earlier !== undefined) {
        diagnostics.push(diag('E069', p.span, { reason: `period ${p.period} of contract "${id}" is given twice` }, { labels: [{ span: earlier.span, message: 'first given here' }] }));
        continue;
      }
      seen.set(p.period, p);
      periods.push(p);
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  if (used.length === 0) {
    const first = dataSets[0]?.file;
    const at = first === undefined ? contract.id.span : { file: first.path, start: 0, end: 0 };
    diagnostics.push(diag('E068', at, { reason: `no metric data for contract "${id}"` }));
    return { diagnostics };
  }
  const dataSha256 = digestOf(used);
  const bound = bindData(contract, periods, dataSha256);
  appendAll(diagnostics, bound.diagnostics);
  const series = bound.value;
  if (series === undefined || hasErrors(diagnostics)) return { diagnostics };
  return { value: { contractFile, checked, program: compileProgram(checked), series, dataSha256 }, diagnostics };
}

/** Stages 7-8 for one period of a bound contract (default: the latest period in the data). */
export function evaluateBound(bound: BoundSources, options: EvaluateOptions = {}): { value?: Evaluation; diagnostics: readonly Diagnostic[] } {
  const { program, series, contractFile, dataSha256 } = bound;
  const contract = program.contract;
  const diagnostics: Diagnostic[] = [];
  const kind = contract.period.value;
  if (options.period !== undefined && periodOrdinal(options.period, kind) === undefined) {
    const example = kind === 'month' ? '2026-10' : '2026-Q4';
    diagnostics.push(diag('E073', contract.period.span, { reason: `"${options.period}" is not a ${kind} period (a ${kind}ly contract is evaluated for periods such as ${example})` }));
    return { diagnostics };
  }
  const period = options.period ?? [...series.periods.keys()].sort((a, b) => comparePeriods(a, b, kind)).at(-1);
  if (period === undefined) {
    diagnostics.push(diag('E073', contract.id.span, { reason: `the data holds no period for contract "${contract.id.value}"` }));
    return { diagnostics };
  }
  // Each stage's findings are added only when there are some (most periods have none: no spread
  // of an empty list per evaluation).
  const missing = findMissingMetrics(contract, series, period);
  if (missing.length > 0) {
    appendAll(diagnostics, missing);
    if (hasErrors(diagnostics)) return { diagnostics };
  }
  const evaluated = evaluatePeriod(program, series, period, options.start);
  if (evaluated.diagnostics.length > 0) appendAll(diagnostics, evaluated.diagnostics);
  if (evaluated.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const invoice = priceInvoice(evaluated.value);
  if (invoice.diagnostics.length > 0) appendAll(diagnostics, invoice.diagnostics);
  if (invoice.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const taxed = applyTaxes(invoice.value, contract);
  const document = invoiceDocument(contract, evaluated.value.period);
  const inputs = { contractSha256: contractFile.sha256, dataSha256 };
  // Two literals rather than a spread of the optional document (V8 makes that spread costly);
  // the keys keep their order.
  const value: Evaluation = document === undefined
    ? { result: evaluated.value, invoice: invoice.value, taxed, inputs }
    : { result: evaluated.value, invoice: invoice.value, taxed, document, inputs };
  return { value, diagnostics };
}

/**
 * The digest of the data: the file's own sha-256, or for several files the sha-256 of their sorted
 * digests (content only, so the result does not depend on where the files are).
 */
export function digestOf(files: readonly SourceFile[]): string {
  if (files.length === 1 && files[0] !== undefined) return files[0].sha256;
  const h = createHash('sha256');
  for (const sha of files.map((f) => f.sha256).sort()) h.update(`${sha}\n`);
  return h.digest('hex');
}
