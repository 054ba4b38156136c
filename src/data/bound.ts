// Data stage output objects: what bindData returns (DataValue, PeriodValues, PeriodSeries and the
// stage result), and each bound period's values by metric slot for evaluation (metricSlots).
import type { Contract, MetricDecl } from '../contract/model.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import type { Rational } from '../numbers/rational.js';
import type { DataValue, PeriodSeries, PeriodValues } from './metric-data.js';

// The objects a binding returns are built with `new`, not object literals, so a run that keeps
// many bindings does not slow the ones it drops (why: docs/performance.md, "Pretenuring"). Own
// keys are the interfaces' fields, in their order.

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
  /** How many of the record's names the contract declares (bound or not). */
  readonly found: number;
}

/** A contract's metric names by slot and slot by name (built once per contract). */
export interface SlotLayout {
  readonly names: readonly string[];
  readonly metrics: readonly MetricDecl[];
  readonly index: ReadonlyMap<string, number>;
}

/**
 * `count` empty slots, copied by a builtin from a shared template rather than allocated by a
 * literal at each caller, for the same reason as this file builds its objects with `new`.
 */
export function emptySlots(count: number): (DataValue | undefined)[] {
  while (SLOT_TEMPLATE.length < count) SLOT_TEMPLATE.push(undefined);
  return SLOT_TEMPLATE.slice(0, count);
}

const SLOT_TEMPLATE: (DataValue | undefined)[] = [];

const LAYOUTS = new WeakMap<Contract, SlotLayout>();

export function slotLayout(contract: Contract): SlotLayout {
  let layout = LAYOUTS.get(contract);
  if (layout === undefined) {
    const names = [...contract.metrics.keys()];
    layout = { names, metrics: [...contract.metrics.values()], index: new Map(names.map((name, slot) => [name, slot])) };
    LAYOUTS.set(contract, layout);
  }
  return layout;
}

/**
 * A bound period's values by name (PeriodValues.values), read from its metric slots: get, has
 * and size answer from the slots through the contract's name -> slot index; iteration (for-of,
 * entries, keys, values, forEach) goes through a Map built on first use, holding the values in
 * declaration order as a Map filled by binding would. Binding thus builds no hash map per
 * period, and evaluation never needs one.
 */
export class SlotValues implements ReadonlyMap<string, DataValue> {
  readonly #slots: readonly (DataValue | undefined)[];
  readonly #layout: SlotLayout;
  readonly #size: number;
  #map: Map<string, DataValue> | undefined;

  constructor(slots: readonly (DataValue | undefined)[], layout: SlotLayout, size: number) {
    this.#slots = slots;
    this.#layout = layout;
    this.#size = size;
    this.#map = undefined;
  }

  get size(): number {
    return this.#size;
  }

  get(name: string): DataValue | undefined {
    const slot = this.#layout.index.get(name);
    return slot === undefined ? undefined : this.#slots[slot];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(callback: (value: DataValue, key: string, map: ReadonlyMap<string, DataValue>) => void, thisArg?: unknown): void {
    this.#asMap().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, DataValue]> {
    return this.#asMap().entries();
  }

  keys(): MapIterator<string> {
    return this.#asMap().keys();
  }

  values(): MapIterator<DataValue> {
    return this.#asMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, DataValue]> {
    return this.#asMap().entries();
  }

  #asMap(): Map<string, DataValue> {
    if (this.#map === undefined) {
      const map = new Map<string, DataValue>();
      const names = this.#layout.names;
      for (let slot = 0; slot < names.length; slot++) {
        const value = this.#slots[slot];
        if (value !== undefined) map.set(names[slot] as string, value);
      }
      this.#map = map;
    }
    return this.#map;
  }
}
