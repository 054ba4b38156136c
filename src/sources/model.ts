// sources.yaml model (built by build-model.ts, read by every later step): sources, connections
// and metric definitions, each field with the Span of its YAML node so findings are located.
import type { Span } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Expr } from '../parser/ast.js';

/** A column's type: what its cells hold, checked before any row is read. */
export type ColumnType = 'count' | 'number' | 'percent' | 'duration' | 'money' | 'text' | 'date';

/** Calendar date formats a date column may use. */
export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'DD.MM.YYYY' | 'MM/DD/YYYY';

export interface Spanned<T> {
  readonly value: T;
  readonly span: Span;
}

/** A typed column of a source, under its stable snake_case name. */
export interface ColumnDecl {
  readonly name: string;
  /** Header texts this column is read from (a preset lists one per UI language). */
  readonly from: readonly string[];
  readonly type: ColumnType;
  readonly dateFormat?: DateFormat;
  /** How a percent cell without `%` is read: `units` (18.2 is 18.2%) or `fraction` (0.182). */
  readonly percent?: 'units' | 'fraction';
  /** Money: the currency, when it is fixed (a preset reads it from the header or a column). */
  readonly currency?: string;
  /** Not additive (users, reach): `sum` of it is an error. */
  readonly nonAdditive?: boolean;
  /**
   * A daily count of people that SPEC 9 does not mark as not additive (VK's reach): `sum` of it is
   * taken as written, with a warning (W093) that people seen on several days count once a day.
   */
  readonly sumWarns?: boolean;
  /** Money whose currency is in another column of the row. */
  readonly currencyColumn?: string;
  /** Localised cell values -> stable ids. */
  readonly values?: Readonly<Record<string, string>>;
  readonly span: Span;
}

/** How a delimited text file is shaped. */
export interface TextFormat {
  /** Undefined: detected from the header line (`,` `;` tab). */
  readonly delimiter?: string;
  /** `auto`: `.` or `,`, whichever the cell uses (see read/numbers.ts). */
  readonly decimal: '.' | ',' | 'auto';
  readonly thousands: string;
  readonly skipLines: number;
  /** Lines starting with this are skipped (and counted). */
  readonly comment?: string;
  /** A row whose first cell is one of these (case-insensitive), starts with a prefix, or matches
   * the pattern is a totals row: skipped and counted. */
  readonly totals: readonly string[];
  readonly totalsPrefixes: readonly string[];
  readonly totalsPattern?: RegExp;
  /** `--` and similar cells meaning "no value". */
  readonly noValue: readonly string[];
  /** Only the first table of the file is read (GA4 stacks several, separated by blank lines). */
  readonly firstTableOnly: boolean;
  /** A `# Start date: 20261001` comment gives the date when the table has none (GA4). */
  readonly startDateComment: boolean;
}

export type ContractRule =
  | { readonly kind: 'path'; readonly pattern: string; readonly span: Span }
  | { readonly kind: 'column'; readonly column: string; readonly span: Span }
  | { readonly kind: 'value'; readonly value: string; readonly span: Span };

export interface FilesOrigin {
  readonly kind: 'files';
  readonly patterns: readonly Spanned<string>[];
}
export interface TableOrigin {
  readonly kind: 'table';
  readonly connection: Spanned<string>;
  readonly table: Spanned<string>;
}

export interface SourceDecl {
  readonly name: string;
  readonly span: Span;
  readonly origin: FilesOrigin | TableOrigin;
  readonly preset?: Spanned<string>;
  readonly contract: ContractRule;
  readonly date?: Spanned<string>;
  readonly timezone?: Spanned<string>;
  readonly map: ReadonlyMap<string, string>;
  readonly format: TextFormat;
  /** Stable name -> column (from the preset and/or `columns:`). */
  readonly columns: ReadonlyMap<string, ColumnDecl>;
  /** Whether the columns are the preset's (a file may lack some) or declared (all required). */
  readonly declared: boolean;
}

export interface ConnectionDecl {
  readonly name: string;
  readonly engine: 'postgres';
  /** The environment variable holding the URL (never the URL itself). */
  readonly env: string;
  readonly span: Span;
}

export type AggregateFn =
  | 'sum'
  | 'count'
  | 'count_distinct'
  | 'min'
  | 'max'
  | 'first'
  | 'last'
  | 'avg'
  | 'weighted_avg';

/** One aggregate call of a definition: `sum(metrica.visits where traffic_source == "direct")`. */
export interface Aggregate {
  /** Stable key shared by equal aggregates (so one is computed once per run). */
  readonly key: string;
  readonly fn: AggregateFn;
  readonly source: string;
  readonly column?: string;
  readonly weight?: string;
  readonly where?: Expr;
  /** The call's text as written, for provenance. */
  readonly text: string;
  readonly span: Span;
}

/** A contract metric's definition: a contract-language expression over aggregates. */
export interface MetricDefinition {
  readonly metric: string;
  /** The expression with each aggregate call replaced by a Name `$<index>`. */
  readonly expr: Expr;
  readonly aggregates: readonly Aggregate[];
  readonly text: string;
  readonly span: Span;
  /** The contract whose override this is (undefined for `metrics:`). */
  readonly contract?: string;
  /** The metric name's key in sources.yaml (for findings about the name itself). */
  readonly nameSpan?: Span;
}

export interface SourcesFile {
  readonly file: SourceFile;
  readonly sources: ReadonlyMap<string, SourceDecl>;
  readonly connections: ReadonlyMap<string, ConnectionDecl>;
  readonly metrics: ReadonlyMap<string, MetricDefinition>;
  /** contract id -> metric -> definition. */
  readonly overrides: ReadonlyMap<string, ReadonlyMap<string, MetricDefinition>>;
  /** contract id of `overrides:` -> its key in sources.yaml. */
  readonly overrideSpans?: ReadonlyMap<string, Span>;
}
