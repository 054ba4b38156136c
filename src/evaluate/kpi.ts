// Stage 7: KPIs. A KPI's status (met / missed / excluded / no-data), attainment, capped
// attainment and explanation (data), and the weighted score with excluded weights redistributed.
//
// Decisions: attainment is never below 0 (a negative ratio, e.g. negative growth, counts as 0);
// an excluded KPI reads as met and its attainment() as min(100%, cap), so ramp-up is not penalised.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { ProgramKpi } from '../compile/program.js';
import { isNoData, type NoData, type Value } from '../language/values.js';
import { isCompiledTree } from '../compile/compile-expression.js';
import { explainNode, outcomeOf } from './explanation.js';
import type { ExplainNode, KpiExplanation } from './explanation.js';
import type { Frame } from '../compile/frame.js';
import { noData } from '../compile/frame.js';
import { ONE, ZERO, compareRationals, divRationals, fromSafeIntegers, gcdSafe, isRational, isZero } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { MAX_SAFE, safePart } from '../numbers/safe-fraction.js';
import type { KpiResult, KpiStatus } from './results.js';

function minR(a: Rational, b: Rational): Rational {
  return compareRationals(a, b) <= 0 ? a : b;
}

/** Attainment (before the cap) for a met/missed target, or NoData. */
function attainmentOf(kpi: ProgramKpi, met: boolean, frame: Frame): Value {
  const form = kpi.form;
  switch (form.kind) {
    case 'met-or-missed':
      return met ? ONE : ZERO;
    case 'explicit':
      return form.attainment.evaluate(frame);
    case 'higher-is-better':
    case 'lower-is-better': {
      const x = form.value.evaluate(frame);
      const t = form.threshold.evaluate(frame);
      if (!isRational(x)) return x;
      if (!isRational(t)) return t;
      // Two branches, not a destructured pair (no array per KPI).
      const higher = form.kind === 'higher-is-better';
      const den = higher ? t : x;
      // SPEC 3: a zero denominator gives the cap when met and 0 when missed (a missed KPI never
      // earns attainment from it: a missed `change >= 0` once earned the cap).
      if (isZero(den)) return met ? kpi.cap : ZERO;
      return divRationals(higher ? x : t, den);
    }
  }
}

/** Explanation tree of a KPI's target in this frame. */
export function explainKpi(kpi: ProgramKpi, frame: Frame, text: string, value?: Value): ExplainNode | undefined {
  return isCompiledTree(kpi.target) ? explainNode(kpi.target.node, frame, text, value) : undefined;
}

/** A target that is not an expression tree (a JSON Logic rule): its text and outcome. */
function opaqueExplanation(kpi: ProgramKpi, value: Value): ExplainNode {
  return { kind: 'opaque', text: kpi.decl.target.text, jsonlogic: kpi.decl.jsonlogic !== undefined, outcome: outcomeOf(value) };
}

/**
 * Why the KPI came out as it did in `frame`, as data (the report layer writes the sentence).
 * `value` is the target's value, already evaluated.
 */
function targetExplanation(kpi: ProgramKpi, frame: Frame, text: string, value: Value): KpiExplanation {
  return { kind: 'target', target: explainKpi(kpi, frame, text, value) ?? opaqueExplanation(kpi, value) };
}

/**
 * Evaluate one KPI in `frame` and record what payments and other KPIs read: `kpiMet[slot]` and
 * `kpiAttainment[slot]` (capped). `text` is the contract file's text (for explanations). A KPI
 * with no data adds its E070 to `diagnostics` (unless on_no_data says otherwise). The result is
 * plain data, built once: a copy (spread, structuredClone) holds everything.
 */
export function evaluateKpi(kpi: ProgramKpi, slot: number, frame: Frame, text: string, diagnostics: Diagnostic[]): KpiResult {
  const { decl } = kpi;
  const idx = frame.periodIndex;
  if ((decl.fromPeriod !== undefined && idx < decl.fromPeriod.value) || (decl.untilPeriod !== undefined && idx > decl.untilPeriod.value)) {
    frame.kpiMet[slot] = true;
    frame.kpiAttainment[slot] = minR(ONE, kpi.cap);
    frame.kpiStatus[slot] = 'excluded';
    const window: KpiExplanation = {
      kind: 'window',
      ...(decl.fromPeriod === undefined ? {} : { from: decl.fromPeriod.value }),
      ...(decl.untilPeriod === undefined ? {} : { until: decl.untilPeriod.value }),
      periodIndex: idx,
    };
    return excludedResult(kpi, window);
  }
  const met = kpi.target.evaluate(frame);
  const raw = typeof met === 'boolean' ? attainmentOf(kpi, met, frame) : met;
  if (typeof met !== 'boolean' || !isRational(raw)) {
    const cause: NoData = isNoData(raw) ? raw : noData('the target has no value', kpi.target.span);
    return noDataResult(kpi, slot, frame, cause, targetExplanation(kpi, frame, text, met), baseOf(kpi), diagnostics);
  }
  const attainment = compareRationals(raw, ZERO) < 0 ? ZERO : raw;
  const capped = minR(attainment, kpi.cap);
  frame.kpiMet[slot] = met;
  frame.kpiAttainment[slot] = capped;
  frame.kpiStatus[slot] = met ? 'met' : 'missed';
  const status: KpiStatus = met ? 'met' : 'missed';
  const explanation = targetExplanation(kpi, frame, text, met);
  const id = decl.id;
  const weight = kpi.weight;
  // Literals in the documented key order (V8 makes object spread costly here).
  return weight === undefined
    ? { id, status, attainment, cappedAttainment: capped, explanation }
    : { id, weight, status, attainment, cappedAttainment: capped, explanation };
}

/**
 * A KPI excluded by its period window (every client in the ramp-up months): the keys id, weight
 * when declared, status, explanation, as literals (V8 makes object spread costly here).
 */
function excludedResult(kpi: ProgramKpi, explanation: KpiExplanation): KpiResult {
  const id = kpi.decl.id;
  const weight = kpi.weight;
  return weight === undefined ? { id, status: 'excluded', explanation } : { id, weight, status: 'excluded', explanation };
}

/** The keys every KpiResult starts with (id, then weight when declared). */
function baseOf(kpi: ProgramKpi): { readonly id: string; readonly weight?: Rational } {
  return { id: kpi.decl.id, ...(kpi.weight === undefined ? {} : { weight: kpi.weight }) };
}

function noDataResult(
  kpi: ProgramKpi,
  slot: number,
  frame: Frame,
  cause: NoData,
  explanation: KpiExplanation,
  base: { readonly id: string; readonly weight?: Rational },
  diagnostics: Diagnostic[],
): KpiResult {
  const mode = kpi.decl.onNoData;
  if (mode === 'missed') {
    frame.kpiMet[slot] = false;
    frame.kpiAttainment[slot] = ZERO;
    frame.kpiStatus[slot] = 'missed';
    return { ...base, status: 'missed', attainment: ZERO, cappedAttainment: ZERO, explanation, noData: cause };
  }
  if (mode === 'excluded') {
    frame.kpiMet[slot] = true;
    frame.kpiAttainment[slot] = minR(ONE, kpi.cap);
    frame.kpiStatus[slot] = 'excluded';
    return { ...base, status: 'excluded', explanation, noData: cause };
  }
  frame.kpiMet[slot] = cause;
  frame.kpiAttainment[slot] = cause;
  frame.kpiStatus[slot] = cause;
  const labels = [{ span: cause.span, message: cause.reason }, ...(cause.labels ?? [])];
  diagnostics.push(diag('E070', kpi.target.span, { kpi: kpi.decl.id, reason: cause.reason }, { labels, data: { kpi: kpi.decl.id } }));
  return { ...base, status: 'no-data', explanation, noData: cause };
}

/**
 * The weighted score: sum(weight x capped attainment) / sum(counted weights) over weighted KPIs
 * that are not excluded (so excluded weights are redistributed proportionally). NoData when a
 * counted KPI has no data, or when no weighted KPI counts this period.
 */
export function computeScore(kpis: readonly ProgramKpi[], results: readonly (KpiResult | undefined)[], frame: Frame, fallback: Span): Value {
  return fastScore(kpis, results) ?? rationalScore(kpis, results, frame, fallback);
}

/** computeScore on rationals only (the reference the fast path must agree with). @internal */
export function rationalScore(kpis: readonly ProgramKpi[], results: readonly (KpiResult | undefined)[], frame: Frame, fallback: Span): Value {
  let sum = ZERO;
  let weights = ZERO;
  let span: Span | undefined;
  for (let i = 0; i < kpis.length; i++) {
    const kpi = kpis[i];
    const r = results[i];
    if (kpi?.weight === undefined || r === undefined) continue;
    span ??= kpi.decl.weight?.span ?? kpi.decl.idSpan;
    if (r.status === 'excluded') continue;
    if (r.status === 'no-data') return r.noData ?? noData(`KPI "${r.id}" has no data`, kpi.decl.idSpan);
    sum = sum.add(kpi.weight.mul(r.cappedAttainment ?? ZERO));
    weights = weights.add(kpi.weight);
  }
  if (isZero(weights)) return noData(`no weighted KPI counts in period ${frame.period}`, span ?? fallback);
  return sum.div(weights);
}

/** fastScore reduces its running sums once a part exceeds this (2^26: two such parts multiply safely). */
const REDUCE_ABOVE = 2 ** 26;

/**
 * What fastScore divides a running sum num/den by: their gcd once a part exceeds REDUCE_ABOVE,
 * else 1 (a gcd costs more than the rest of the step, and small parts keep the next products in
 * range). Dividing by 1 is exact.
 */
function reduction(num: number, den: number): number {
  if (den <= REDUCE_ABOVE && Math.abs(num) <= REDUCE_ABOVE) return 1;
  return gcdSafe(num < 0 ? -num : num, den) || 1;
}

/**
 * The score of rationalScore on safe integers, or undefined when it declines (a part or an
 * intermediate beyond 2^53 - 1, no data, no counted weight: the rational path then decides and
 * builds the NoData). Exact: every value is a pair of integers and every sum or product is checked
 * to fit (the safe-integer argument, src/numbers/safe-fraction.ts; a part that does not fit is
 * NaN, so every later check fails). The running sums are reduced once a part exceeds 2^26 (REDUCE_ABOVE), which
 * only keeps later products in range; the result is built by fromSafeIntegers, which reduces it,
 * so it is the same reduced Rational as the rational path's. @internal
 */
export function fastScore(kpis: readonly ProgramKpi[], results: readonly (KpiResult | undefined)[]): Rational | undefined {
  let sn = 0;
  let sd = 1;
  let wn = 0;
  let wd = 1;
  for (let i = 0; i < kpis.length; i++) {
    const w = kpis[i]?.weight;
    const r = results[i];
    if (w === undefined || r === undefined || r.status === 'excluded') continue;
    if (r.status === 'no-data') return undefined;
    const a = r.cappedAttainment ?? ZERO;
    const xn = safePart(w.n) * (w.s < 0n ? -1 : 1);
    const xd = safePart(w.d);
    const pn = xn * safePart(a.n) * (a.s < 0n ? -1 : 1);
    const pd = xd * safePart(a.d);
    if (!(Math.abs(pn) <= MAX_SAFE && pd <= MAX_SAFE && Math.abs(xn) <= MAX_SAFE)) return undefined;
    // sum += pn/pd; weights += xn/xd (each reduced)
    const s1 = sn * pd;
    const s2 = pn * sd;
    const s3 = sd * pd;
    const w1 = wn * xd;
    const w2 = xn * wd;
    const w3 = wd * xd;
    if (!(Math.abs(s1) <= MAX_SAFE && Math.abs(s2) <= MAX_SAFE && s3 <= MAX_SAFE)) return undefined;
    if (!(Math.abs(w1) <= MAX_SAFE && Math.abs(w2) <= MAX_SAFE && w3 <= MAX_SAFE)) return undefined;
    const sNum = s1 + s2;
    const wNum = w1 + w2;
    if (!(Math.abs(sNum) <= MAX_SAFE && Math.abs(wNum) <= MAX_SAFE)) return undefined;
    // Reduced only once a part is large (see reduction); fromSafeIntegers reduces the result.
    const gs = reduction(sNum, s3);
    sn = sNum / gs;
    sd = s3 / gs;
    const gw = reduction(wNum, w3);
    wn = wNum / gw;
    wd = w3 / gw;
  }
  if (wn === 0) return undefined;
  const num = sn * wd * (wn < 0 ? -1 : 1);
  const den = sd * (wn < 0 ? -wn : wn);
  if (!(Math.abs(num) <= MAX_SAFE && den <= MAX_SAFE)) return undefined;
  return fromSafeIntegers(num, den);
}
