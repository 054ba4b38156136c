// Sources, large text exports through an engine: one CSV/TSV file -> the same groups, counts and
// provenance attain's row-by-row reader (read/text-source.ts) gives, with the reading and summing
// done by DuckDB; or undefined whenever the result could differ in any way, and the caller then
// reads the file itself (and reports what is wrong with it, where).
import { closeSync, openSync, readSync } from 'node:fs';
import type { Span } from '../diagnostics/diagnostic.js';
import { mergeAccumulators, type Accumulator } from './aggregate.js';
import type { TextEngine } from './engines/engine.js';
import type { Aggregate, SourceDecl } from './model.js';
import { scanFile } from './read/file-scan.js';
import { cellShape, type CellShape, type LinePlan } from './read/line-check.js';
import { readTextHeader, type SkipReason, type TextHeader } from './read/text-source.js';
import { whereColumns } from './run-support.js';
import { textEligible } from './sql/text-query.js';

/** Text exports from this size up are aggregated by DuckDB (below it, loading DuckDB costs more). */
export const ENGINE_TEXT_BYTES = 16 * 1024 * 1024;

/** Bytes of a file's start read for its header. */
const HEAD_BYTES = 1 << 20;

export interface EngineTextContext {
  readonly source: SourceDecl;
  readonly aggregates: readonly Aggregate[];
  /** Columns the run needs (as for attain's reader). */
  readonly needed: ReadonlySet<string>;
  /** How many files the source has (a distinct count over several cannot be added up). */
  readonly files: number;
  /** A raw contract text (trimmed; '' for none) -> the run's contract id, or undefined. */
  readonly resolve: (raw: string) => string | undefined;
  /** A contract's wanted period holding a month (YYYY-MM), or undefined. */
  readonly periodOf: (id: string, month: string) => string | undefined;
}

export interface EngineGroup {
  readonly id: string;
  readonly period: string;
  rows: number;
  readonly accs: Accumulator[];
}

export interface EngineTextRead {
  readonly rows: number;
  readonly skipped: Map<SkipReason, number>;
  readonly headerCurrency: ReadonlyMap<string, { currency: string; span: Span }>;
  readonly headerSpan: Span;
  readonly sha256: string;
  readonly other: number;
  readonly outside: number;
  readonly undated: number;
  /** `${id}\0${period}` -> the group. */
  readonly groups: ReadonlyMap<string, EngineGroup>;
  /** `where` text column -> values seen in wanted rows. */
  readonly seen: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Whether a file goes to the engine at all (eligible source, large enough). */
export function engineTextWanted(ctx: EngineTextContext, path: string, size: number, threshold: number): boolean {
  if (size < threshold) return false;
  // DuckDB's reader takes `*`, `?`, `[` and `{` in a path as a glob: such a file is read by attain.
  if (/[*?[\]{}]/.test(path)) return false;
  if (ctx.files > 1 && ctx.aggregates.some((a) => a.fn === 'count_distinct')) return false;
  return textEligible(ctx.source, ctx.aggregates);
}

function readHead(path: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(HEAD_BYTES);
    const n = readSync(fd, bytes, 0, HEAD_BYTES, 0);
    // A character cut at the end is held back by `stream`; invalid UTF-8 throws.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** How each cell of the file must be spelled (read/line-check.ts); columns not declared are text. */
function linePlan(header: TextHeader, source: SourceDecl): LinePlan {
  const shapes: CellShape[] = Array.from({ length: header.width }, () => 'text');
  for (const [name, i] of header.columns) shapes[i] = cellShape(source.columns.get(name)?.type);
  const comment = source.format.comment;
  return { delimiter: Buffer.from(header.delimiter)[0] as number, shapes, ...(comment === undefined || comment === '' ? {} : { comment: Buffer.from(comment) }) };
}

/** Read one text export by the engine; `shown` is its path as provenance and findings show it. */
export async function readTextWithEngine(load: () => Promise<TextEngine>, path: string, shown: string, ctx: EngineTextContext): Promise<EngineTextRead | undefined> {
  const head = readHead(path);
  if (head === undefined) return undefined;
  const header = readTextHeader(shown, head, ctx.source, ctx.needed);
  // The line check reads the delimiter as one byte.
  if (header === undefined || Buffer.byteLength(header.delimiter) !== 1) return undefined;
  const textColumns = [...whereColumns(ctx.aggregates)].filter((c) => ctx.source.columns.get(c)?.type === 'text' && header.columns.has(c));
  // The bytes are hashed and their lines checked here while DuckDB loads and runs the query on its
  // own threads. Whatever fails (DuckDB cannot load, the file cannot be read, a line is not plain)
  // leaves the file to attain's reader, which reports what it finds.
  const request = { source: ctx.source, aggregates: ctx.aggregates, path, header, textColumns };
  const scanning = scanFile(path, linePlan(header, ctx.source)).catch(() => undefined);
  let engine: TextEngine;
  try {
    engine = await load();
  } catch {
    await scanning;
    return undefined;
  }
  const [answer, scan] = await Promise.all([engine(request).catch(() => undefined), scanning]);
  if (answer === undefined || scan === undefined || !scan.lines.plain) return undefined;
  const noValue = ctx.source.format.noValue;
  const distinct = ctx.aggregates.some((a) => a.fn === 'count_distinct');
  let rows = 0;
  // Blank rows (all cells empty) are rows of nulls to DuckDB, in the group without date and with
  // a null contract cell (or the query's constant '' when the contract is not a column).
  const blankRows = scan.lines.blankRows;
  const blankContract = ctx.source.contract.kind === 'column' ? null : '';
  const blank = scan.lines.emptyLines + blankRows;
  let blankLeft = blankRows;
  let other = 0;
  let outside = 0;
  let undated = 0;
  const groups = new Map<string, EngineGroup>();
  const seen = new Map(textColumns.map((c) => [c, new Set<string>()]));
  for (const answered of answer) {
    const g = answered.contract === blankContract && answered.month === null && blankLeft > 0 ? { ...answered, rows: answered.rows - blankLeft } : answered;
    if (g !== answered) blankLeft = 0;
    if (g.rows < 0) return undefined;
    rows += g.rows;
    // attain trims text cells (all Unicode blanks) and reads a no-value marker as empty.
    for (const values of g.texts.values()) {
      if (values.some((v) => v !== null && (v !== v.trim() || noValue.includes(v)))) return undefined;
    }
    const trimmed = g.contract?.trim() ?? '';
    const id = ctx.resolve(noValue.includes(trimmed) ? '' : trimmed);
    if (id === undefined) {
      other += g.rows;
      continue;
    }
    if (g.rows === 0) continue;
    if (g.month === null) {
      undated += g.rows;
      continue;
    }
    const period = ctx.periodOf(id, g.month);
    if (period === undefined) {
      outside += g.rows;
      continue;
    }
    for (const [col, values] of g.texts) for (const v of values) if (v !== null) seen.get(col)?.add(v);
    const key = `${id}\u0000${period}`;
    const into = groups.get(key);
    if (into === undefined) {
      // The engine's accumulators are this read's own: merged into in place, never copied.
      groups.set(key, { id, period, rows: g.rows, accs: [...g.accumulators] });
      continue;
    }
    // Two raw spellings of one contract, or the months of a quarter: add up (distinct counts do not).
    if (distinct) return undefined;
    into.rows += g.rows;
    mergeAccumulators(into.accs, g.accumulators, ctx.aggregates);
  }
  if (blankLeft > 0) return undefined;
  const skipped = new Map<SkipReason, number>();
  if (blank > 0) skipped.set('blank', blank);
  return { rows, skipped, headerCurrency: header.headerCurrency, headerSpan: header.headerSpan, sha256: scan.sha256, other, outside, undated, groups, seen };
}
