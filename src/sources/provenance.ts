// Sources, provenance: where every metric value came from (plain data carried into the evaluation
// JSON under inputs.sources, the manifest of a monthly run, and `explain`).

/** One file or table a source read. */
export interface InputProvenance {
  readonly source: string;
  /** File path as given (relative to the working directory), or `table:<name>` for a database. */
  readonly path: string;
  /** sha-256 of the file's bytes (absent for tables). */
  readonly sha256?: string;
  /** Data rows read. */
  readonly rows: number;
  /** Rows not read as data, by reason (totals, comment, blank, preamble, other-table). */
  readonly skipped: Readonly<Record<string, number>>;
}

/** The aggregates behind one metric value of one contract and period. */
export interface ValueProvenance {
  readonly metric: string;
  /** The definition as written in sources.yaml. */
  readonly definition: string;
  readonly aggregates: readonly AggregateProvenance[];
}

/** One aggregate a value was computed from (shared by the values of one contract and period that read it). */
export interface AggregateProvenance {
  readonly aggregate: string;
  readonly source: string;
  /** Rows of the contract and period the aggregate saw (after `where`). */
  readonly rows: number;
  /** Files or tables of the source that held rows of this contract and period. */
  readonly inputs: readonly string[];
}
