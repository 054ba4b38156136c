// Sources, engine DuckDB (embedded; imported lazily): Parquet files of a source -> groups of
// accumulators, by the DuckDB dialect's query. Numeric columns must be exact in the file
// (INTEGER/DECIMAL): a FLOAT or DOUBLE column is refused, since no value may pass through a float.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SqlEngine } from '../run.js';
import { accumulatorsOf, type SqlCell } from '../sql/answer.js';
import { sqlString } from '../sql/dialect.js';
import { DUCKDB } from '../sql/duckdb.js';
import { buildQuery } from '../sql/query.js';
import { neededColumns } from '../run-support.js';
import type { SqlGroup } from './engine.js';

let connection: Promise<DuckDBConnection> | undefined;

/** The process's one in-memory DuckDB connection (made on first use). */
export async function connect(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((i) => i.connect());
  return connection;
}

/** The DuckDB engine for Parquet files. */
export function duckdbEngine(): SqlEngine {
  return async (req) => {
    const conn = await connect();
    const files = `[${req.files.map(sqlString).join(', ')}]`;
    const from = `read_parquet(${files})`;
    const diagnostics: Diagnostic[] = [];
    const at = req.source.origin.kind === 'files' ? (req.source.origin.patterns[0]?.span ?? req.source.span) : req.source.span;
    let described: Record<string, SqlCell>[];
    try {
      described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS() as Record<string, SqlCell>[];
    } catch (e) {
      return { groups: [], queries: [], diagnostics: [diag('E096', at, { reason: `DuckDB cannot read ${req.files.join(', ')}: ${firstLine(e)}` })] };
    }
    const types = new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
    for (const name of neededColumns(req.source, req.aggregates)) {
      const col = req.source.columns.get(name);
      const header = col?.from[0] ?? name;
      const t = types.get(header);
      if (t === undefined) {
        diagnostics.push(diag('E096', col?.span ?? at, { reason: `column "${header}" is absent from ${req.files.join(', ')}` }, { hint: `the file has: ${[...types.keys()].join(', ')}` }));
      } else if (/^(FLOAT|DOUBLE|REAL)/.test(t) && col !== undefined && col.type !== 'text' && col.type !== 'date') {
        diagnostics.push(diag('E096', col.span, { reason: `column "${header}" is ${t} in ${req.files.join(', ')}: a binary float cannot be read exactly` }, { hint: 'write the file with DECIMAL (or integer) columns' }));
      }
    }
    if (diagnostics.length > 0) return { groups: [], queries: [], diagnostics };
    const q = buildQuery(DUCKDB, req.source, req.aggregates, req.kind, `read_parquet(${files}${DUCKDB.rowOrderColumns})`, req.from !== undefined && req.to !== undefined ? { from: req.from, to: req.to } : undefined);
    try {
      const rows = (await conn.runAndReadAll(q.sql, [...q.params])).getRowObjectsJS() as Record<string, SqlCell>[];
      const groups: SqlGroup[] = rows.map((r) => ({ contract: String(r['c'] ?? ''), period: String(r['p']), rows: Number(r['n']), accumulators: accumulatorsOf(r, q.parts, req.aggregates, req.source) }));
      return { groups, queries: [q.sql], diagnostics };
    } catch (e) {
      return { groups: [], queries: [q.sql], diagnostics: [diag('E096', at, { reason: `DuckDB failed on ${req.files.join(', ')}: ${firstLine(e)}` })] };
    }
  };
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
}
