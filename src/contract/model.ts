// Stage 3 output: the Contract model built from a schema-valid YAML document. No semantics yet:
// expressions are still text (with their origin in the file), but every field carries its Span.
import type { Span } from '../diagnostics/diagnostic.js';
import type { SourceFile, TextOrigin } from '../diagnostics/source.js';
import type { RoundingMode } from '../numbers/money.js';

export interface Spanned<T> {
  readonly value: T;
  readonly span: Span;
}

/** An expression as written in the contract: its text and where that text lives in the file. */
export interface ExprText {
  readonly text: string;
  readonly origin: TextOrigin;
  /** Span of the whole YAML scalar holding the expression. */
  readonly span: Span;
}

export type MetricUnit = 'count' | 'percent' | 'ratio' | 'duration' | 'money' | 'number';
export type PeriodKind = 'month' | 'quarter';
export type { RoundingMode };
export type OnNoData = 'error' | 'missed' | 'excluded';
export type TierMode = 'graduated' | 'volume';

export interface MetricDecl {
  readonly name: string;
  readonly nameSpan: Span;
  readonly unit: Spanned<MetricUnit>;
  readonly description?: string;
}

export interface DefineDecl {
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: ExprText;
}

/**
 * A JSON value as written in YAML, with the span of every node (for located diagnostics). Used for
 * KPI targets given as JSON Logic rules. Object entries keep their order; keys are plain text.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly span: Span }
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly span: Span };

export interface JsonEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}

export interface KpiDecl {
  readonly id: string;
  readonly idSpan: Span;
  readonly description?: string;
  /**
   * The target expression. For a JSON Logic target (`target: { jsonlogic: ... }`) this holds the
   * rule's compact JSON text (for display only: never parsed as an expression) and `jsonlogic`
   * holds the rule itself.
   */
  readonly target: ExprText;
  /** A target given as an existing JSON Logic rule instead of an expression. */
  readonly jsonlogic?: JsonNode;
  /** A percent expression such as `30%` (must be constant). */
  readonly weight?: ExprText;
  readonly fromPeriod?: Spanned<number>;
  readonly untilPeriod?: Spanned<number>;
  /** `error` when the key is absent (the spec's default: no-data fails the evaluation). */
  readonly onNoData: OnNoData;
  readonly onNoDataSpan?: Span;
  readonly attainment?: ExprText;
  /** Maximum attainment counted in the score (a constant percent); default 100%. */
  readonly cap?: ExprText;
}

export interface TierDecl {
  /** Inclusive upper bound as exact decimal text; absent on the last tier. */
  readonly upTo?: Spanned<string>;
  readonly price?: ExprText;
  readonly flat?: ExprText;
  readonly span: Span;
}

export type PricingDecl =
  | { readonly form: 'amount'; readonly amount: ExprText }
  | { readonly form: 'price'; readonly quantity: ExprText; readonly price: ExprText }
  | {
      readonly form: 'tiers';
      readonly quantity: ExprText;
      readonly mode: Spanned<TierMode>;
      readonly tiers: readonly TierDecl[];
      readonly tiersSpan: Span;
    }
  | {
      readonly form: 'package';
      readonly quantity: ExprText;
      /** Exact decimal text, e.g. "1000". */
      readonly size: Spanned<string>;
      readonly price: ExprText;
      readonly freeUnits?: Spanned<string>;
    };

export interface PaymentDecl {
  readonly id: string;
  readonly idSpan: Span;
  readonly label: string;
  readonly when?: ExprText;
  readonly pricing: PricingDecl;
  readonly min?: ExprText;
  readonly max?: ExprText;
  /** Span of the whole list item. */
  readonly span: Span;
}

export interface LimitsDecl {
  readonly min?: ExprText;
  readonly max?: ExprText;
  readonly span: Span;
}

/**
 * A raw data value as written in YAML (number, string such as `17.5%`, boolean), with its span.
 * Typed against the metric units by the data stage (src/data), not here.
 */
export interface RawValue {
  readonly value: string | number | boolean | null;
  /** The scalar's source text (so `0.10` keeps its digits; numbers are never read via floats). */
  readonly source: string;
  readonly span: Span;
  /** Span of the key naming the metric. */
  readonly keySpan: Span;
}

export type RawRecord = ReadonlyMap<string, RawValue>;

export interface TestExpect {
  readonly kpis?: ReadonlyMap<string, Spanned<string>>;
  /** Money text such as `106000 RUB` (or a number), checked by `attain test`. */
  readonly total?: Spanned<string>;
  readonly lines?: ReadonlyMap<string, Spanned<string>>;
  readonly score?: Spanned<string>;
  readonly span: Span;
}

export interface TestDecl {
  readonly name: string;
  readonly nameSpan: Span;
  readonly period: Spanned<string>;
  readonly data: RawRecord;
  readonly dataSpan: Span;
  /** period key -> values for earlier periods (for previous()/growth()). */
  readonly history: ReadonlyMap<string, Spanned<RawRecord>>;
  readonly expect: TestExpect;
  readonly span: Span;
}

export interface Contract {
  readonly file: SourceFile;
  readonly id: Spanned<string>;
  readonly version: Spanned<number>;
  readonly title?: string;
  readonly parties?: { readonly agency?: string; readonly client?: string };
  readonly currency: Spanned<string>;
  readonly period: Spanned<PeriodKind>;
  readonly effective: { readonly from: Spanned<string>; readonly until?: Spanned<string> };
  readonly rounding: Spanned<RoundingMode>;
  /** In declaration order (Map preserves insertion order). */
  readonly metrics: ReadonlyMap<string, MetricDecl>;
  readonly defines: ReadonlyMap<string, DefineDecl>;
  readonly kpis: ReadonlyMap<string, KpiDecl>;
  readonly payments: readonly PaymentDecl[];
  readonly limits?: LimitsDecl;
  readonly tests: readonly TestDecl[];
}
