// Sources, engines: what a SQL engine (DuckDB for Parquet files and large text exports, Postgres
// for tables) is asked and answers. The answer is one accumulator per aggregate and group, the
// shape attain's own aggregation fills for text exports, so values are computed identically.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PeriodKind } from '../../contract/model.js';
import type { Accumulator } from '../aggregate.js';
import type { Aggregate, SourceDecl } from '../model.js';
import type { TextHeader } from '../read/text-source.js';

export interface SqlRequest {
  readonly source: SourceDecl;
  readonly aggregates: readonly Aggregate[];
  readonly kind: PeriodKind;
  /** Inclusive first and exclusive last day (YYYY-MM-DD) of the run's periods, when bounded. */
  readonly from?: string;
  readonly to?: string;
  /** Files for DuckDB (absolute paths); empty for a table. */
  readonly files: readonly string[];
}

export interface SqlGroup {
  /** The raw contract value (before `map:`); '' for path/value rules. */
  readonly contract: string;
  readonly period: string;
  readonly rows: number;
  readonly accumulators: readonly Accumulator[];
}

export interface SqlAnswer {
  readonly groups: readonly SqlGroup[];
  /** The SQL as run (parameters bound separately), for the manifest. */
  readonly queries: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A large text export DuckDB is asked to read and aggregate as attain would (sql/text-query.ts). */
export interface TextRequest {
  readonly source: SourceDecl;
  readonly aggregates: readonly Aggregate[];
  /** The file (absolute path). */
  readonly path: string;
  readonly header: TextHeader;
  /** Text columns `where` compares: their distinct values per group are returned. */
  readonly textColumns: readonly string[];
}

/** One group of rows by raw contract text and month. */
export interface TextGroup {
  readonly contract: string | null;
  /** YYYY-MM, or null when the row has no date. */
  readonly month: string | null;
  /** Rows (blank rows of empty cells included: they are in the group without contract and date). */
  readonly rows: number;
  /** By aggregate index. */
  readonly accumulators: readonly Accumulator[];
  /** Text column -> distinct values in the group (null: an empty cell). */
  readonly texts: ReadonlyMap<string, readonly (string | null)[]>;
}

/** The groups, or undefined when the file holds anything attain would read otherwise. */
export type TextEngine = (request: TextRequest) => Promise<readonly TextGroup[] | undefined>;
