// The exact reference for R1-R5: BigInt rationals straight from the decimal text, written
// independently of attain (no shared code), so the agreement check is a real second opinion.
// A value is [num, den] with den > 0n; "no-data" where a denominator is zero.

const NO_DATA = 'no-data';

function dec(text) {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  const n = BigInt(`${m[2] || '0'}${frac}`) * (m[1] === '-' ? -1n : 1n);
  return [n, 10n ** BigInt(frac.length)];
}

const add = ([a, b], [c, d]) => [a * d + c * b, b * d];
const sub = ([a, b], [c, d]) => [a * d - c * b, b * d];
const div = ([a, b], [c, d]) => (c === 0n ? NO_DATA : c < 0n ? [-a * d, -b * c] : [a * d, b * c]);
const cmp = ([a, b], [c, d]) => (a * d < c * b ? -1 : a * d > c * b ? 1 : 0);

/** Exact results of R1-R5 for a record's text: booleans, [num, den] for R4, or "no-data". */
export function exactRules(t) {
  const v = (k) => dec(t[k]);
  const r1 = cmp(v('bounce_rate'), [1n, 5n]) < 0 && cmp(v('avg_time_on_site'), [120n, 1n]) >= 0;
  const share = div(v('direct_sessions'), v('sessions'));
  const r2 = share === NO_DATA ? NO_DATA : cmp(share, [3n, 5n]) >= 0;
  const er = div(add(add(v('likes'), v('comments')), v('shares')), v('reach'));
  const r3 = er === NO_DATA ? NO_DATA : cmp(er, [1n, 20n]) >= 0;
  const pay = [v('leads')[0] * 500n, v('leads')[1]];
  const r4 = r1 ? (cmp(pay, [150000n, 1n]) <= 0 ? pay : [150000n, 1n]) : [0n, 1n];
  const growth = div(sub(v('followers'), v('followers_prev')), v('followers_prev'));
  const r5 = growth === NO_DATA ? NO_DATA : cmp(growth, [1n, 10n]) >= 0;
  return [r1, r2, r3, r4, r5];
}

/** A result in one comparable form: "true", "false", "no-data", or a reduced fraction "n/d". */
export function canonical(v) {
  if (v === true || v === false || v === NO_DATA) return String(v);
  if (Array.isArray(v)) return fraction(v[0], v[1]);
  if (typeof v === 'number') return Number.isFinite(v) && Number.isSafeInteger(v) ? `${v}/1` : `float:${v}`;
  return `?${String(v)}`;
}

function gcd(a, b) {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function fraction(n, d) {
  const g = gcd(n, d) || 1n;
  return `${n / g}/${d / g}`;
}
