// Sources, engines: what a SQL engine (DuckDB for Parquet files, Postgres for tables) is
// asked and answers. The answer is one accumulator per aggregate and (contract, period), the same
// shape attain's own aggregation fills for text exports, so values are computed identically.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { PeriodKind } from '../../contract/model.js';
import type { Accumulator } from '../aggregate.js';
import type { Aggregate, SourceDecl } from '../model.js';

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
