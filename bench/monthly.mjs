// Bench: the monthly run (`attain invoice`) over generated months of 1 000 and 10 000 contracts,
// with one data file per contract (--data) and with one shared CSV (--sources): wall time per contract and peak RSS.
// Usage: node bench/monthly.mjs [sizes=1000,10000] [modes=data,sources] [jobs=1]   (needs npm run build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/attain.js');
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const modes = (process.argv[3] ?? 'data,sources').split(',');
const jobs = process.argv[4] ?? '1';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

/** One contract of the template: a retainer, pay per lead under a traffic KPI, a spend-based bonus and VAT. */
function contractText(id, i) {
  return `contract: ${id}
version: 1
title: Generated client ${i}
parties:
  agency: { name: North Star Agency, tax_id: "7701234567" }
  client: { name: Client ${i} LLC, tax_id: "77${String(i).padStart(8, '0')}" }
currency: RUB
period: month
effective: { from: 2026-01 }
metrics:
  sessions: count
  leads: count
  ad_spend: money
kpis:
  traffic:
    target: sessions >= 9000
    weight: 60%
  spend:
    target: ad_spend >= 20000 RUB
    weight: 40%
payments:
  - id: retainer
    label: Monthly retainer
    amount: ${20000 + (i % 7) * 1000} RUB
  - id: leads
    label: Leads
    quantity: leads
    price: ${300 + (i % 5) * 50} RUB
    when: traffic
  - id: bonus
    label: Bonus for spend
    amount: 5000 RUB
    when: spend and traffic
limits: { max: 150000 RUB }
tax:
  rates: [ { id: vat, label: VAT, rate: 22% } ]
  prices: exclusive
`;
}

function values(i, m) {
  return { sessions: 8000 + ((i * 37 + m * 101) % 6000), leads: 20 + ((i * 13 + m * 7) % 90), spend: `${15000 + ((i * 31 + m * 17) % 20) * 1000}.00` };
}

/** Contracts under `<dir>/contracts`; per-contract YAML data under `<dir>/data`; one CSV + sources.yaml under `<dir>/src`. */
function generate(dir, n) {
  for (const sub of ['contracts', 'data', 'src']) mkdirSync(join(dir, sub), { recursive: true });
  const csv = ['date,client,visits,leads,spend'];
  for (let i = 1; i <= n; i++) {
    const id = `c-${String(i).padStart(5, '0')}`;
    writeFileSync(join(dir, 'contracts', `${id}.yaml`), contractText(id, i));
    const periods = MONTHS.map((p, m) => {
      const v = values(i, m);
      csv.push(`${p}-01,${id},${v.sessions},${v.leads},${v.spend}`);
      return `  ${p}: { sessions: ${v.sessions}, leads: ${v.leads}, ad_spend: ${v.spend} RUB }`;
    });
    writeFileSync(join(dir, 'data', `${id}.yaml`), `contract: ${id}\nperiods:\n${periods.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'src', 'monthly.csv'), csv.join('\n') + '\n');
  writeFileSync(
    join(dir, 'src', 'sources.yaml'),
    `sources:\n  crm:\n    files: monthly.csv\n    contract: { column: client }\n    date: date\n    columns: { date: date, client: text, visits: count, leads: count, spend: money }\nmetrics:\n  sessions: sum(crm.visits)\n  leads: sum(crm.leads)\n  ad_spend: sum(crm.spend)\n`,
  );
}

/** One run under /usr/bin/time -v: wall seconds and peak RSS (MiB). */
function run(dir, mode) {
  const out = join(dir, `out-${mode}`);
  rmSync(out, { recursive: true, force: true });
  const input = mode === 'data' ? ['--data', join(dir, 'data')] : ['--sources', join(dir, 'src', 'sources.yaml')];
  const args = ['-v', process.execPath, BIN, 'invoice', '--contracts', join(dir, 'contracts'), ...input, '--period', '2026-10', '--out', out, '--quiet', '--jobs', jobs];
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  if (r.status !== 0) console.error(r.stderr.split('\n').slice(-30).join('\n'));
  rmSync(out, { recursive: true, force: true });
  return { status: r.status, wall, rss };
}

console.log(`# Monthly run: ${sizes.join(', ')} contracts, --jobs ${jobs}`);
console.log('| contracts | input | exit | wall (s) | ms / contract | peak RSS (MiB) |');
console.log('|---:|---|---:|---:|---:|---:|');
const results = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'attain-bench-monthly-'));
  try {
    generate(dir, n);
    for (const mode of modes) {
      const r = run(dir, mode);
      results.push({ n, mode, ...r });
      console.log(`| ${n} | ${mode === 'data' ? '--data (a file per contract)' : '--sources (one shared CSV)'} | ${r.status} | ${r.wall.toFixed(1)} | ${((r.wall * 1000) / n).toFixed(2)} | ${r.rss.toFixed(0)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// Ratios between the largest and the smallest size, per input mode: flat cost and bounded memory.
const lo = Math.min(...sizes);
const hi = Math.max(...sizes);
for (const mode of modes) {
  const a = results.find((r) => r.n === lo && r.mode === mode);
  const b = results.find((r) => r.n === hi && r.mode === mode);
  if (a === undefined || b === undefined || a === b) continue;
  console.log(`${mode}: time per contract ${hi} / ${lo} = ${(b.wall / hi / (a.wall / lo)).toFixed(2)}x; peak RSS ${hi} / ${lo} = ${(b.rss / a.rss).toFixed(2)}x`);
}
