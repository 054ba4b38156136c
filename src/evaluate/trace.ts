// Stage 7 output for `attain explain`: the evaluation of one period as a step-by-step trace
// (each define with its value, each KPI with its comparisons and attainment, the score), in the
// order evaluation ran them. Structured data only (exact values and their types); the text is
// written by report/explain-text.ts.
import { isNoData, type NoData, type Value } from '../language/values.js';
import type { KpiExplanation } from './explanation.js';
import { asFrame } from '../compile/frame.js';
import type { KpiStatus, PeriodResult } from './results.js';
import type { ValueType } from '../language/value-types.js';
import type { Rational } from '../numbers/rational.js';

export type TraceStep =
  | {
      readonly kind: 'define';
      readonly name: string;
      readonly type: ValueType;
      /** The exact value (NoData when it has none). */
      readonly value: Value;
      readonly noData?: NoData;
    }
  | {
      readonly kind: 'kpi';
      readonly id: string;
      readonly status: KpiStatus;
      /** Fractions (shown as percent). */
      readonly weight?: Rational;
      readonly attainment?: Rational;
      readonly cappedAttainment?: Rational;
      /** The comparisons of the target with both sides' values, or the window that excluded it. */
      readonly explanation: KpiExplanation;
      readonly noData?: NoData;
    }
  /** The weighted score as a fraction, or NoData. */
  | { readonly kind: 'score'; readonly value: Value; readonly noData?: NoData };

export interface ExplainTrace {
  readonly contract: string;
  readonly period: string;
  readonly periodIndex: number;
  readonly steps: readonly TraceStep[];
}

/** The trace of an evaluated period, in evaluation order. */
export function explainPeriod(result: PeriodResult): ExplainTrace {
  const { program: checked } = result;
  const frame = asFrame(result.context);
  const kpiById = new Map(result.kpis.map((k) => [k.id, k]));
  const defineByName = new Map(result.defines.map((d) => [d.name, d]));
  const steps: TraceStep[] = [];
  const order = checked.steps ?? [
    ...checked.defines.map((define, slot) => ({ kind: 'define' as const, slot, define })),
    ...checked.kpis.map((_, slot) => ({ kind: 'kpi' as const, slot })),
    { kind: 'score' as const },
  ];
  for (const step of order) {
    if (step.kind === 'define') {
      const d = defineByName.get(step.define.name);
      if (d === undefined) continue;
      steps.push({
        kind: 'define',
        name: d.name,
        type: d.type,
        value: d.value,
        ...(isNoData(d.value) ? { noData: d.value } : {}),
      });
    } else if (step.kind === 'kpi') {
      const kpi = checked.kpis[step.slot];
      const r = kpi === undefined ? undefined : kpiById.get(kpi.decl.id);
      if (kpi === undefined || r === undefined) continue;
      steps.push({
        kind: 'kpi',
        id: r.id,
        status: r.status,
        explanation: r.explanation,
        ...(r.weight === undefined ? {} : { weight: r.weight }),
        ...(r.attainment === undefined ? {} : { attainment: r.attainment }),
        ...(r.cappedAttainment === undefined ? {} : { cappedAttainment: r.cappedAttainment }),
        ...(r.noData === undefined ? {} : { noData: r.noData }),
      });
    } else {
      const v = frame.score;
      steps.push({ kind: 'score', value: v, ...(isNoData(v) ? { noData: v } : {}) });
    }
  }
  return { contract: checked.contract.id.value, period: result.period, periodIndex: result.periodIndex, steps };
}
