// Stage 7: Program + PeriodSeries -> PeriodResult for one period. Builds the frame
// (metric values by slot, the previous period for previous()/growth()), then runs the defines,
// KPIs and score in dependency order. No-data KPIs are E070 unless on_no_data says otherwise.
import { periodDays, periodIndex, periodMonth, periodOrdinal, periodYear, shiftPeriod } from '../contract/period.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { metricSlots } from '../data/bound.js';
import type { DataValue, PeriodSeries, PeriodValues } from '../data/metric-data.js';
import type { EvalStep, Program } from '../compile/program.js';
import type { NoData, Value } from '../language/values.js';
import { createFrame, noData } from '../compile/frame.js';
import { fastChunk, packFastSlots, previousSlotsAt } from '../compile/fast-slots.js';
import { computeScore, evaluateKpi } from './kpi.js';
import { isRational, rational, type Rational } from '../numbers/rational.js';
import { MAX_EXACT_BITS, NumberSizeError } from '../compile/size-limit.js';
import type { DefineResult, KpiResult, PeriodResult } from './results.js';

/**
 * Evaluate `period` (a key such as `2026-10`) of a compiled contract against its metric data.
 * E073 when the period is malformed or has no data; E066 when it lies outside the effective dates.
 * The value is returned even with E070 errors (the KPI then has status `no-data`), so reports and
 * `explain` can show what is missing; callers must not price an invoice when errors are present.
 * `start`: the contract's first period when `checked` is an amendment (a later version): `period.index`
 * and grace windows count from there, not from this version's `effective.from`.
 */
export function evaluatePeriod(checked: Program, series: PeriodSeries, period: string, start?: string): StageResult<PeriodResult> {
  try {
    return evaluatePeriodUnguarded(checked, series, period, start);
  } catch (e) {
    if (e instanceof NumberSizeError) return { diagnostics: [numberSizeDiagnostic(e, `period ${period}`)] };
    throw e;
  }
}

/** E077 at the operation whose exact operands grew past MAX_EXACT_BITS. */
export function numberSizeDiagnostic(e: NumberSizeError, what: string): Diagnostic {
  return diag('E077', e.span, { what, limit: MAX_EXACT_BITS }, { data: { bits: e.bits, limit: MAX_EXACT_BITS } });
}

function evaluatePeriodUnguarded(checked: Program, series: PeriodSeries, period: string, start: string | undefined): StageResult<PeriodResult> {
  const layout = layoutOf(checked);
  const info = periodInfo(checked, layout, period, start);
  if ('diagnostic' in info) return { diagnostics: [info.diagnostic] };
  const values = series.periods.get(period);
  if (values === undefined) return { diagnostics: [missingPeriod(checked, period)] };
  const { index, previousPeriod } = info;
  const previousValues = previousPeriod === undefined ? undefined : series.periods.get(previousPeriod);
  const metrics = slotValues(checked, layout.metricNames, values);
  const previous = previousValues === undefined ? undefined : slotValues(checked, layout.metricNames, previousValues);
  const fastAt = packFastSlots(metrics, previous);
  const frame = createFrame({
    period,
    periodIndex: index,
    periodMonth: info.month,
    periodIndexValue: info.indexValue,
    periodMonthValue: info.monthValue,
    periodYearValue: info.yearValue,
    periodDaysValue: info.daysValue,
    periodSpan: values.span,
    metrics,
    previousPeriod,
    previous,
    fast: fastChunk(),
    fastAt,
    fastPreviousAt: previousSlotsAt(fastAt, metrics.length),
    defines: layout.defines.slice(),
    kpiMet: layout.kpiMet.slice(),
    kpiAttainment: layout.kpiAttainment.slice(),
    kpiStatus: layout.kpiAttainment.slice(),
    score: layout.notEvaluated,
  });
  const diagnostics: Diagnostic[] = [];
  // Copies of the layout's templates (a builtin copy: one allocation each, no growth).
  const kpis = layout.kpis.slice();
  const defines = layout.defineResults.slice();
  let defined = 0;
  // KPI slots filled: all of them (the usual case) means no slot is undefined, without a scan.
  let evaluated = 0;
  const text = checked.contract.file.text;
  for (const step of layout.steps) {
    switch (step.kind) {
      case 'define': {
        const value = step.define.compiled.evaluate(frame);
        frame.defines[step.slot] = value;
        defines[defined++] = { name: step.define.name, type: step.define.compiled.type, value };
        break;
      }
      case 'kpi': {
        const kpi = checked.kpis[step.slot];
        if (kpi !== undefined && kpis[step.slot] === undefined) evaluated++;
        if (kpi !== undefined) kpis[step.slot] = evaluateKpi(kpi, step.slot, frame, text, diagnostics);
        break;
      }
      case 'score':
        frame.score = computeScore(checked.kpis, kpis, frame, checked.contract.id.span);
        break;
    }
  }
  const score = frame.score;
  const results = evaluated < kpis.length ? kpis.filter((k): k is KpiResult => k !== undefined) : (kpis as KpiResult[]);
  if (defined < defines.length) defines.length = defined;
  // Two literals rather than a spread of the optional `score` (V8 makes that spread costly); the
  // keys keep their documented order.
  const value: PeriodResult = isRational(score)
    ? { program: checked, period, periodIndex: index, defines: defines as DefineResult[], kpis: results, score, context: frame }
    : { program: checked, period, periodIndex: index, defines: defines as DefineResult[], kpis: results, context: frame };
  return { value, diagnostics: diagnostics.length > 1 ? sortDiagnostics(diagnostics) : diagnostics };
}

/** Declaration order: right when nothing refers across kinds (Programs built by hand). */
function defaultSteps(checked: Program): EvalStep[] {
  return [
    ...checked.defines.map((define, slot): EvalStep => ({ kind: 'define', slot, define })),
    ...checked.kpis.map((_, slot): EvalStep => ({ kind: 'kpi', slot })),
    { kind: 'score' },
  ];
}

/**
 * What every period of a contract shares: metric names by slot, the not-yet-evaluated value, the
 * steps, and the initial contents of the per-period arrays (copied with slice()).
 */
interface FrameLayout {
  readonly metricNames: readonly string[];
  readonly notEvaluated: NoData;
  readonly steps: readonly EvalStep[];
  /** frame.defines, frame.kpiMet, frame.kpiAttainment before evaluation. */
  readonly defines: readonly Value[];
  readonly kpiMet: readonly Value[];
  readonly kpiAttainment: readonly Value[];
  /** KPI results by slot (all undefined) and define results (one per define step). */
  readonly kpis: readonly (KpiResult | undefined)[];
  readonly defineResults: readonly (DefineResult | undefined)[];
  /** periodInfo by period key (bounded; see periodInfo). */
  readonly periods: Map<string, PeriodInfo | { readonly diagnostic: Diagnostic }>;
}

/** What a period key means for a contract; depends only on the contract and the key. */
interface PeriodInfo {
  readonly index: number;
  readonly previousPeriod: string | undefined;
  readonly month: number;
  readonly indexValue: Rational;
  readonly monthValue: Rational;
  readonly yearValue: Rational;
  readonly daysValue: Rational;
}

const PERIOD_CACHE_SIZE = 1024;

/**
 * The period's index, previous key and month (or E073/E066), computed once per contract and key:
 * bulk runs evaluate one contract for many clients in the same period. The cached values are
 * immutable (strings, numbers, Rationals), so sharing them between frames changes nothing.
 */
function periodInfo(checked: Program, layout: FrameLayout, period: string, start: string | undefined): PeriodInfo | { readonly diagnostic: Diagnostic } {
  const key = start === undefined ? period : `${period}@${start}`;
  let info = layout.periods.get(key);
  if (info === undefined) {
    info = computePeriodInfo(checked, period, start);
    if (layout.periods.size >= PERIOD_CACHE_SIZE) layout.periods.clear();
    layout.periods.set(key, info);
  }
  return info;
}

function computePeriodInfo(checked: Program, period: string, start: string | undefined): PeriodInfo | { readonly diagnostic: Diagnostic } {
  const kind = checked.contract.period.value;
  const located = locatePeriod(checked, period, start);
  if (located.diagnostic !== undefined) return { diagnostic: located.diagnostic };
  const index = located.index;
  const month = periodMonth(period, kind) ?? 0;
  const yearValue = rational(periodYear(period, kind) ?? 0);
  const daysValue = rational(periodDays(period, kind) ?? 0);
  return { index, previousPeriod: shiftPeriod(period, kind, -1), month, indexValue: rational(index), monthValue: rational(month), yearValue, daysValue };
}

const LAYOUTS = new WeakMap<Program, FrameLayout>();

/** Computed once per program (bulk runs evaluate one contract for many clients). */
function layoutOf(checked: Program): FrameLayout {
  let layout = LAYOUTS.get(checked);
  if (layout === undefined) {
    const notEvaluated = noData('not evaluated', checked.contract.id.span);
    const steps = checked.steps ?? defaultSteps(checked);
    const kpiCount = checked.kpis.length;
    layout = {
      metricNames: [...checked.contract.metrics.keys()],
      notEvaluated,
      steps,
      defines: filled(checked.contract.defines.size, notEvaluated),
      kpiMet: filled(kpiCount, false),
      kpiAttainment: filled(kpiCount, notEvaluated),
      kpis: filled<KpiResult | undefined>(kpiCount, undefined),
      defineResults: filled<DefineResult | undefined>(steps.filter((s) => s.kind === 'define').length, undefined),
      periods: new Map(),
    };
    LAYOUTS.set(checked, layout);
  }
  return layout;
}

/** A packed array of `count` copies of `value`. */
function filled<T>(count: number, value: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(value);
  return out;
}

/** The period's values by metric slot: as bindData laid them out, or looked up by name. */
function slotValues(checked: Program, names: readonly string[], values: PeriodValues): readonly (DataValue | undefined)[] {
  const bound = metricSlots(values, checked.contract);
  if (bound !== undefined) return bound;
  const out: (DataValue | undefined)[] = [];
  for (const name of names) out.push(values.values.get(name));
  return out;
}

function locatePeriod(checked: Program, period: string, start: string | undefined): { index: number; diagnostic?: undefined } | { diagnostic: Diagnostic } {
  const c = checked.contract;
  const kind = c.period.value;
  const from = c.effective.from;
  const own = periodIndex(period, from.value, kind);
  // An amendment is in force from its own `from`, but counts periods from the contract's start.
  const index = own === undefined || own < 1 || start === undefined ? own : periodIndex(period, start, kind);
  const fail = (span: typeof from.span, reason: string, code: 'E073' | 'E066' = 'E073'): { diagnostic: Diagnostic } => ({ diagnostic: diag(code, span, { reason }) });
  if (index === undefined) return fail(c.period.span, `"${period}" is not a ${kind} period (e.g. ${kind === 'month' ? '2026-10' : '2026-Q4'})`);
  if (index < 1) return fail(from.span, `period ${period} is before the contract starts (${from.value})`, 'E066');
  const until = c.effective.until;
  if (until !== undefined && (periodOrdinal(period, kind) ?? 0) > (periodOrdinal(until.value, kind) ?? Infinity)) {
    return fail(until.span, `period ${period} is after the contract ends (${until.value})`, 'E066');
  }
  return { index };
}

function missingPeriod(checked: Program, period: string): Diagnostic {
  const c = checked.contract;
  return diag('E073', c.id.span, { reason: `the metric data has no period ${period} for contract "${c.id.value}"` });
}
