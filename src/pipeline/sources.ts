// Pipeline for `--sources`: a sources file + checked contracts + the periods to evaluate -> each
// contract's period series (exact values with spans in sources.yaml), merged with `--data` when
// both are given (data wins, and a W091 says so), plus the provenance for inputs.sources.
import { diag } from '../diagnostics/codes.js';
import { hasErrors, type Diagnostic, type StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Contract } from '../contract/model.js';
import { shiftPeriod } from '../contract/period.js';
import { BoundSeries, BoundValue } from '../data/bound.js';
import type { DataValue, PeriodSeries, PeriodValues } from '../data/metric-data.js';
import { toDecimalString } from '../numbers/rational.js';
import type { SourcesInputs } from '../report/evaluation.js';
import { definitionFor } from '../sources/check.js';
import { checkForContract } from './sources-units.js';
import { LAZY_ENGINES } from '../sources/engines/lazy.js';
import { loadSourcesFile } from '../sources/load-sources.js';
import type { SourcesFile } from '../sources/model.js';
import { runSources, type SourcedValue, type SourcesResult, type ValuesSink } from '../sources/run.js';
import { bindData } from '../data/bind.js';
import { loadMetricFile } from '../data/load-metrics.js';
import type { RawDataSet, RawPeriod } from '../data/metric-data.js';
import type { CheckedContract } from '../check/checked-contract.js';
import { compileProgram } from '../compile/compile-program.js';
import { digestOf, type BoundSources } from './evaluate-contract.js';
import { readSource } from '../workspace/files.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Read and check a sources file (E001 when it cannot be read). */
export async function readSourcesFile(path: string): Promise<{ value?: SourcesFile; file?: SourceFile; diagnostics: readonly Diagnostic[] }> {
  const read = await readSource(path);
  if (read.file === undefined) return { diagnostics: read.diagnostics };
  const loaded = loadSourcesFile(read.file);
  return { ...(loaded.value === undefined ? {} : { value: loaded.value }), file: read.file, diagnostics: loaded.diagnostics };
}

/** The periods a run needs for `period`: it and the one before (for previous() and growth()). */
export function periodsFor(contract: Contract, period: string | undefined): ReadonlySet<string> | undefined {
  if (period === undefined) return undefined;
  const before = shiftPeriod(period, contract.period.value, -1);
  return new Set(before === undefined ? [period] : [before, period]);
}

/**
 * Aggregate the sources for these contracts. With `onValues`, each contract's values go there
 * as soon as they are made and the result's `values` stays empty (runSources' `onValues`).
 */
export async function aggregateSources(sources: SourcesFile, contracts: readonly Contract[], period: string | undefined, onValues?: ValuesSink): Promise<SourcesResult> {
  const periods = new Map<string, ReadonlySet<string>>();
  for (const c of contracts) {
    const p = periodsFor(c, period);
    if (p !== undefined) periods.set(c.id.value, p);
  }
  // Units first (no row is read for a contract whose definitions do not fit it): such a contract
  // fails alone with its findings, the others are aggregated.
  const refused = new Map<string, Diagnostic[]>();
  for (const c of contracts) {
    const found = checkForContract(sources, c);
    if (hasErrors(found)) refused.set(c.id.value, found);
  }
  const request = { sources, contracts: contracts.filter((c) => !refused.has(c.id.value)), ...(period === undefined ? {} : { periods }), ...(onValues === undefined ? {} : { onValues }) };
  const result = await runSources(request, LAZY_ENGINES);
  if (refused.size === 0) return result;
  const failed = new Map(result.failed);
  for (const [id, d] of refused) failed.set(id, [...(failed.get(id) ?? []), ...d]);
  return { ...result, failed };
}

/**
 * E098 for every metric of the contract that the sources do not define and `--data` does not
 * give (in any period): it would otherwise only surface as a KPI without data.
 */
export function undefinedMetrics(sources: SourcesFile, contract: Contract, data: PeriodSeries | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, decl] of contract.metrics) {
    if (definitionFor(sources, contract.id.value, name) !== undefined) continue;
    if (data !== undefined && [...data.periods.values()].some((p) => p.values.has(name))) continue;
    const reason = `metric "${name}" of contract "${contract.id.value}" is defined nowhere: not in ${sources.file.path} (metrics: or overrides:) and not in --data`;
    out.push(diag('E098', decl.nameSpan, { reason }, { hint: `add ${name}: <aggregate> under metrics: in ${sources.file.path}, or give it in --data` }));
  }
  return out;
}

/**
 * One contract's series from the sources, with `--data` (already bound) winning per period and
 * metric. Returns the series, the provenance for inputs.sources and the W091 findings.
 */
export function sourcedSeries(
  contract: Contract,
  sources: SourcesFile,
  result: SourcesResult,
  data: PeriodSeries | undefined,
  dataFiles: readonly SourceFile[],
): { series: PeriodSeries; inputs: SourcesInputs; diagnostics: Diagnostic[] } {
  const id = contract.id.value;
  const sourced: ReadonlyMap<string, ReadonlyMap<string, SourcedValue>> = result.values.get(id) ?? new Map<string, ReadonlyMap<string, SourcedValue>>();
  const periods = new Map<string, PeriodValues>();
  const keys = new Set<string>([...sourced.keys(), ...(data?.periods.keys() ?? [])]);
  const diagnostics: Diagnostic[] = [];
  const fromData: string[] = [];
  const values: SourcesInputs['values'][number][] = [];
  for (const period of [...keys].sort()) {
    const record = new Map<string, DataValue>();
    const fromSources = sourced.get(period);
    const given = data?.periods.get(period);
    for (const name of contract.metrics.keys()) {
      const d = given?.values.get(name);
      const s = fromSources?.get(name);
      if (d !== undefined) {
        record.set(name, d);
        if (s !== undefined) {
          fromData.push(`${period}:${name}`);
          diagnostics.push(diag('W091', d.span, { reason: `${name} for ${period} is taken from --data (${toDecimalString(d.value)}); the sources give ${toDecimalString(s.value)}` }, { labels: [{ span: s.span, message: 'the sources definition' }] }));
        }
      } else if (s !== undefined) {
        record.set(name, new BoundValue(s.value, s.span));
        values.push({ ...s.provenance, period, value: toDecimalString(s.value, 12) });
      }
    }
    const span = given?.span ?? { file: sources.file.path, start: 0, end: 0 };
    if (record.size > 0) periods.set(period, { period, values: record, span });
  }
  const files = [sources.file, ...dataFiles];
  const usedInputs = result.inputs.filter((i) => values.some((v) => v.aggregates.some((a) => a.inputs.includes(i.path))));
  const sha = digestOf(files);
  const inputs: SourcesInputs = { file: sources.file.path, sha256: sources.file.sha256, inputs: usedInputs, queries: result.queries, values, fromData };
  // The data digest covers the sources file, every input file read and --data.
  const combined = usedInputs.length === 0 ? sha : digestOf([...files, ...usedInputs.map((i) => ({ sha256: i.sha256 ?? '' } as SourceFile))]);
  return { series: new BoundSeries(id, periods, combined), inputs, diagnostics };
}

/**
 * A checked contract bound to its sourced series (with `--data` files winning), ready for stages
 * 7-8; `inputs` is what the evaluation carries under inputs.sources.
 */
export function bindSourced(
  contractFile: SourceFile,
  checked: CheckedContract,
  sources: SourcesFile,
  result: SourcesResult,
  dataFiles: readonly SourceFile[],
  /** `dataFiles` already loaded, in the same order (the monthly run loads each file once). */
  loadedData?: readonly StageResult<RawDataSet>[],
): { value?: BoundSources; inputs?: SourcesInputs; diagnostics: Diagnostic[] } {
  const contract = checked.contract;
  const diagnostics: Diagnostic[] = [];
  let data: PeriodSeries | undefined;
  const used: SourceFile[] = [];
  if (dataFiles.length > 0) {
    const periods: RawPeriod[] = [];
    for (const [i, f] of dataFiles.entries()) {
      const loaded = loadedData?.[i] ?? loadMetricFile(f);
      appendAll(diagnostics, loaded.diagnostics);
      const mine = [...(loaded.value?.contracts.get(contract.id.value) ?? []), ...(loaded.value?.contracts.get('') ?? [])];
      if (mine.length > 0) used.push(f);
      appendAll(periods, mine);
    }
    const bound = bindData(contract, periods, digestOf(used));
    appendAll(diagnostics, bound.diagnostics);
    data = bound.value;
  }
  appendAll(diagnostics, undefinedMetrics(sources, contract, data));
  appendAll(diagnostics, findingsFor(result, contract.id.value));
  if (hasErrors(diagnostics)) return { diagnostics };
  const sourced = sourcedSeries(contract, sources, result, data, used);
  appendAll(diagnostics, sourced.diagnostics);
  return { value: { contractFile, checked, program: compileProgram(checked), series: sourced.series, dataSha256: sourced.series.sha256 }, inputs: sourced.inputs, diagnostics };
}

/** The findings of a run that concern one contract (shared ones included). */
export function findingsFor(result: SourcesResult, id: string): Diagnostic[] {
  return [...result.diagnostics, ...(result.failed.get(id) ?? []), ...(result.warnings.get(id) ?? [])];
}

export { hasErrors };
