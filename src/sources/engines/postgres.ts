// Sources, engine Postgres (pg, imported lazily): a source's table -> groups of accumulators,
// by the Postgres dialect's query with bound parameters; the aggregation runs in the database.
// The URL comes only from the environment variable named in sources.yaml and is never printed.
import pg from 'pg';
import { diag } from '../../diagnostics/codes.js';
import type { ConnectionDecl, SourceDecl, SourcesFile } from '../model.js';
import type { SqlEngine } from '../run.js';
import { accumulatorsOf, type SqlCell } from '../sql/answer.js';
import { POSTGRES } from '../sql/postgres.js';
import { buildQuery } from '../sql/query.js';
import type { SqlGroup } from './engine.js';

/** Remove any password from text that may quote the URL (driver errors sometimes do). */
export function redact(text: string, url: string | undefined): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  if (url !== undefined) {
    try {
      const password = decodeURIComponent(new URL(url).password);
      if (password !== '') out = out.split(password).join('***');
    } catch {
      // not a URL: nothing more to hide
    }
  }
  return out;
}

const pools = new Map<string, pg.Client>();

async function clientFor(conn: ConnectionDecl): Promise<pg.Client> {
  const url = process.env[conn.env];
  if (url === undefined || url === '') throw new Error(`connection "${conn.name}": the environment variable ${conn.env} is not set`);
  const known = pools.get(url);
  if (known !== undefined) return known;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // Numeric and bigint come back as text already; keep every type as text (no float parsing).
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`connection "${conn.name}" (${conn.env}) failed: ${redact(String((e as Error).message), url)}`);
  }
  pools.set(url, client);
  return client;
}

/** Close every connection opened by this process (end of a run). Keyed by URL, never printed. */
export async function closePostgres(): Promise<void> {
  const clients = [...pools.values()];
  pools.clear();
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
}

/** The Postgres engine for one table source. */
export function postgresEngine(source: SourceDecl, sources: SourcesFile): SqlEngine {
  return async (req) => {
    if (source.origin.kind !== 'table') return { groups: [], queries: [], diagnostics: [] };
    const conn = sources.connections.get(source.origin.connection.value);
    if (conn === undefined) throw new Error(`unknown connection "${source.origin.connection.value}"`);
    const client = await clientFor(conn);
    const q = buildQuery(POSTGRES, req.source, req.aggregates, req.kind, POSTGRES.ident(source.origin.table.value), req.from !== undefined && req.to !== undefined ? { from: req.from, to: req.to } : undefined);
    try {
      const result = await client.query({ text: q.sql, values: [...q.params], types: { getTypeParser: () => (v: string) => v } });
      const rows = result.rows as Record<string, SqlCell>[];
      const groups: SqlGroup[] = rows.map((r) => ({ contract: String(r['c'] ?? ''), period: String(r['p']), rows: Number(r['n']), accumulators: accumulatorsOf(r, q.parts, req.aggregates, req.source) }));
      return { groups, queries: [q.sql], diagnostics: [] };
    } catch (e) {
      const url = process.env[conn.env];
      return { groups: [], queries: [q.sql], diagnostics: [diag('E097', source.origin.table.span, { reason: `the query on ${source.origin.table.value} failed: ${redact(String((e as Error).message), url)}` })] };
    }
  };
}
