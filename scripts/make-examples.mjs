// Generates the metric data of the example contracts added in "Contracts from practice":
// examples/<contract-id>/metrics.{yaml,json,csv}. Deterministic (a seeded PRNG per contract, no
// clock, no Math.random), so re-running it rewrites the same bytes. The output is committed; the
// golden invoices beside it are recorded with `npm run test:update-golden`.
//
//   node scripts/make-examples.mjs            # write the files
//   node scripts/make-examples.mjs --check    # exit 1 when a committed file differs
//
// The four original examples (acme-smm, brightway-traffic, nordlicht-leads, sakura-reach) are
// hand-written and not touched here.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: a small, fixed, seeded PRNG (same sequence on every machine). */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** uniform in [lo, hi) */
    real: (lo, hi) => lo + (hi - lo) * next(),
    /** uniform whole number in [lo, hi] */
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
  };
}

/** Fixed-point text of x with `digits` decimals (no exponent, trailing zeros kept). */
const fixed = (x, digits) => x.toFixed(digits);
/** Percent text with one decimal, `17.5%`. */
const pct = (fraction) => `${fixed(fraction * 100, 1)}%`;
/** Duration as `2 min 15 s` (or `45 s`). */
function minSec(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
function months(from, count) {
  let [y, m] = from.split('-').map(Number);
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m === 13) { m = 1; y++; }
  }
  return out;
}
function quarters(from, count) {
  let [y, q] = [Number(from.slice(0, 4)), Number(from.slice(6))];
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-Q${q}`);
    q++;
    if (q === 5) { q = 1; y++; }
  }
  return out;
}

/** YAML data file: one flow mapping per period, keys in the given order. */
function yamlData(header, contract, rows) {
  const lines = [...header.map((h) => `# ${h}`), `contract: ${contract}`, 'periods:'];
  for (const [period, values] of rows) {
    const body = Object.entries(values).map(([k, v]) => `${k}: ${v}`).join(', ');
    lines.push(`  ${period}: { ${body} }`);
  }
  return lines.join('\n') + '\n';
}
/** JSON data file (numbers as numbers, quantities as strings). */
function jsonData(contract, rows) {
  const periods = {};
  for (const [period, values] of rows) periods[period] = values;
  return JSON.stringify({ contract, periods }, null, 2) + '\n';
}
/** CSV data file: header from the first row's keys; cells quoted only when needed. */
function csvData(columns, rows) {
  const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\n') + '\n';
}

const files = new Map();

// --- volga-community-direct: CSV with quantity strings (17.5%, 2 min 5 s, 134 s) -----------------
{
  const r = prng(101);
  const rows = months('2026-01', 12).map((period, i) => {
    const visits = r.int(17000, 32000);
    const share = r.real(0.53, 0.69) + i * 0.002;
    const sessions = r.int(4200, 8200);
    const seconds = r.int(104, 172);
    return {
      contract: 'volga-community-direct',
      period,
      community_visits: visits,
      direct_visits: Math.round(visits * share),
      site_sessions: sessions,
      bounce_rate: pct(r.real(0.14, 0.235)),
      avg_time_on_site: i % 3 === 0 ? `${seconds} s` : minSec(seconds),
      pages_per_session: fixed(r.real(2.8, 4.3), 1),
    };
  });
  files.set('examples/volga-community-direct/metrics.csv',
    csvData(['contract', 'period', 'community_visits', 'direct_visits', 'site_sessions', 'bounce_rate', 'avg_time_on_site', 'pages_per_session'], rows));
}

// --- gulf-reach-cpm: JSON, money as "123.456 KWD" strings ---------------------------------------
{
  const r = prng(202);
  const rows = months('2026-01', 12).map((period) => {
    const reach = r.int(150, 420) * 1000 + r.int(0, 999);
    const impressions = Math.round(reach * r.real(1.3, 3.9));
    const cpm = r.real(0.95, 1.35);
    const spend = Math.round((impressions * cpm) / 1000 * 1000) / 1000; // to the fils
    return [period, { reach, impressions, ad_spend: `${fixed(spend, 3)} KWD` }];
  });
  files.set('examples/gulf-reach-cpm/metrics.json', jsonData('gulf-reach-cpm', rows));
}

// --- mostdom-target-actions: YAML, 2026-03 .. 2027-02, ramp-up in the first 3 months ------------
{
  const r = prng(303);
  const rows = months('2026-03', 12).map((period, i) => {
    const ramp = i < 3 ? 0.45 + i * 0.2 : 1;
    const k = (lo, hi) => Math.round(r.int(lo, hi) * ramp);
    return [period, {
      forms_filled: k(55, 110),
      calls: k(25, 55),
      carts_reached: k(90, 280),
      files_downloaded: k(80, 240),
      demos_requested: k(4, 20),
      contacts_viewed: k(700, 2400),
      ad_spend: `${r.int(1300, 2300) * 100} RUB`,
    }];
  });
  files.set('examples/mostdom-target-actions/metrics.yaml', yamlData(
    ['MostDom: Yandex.Metrica goals, call tracking and ad cabinet spend, monthly export.'],
    'mostdom-target-actions', rows));
}

// --- alpenrose-follower-growth: CSV, plain numbers, history month 2025-12 -----------------------
{
  const r = prng(404);
  let followers = 18400;
  const contract = 'alpenrose-follower-growth';
  const rows = [{ contract, period: '2025-12', followers }];
  for (const period of months('2026-01', 12)) {
    const g = r.real(-0.012, 0.095);
    const next = Math.round(followers * (1 + g));
    const net = next - followers;
    const unfollows = Math.max(r.int(180, 620), -net + r.int(50, 200));
    rows.push({ contract, period, followers: next, new_followers: net + unfollows, unfollows });
    followers = next;
  }
  files.set('examples/alpenrose-follower-growth/metrics.csv',
    csvData(['contract', 'period', 'followers', 'new_followers', 'unfollows'], rows));
}

// --- helix-er-scorecard: YAML, 2026-02 .. 2027-01 ----------------------------------------------
{
  const r = prng(505);
  let followers = 47800;
  const rows = months('2026-02', 12).map((period) => {
    followers += r.int(-300, 1400);
    const reach = r.int(34000, 62000);
    const posts = r.int(16, 26);
    const engagements = Math.round(followers * r.real(0.022, 0.05));
    const comments = Math.round(followers * r.real(0.0013, 0.0032));
    const shares = Math.round(posts * r.real(6, 15));
    const likes = Math.max(engagements - comments - shares, 0);
    return [period, { followers, reach, likes, comments, shares, posts }];
  });
  files.set('examples/helix-er-scorecard/metrics.yaml', yamlData(
    ['Helix Fitness: Instagram Insights, account level, monthly.'], 'helix-er-scorecard', rows));
}

// --- lumen-instagram-ads: JSON, money as "6012.37 USD" --------------------------------------------
{
  const r = prng(606);
  const rows = months('2026-01', 12).map((period) => {
    const cents = r.int(380000, 920000);
    const spend = cents / 100;
    const impressions = r.int(420, 1050) * 1000 + r.int(0, 999);
    const clicks = Math.round(impressions * r.real(0.0082, 0.0142));
    const leads = Math.round(spend / r.real(6.4, 11.6));
    const purchases = Math.round(spend / r.real(38, 72));
    return [period, { ad_spend: `${fixed(spend, 2)} USD`, impressions, clicks, leads, purchases }];
  });
  files.set('examples/lumen-instagram-ads/metrics.json', jsonData('lumen-instagram-ads', rows));
}

// --- hikari-community-care: YAML with durations; 2026-08 lacks avg_response_time (missing export) --
{
  const r = prng(707);
  const rows = months('2026-01', 12).map((period) => {
    const questions = r.int(700, 1400);
    const answered = Math.round(questions * r.real(0.9, 0.995));
    const minutes = r.int(12, 44);
    const complaints = period === '2026-02' ? 0 : r.int(6, 40);
    const resolved = Math.round(complaints * r.real(0.78, 1));
    const values = { questions, answered, avg_response_time: `${minutes} min`, complaints, complaints_resolved: resolved };
    if (period === '2026-08') delete values.avg_response_time;
    return [period, values];
  });
  files.set('examples/hikari-community-care/metrics.yaml', yamlData(
    ['Hikari Ramen: Instagram and LINE inbox statistics (helpdesk export), monthly.',
      '2026-08: the helpdesk export lost the response-time column; evaluation fails with a located error.'],
    'hikari-community-care', rows));
}

// --- terra-lead-tiers: CSV with a contract column; money plain (EUR), later as `4394.55 EUR` ------
{
  const r = prng(808);
  const rows = months('2026-01', 12).map((period) => {
    const leads = r.int(110, 470);
    const qualified = Math.round(leads * r.real(0.42, 0.68));
    const spend = Math.round(leads * r.real(17.5, 28) * 100) / 100;
    // From July the ad-cabinet export writes money with its currency (`4394.55 EUR`).
    const money = period >= '2026-07' ? `${fixed(spend, 2)} EUR` : fixed(spend, 2);
    return { contract: 'terra-lead-tiers', period, leads, qualified_leads: qualified, ad_spend: money };
  });
  files.set('examples/terra-lead-tiers/metrics.csv',
    csvData(['contract', 'period', 'leads', 'qualified_leads', 'ad_spend'], rows));
}

// --- polaris-retainer-penalty: YAML, quarterly, 2025-Q4 history + 2026-Q1 .. 2028-Q4 -------------
{
  const r = prng(909);
  let followers = 9800;
  const rows = [['2025-Q4', { followers }]];
  for (const period of quarters('2026-Q1', 12)) {
    const g = r.real(0.025, 0.105);
    // 2027-Q1: a winter quarter in which every KPI is missed, so the floor binds.
    followers = Math.round(followers * (1 + (period === '2027-Q1' ? 0.031 : g)));
    rows.push([period, {
      bounce_rate: pct(r.real(0.125, 0.215)),
      avg_time_on_site: minSec(r.int(130, 205)),
      leads: r.int(300, 1000),
      followers,
    }]);
  }
  files.set('examples/polaris-retainer-penalty/metrics.yaml', yamlData(
    ['Polaris Outdoor: GA4 (sessions from social), CRM leads and follower counts, per quarter.'],
    'polaris-retainer-penalty', rows));
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of files) {
  const full = join(root, path);
  if (check) {
    if (!existsSync(full) || readFileSync(full, 'utf8') !== text) {
      console.error(`stale: ${path}`);
      stale++;
    }
    continue;
  }
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  console.log(`wrote ${path}`);
}
if (stale > 0) process.exit(1);
