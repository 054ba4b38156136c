// Data stage output objects: what bindData returns (DataValue, PeriodValues, PeriodSeries and the
// stage result), and each bound period's values by metric slot for evaluation (metricSlots).
import type { Contract } from '../contract/model.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import type { Rational } from '../engine/rational.js';
import type { DataValue, PeriodSeries, PeriodValues } from './metric-data.js';

// The objects a binding returns are built with `new`, not object literals. V8 keeps survival
// statistics per literal site and, once most objects of a site outlive a scavenge (a program that
// binds many client-months and keeps them), allocates that site's objects in the old generation
// for the rest of the run. A later binding that is evaluated and dropped (a stream) then leaves
// old, dead DataValues pointing at young Rationals, which every scavenge must keep and promote:
// measured, 2-4 MB promoted per scavenge and the from-text rate cut by a third. Constructor
// calls have no such site. Own keys are the interfaces' fields, in their order.

export class BoundValue implements DataValue {
  constructor(
    readonly value: Rational,
    readonly span: Span,
  ) {}
}

export class BoundPeriod implements PeriodValues {
  /** The values again, by metric slot of `#contract` (its declaration order): see metricSlots. */
  readonly #slots: readonly (DataValue | undefined)[];
  readonly #contract: Contract;
  // Assigned in this order in the constructor (own keys: period, values, span).
  declare readonly period: string;
  declare readonly values: ReadonlyMap<string, DataValue>;
  declare readonly span: Span;

  constructor(period: string, record: BoundRecord, span: Span) {
    this.#slots = record.slots;
    this.#contract = record.contract;
    const self = this as { -readonly [K in keyof PeriodValues]: PeriodValues[K] };
    self.period = period;
    self.values = record.values;
    self.span = span;
  }

  static slotsOf(p: PeriodValues, contract: Contract): readonly (DataValue | undefined)[] | undefined {
    return p instanceof BoundPeriod && p.#contract === contract ? p.#slots : undefined;
  }
}

/**
 * A bound period's values by metric slot (the contract's declaration order, as evaluation lays
 * out its frame), or undefined when `values` was not bound by bindData to this very contract.
 * Binding fills it in the same loop as the map, so evaluation need not look every metric up by
 * name. Shared, not copied: callers must not modify it.
 */
export function metricSlots(values: PeriodValues, contract: Contract): readonly (DataValue | undefined)[] | undefined {
  return BoundPeriod.slotsOf(values, contract);
}

export class BoundSeries implements PeriodSeries {
  constructor(
    readonly contract: string,
    readonly periods: ReadonlyMap<string, PeriodValues>,
    readonly sha256: string,
  ) {}
}

export class Bound implements StageResult<PeriodSeries> {
  constructor(
    readonly value: PeriodSeries,
    readonly diagnostics: Diagnostic[],
  ) {}
}

/** A record's values by name and by metric slot. */
export interface BoundRecord {
  readonly values: ReadonlyMap<string, DataValue>;
  readonly slots: readonly (DataValue | undefined)[];
  readonly contract: Contract;
}
