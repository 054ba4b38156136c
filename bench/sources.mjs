// Bench: aggregating daily export rows (one CSV, C contracts x D days) by attain's sources run
// (text read by attain, exact decimals) against DuckDB's own GROUP BY over the same file with
// exact DECIMAL sums, in one run, reported as a ratio. Needs the compiled dist/ (npm run build).
// Usage: node bench/sources.mjs [rows=1000000]   (10^7 as in the issue: node bench/sources.mjs 10000000)
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { createSourceFile } from '../dist/src/diagnostics/source.js';
import { checkContractFile } from '../dist/src/pipeline/check-file.js';
import { loadSourcesFile } from '../dist/src/sources/load-sources.js';
import { runSources } from '../dist/src/sources/run.js';
import { LAZY_ENGINES } from '../dist/src/sources/engines/lazy.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const days = 365;
const contracts = Math.max(1, Math.round(rows / days));
const dir = mkdtempSync(join(tmpdir(), 'attain-bench-sources-'));
const csv = join(dir, 'daily.csv');

// Deterministic rows: contract c-<n>, every day of 2026, visits and a money spend with 2 decimals.
const out = createWriteStream(csv);
out.write('date,client,visits,spend\n');
const start = Date.UTC(2026, 0, 1);
let written = 0;
for (let c = 0; c < contracts && written < rows; c++) {
  let chunk = '';
  for (let d = 0; d < days && written < rows; d++, written++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    chunk += `${date},c-${c},${(c * 7 + d * 13) % 1000},${((c * 31 + d * 17) % 100000) / 100}\n`;
  }
  if (!out.write(chunk)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

const sourcesText = `sources:\n  daily:\n    files: daily.csv\n    contract: { column: client }\n    date: date\n    columns: { date: date, client: text, visits: count, spend: money }\nmetrics:\n  sessions: sum(daily.visits)\n  ad_spend: sum(daily.spend)\n`;
writeFileSync(join(dir, 'sources.yaml'), sourcesText);
const sources = loadSourcesFile(createSourceFile(join(dir, 'sources.yaml'), sourcesText)).value;
const list = [];
for (let c = 0; c < contracts; c++) {
  const text = `contract: c-${c}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { sessions: count, ad_spend: money }\nkpis:\n  k: { target: sessions >= 0 }\n`;
  list.push(checkContractFile(createSourceFile(`c-${c}.yaml`, text)).checked.contract);
}
global.gc?.();
const t0 = performance.now();
const result = await runSources({ sources, contracts: list }, LAZY_ENGINES);
const attainMs = performance.now() - t0;
const rss = process.memoryUsage().rss;

const db = await (await DuckDBInstance.create(':memory:')).connect();
const t1 = performance.now();
const reader = await db.runAndReadAll(`SELECT client, strftime(CAST(date AS DATE), '%Y-%m') AS p, CAST(sum(CAST(visits AS DECIMAL(38,0))) AS VARCHAR) AS s, CAST(sum(CAST(spend AS DECIMAL(38,2))) AS VARCHAR) AS m FROM read_csv('${csv}', all_varchar = true, header = true) GROUP BY 1, 2`);
const duckMs = performance.now() - t1;
const duckRows = reader.getRowObjectsJS();

// Agreement: every (contract, month) sum equal.
let mismatches = 0;
for (const r of duckRows) {
  const v = result.values.get(String(r.client))?.get(String(r.p));
  if (v?.get('sessions')?.value.toFraction() !== String(r.s) || v?.get('ad_spend')?.value.compare(String(r.m)) !== 0) mismatches++;
}
console.log(`sources bench: ${written} rows, ${contracts} contracts x ${days} days`);
console.log(`  attain (exact, text read by attain): ${attainMs.toFixed(0)} ms, rss ${(rss / 2 ** 20).toFixed(0)} MiB`);
console.log(`  DuckDB GROUP BY with DECIMAL sums:   ${duckMs.toFixed(0)} ms`);
console.log(`  ratio attain / DuckDB: ${(attainMs / duckMs).toFixed(2)}x; groups ${duckRows.length}, mismatches ${mismatches}`);
rmSync(dir, { recursive: true, force: true });
process.exit(mismatches === 0 ? 0 : 1);
