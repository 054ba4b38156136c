// Stage 7 output for `attain explain`: the evaluation of one period as a step-by-step trace
// (each define with its value, each KPI with its comparisons and attainment, the score), in the
// order evaluation ran them. Structured data only; the CLI renders it.
import { isNoData, type NoData } from '../language/values.js';
import type { ExplainNode } from './explanation.js';
import { formatValue } from '../language/format-value.js';
import { asFrame } from '../compile/frame.js';
import { explainKpi } from './kpi.js';
import type { KpiStatus, PeriodResult } from './results.js';
import { scalar, describeType } from '../language/value-types.js';

const PERCENT = scalar('percent');

export type TraceStep =
  | {
      readonly kind: 'define';
      readonly name: string;
      /** Human type name ("percent", "money (RUB)"). */
      readonly type: string;
      /** Formatted in its unit, or `no data (...)`. */
      readonly value: string;
      readonly noData?: NoData;
    }
  | {
      readonly kind: 'kpi';
      readonly id: string;
      readonly status: KpiStatus;
      /** Percent strings (`30%`, `95.5%`). */
      readonly weight?: string;
      readonly attainment?: string;
      readonly cappedAttainment?: string;
      readonly explanation: string;
      /** The comparisons of the target with both sides' values (absent when excluded). */
      readonly target?: ExplainNode;
      readonly noData?: NoData;
    }
  | { readonly kind: 'score'; readonly value: string; readonly noData?: NoData };

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
  const text = checked.contract.file.text;
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
        type: describeType(d.type),
        value: formatValue(d.value, d.type),
        ...(isNoData(d.value) ? { noData: d.value } : {}),
      });
    } else if (step.kind === 'kpi') {
      const kpi = checked.kpis[step.slot];
      const r = kpi === undefined ? undefined : kpiById.get(kpi.decl.id);
      if (kpi === undefined || r === undefined) continue;
      const target = r.status === 'excluded' && r.noData === undefined ? undefined : explainKpi(kpi, frame, text);
      steps.push({
        kind: 'kpi',
        id: r.id,
        status: r.status,
        explanation: r.explanation,
        ...(r.weight === undefined ? {} : { weight: formatValue(r.weight, PERCENT) }),
        ...(r.attainment === undefined ? {} : { attainment: formatValue(r.attainment, PERCENT) }),
        ...(r.cappedAttainment === undefined ? {} : { cappedAttainment: formatValue(r.cappedAttainment, PERCENT) }),
        ...(target === undefined ? {} : { target }),
        ...(r.noData === undefined ? {} : { noData: r.noData }),
      });
    } else {
      const v = frame.score;
      steps.push({ kind: 'score', value: formatValue(v, PERCENT), ...(isNoData(v) ? { noData: v } : {}) });
    }
  }
  return { contract: checked.contract.id.value, period: result.period, periodIndex: result.periodIndex, steps };
}
