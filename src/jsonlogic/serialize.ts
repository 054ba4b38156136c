// JSON Logic output (after export.ts): a JsonLogicProgram -> its JSON text, laid out as
// JSON.stringify(value, null, 2) does but with every number in plain decimal notation.
//
// JSON.stringify writes 10^21 as `1e+21` and 1.5e-7 as `1.5e-7`: valid JSON, but not the exact
// decimal constants the rules were written with. Numbers here are written without exponent.
import { randomUUID } from 'node:crypto';

/**
 * The decimal text of a finite JS number without exponent (1e+21 -> "1000000000000000000000",
 * 1.5e-7 -> "0.00000015"): the shortest digits that read back as that number, laid out plainly.
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s;
  const sign = m[1] ?? '';
  const frac = m[3] ?? '';
  const digits = (m[2] ?? '') + frac;
  const exp = Number(m[4]);
  if (exp >= 0) {
    return exp >= frac.length ? sign + digits + '0'.repeat(exp - frac.length) : `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * JSON text of `value` (JSON data), two-space indent, as JSON.stringify writes it (natively: the
 * output can be tens of megabytes) except that a number JSON.stringify would write with an
 * exponent is written plainly. Such numbers pass through as marked strings first; the marker
 * carries a random nonce, so no string of the contract can be mistaken for one.
 */
export function stringifyJsonLogic(value: unknown): string {
  const nonce = `\u0000${randomUUID()}:`;
  let marked = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !String(v).includes('e')) return v;
    marked = true;
    return nonce + plainNumber(v);
  }, 2);
  if (!marked) return text;
  const quoted = JSON.stringify(nonce).slice(1, -1);
  return text.split(`"${quoted}`).map((part, i) => (i === 0 ? part : part.replace(/^(-?[0-9.]+)"/, '$1'))).join('');
}
