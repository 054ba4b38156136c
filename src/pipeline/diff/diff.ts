// Pipeline for `attain diff`: contracts at a base (git revision or directory) and in the working
// tree + metric data (--data files or --sources) -> DiffReport: every period with data of every
// added, removed or changed contract evaluated both ways (version in force on each side).
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { loadContract } from '../../contract/load-contract.js';
import { isNotContractFile } from '../../data/data-owner.js';
import { comparePeriods, periodOrdinal } from '../../contract/period.js';
import type { ContractVersions } from '../../contract/versions.js';
import { toDecimalString } from '../../numbers/rational.js';
import type { ContractDiff, DiffReport, DiffSide, KpiChange, LineChange, PeriodDiff } from '../../report/diff-model.js';
import type { Evaluation } from '../../report/evaluation.js';
import { expandPaths, readSource } from '../../workspace/files.js';
import { locateDiagnostic } from '../monthly/monthly-run.js';
import { contractSetOf, dataPeriods, evaluateVersions, readContractSet, type VersionFile } from '../evaluate-versions.js';
import { readBaseContracts } from './base-contracts.js';
import { adjustmentLabel } from '../../report/line-detail.js';
import { aggregateForDiff, evaluateSourcedVersions, sourcedPeriods, sourcesErrors } from './diff-sources.js';
import { appendAll } from '../../diagnostics/append-all.js';

export interface DiffOptions {
  readonly base: string;
  readonly contracts: string;
  /** Exactly one of `data` (a data file or directory) and `sources` (a sources file). */
  readonly data?: string;
  readonly sources?: string;
  /** Inclusive range of periods (`2026-01..2026-10`); default: every period with data. */
  readonly periods?: { readonly from: string; readonly to: string };
  readonly cwd?: string;
}

export type DiffRun =
  | { readonly kind: 'usage'; readonly message: string }
  | { readonly kind: 'done'; readonly report: DiffReport; readonly sources: ReadonlyMap<string, SourceFile> };

type Side = ReadonlyMap<string, ContractVersions<VersionFile>>;

function digestKey(v: ContractVersions<VersionFile> | undefined): string {
  return v === undefined ? '' : v.versions.map((x) => x.file.sha256).sort().join(',');
}

function inRange(period: string, kind: 'month' | 'quarter', range: DiffOptions['periods']): boolean {
  const at = periodOrdinal(period, kind);
  if (at === undefined) return false;
  if (range === undefined) return true;
  // A range of months selects the quarters that overlap it, and the reverse.
  const lo = periodOrdinal(range.from, kind) ?? (kind === 'quarter' ? Math.floor((periodOrdinal(range.from, 'month') ?? 0) / 3) : (periodOrdinal(range.from, 'quarter') ?? 0) * 3);
  const hi = periodOrdinal(range.to, kind) ?? (kind === 'quarter' ? Math.floor((periodOrdinal(range.to, 'month') ?? 0) / 3) : (periodOrdinal(range.to, 'quarter') ?? 0) * 3 + 2);
  return at >= lo && at <= hi;
}

function side(run: { value?: Evaluation; diagnostics: readonly Diagnostic[] } | undefined, lookup: (p: string) => SourceFile | undefined): DiffSide {
  if (run === undefined) return { kind: 'absent' };
  const errors = run.diagnostics.filter((d) => d.severity === 'error');
  // Outside the effective dates on this side: the contract simply does not cover the period.
  if (errors.length > 0 && errors.every((d) => d.code === 'E066')) return { kind: 'absent' };
  if (run.value === undefined || errors.length > 0) return { kind: 'failed', error: errors[0] === undefined ? 'evaluation failed' : locateDiagnostic(errors[0], lookup) };
  const e = run.value;
  return { kind: 'invoice', version: e.result.program.contract.version.value, total: e.invoice.total, ...(e.result.score === undefined ? {} : { score: toDecimalString(e.result.score) }) };
}

function kpiChanges(a: Evaluation | undefined, b: Evaluation | undefined): KpiChange[] {
  const view = (e: Evaluation | undefined): Map<string, { status: string; attainment?: string }> =>
    new Map((e?.result.kpis ?? []).map((k) => [k.id, { status: k.status, ...(k.attainment === undefined ? {} : { attainment: toDecimalString(k.attainment) }) }] as const));
  const old = view(a);
  const now = view(b);
  const ids = [...old.keys(), ...[...now.keys()].filter((id) => !old.has(id))];
  const out: KpiChange[] = [];
  for (const id of ids) {
    const o = old.get(id);
    const n = now.get(id);
    if (o !== undefined && n !== undefined && o.status === n.status && o.attainment === n.attainment) continue;
    out.push({ id, ...(o === undefined ? {} : { old: o }), ...(n === undefined ? {} : { new: n }) });
  }
  return out;
}

function lineChanges(a: Evaluation | undefined, b: Evaluation | undefined): LineChange[] {
  const view = (e: Evaluation | undefined): Map<string, { label: string; amount: bigint }> =>
    new Map([...(e?.invoice.lines ?? []).map((l) => [l.id, { label: l.label, amount: l.amount }] as const), ...(e?.invoice.adjustments ?? []).map((a) => [a.id, { label: adjustmentLabel(a), amount: a.amount }] as const)]);
  const old = view(a);
  const now = view(b);
  const ids = [...old.keys(), ...[...now.keys()].filter((id) => !old.has(id))];
  const out: LineChange[] = [];
  for (const id of ids) {
    const o = old.get(id);
    const n = now.get(id);
    const difference = (n?.amount ?? 0n) - (o?.amount ?? 0n);
    if (o !== undefined && n !== undefined && difference === 0n) continue;
    out.push({ id, label: n?.label ?? o?.label ?? id, ...(o === undefined ? {} : { old: o.amount }), ...(n === undefined ? {} : { new: n.amount }), difference });
  }
  return out;
}

function totalOf(s: DiffSide): bigint {
  return s.kind === 'invoice' ? s.total : 0n;
}

/** One side of one period evaluated from the run's data (data files or sources). */
type EvaluateSide = (set: ContractVersions<VersionFile>, period: string) => { value?: Evaluation; diagnostics: readonly Diagnostic[] };

function comparePeriod(period: string, old: ContractVersions<VersionFile> | undefined, now: ContractVersions<VersionFile> | undefined, evaluate: EvaluateSide, lookup: (p: string) => SourceFile | undefined): PeriodDiff {
  const a = old === undefined ? undefined : evaluate(old, period);
  const b = now === undefined ? undefined : evaluate(now, period);
  const oldSide = side(a, lookup);
  const newSide = side(b, lookup);
  const inv = b?.value?.invoice ?? a?.value?.invoice;
  const currency = inv?.currency ?? (now ?? old)?.versions[0]?.contract.currency.value ?? '';
  return {
    period,
    currency,
    digits: inv?.minorDigits ?? 2,
    old: oldSide,
    new: newSide,
    difference: totalOf(newSide) - totalOf(oldSide),
    kpis: kpiChanges(a?.value, b?.value),
    lines: lineChanges(a?.value, b?.value),
  };
}

async function readData(path: string, sources: Map<string, SourceFile>): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = await expandPaths([path], ['.yaml', '.yml', '.json', '.csv']);
  const out: SourceFile[] = [];
  for (const p of files) {
    const read = await readSource(p);
    appendAll(diagnostics, read.diagnostics);
    if (read.file !== undefined) {
      sources.set(p, read.file);
      out.push(read.file);
    }
  }
  return { files: out, diagnostics };
}

/** The run's data, whichever way it is given: periods and errors per contract id, and how a side is evaluated. */
interface DiffInput {
  readonly periods: (id: string) => string[];
  readonly errors: (id: string) => Diagnostic[];
  readonly evaluate: EvaluateSide;
}

/**
 * `--data`: the data files; `--sources`: the sources aggregated once for the versions of the
 * changed contracts on both sides. Either way the same data serves both sides (SPEC 11 compares
 * the contracts at the base with the working tree; the data is the working tree's).
 */
async function readInput(opts: DiffOptions, changed: readonly ContractVersions<VersionFile>[], sources: Map<string, SourceFile>): Promise<DiffInput | { readonly usage: string }> {
  if ((opts.data === undefined) === (opts.sources === undefined)) return { usage: 'give either --data <dir|file> or --sources <file>' };
  if (opts.sources !== undefined) {
    const sourced = await aggregateForDiff(opts.sources, changed, sources);
    if ('usage' in sourced) return sourced;
    return { periods: (id) => sourcedPeriods(sourced, id), errors: (id) => sourcesErrors(sourced, id), evaluate: (set, period) => evaluateSourcedVersions(set, period, sourced) };
  }
  const path = opts.data ?? '';
  const data = await readData(path, sources);
  if (data.diagnostics.some((d) => d.code === 'E001' && d.span.file === path)) return { usage: `--data ${path}: no such file or directory` };
  const errors = data.diagnostics.filter((d) => d.severity === 'error');
  return { periods: (id) => dataPeriods(id, data.files), errors: () => errors, evaluate: (set, period) => evaluateVersions(set, data.files, { period }) };
}

/** Build the base side from its files (contracts that do not load are reported per id later). */
function baseSide(files: readonly SourceFile[], sources: Map<string, SourceFile>, errors: Diagnostic[]): Side {
  const entries: VersionFile[] = [];
  for (const f of files) {
    if (isNotContractFile(f.path, f.text)) continue;
    sources.set(f.path, f);
    const loaded = loadContract(f);
    appendAll(errors, loaded.diagnostics.filter((d) => d.severity === 'error'));
    if (loaded.value !== undefined) entries.push({ file: f, contract: loaded.value });
  }
  return contractSetOf(entries, errors);
}

/** Compare the contracts at `base` with the working tree over the data. */
export async function runDiff(opts: DiffOptions): Promise<DiffRun> {
  const sources = new Map<string, SourceFile>();
  const lookup = (p: string): SourceFile | undefined => sources.get(p);
  const baseFiles = await readBaseContracts(opts.base, opts.contracts, opts.cwd);
  if ('usage' in baseFiles) return { kind: 'usage', message: baseFiles.usage };
  const baseErrors: Diagnostic[] = [];
  const old = baseSide(baseFiles.files, sources, baseErrors);
  const nowSet = await readContractSet([opts.contracts], sources);
  if (nowSet.diagnostics.some((d) => d.code === 'E001' && d.span.file === opts.contracts)) return { kind: 'usage', message: `--contracts ${opts.contracts}: no such directory` };
  const now = nowSet.byId;
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changed = ids.filter((id) => digestKey(old.get(id)) !== digestKey(now.get(id)));
  const input = await readInput(opts, changed.flatMap((id) => [old.get(id), now.get(id)].filter((v) => v !== undefined)), sources);
  if ('usage' in input) return { kind: 'usage', message: input.usage };
  const errorsFor = (list: readonly Diagnostic[], files: readonly string[]): string[] => list.filter((d) => d.severity === 'error' && files.includes(d.span.file)).map((d) => locateDiagnostic(d, lookup));
  const contracts: ContractDiff[] = [];
  let unchanged = 0;
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    if (digestKey(a) === digestKey(b)) {
      unchanged++;
      continue;
    }
    const files = { old: a?.versions.map((v) => v.file.path) ?? [], new: b?.versions.map((v) => v.file.path) ?? [] };
    const errors = [...errorsFor(baseErrors, files.old), ...errorsFor(nowSet.diagnostics, files.new)];
    const kind = (b ?? a)?.kind ?? 'month';
    const periods = input
      .periods(id)
      .filter((p) => inRange(p, kind, opts.periods))
      .sort((x, y) => comparePeriods(x, y, kind));
    const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    const inputErrors = input.errors(id);
    const compared = hasErrors(inputErrors) ? [] : periods.map((p) => comparePeriod(p, a, b, input.evaluate, lookup));
    // Periods before the first evaluated one only feed previous()/growth(): show the ones where
    // at least one side has an invoice or a failure.
    const shown = compared.filter((p) => p.old.kind !== 'absent' || p.new.kind !== 'absent');
    contracts.push({ contract: id, change, files, versions: { old: a?.versions.map((v) => v.contract.version.value) ?? [], new: b?.versions.map((v) => v.contract.version.value) ?? [] }, periods: shown, errors: [...errors, ...inputErrors.map((d) => locateDiagnostic(d, lookup))] });
  }
  return { kind: 'done', report: { base: opts.base, contracts, unchanged }, sources };
}
