// Bench peer: the SPEC contract (contracts/acme-smm.yaml) evaluated for one client-month by
// hand-written JavaScript, to the same section 5 JSON as attain's program.evaluate: what a careful
// developer writes for this one contract without an engine. It computes exactly where the JSON
// must be exact (safe-integer ratios, half-even rounding, money in minor units, the data file
// text and its sha-256), so bench/library.mjs can check it agrees with attain byte for byte.
import * as crypto from 'node:crypto';

/** sha-256 hex of a string (crypto.hash on Node 20.12+, else a Hash object). */
const sha256 = crypto.hash === undefined
  ? (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')
  : (text) => crypto.hash('sha256', text, 'hex');

/** A JS number as an exact ratio of its shortest decimal text: 0.175 -> [175, 1000]. */
function ratioOf(x) {
  const text = String(x);
  const dot = text.indexOf('.');
  if (dot < 0) return [x, 1];
  const frac = text.length - dot - 1;
  return [Number(text.slice(0, dot) + text.slice(dot + 1)), 10 ** frac];
}

function gcd(a, b) {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** n/d (safe integers, d > 0) as decimal text with at most `digits` fraction digits, half-even. */
function decimal(n, d, digits) {
  const negative = n < 0;
  if (negative) n = -n;
  let whole = Math.floor(n / d);
  let rest = n - whole * d;
  let frac = '';
  while (rest !== 0 && frac.length < digits) {
    rest *= 10;
    const digit = Math.floor(rest / d);
    frac += digit;
    rest -= digit * d;
  }
  if (rest !== 0 && (rest * 2 > d || (rest * 2 === d && Number(frac.at(-1) ?? whole % 10) % 2 === 1))) {
    // Round up, carrying through nines.
    let i = frac.length - 1;
    while (i >= 0 && frac[i] === '9') i--;
    if (i < 0) {
      whole += 1;
      frac = '';
    } else frac = frac.slice(0, i) + String(Number(frac[i]) + 1);
  }
  frac = frac.replace(/0+$/, '');
  const text = frac === '' ? String(whole) : `${whole}.${frac}`;
  return negative && text !== '0' ? `-${text}` : text;
}

const percent = (n, d) => `${decimal(100 * n, d, 2)}%`;

/** Seconds as `2 min 15.5 s`, `45 s`, `1 h 5 min`. */
function duration(x) {
  const [n, d] = ratioOf(x);
  const h = Math.floor(n / (3600 * d));
  let rest = n - h * 3600 * d;
  const m = Math.floor(rest / (60 * d));
  rest -= m * 60 * d;
  const parts = [];
  if (h > 0) parts.push(`${h} h`);
  if (m > 0) parts.push(`${m} min`);
  if (rest !== 0 || parts.length === 0) parts.push(`${decimal(rest, d, 4)} s`);
  return parts.join(' ');
}

/** Minor units (kopecks) as `50000.00`. */
const money = (minor) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

const outcome = (met) => (met ? '(met)' : '(missed)');

/** The data file text attain digests (SPEC 4): history first, then the period, keys in input order. */
function dataText(input) {
  const periods = {};
  for (const [key, record] of Object.entries(input.history ?? {})) if (key !== input.period) periods[key] = record;
  periods[input.period] = input.data;
  return `${JSON.stringify({ contract: 'acme-smm', periods }, null, 2)}\n`;
}

/** Months since the contract's start (2026-01 is period 1). */
function periodIndex(period) {
  return (Number(period.slice(0, 4)) - 2026) * 12 + Number(period.slice(5, 7));
}

/** attain's issue and due dates for a month: the 5th of the month after, due 10 days later. */
function invoiceOf(period) {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const issue = new Date(Date.UTC(y, m, 5));
  const due = new Date(issue.getTime() + 10 * 86_400_000);
  return { number: `NS-acme-smm-${period.slice(0, 4)}${period.slice(5, 7)}`, issue_date: issue.toISOString().slice(0, 10), due_date: due.toISOString().slice(0, 10) };
}

/**
 * One client-month of acme-smm: `{ period, data, history }` (plain numbers, the month before in
 * history) -> the section 5 JSON. Ordinary data only: no missing metrics or zero denominators.
 */
export function handMonth(input, contractSha256) {
  const text = dataText(input);
  const dataSha256 = sha256(text);
  const d = input.data;
  const index = periodIndex(input.period);
  const prev = Object.entries(input.history ?? {}).find(([k]) => k < input.period)?.[1] ?? {};

  const [bn, bd] = ratioOf(d.bounce_rate);
  const [tn, td] = ratioOf(d.avg_time_on_site);
  const bounceOk = bn * 5 <= bd; // <= 20%
  const timeOk = tn >= 120 * td; // >= 2 min
  const quality = bounceOk && timeOk;

  // direct_share = direct / sessions >= 60%; attainment = share / 60%.
  const excludedDirect = index < 3;
  const directOk = excludedDirect || d.direct_sessions * 5 >= d.sessions * 3;
  let an = 5 * d.direct_sessions;
  let ad = 3 * d.sessions;
  let g = gcd(an, ad);
  an /= g;
  ad /= g;
  const capped2 = an > ad ? [1, 1] : [an, ad];

  // follower_growth = (f - p) / p >= 10%; attainment = growth / 10%, at least 0.
  const p = prev.followers;
  const growthOk = (d.followers - p) * 10 >= p;
  let gn = 10 * (d.followers - p);
  let gd = p;
  if (gn < 0) gn = 0;
  g = gcd(gn, gd) || 1;
  gn /= g;
  gd /= g;
  const capped3 = gn > gd ? [1, 1] : [gn, gd];

  // score = sum(weight x capped attainment) / sum(counted weights), weights 3:3:4.
  const q = quality ? 1 : 0;
  let sn = 3 * q * capped2[1] * capped3[1] + 4 * capped3[0] * capped2[1];
  let sw = 7;
  if (!excludedDirect) {
    sn += 3 * capped2[0] * capped3[1];
    sw = 10;
  }
  const sd = sw * capped2[1] * capped3[1];
  const score = decimal(sn, sd, 12);

  const kpis = [
    {
      id: 'quality_traffic', status: quality ? 'met' : 'missed', target: 'bounce_rate <= 20% and avg_time_on_site >= 2 min', weight: '0.3',
      attainment: String(q), capped_attainment: String(q),
      explanation: `bounce_rate ${percent(bn, bd)} <= 20% ${outcome(bounceOk)} and avg_time_on_site ${duration(d.avg_time_on_site)} >= 2 min ${outcome(timeOk)}`,
    },
    excludedDirect
      ? { id: 'direct_traffic', status: 'excluded', target: 'direct_share >= 60%', weight: '0.3', attainment: null, capped_attainment: null, explanation: `excluded: applies from period 3 (this is period ${index})` }
      : {
        id: 'direct_traffic', status: directOk ? 'met' : 'missed', target: 'direct_share >= 60%', weight: '0.3',
        attainment: decimal(an, ad, 12), capped_attainment: decimal(capped2[0], capped2[1], 12),
        explanation: `direct_share ${percent(d.direct_sessions, d.sessions)} >= 60% ${outcome(directOk)}`,
      },
    {
      id: 'growth', status: growthOk ? 'met' : 'missed', target: 'follower_growth >= 10%', weight: '0.4',
      attainment: decimal(gn, gd, 12), capped_attainment: decimal(capped3[0], capped3[1], 12),
      explanation: `follower_growth ${percent(d.followers - p, p)} >= 10% ${outcome(growthOk)}`,
    },
  ];

  const leads = quality ? d.leads * 50_000 : 0;
  const bonus = directOk && quality ? 1_000_000 : 0;
  const sum = 5_000_000 + leads + bonus;
  const adjustment = sum > 15_000_000 ? 15_000_000 - sum : 0;
  const subtotal = sum + adjustment;
  // VAT 22% on the subtotal in kopecks, rounded half-even.
  const exact = subtotal * 22;
  let vat = Math.floor(exact / 100);
  const rest = exact - vat * 100;
  if (rest > 50 || (rest === 50 && vat % 2 === 1)) vat += 1;
  const notApplied = (id, label) => ({ id, label, applied: false, quantity: null, unit_price: null, amount: '0.00', detail: 'not applied: when is false' });

  return {
    contract: 'acme-smm', version: 2, period: input.period, period_index: index, currency: 'RUB',
    kpis, score,
    lines: [
      { id: 'retainer', label: 'Monthly retainer', applied: true, quantity: null, unit_price: null, amount: '50000.00', detail: '50000.00 RUB' },
      quality
        ? { id: 'leads', label: 'Leads from social networks', applied: true, quantity: String(d.leads), unit_price: '500.00', amount: money(leads), detail: `${d.leads} x 500.00 RUB` }
        : notApplied('leads', 'Leads from social networks'),
      bonus > 0
        ? { id: 'direct_bonus', label: 'Bonus for direct traffic', applied: true, quantity: null, unit_price: null, amount: '10000.00', detail: '10000.00 RUB' }
        : notApplied('direct_bonus', 'Bonus for direct traffic'),
    ],
    adjustments: [{ id: 'limits.max', label: 'Maximum invoice total', amount: money(adjustment) }],
    subtotal: money(subtotal),
    taxes: [{ id: 'vat', label: 'НДС', rate: '0.22', base: money(subtotal), amount: money(vat) }],
    net: money(subtotal),
    total: money(subtotal + vat),
    invoice: invoiceOf(input.period),
    inputs: { contract_sha256: contractSha256, data_sha256: dataSha256 },
  };
}
