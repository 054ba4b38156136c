// The same rows through every engine give the same exact values: a CSV read by attain, the Parquet
// file read by DuckDB, and a table in a real (throwaway) PostgreSQL cluster. Where Postgres cannot
// start, its part skips with the reason printed.
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { checkContractFile } from '../../../src/check/check-file.js';
import { closeEngines, LAZY_ENGINES } from '../../../src/sources/engines/lazy.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';
import { runSources } from '../../../src/sources/run.js';
import { startCluster, type Cluster } from '../../helpers/postgres.js';

const CONTRACT = `contract: acme-smm
version: 1
currency: RUB
effective: { from: 2026-01 }
metrics:
  leads: count
  vk_leads: count
  revenue: money
  avg_amount: money
  min_amount: money
  max_amount: money
  first_amount: money
  last_amount: money
  channels: count
  weighted: money
  share_vk: percent
kpis:
  some: { target: leads >= 1 }
`;

const METRICS = `metrics:
  leads: 'count(crm where status == "qualified")'
  vk_leads: 'count(crm where status == "qualified" and channel == "vk")'
  revenue: 'sum(crm.amount where status != "spam")'
  avg_amount: avg(crm.amount)
  min_amount: min(crm.amount)
  max_amount: 'max(crm.amount where channel in ["site"])'
  first_amount: first(crm.amount)
  last_amount: last(crm.amount)
  channels: count_distinct(crm.channel)
  weighted: 'sum(crm.amount where channel == "vk") / count(crm where channel == "vk")'
  share_vk: 'count(crm where channel == "vk") / count(crm)'
`;

const COLUMNS = 'columns: { created_at: date, contract_id: text, status: text, channel: text, amount: money }';

let dir = '';
let cluster: Cluster | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'attain-engines-'));
  copyFileSync('examples/sources/exports/crm/leads.parquet', join(dir, 'leads.parquet'));
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT * FROM read_parquet('${join(dir, 'leads.parquet')}')) TO '${join(dir, 'leads.csv')}' (FORMAT csv, HEADER)`);
  const started = await startCluster();
  skipReason = started.reason;
  cluster = started.cluster;
  if (cluster !== undefined) {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await client.query('CREATE SCHEMA crm; CREATE TABLE crm.leads (created_at date, contract_id text, status text, channel text, amount numeric(12,2))');
    const rows = (await duck.runAndReadAll(`SELECT CAST(created_at AS VARCHAR) d, contract_id, status, channel, CAST(amount AS VARCHAR) a FROM read_parquet('${join(dir, 'leads.parquet')}')`)).getRowObjectsJson();
    for (const r of rows) await client.query('INSERT INTO crm.leads VALUES ($1, $2, $3, $4, $5)', [r['d'], r['contract_id'], r['status'], r['channel'], r['a']]);
    await client.end();
  } else {
    console.warn(`engines.test: Postgres tests skipped: ${skipReason ?? ''}`);
  }
}, 120_000);

afterAll(async () => {
  await closeEngines();
  cluster?.stop();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function values(source: string, env?: string): Promise<Record<string, string>> {
  const path = join(dir, 'sources.yaml');
  const text = `sources:\n  crm:\n${source}\n    contract: { column: contract_id }\n    date: created_at\n    ${COLUMNS}\n${env === undefined ? '' : 'connections:\n  warehouse: { engine: postgres, url: env:ATTAIN_TEST_PG_URL }\n'}${METRICS}`;
  writeFileSync(path, text);
  const sources = loadSourcesFile(createSourceFile(path, text));
  expect(sources.diagnostics).toEqual([]);
  const contract = checkContractFile(createSourceFile(join(dir, 'c.yaml'), CONTRACT)).checked?.contract;
  if (sources.value === undefined || contract === undefined) throw new Error('fixture');
  if (env !== undefined) process.env['ATTAIN_TEST_PG_URL'] = env;
  const result = await runSources({ sources: sources.value, contracts: [contract], periods: new Map([['acme-smm', new Set(['2026-09', '2026-10'])]]) }, LAZY_ENGINES);
  expect([...result.diagnostics, ...[...result.failed.values()].flat()].map((d) => d.message)).toEqual([]);
  const out: Record<string, string> = {};
  for (const [period, record] of result.values.get('acme-smm') ?? new Map()) for (const [m, v] of record) out[`${period} ${m}`] = v.value.toFraction();
  return out;
}

describe('engines agree exactly', () => {
  it('a CSV read by attain and the Parquet file read by DuckDB give identical values', async () => {
    const csv = await values('    files: leads.csv');
    const parquet = await values('    files: leads.parquet');
    expect(Object.keys(csv)).toHaveLength(22);
    expect(parquet).toEqual(csv);
    expect(csv['2026-10 leads']).toBe('98');
    expect(csv['2026-10 channels']).toBe('2');
  }, 60_000);

  it('the same rows in PostgreSQL (aggregated there) give identical values', async (ctx) => {
    if (cluster === undefined) {
      console.warn(`skipped: ${skipReason ?? ''}`);
      ctx.skip();
      return;
    }
    const csv = await values('    files: leads.csv');
    const postgres = await values('    connection: warehouse\n    table: crm.leads', cluster.url);
    expect(postgres).toEqual(csv);
  }, 60_000);

  it('a failing connection is located and never prints the password', async () => {
    const path = join(dir, 'sources.yaml');
    const text = `sources:\n  crm:\n    connection: warehouse\n    table: crm.leads\n    contract: { column: contract_id }\n    date: created_at\n    ${COLUMNS}\nconnections:\n  warehouse: { engine: postgres, url: env:ATTAIN_TEST_PG_URL }\n${METRICS}`;
    const sources = loadSourcesFile(createSourceFile(path, text));
    const contract = checkContractFile(createSourceFile(join(dir, 'c.yaml'), CONTRACT)).checked?.contract;
    if (sources.value === undefined || contract === undefined) throw new Error('fixture');
    process.env['ATTAIN_TEST_PG_URL'] = 'postgresql://agency:S3cr3t-pass@127.0.0.1:1/warehouse';
    const result = await runSources({ sources: sources.value, contracts: [contract] }, LAZY_ENGINES);
    const found = result.failed.get('acme-smm') ?? [];
    expect(found.map((d) => d.code)).toEqual(['E097']);
    expect(JSON.stringify(found)).not.toContain('S3cr3t-pass');
    expect(found[0]?.span.start).toBe(text.indexOf('warehouse'));
  }, 60_000);
});
