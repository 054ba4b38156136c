// Input of the HTML report's history charts: one contract evaluated for every period of its data
// (built by src/pipeline/history.ts; the report only reads it).
import type { Rational } from '../numbers/rational.js';
import type { KpiStatus } from '../evaluate/results.js';

/** One KPI in one period: its status and attainment (absent when excluded or no-data). */
export interface KpiPoint {
  readonly status: KpiStatus;
  readonly attainment?: Rational;
}

/** One period of the history; `kpis` (by KPI id) and `total` are absent when the period failed. */
export interface HistoryPoint {
  readonly period: string;
  readonly kpis?: ReadonlyMap<string, KpiPoint>;
  /** Invoice total in minor units. */
  readonly total?: bigint;
  /** Code of the first error when the period failed (shown in the chart's description). */
  readonly failure?: string;
}

/** Periods in chronological order, up to and including the evaluated one. */
export interface ReportHistory {
  readonly points: readonly HistoryPoint[];
}
