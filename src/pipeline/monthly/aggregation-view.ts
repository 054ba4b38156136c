// Pipeline for `attain invoice --sources`: a checked contract -> the compact view of it that the
// run's one aggregation reads (id, version, period kind, currency, dates, rounding, metrics, with spans).
import type { Contract, DefineDecl, KpiDecl, MetricDecl, MetricUnit, PaymentDecl, PeriodKind, RoundingMode, Spanned, TestDecl } from '../../contract/model.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';

const NO_DEFINES: ReadonlyMap<string, DefineDecl> = new Map();
const NO_KPIS: ReadonlyMap<string, KpiDecl> = new Map();
const NO_PAYMENTS: readonly PaymentDecl[] = Object.freeze([]);
const NO_TESTS: readonly TestDecl[] = Object.freeze([]);

/** Index of each field's span in `Compact.#spans` (start, end pairs); metrics follow at METRICS. */
const ID = 0;
const VERSION = 2;
const CURRENCY = 4;
const PERIOD = 6;
const FROM = 8;
const UNTIL = 10;
const ROUNDING = 12;
const METRICS = 14;

/**
 * A contract as aggregation reads it, held in two flat arrays (texts, span offsets) and rebuilt
 * into `Contract`'s objects on each read. A run's aggregation is given every contract at once:
 * as plain objects (a wrapper and a span per field, a Map of metric declarations) each view took
 * about 2.2 KB; this one about 0.5 KB, its repeated texts (units, currency, metric names) shared.
 */
class CompactContract implements Contract {
  readonly file: SourceFile;
  readonly #version: number;
  /** id, currency, period, from, until ('' when none), rounding, then each metric's name and unit. */
  readonly #texts: readonly string[];
  readonly #spans: readonly number[];

  constructor(c: Contract, file: SourceFile, share: (s: string) => string) {
    this.file = file;
    this.#version = c.version.value;
    const texts = [c.id.value, share(c.currency.value), share(c.period.value), share(c.effective.from.value), share(c.effective.until?.value ?? ''), share(c.rounding.value)];
    const spans: number[] = [];
    const put = (s: Span | undefined): void => {
      spans.push(s?.start ?? -1, s?.end ?? -1);
    };
    for (const s of [c.id.span, c.version.span, c.currency.span, c.period.span, c.effective.from.span, c.effective.until?.span, c.rounding.span]) put(s);
    for (const m of c.metrics.values()) {
      texts.push(share(m.name), share(m.unit.value));
      put(m.nameSpan);
      put(m.unit.span);
    }
    // Copies of exact length: arrays grown by push keep spare room (about half again).
    this.#texts = texts.slice();
    this.#spans = spans.slice();
  }

  #span(at: number): Span {
    return { file: this.file.path, start: this.#spans[at] as number, end: this.#spans[at + 1] as number };
  }
  #spanned<T>(value: T, at: number): Spanned<T> {
    return { value, span: this.#span(at) };
  }
  #text(i: number): string {
    return this.#texts[i] as string;
  }

  get id(): Spanned<string> {
    return this.#spanned(this.#text(0), ID);
  }
  get version(): Spanned<number> {
    return this.#spanned(this.#version, VERSION);
  }
  get currency(): Spanned<string> {
    return this.#spanned(this.#text(1), CURRENCY);
  }
  get period(): Spanned<PeriodKind> {
    return this.#spanned(this.#text(2) as PeriodKind, PERIOD);
  }
  get effective(): Contract['effective'] {
    const from = this.#spanned(this.#text(3), FROM);
    return this.#spans[UNTIL] === -1 ? { from } : { from, until: this.#spanned(this.#text(4), UNTIL) };
  }
  get rounding(): Spanned<RoundingMode> {
    return this.#spanned(this.#text(5) as RoundingMode, ROUNDING);
  }
  get metrics(): ReadonlyMap<string, MetricDecl> {
    const out = new Map<string, MetricDecl>();
    for (let i = 6, at = METRICS; i < this.#texts.length; i += 2, at += 4) {
      const name = this.#text(i);
      out.set(name, { name, nameSpan: this.#span(at), unit: this.#spanned(this.#text(i + 1) as MetricUnit, at + 2) });
    }
    return out;
  }
  get defines(): ReadonlyMap<string, DefineDecl> {
    return NO_DEFINES;
  }
  get kpis(): ReadonlyMap<string, KpiDecl> {
    return NO_KPIS;
  }
  get payments(): readonly PaymentDecl[] {
    return NO_PAYMENTS;
  }
  get tests(): readonly TestDecl[] {
    return NO_TESTS;
  }
}

/**
 * What aggregation reads of a contract (its id, version, period kind, currency, dates, rounding
 * and metrics: the sources run and the unit check read nothing else), without its KPIs, payments,
 * tests or text, every span naming `file` by its one path string. `share` returns one copy of
 * equal texts across the run's views (a parse result unpacked from the spool has its own of each).
 */
export function aggregationView(c: Contract, file: SourceFile, share: (s: string) => string = (s) => s): Contract {
  return new CompactContract(c, file, share);
}

/** A `share` for aggregationView: one copy of each distinct text, for the life of the returned function. */
export function sharedTexts(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const had = seen.get(s);
    if (had !== undefined) return had;
    seen.set(s, s);
    return s;
  };
}
