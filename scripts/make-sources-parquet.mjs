// Writes examples/sources/exports/crm/leads.parquet, the CRM lead table of the sources example,
// with DuckDB's COPY (exact DECIMAL and DATE columns). Deterministic: same file every run.
// Usage: node scripts/make-sources-parquet.mjs
import { DuckDBInstance } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../examples/sources/exports/crm/leads.parquet', import.meta.url));

/** The rows, also loaded into Postgres by the engine-equivalence test (test/unit/sources). */
export const LEADS_SQL = `
  SELECT CAST(DATE '2026-09-01' + CAST(i % 61 AS INTEGER) AS DATE) AS created_at,
         CASE WHEN i % 7 = 3 THEN 'club456' ELSE 'acme-smm' END AS contract_id,
         CASE WHEN i % 5 = 0 THEN 'spam' WHEN i % 5 = 1 THEN 'new' ELSE 'qualified' END AS status,
         CASE WHEN i % 3 = 0 THEN 'vk' ELSE 'site' END AS channel,
         CAST(1500 + (i % 13) * 250.25 AS DECIMAL(12, 2)) AS amount
  FROM range(0, 400) t(i)
  ORDER BY i`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`COPY (${LEADS_SQL}) TO '${target.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
  console.log(`wrote ${target}`);
}
