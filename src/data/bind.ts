// Data stage, binding: Contract + RawPeriod[] -> PeriodSeries (every value typed against the
// contract's metric units, exact, in base units; periods in chronological order).
// Serves both metric data files and the contract's own `tests:` (bindTestData).
import { diag } from '../diagnostics/codes.js';
import { sortDiagnostics, type Diagnostic, type Span, type StageResult } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';
import type { Contract, MetricDecl, RawRecord, RawValue, TestDecl } from '../contract/model.js';
import { comparePeriods, isPeriodKey } from '../contract/period.js';
import type { PeriodSeries, PeriodValues, RawPeriod } from './metric-data.js';
import { Bound, BoundPeriod, BoundSeries, BoundValue, emptySlots, SlotValues, slotLayout, type BoundRecord } from './bound.js';
import { typeValue } from './type-value.js';
import { appendAll } from '../diagnostics/append-all.js';

/**
 * Type raw periods against `contract`. Checks: period keys of the contract's kind (E058), each
 * period once (E069), known metrics (E061 with did-you-mean), units (E062), currency (E063),
 * negative counts and durations (E064), non-numbers (E065), percent written as a plain number
 * above 1 (E060).
 *
 * The value is returned even when there are errors, without the offending entries (so `validate`
 * can report everything); callers that evaluate must check for errors first. Values are in the
 * contract's metric declaration order and periods in chronological order, so nothing depends on
 * the key order of the data file. Missing metrics are not reported here: history periods are
 * partial by design; evaluation reports what a period needs (E060/E07x).
 */
export function bindData(contract: Contract, periods: readonly RawPeriod[], sha256: string): StageResult<PeriodSeries> {
  const kind = contract.period.value;
  const diagnostics: Diagnostic[] = [];
  const bound = new Map<string, PeriodValues>();
  /** Spans of unknown metric names already reported (made when the first one is found). */
  let unknownReported: Set<string> | undefined;
  let inOrder = true;
  let last: string | undefined;
  for (const p of periods) {
    if (!isPeriodKey(p.period, kind)) {
      const expected = kind === 'month' ? 'a month YYYY-MM such as 2026-10' : 'a quarter YYYY-Qn such as 2026-Q4';
      const reason = `period "${p.period}" does not fit contract "${contract.id.value}", whose periods are ${kind}s: expected ${expected}`;
      diagnostics.push(diag('E058', p.span, { reason }, { labels: [{ span: contract.period.span, message: `period: ${kind}` }] }));
      continue;
    }
    const earlier = bound.get(p.period);
    if (earlier !== undefined) {
      const labels = [{ span: earlier.span, message: 'first given here' }];
      diagnostics.push(diag('E069', p.span, { reason: `period ${p.period} is given twice` }, { labels }));
      continue;
    }
    const before = diagnostics.length;
    const values = bindRecord(contract, p.record, diagnostics);
    if (values.found < p.record.size) {
      // Some names are not the contract's: their E061 come before the values' diagnostics.
      const typed = diagnostics.splice(before);
      reportUnknown(contract, p.record, diagnostics, (unknownReported ??= new Set()));
      appendAll(diagnostics, typed);
    }
    bound.set(p.period, new BoundPeriod(p.period, values, p.span));
    if (last !== undefined && comparePeriods(last, p.period, kind) > 0) inOrder = false;
    last = p.period;
  }
  const series = new BoundSeries(contract.id.value, inOrder ? bound : chronological(bound, kind), sha256);
  return new Bound(series, diagnostics.length === 0 ? diagnostics : sortDiagnostics(diagnostics));
}

/** The periods re-inserted in chronological order (data files may list them in any order). */
function chronological(bound: ReadonlyMap<string, PeriodValues>, kind: Contract['period']['value']): Map<string, PeriodValues> {
  const keys = [...bound.keys()].sort((a, b) => comparePeriods(a, b, kind));
  const sorted = new Map<string, PeriodValues>();
  for (const k of keys) sorted.set(k, bound.get(k) as PeriodValues);
  return sorted;
}

/**
 * Type a contract test's data: its `history` periods plus its `period` with `data`. The series'
 * digest is the contract file's sha-256 (the data lives in the contract).
 */
export function bindTestData(contract: Contract, test: TestDecl): StageResult<PeriodSeries> {
  const periods: RawPeriod[] = [];
  for (const [period, record] of test.history) periods.push({ period, record: record.value, span: record.span });
  periods.push({ period: test.period.value, record: test.data, span: test.period.span });
  return bindData(contract, periods, contract.file.sha256);
}

/** E061 for each name of `record` the contract does not declare (each key span once). */
function reportUnknown(contract: Contract, record: RawRecord, diagnostics: Diagnostic[], unknownReported: Set<string>): void {
  for (const name of record.keys()) {
    if (contract.metrics.has(name)) continue;
    const raw = record.get(name) as RawValue;
    // A CSV header cell is the key of every row: report an unknown column once.
    const at = spanKey(raw.keySpan);
    if (unknownReported.has(at)) continue;
    unknownReported.add(at);
    const guess = suggestName(name, contract.metrics.keys());
    const hint = guess === undefined ? declared(contract) : `did you mean "${guess}"?`;
    diagnostics.push(diag('E061', raw.keySpan, { name: shown(name) }, { hint }));
  }
}

function bindRecord(contract: Contract, record: RawRecord, diagnostics: Diagnostic[]): BoundRecord {
  const layout = slotLayout(contract);
  const slots = emptySlots(layout.names.length);
  const { names, metrics } = layout;
  let size = 0;
  let found = 0;
  for (let slot = 0; slot < names.length; slot++) {
    const raw = record.get(names[slot] as string);
    if (raw === undefined) continue;
    found++;
    const typed = typeValue(raw, metrics[slot] as MetricDecl, contract.currency.value);
    if (typed.diagnostics.length > 0) appendAll(diagnostics, typed.diagnostics);
    if (typed.value !== undefined) {
      slots[slot] = new BoundValue(typed.value, raw.span);
      size++;
    }
  }
  return { values: new SlotValues(slots, layout, size), slots, contract, found };
}

function declared(contract: Contract): string {
  const names = [...contract.metrics.keys()];
  const list = names.slice(0, 10).join(', ') + (names.length > 10 ? ', ...' : '');
  return `contract "${contract.id.value}" declares: ${list}`;
}

function spanKey(span: Span): string {
  return `${span.file}\u0000${span.start}\u0000${span.end}`;
}

function shown(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}...` : name;
}
