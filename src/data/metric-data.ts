// Stage output of src/data: metric values per period, typed against a contract's metric units,
// each with the span of the value in its data file (or in the contract's `tests:`).
import type { Span } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Rational } from '../numbers/rational.js';
import type { RawRecord } from '../contract/model.js';

/** One metric value in base units: percent as a fraction, duration in seconds, money in currency units. */
export interface DataValue {
  readonly value: Rational;
  readonly span: Span;
}

export interface PeriodValues {
  readonly period: string;
  readonly values: ReadonlyMap<string, DataValue>;
  /** Span of the period's entry (YAML key, CSV row). */
  readonly span: Span;
}

/** Typed data of one contract: period key -> values, in chronological order. */
export interface PeriodSeries {
  readonly contract: string;
  readonly periods: ReadonlyMap<string, PeriodValues>;
  /** sha-256 of the data the series came from (the file, or the contract for test data). */
  readonly sha256: string;
}

/** Raw (untyped) periods of one contract as read from a data file. */
export interface RawPeriod {
  readonly period: string;
  readonly record: RawRecord;
  readonly span: Span;
}

/** A data file read but not yet typed: contract id ('' when the file names none) -> periods. */
export interface RawDataSet {
  readonly file: SourceFile;
  readonly contracts: ReadonlyMap<string, readonly RawPeriod[]>;
}
