// Data stage, completeness: PeriodSeries + the period to evaluate -> E067 when the period has no
// data, W061 for each declared metric the period lacks. History periods may be partial. A missing
// metric is a warning, not an error, because SPEC 3 lets a KPI decide what no data means
// (`on_no_data`); whatever needs the value still fails with a located E070/E071 naming it.
import { diag } from '../diagnostics/codes.js';
import { NO_DIAGNOSTICS, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Contract } from '../contract/model.js';
import type { PeriodSeries } from './metric-data.js';
import { metricSlots } from './bound.js';

/**
 * Check that `period` is present in `series` with every metric the contract declares, in
 * declaration order. W061 points at the period's entry (YAML key, CSV row) with a label at the
 * metric's declaration; E067 (no data at all for the period) points at the latest period of the
 * data, or at the contract id when the data is empty. Call it on a series bound without errors:
 * a value dropped for a type error would be reported again as missing.
 */
export function findMissingMetrics(contract: Contract, series: PeriodSeries, period: string): readonly Diagnostic[] {
  const values = series.periods.get(period);
  if (values === undefined) {
    const latest = [...series.periods.values()].at(-1);
    const known = latest === undefined ? 'the data holds no period' : `the latest period in the data is ${latest.period}`;
    const reason = `no data for period ${period} of contract "${series.contract}" (${known})`;
    return [diag('E067', latest?.span ?? contract.id.span, { reason })];
  }
  // Bound to this contract by bindData: complete when every slot holds a value (no walk by name).
  const slots = metricSlots(values, contract);
  if (slots !== undefined && !slots.includes(undefined)) return NO_DIAGNOSTICS;
  const out: Diagnostic[] = [];
  for (const [name, metric] of contract.metrics) {
    if (values.values.has(name)) continue;
    const labels = [{ span: metric.nameSpan, message: `declared as ${metric.unit.value} here` }];
    out.push(diag('W061', values.span, { name, period }, { labels }));
  }
  return out;
}
