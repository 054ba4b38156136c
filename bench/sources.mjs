// Bench: aggregating a daily per-campaign export (one CSV: date, client, campaign, sessions, bounces,
// duration, leads; C contracts x 365 days x K campaigns) by attain's sources run (exact decimals,
// one pass for every contract; a file this large is read and summed by DuckDB, checked by attain)
// against DuckDB's own GROUP BY over the same file with exact DECIMAL sums, as a ratio; attain's
// peak RSS. Needs dist/ (npm run build).
// Usage: node --expose-gc bench/sources.mjs [rows=1000000] [contracts=1000] [repeats=3]
// Timings come from fresh child processes, attain's and DuckDB's alternating, `repeats` of each
// (a shared machine's load moves both; the median ratio is the figure); the agreement of every
// (contract, month) is checked once in this process.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSourceFile } from '../dist/src/diagnostics/source.js';
import { checkContractFile } from '../dist/src/check/check-file.js';
import { loadSourcesFile } from '../dist/src/sources/load-sources.js';
import { runSources } from '../dist/src/sources/run.js';
import { LAZY_ENGINES } from '../dist/src/sources/engines/lazy.js';

const CHILD = process.argv[2] === '--child' ? { kind: process.argv[3], dir: process.argv[4], contracts: Number(process.argv[5]) } : undefined;
if (CHILD !== undefined) {
  // One timed run in a fresh process: attain's sources run, or DuckDB's own GROUP BY.
  const csv = join(CHILD.dir, 'daily.csv');
  if (CHILD.kind === 'attain') {
    const { sources, list } = attainInputs(CHILD.dir, CHILD.contracts);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await runSources({ sources, contracts: list }, LAZY_ENGINES);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (result.failed.size > 0) throw new Error('attain failed');
    console.log(JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS * 1024 }));
  } else {
    const { ms, cpu } = await duckdbGroupBy(csv);
    console.log(JSON.stringify({ ms, cpu }));
  }
  process.exit(0);
}

const rows = Number(process.argv[2] ?? 1_000_000);
const contracts = Number(process.argv[3] ?? 1000);
const repeats = Number(process.argv[4] ?? 3);
const days = 365;
const campaigns = Math.max(1, Math.ceil(rows / (contracts * days)));
const dir = mkdtempSync(join(tmpdir(), 'attain-bench-sources-'));
const csv = join(dir, 'daily.csv');

// Deterministic rows, day by day (as an export is written): every contract's campaigns each day.
const out = createWriteStream(csv);
out.write('date,client,campaign,sessions,bounces,duration,leads\n');
const start = Date.UTC(2026, 0, 1);
let written = 0;
for (let d = 0; d < days && written < rows; d++) {
  const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < contracts && written < rows; c++) {
    let chunk = '';
    for (let k = 0; k < campaigns && written < rows; k++, written++) {
      const sessions = ((c * 7 + d * 13 + k * 5) % 1000) + 20;
      chunk += `${date},c-${c},cmp-${k},${sessions},${(c * 3 + d + k) % 20},${((c * 31 + d * 17 + k) % 100000) / 100},${(c + d + k) % 7}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
}
out.end();
await once(out, 'finish');
const bytes = statSync(csv).size;

const { sources, list } = attainInputs(dir, contracts);
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const result = await runSources({ sources, contracts: list }, LAZY_ENGINES);
const attainMs = performance.now() - t0;
// Peak of the process so far (the file was written streaming; DuckDB has not run yet).
const attainPeak = process.resourceUsage().maxRSS * 1024;
const failures = [...result.failed.values()].flat();
if (failures.length > 0) throw new Error(failures[0].message);

const { ms: duckMs, rows: duckRows } = await duckdbGroupBy(csv);

// Agreement: every (contract, month) value equal to DuckDB's sums, ratios as ratios of sums.
let mismatches = 0;
for (const r of duckRows) {
  const v = result.values.get(String(r.client))?.get(String(r.p));
  const same = (name, expected) => v?.get(name)?.value.compare(expected) === 0;
  const s = v?.get('sessions')?.value;
  const ok = s !== undefined && same('sessions', String(r.s)) && same('leads', String(r.l)) && v.get('bounce_rate')?.value.mul(s).compare(String(r.b)) === 0 && v.get('avg_time_on_site')?.value.mul(s).compare(String(r.t)) === 0;
  if (!ok) mismatches++;
}
const mib = (n) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const self = fileURLToPath(import.meta.url);
const child = (kind) => {
  const r = spawnSync(process.execPath, [self, '--child', kind, dir, String(contracts)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind} child: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
};
const ratios = [];
const runs = [];
for (let i = 0; i < repeats; i++) {
  const [first, second] = i % 2 === 0 ? ['attain', 'duckdb'] : ['duckdb', 'attain'];
  const got = { [first]: child(first), [second]: child(second) };
  ratios.push(got.attain.ms / got.duckdb.ms);
  runs.push(got);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`sources bench: ${written} rows (${mib(bytes)}), ${contracts} contracts x ${days} days x ${campaigns} campaigns, ${duckRows.length} groups`);
console.log(`  attain (exact, large CSV read and summed by DuckDB, checked by attain): ${(attainMs / 1000).toFixed(1)} s, peak RSS ${mib(attainPeak)} (${mib(rssBefore)} before the run)`);
console.log(`  DuckDB GROUP BY with DECIMAL sums:   ${(duckMs / 1000).toFixed(1)} s`);
console.log(`  ratio attain / DuckDB in this process: ${(attainMs / duckMs).toFixed(2)}x; mismatches ${mismatches}`);
console.log(`  fresh processes, alternating (attain / DuckDB wall s, CPU s; attain peak RSS): ${runs.map((r) => `${(r.attain.ms / 1000).toFixed(2)}/${(r.duckdb.ms / 1000).toFixed(2)} (CPU ${(r.attain.cpu / 1000).toFixed(2)}/${(r.duckdb.cpu / 1000).toFixed(2)}) ${mib(r.attain.rss)}`).join(', ')}`);
console.log(`  wall ratios ${ratios.map((r) => `${r.toFixed(2)}x`).join(', ')}; median ${median(ratios).toFixed(2)}x; CPU ratio median ${median(runs.map((r) => r.attain.cpu / r.duckdb.cpu)).toFixed(2)}x`);
rmSync(dir, { recursive: true, force: true });
process.exit(mismatches === 0 && duckRows.length > 0 ? 0 : 1);

/** The sources file (written to `dir`) and the checked contracts attain's run is given. */
function attainInputs(dir, contracts) {
  const sourcesText = `sources:
  daily:
    files: daily.csv
    contract: { column: client }
    date: date
    columns: { date: date, client: text, campaign: text, sessions: count, bounces: count, duration: duration, leads: count }
metrics:
  sessions: sum(daily.sessions)
  bounce_rate: sum(daily.bounces) / sum(daily.sessions)
  avg_time_on_site: sum(daily.duration) / sum(daily.sessions)
  leads: sum(daily.leads)
`;
  writeFileSync(join(dir, 'sources.yaml'), sourcesText);
  const sources = loadSourcesFile(createSourceFile(join(dir, 'sources.yaml'), sourcesText)).value;
  const list = [];
  for (let c = 0; c < contracts; c++) {
    const text = `contract: c-${c}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { sessions: count, bounce_rate: percent, avg_time_on_site: duration, leads: count }\nkpis:\n  k: { target: sessions >= 0 }\n`;
    const checked = checkContractFile(createSourceFile(`c-${c}.yaml`, text));
    if (checked.checked === undefined) throw new Error(JSON.stringify(checked.diagnostics));
    list.push(checked.checked.contract);
  }
  return { sources, list };
}

/** DuckDB's own GROUP BY over the file, typed columns, exact DECIMAL sums; a fresh instance. */
async function duckdbGroupBy(csv) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const reader = await db.runAndReadAll(
    `SELECT client, strftime(date, '%Y-%m') AS p, CAST(sum(sessions) AS VARCHAR) AS s, CAST(sum(bounces) AS VARCHAR) AS b, CAST(sum(duration) AS VARCHAR) AS t, CAST(sum(leads) AS VARCHAR) AS l
   FROM read_csv('${csv}', header = true, columns = {'date': 'DATE', 'client': 'VARCHAR', 'campaign': 'VARCHAR', 'sessions': 'BIGINT', 'bounces': 'BIGINT', 'duration': 'DECIMAL(18,2)', 'leads': 'BIGINT'})
   GROUP BY 1, 2`,
  );
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  return { ms, cpu: (cpu.user + cpu.system) / 1000, rows: reader.getRowObjectsJS() };
}
