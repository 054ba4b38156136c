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
  /** `tax: [ids]` on the line (absent: every rate of the contract; empty: not taxed). */
  readonly tax?: Spanned<readonly Spanned<string>[]>;
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

/** A party to the contract: a plain name, or the name with the details an invoice prints. */
export interface PartyDecl {
  readonly name: string;
  readonly taxId?: string;
  readonly address?: string;
  readonly bank?: string;
}

/** One tax rate (SPEC 10); `rate` is an exact fraction as decimal text, e.g. "0.22". */
export interface TaxRateDecl {
  readonly id: string;
  readonly idSpan: Span;
  readonly label: string;
  readonly rate: Spanned<string>;
}

export type TaxPrices = 'exclusive' | 'inclusive';
export type TaxRoundingLevel = 'invoice' | 'line';

/** `tax:`: rates with the terms of the prices and the rounding level, or an exemption text. */
export type TaxDecl =
  | {
      readonly kind: 'rates';
      readonly rates: readonly TaxRateDecl[];
      readonly prices: TaxPrices;
      readonly rounding: TaxRoundingLevel;
      readonly span: Span;
    }
  | { readonly kind: 'exempt'; readonly text: string; readonly span: Span };

/** `invoice:`: the number template and the issue/due days. */
export interface InvoiceDocDecl {
  readonly number?: Spanned<string>;
  /** Day of the month after the period (default 1). */
  readonly issueDay: number;
  /** Days from issue to due date (default 0). */
  readonly dueDays: number;
  readonly span: Span;
}

export type LocaleId = 'en' | 'ru-RU' | 'fr-FR' | 'sr-Latn-RS' | 'sr-Cyrl-RS';

/** `document:`: what the client-facing documents show (all true by default). */
export interface DocumentOptions {
  readonly showIds: boolean;
  readonly showExpressions: boolean;
  readonly showUnapplied: boolean;
}

export interface Contract {
  readonly file: SourceFile;
  readonly id: Spanned<string>;
  readonly version: Spanned<number>;
  readonly title?: string;
  readonly parties?: { readonly agency?: PartyDecl; readonly client?: PartyDecl };
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
  readonly tax?: TaxDecl;
  readonly invoice?: InvoiceDocDecl;
  /** Absent: `en`. */
  readonly locale?: Spanned<LocaleId>;
  readonly document?: DocumentOptions;
  readonly tests: readonly TestDecl[];
}
