// Bench data: seeded client-months. Every metric value exists twice: as decimal text (what a data
// file holds; attain reads it exactly) and as a JS number parsed from that text (what the peers,
// which compute with binary floats, receive). The same seed gives the same data on every run.

/** mulberry32: a small, fast, seedable 32-bit PRNG (deterministic across platforms). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20260101;

/** Metric names of a client-month as the rules read them (followers_prev: the month before). */
export const FIELDS = [
  'sessions', 'bounce_rate', 'avg_time_on_site', 'direct_sessions', 'leads',
  'likes', 'comments', 'shares', 'reach', 'followers', 'followers_prev', 'ad_spend',
];

/**
 * Kinds of records: `ordinary` values like real exports; `boundary` values exactly on a rule's
 * threshold (exact engines and floats agree there); `hostile` values where binary floats cannot
 * decide: decimals finer than a double, counts above 2^53, zero denominators.
 */
export const KINDS = ['ordinary', 'boundary', 'hostile'];

function int(r, lo, hi) {
  return lo + Math.floor(r() * (hi - lo + 1));
}

function ordinary(r) {
  const sessions = int(r, 1000, 60000);
  const reach = int(r, 1000, 200000);
  const prev = int(r, 500, 50000);
  return {
    sessions: String(sessions),
    bounce_rate: `0.${String(int(r, 50, 400)).padStart(3, '0')}`,
    avg_time_on_site: String(int(r, 300, 3000) / 10),
    direct_sessions: String(int(r, 0, sessions)),
    leads: String(int(r, 0, 400)),
    likes: String(int(r, 0, Math.floor(reach / 15))),
    comments: String(int(r, 0, Math.floor(reach / 60))),
    shares: String(int(r, 0, Math.floor(reach / 100))),
    reach: String(reach),
    followers: String(int(r, Math.floor(prev * 0.8), Math.floor(prev * 1.4))),
    followers_prev: String(prev),
    ad_spend: `${int(r, 1000, 90000)}.${String(int(r, 0, 99)).padStart(2, '0')}`,
  };
}

/** Exactly on the thresholds: bounce 20%, 120 s, 60% direct, 5% engagement, +10% followers. */
function boundary(r) {
  const o = ordinary(r);
  const k = int(r, 10, 6000);
  const engaged = int(r, 50, 5000);
  return {
    ...o,
    bounce_rate: r() < 0.5 ? '0.2' : '0.199',
    avg_time_on_site: r() < 0.5 ? '120' : '119.9',
    sessions: String(5 * k),
    direct_sessions: String(3 * k),
    likes: String(engaged - Math.floor(engaged / 3)),
    comments: String(Math.floor(engaged / 3)),
    shares: '0',
    reach: String(20 * engaged),
    followers_prev: String(10 * k),
    followers: String(11 * k),
  };
}

/** Where binary floats cannot decide (one of several traps per record). */
function hostile(r, trap) {
  const o = ordinary(r);
  switch (trap % 6) {
    case 0: // 1e-17 below 20%: a double rounds it to 0.2 exactly
      return { ...o, bounce_rate: '0.19999999999999999', avg_time_on_site: '150' };
    case 1: // 1e-15 s below 2 min: a double rounds it to 120
      return { ...o, bounce_rate: '0.1', avg_time_on_site: '119.999999999999999' };
    case 2: // counts above 2^53: the sum is not representable as a double
      return { ...o, likes: '9007199254740993', comments: '1', shares: '1', reach: '180143985094819860' };
    case 3: // growth a hair under 10% with followers above 2^53
      return { ...o, followers_prev: '90071992547409930', followers: '99079191802150922' };
    case 4: // zero denominators: direct share and growth have no value
      return { ...o, sessions: '0', direct_sessions: '0', followers_prev: '0' };
    default: // tiny decimals
      return { ...o, bounce_rate: '0.000000000000000001', avg_time_on_site: '0.000000000000001' };
  }
}

/** Metric value text as a JS number: the nearest double, the way float engines receive it. */
export function toNumber(text) {
  return Number(text);
}

/**
 * `n` client-months. One in 50 is a boundary record; in `hostile` mode one in 250 is hostile.
 * Returns `{ text, num, kind }` per record (text: decimal strings; num: JS numbers).
 */
export function generateClientMonths(n, { seed = SEED, hostile: withHostile = true } = {}) {
  const r = prng(seed);
  const out = new Array(n);
  let traps = 0;
  for (let i = 0; i < n; i++) {
    const kind = withHostile && i % 250 === 249 ? 'hostile' : i % 50 === 49 ? 'boundary' : 'ordinary';
    const text = kind === 'hostile' ? hostile(r, traps++) : kind === 'boundary' ? boundary(r) : ordinary(r);
    const num = {};
    for (const f of FIELDS) num[f] = toNumber(text[f]);
    out[i] = { text, num, kind };
  }
  return out;
}

/** The same client-months as generateClientMonths, one at a time (memory does not grow with n). */
export function* streamClientMonths(n, { seed = SEED } = {}) {
  const r = prng(seed);
  for (let i = 0; i < n; i++) yield i % 50 === 49 ? boundary(r) : ordinary(r);
}
