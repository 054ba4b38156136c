// Pipeline for the HTML report's history: a bound contract -> every period of its data within the
// contract's effective dates, up to the evaluated period, evaluated and priced (stages 7-8).
import { comparePeriods, periodOrdinal } from '../contract/period.js';
import type { HistoryPoint, KpiPoint, ReportHistory } from '../report/html-history.js';
import { evaluateBound, type BoundSources } from './evaluate-contract.js';

/**
 * Evaluate `bound` for each period of its data between the contract's `effective.from` and
 * `effective.until` (if any) and not after `upTo`. A period whose evaluation reports an error is
 * kept as a point without values (a gap in the charts) with the error's code.
 */
export function evaluateHistory(bound: BoundSources, upTo: string): ReportHistory {
  const contract = bound.checked.contract;
  const kind = contract.period.value;
  const from = periodOrdinal(contract.effective.from.value, kind) ?? 0;
  const until = contract.effective.until === undefined ? Infinity : (periodOrdinal(contract.effective.until.value, kind) ?? Infinity);
  const last = periodOrdinal(upTo, kind) ?? Infinity;
  const periods = [...bound.series.periods.keys()]
    .filter((p) => {
      const ord = periodOrdinal(p, kind);
      return ord !== undefined && ord >= from && ord <= until && ord <= last;
    })
    .sort((a, b) => comparePeriods(a, b, kind));
  const points: HistoryPoint[] = periods.map((period) => {
    const run = evaluateBound(bound, { period });
    if (run.value === undefined) {
      const first = run.diagnostics.find((d) => d.severity === 'error');
      return { period, ...(first === undefined ? {} : { failure: `${first.code} ${first.message}` }) };
    }
    const kpis = new Map<string, KpiPoint>();
    for (const k of run.value.result.kpis) {
      kpis.set(k.id, { status: k.status, ...(k.attainment === undefined ? {} : { attainment: k.attainment }) });
    }
    return { period, kpis, total: run.value.taxed.total };
  });
  return { points };
}
