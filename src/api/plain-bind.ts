// Library API, the usual input in one walk: plain JS objects (SPEC 13) -> the bound series of a
// contract (its slot layout) and the data file text plainData writes, or undefined for the rest.
import type { Contract, MetricDecl, RawValue } from '../contract/model.js';
import { periodOrdinal } from '../contract/period.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { sha256Hex } from '../diagnostics/source.js';
import { BoundPeriod, BoundSeries, BoundValue, emptySlots, SlotValues, slotLayout } from '../data/bound.js';
import type { PeriodSeries, PeriodValues } from '../data/metric-data.js';
import { fitsUnit, typePlainNumber } from '../data/plain-number.js';
import { typeValue } from '../data/type-value.js';
import { fromSafeIntegers, type Rational } from '../numbers/rational.js';
import { decimalScale, decimalText, POW10, scaledDigits } from './number-text.js';
import { isObject, quote, type EvaluateInput } from './plain-data.js';

/** What a plainBinder makes of an input it takes: the data as plainData + bindData give it. */
export interface PlainBinding {
  /** dataFileText's text, byte for byte (plainData's). */
  readonly text: string;
  /** sha-256 of `text`: the series' digest and `inputs.data_sha256`. */
  readonly dataSha256: string;
  /** What bindData gives for plainData's periods: same values, every span at the binder's span. */
  readonly series: PeriodSeries;
}

/** Binds one input, or answers undefined for the general route: see plainBinder. */
export type PlainBinder = (input: EvaluateInput) => PlainBinding | undefined;

/**
 * A binder for `contract` (made once per compiled program) whose every span is `span`. It binds
 * the input in the walk that writes the data file text: each name to its metric slot through the
 * contract's slot layout, each JS number typed by its metric's unit on the double (fitsUnit) and
 * built from its digits (number-text.ts; other doubles from their text, typePlainNumber), each
 * string as a data file's value (typeValue), periods checked as they come. No raw values, no Map
 * per period, no whole number or short decimal read back from text.
 *
 * Undefined whenever the walk meets anything the general route (plainData, bindData, the text
 * path) would report, reorder or drop: input that is not well-formed, a period key of the wrong
 * kind, periods out of chronological order, a history entry for the period evaluated, an unknown
 * metric name, a value that does not type cleanly. The caller then takes that route for the whole
 * input, so every finding is the general route's, located in the text.
 */
export function plainBinder(contract: Contract, span: Span): PlainBinder {
  const layout = slotLayout(contract);
  const { index, metrics } = layout;
  const slotCount = layout.names.length;
  const kind = contract.period.value;
  const currency = contract.currency.value;
  const id = contract.id.value;
  // Each metric's entry as plainData writes it (`\n      "name": `, after a comma but the first),
  // made once: no quote() lookup and one concatenation less per value (measured 0.1-0.2 µs a month).
  const firstEntry = layout.names.map((name) => `\n      ${JSON.stringify(name)}: `);
  const nextEntry = firstEntry.map((entry) => `,${entry}`);
  const head = `{\n  "contract": ${JSON.stringify(id)},\n  "periods": {`;

  /** One record's values into slots, its text appended to `text`; undefined to fall back. */
  const bindRecord = (period: string, record: object, text: string, periods: Map<string, PeriodValues>): string | undefined => {
    const slots = emptySlots(slotCount);
    let size = 0;
    let out = text;
    for (const key of Object.keys(record)) {
      const slot = index.get(key);
      if (slot === undefined) return undefined; // E061 (with its did-you-mean) on the general route
      const metric = metrics[slot] as MetricDecl;
      const v: unknown = (record as Record<string, unknown>)[key];
      let written: string;
      let value: Rational | undefined;
      if (typeof v === 'number') {
        const unit = metric.unit.value;
        const k = decimalScale(v);
        if (k >= 0) {
          // A whole number or short decimal: its text and value from its digits (number-text.ts).
          if (!fitsUnit(v, unit)) return undefined;
          const m = scaledDigits(v, k);
          written = decimalText(m, k, v < 0);
          value = fromSafeIntegers(v < 0 ? -m : m, POW10[k] as number);
        } else {
          // NaN and the infinities have a located finding on the text path (JSON writes null).
          if (!Number.isFinite(v)) return undefined;
          // As plainData writes it (JSON.stringify of a finite number is its shortest decimal).
          written = JSON.stringify(v);
          value = typePlainNumber(v, written, unit);
        }
      } else if (typeof v === 'string') {
        written = JSON.stringify(v);
        value = typeString(v, span, metric, currency);
      } else return undefined;
      if (value === undefined) return undefined;
      slots[slot] = new BoundValue(value, span);
      out += (size === 0 ? (firstEntry[slot] as string) : (nextEntry[slot] as string)) + written;
      size++;
    }
    out += size === 0 ? '}' : '\n    }';
    const values = new SlotValues(slots, layout, size);
    periods.set(period, new BoundPeriod(period, { values, slots, contract, found: size }, span));
    return out;
  };

  return (input: EvaluateInput): PlainBinding | undefined => {
    if (typeof input !== 'object' || input === null) return undefined;
    const { period, data } = input;
    const history: unknown = input.history;
    if (typeof period !== 'string' || !isObject(data) || (history !== undefined && !isObject(history))) return undefined;
    const periods = new Map<string, PeriodValues>();
    let text: string | undefined = head;
    let last = -1;
    let first = true;
    if (history !== undefined) {
      for (const key of Object.keys(history)) {
        // plainData drops a history entry for the period evaluated (after checking its shape);
        // an integer-like key would move ahead in its object's order: leave both to it.
        const ordinal = key === period ? undefined : periodOrdinal(key, kind);
        if (ordinal === undefined || ordinal <= last) return undefined;
        const record: unknown = (history as Record<string, unknown>)[key];
        if (!isObject(record)) return undefined;
        text = bindRecord(key, record, `${text}${first ? '' : ','}\n    ${quote(key)}: {`, periods);
        if (text === undefined) return undefined;
        last = ordinal;
        first = false;
      }
    }
    const ordinal = periodOrdinal(period, kind);
    if (ordinal === undefined || ordinal <= last) return undefined;
    text = bindRecord(period, data, `${text}${first ? '' : ','}\n    ${quote(period)}: {`, periods);
    if (text === undefined) return undefined;
    text += '\n  }\n}\n';
    const dataSha256 = sha256Hex(text);
    return { text, dataSha256, series: new BoundSeries(id, periods, dataSha256) };
  };
}

/** A string value typed as in a data file; undefined when typeValue reports anything. */
function typeString(v: string, span: Span, metric: MetricDecl, currency: string): Rational | undefined {
  const raw: RawValue = { value: v, source: v, span, keySpan: span };
  const typed = typeValue(raw, metric, currency);
  return typed.diagnostics.length > 0 ? undefined : typed.value;
}
