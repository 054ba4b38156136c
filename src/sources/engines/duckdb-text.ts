// Sources, engine DuckDB for large text exports (imported lazily): a CSV/TSV file -> groups of
// accumulators by sql/text-query.ts, or undefined when DuckDB cannot read it or a cell would be
// read otherwise than by attain (the caller then reads the file row by row and reports it).
import { accumulatorsOf, type SqlCell } from '../sql/answer.js';
import { buildTextQuery } from '../sql/text-query.js';
import { connect } from './duckdb.js';
import type { TextEngine, TextGroup } from './engine.js';

/** The DuckDB engine for text exports. */
export function duckdbTextEngine(): TextEngine {
  return async (req) => {
    const conn = await connect();
    const q = buildTextQuery(req.source, req.aggregates, req.path, req.header, req.textColumns);
    let rows: Record<string, unknown>[];
    try {
      rows = (await conn.runAndReadAll(q.sql, [...q.params])).getRowObjectsJS();
    } catch {
      // A cell the casts refuse, a row of another width, bytes that are not UTF-8, an unterminated
      // quote: attain's reader says what and where.
      return undefined;
    }
    const groups: TextGroup[] = [];
    for (const r of rows) {
      if (Number(r['_odd_n']) > 0) return undefined;
      const texts = new Map<string, (string | null)[]>();
      for (const [col, alias] of q.texts) texts.set(col, ((r[alias] as unknown[] | null) ?? []).map((v) => (v === null || v === undefined ? null : String(v))));
      groups.push({
        contract: r['c'] === null || r['c'] === undefined ? null : String(r['c']),
        month: r['p'] === null || r['p'] === undefined ? null : String(r['p']),
        rows: Number(r['n']),
        accumulators: accumulatorsOf(r as Record<string, SqlCell>, q.parts, req.aggregates, req.source),
        texts,
      });
    }
    return groups;
  };
}
