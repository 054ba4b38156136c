// Sources, presets: the shape of one known export (headers in every UI language -> stable
// snake_case columns with types; how its text is laid out). Data only; read by build-model.ts.
import type { ColumnType, DateFormat } from '../model.js';

/** How a number cell writes its decimal mark: fixed, or `auto` (see read/numbers.ts). */
export type DecimalMark = '.' | ',' | 'auto';

/** One column of a preset. `from` holds header texts; `{currency}` captures an ISO code. */
export interface PresetColumn {
  readonly name: string;
  readonly from: readonly string[];
  readonly type: ColumnType;
  readonly dateFormat?: DateFormat;
  readonly percent?: 'units' | 'fraction';
  readonly nonAdditive?: boolean;
  /** A daily count of people whose sum is warned about (W093; see Column.sumWarns). */
  readonly sumWarns?: boolean;
  /** Money whose currency is in another column of the same row (Google Ads' `Currency code`). */
  readonly currencyColumn?: string;
  /** Localised cell values -> stable ids (`Прямые заходы` -> `direct`). */
  readonly values?: Readonly<Record<string, string>>;
}

export interface Preset {
  readonly name: string;
  readonly columns: readonly PresetColumn[];
  readonly delimiter?: string;
  readonly decimal: DecimalMark;
  readonly comment?: string;
  /** First-cell texts of totals rows (compared case-insensitively after trimming). */
  readonly totals: readonly string[];
  /** A first cell starting with one of these is a totals row (`Total: ...`). */
  readonly totalsPrefixes?: readonly string[];
  readonly noValue: readonly string[];
  readonly firstTableOnly: boolean;
  readonly startDateComment: boolean;
  /** Lines before the header that are not comments (Google Ads' title and date range). */
  readonly skipLines: number;
}
