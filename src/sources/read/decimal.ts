// Sources, exact numbers: a decimal as bigint digits and a power-of-ten scale. Cells are decimals,
// so sums, products and comparisons stay exact and cheap; a Rational is made once per result.
import Fraction from 'fraction.js';
import type { Rational } from '../../numbers/rational.js';

/** `digits / 10^scale`. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

export const DECIMAL_ZERO: Decimal = { digits: 0n, scale: 0 };

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push((POW10.at(-1) as bigint) * 10n);
  return POW10[n] as bigint;
}

/** Read `-12.50` (digits, one optional `.`, optional sign). Undefined when it is not that. */
export function parseDecimalText(text: string): Decimal | undefined {
  // Fast path for the cells of a large export (`1234`, `-12.5`): one scan, no regular expression.
  const n = text.length;
  if (n > 0 && n <= 17) {
    const i = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0;
    let dot = -1;
    let ok = i < n;
    for (let k = i; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 46 && dot < 0) dot = k;
      else if (c < 48 || c > 57) {
        ok = false;
        break;
      }
    }
    const count = n - i - (dot < 0 ? 0 : 1);
    if (ok && count > 0 && count <= 15) {
      const whole = dot < 0 ? text.slice(i) : `${text.slice(i, dot)}${text.slice(dot + 1)}`;
      // At most 15 digits: exact as a double, so BigInt(Number) is exact and cheaper than parsing text.
      const digits = BigInt(Number(whole));
      return { digits: text.charCodeAt(0) === 45 ? -digits : digits, scale: dot < 0 ? 0 : n - dot - 1 };
    }
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  const digits = BigInt(`${int}${frac}` || '0');
  return { digits: m[1] === '-' ? -digits : digits, scale: frac.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.digits, b.digits, a.scale];
  if (a.scale > b.scale) return [a.digits, b.digits * pow10(a.scale - b.scale), a.scale];
  return [a.digits * pow10(b.scale - a.scale), b.digits, b.scale];
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { digits: x + y, scale };
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale };
}

/** Divide by 10^n exactly (percent units -> fraction: n = 2). */
export function shiftDecimal(a: Decimal, n: number): Decimal {
  return { digits: a.digits, scale: a.scale + n };
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function decimalToRational(d: Decimal): Rational {
  return new Fraction(d.digits, pow10(d.scale));
}

/** Canonical text (`12.5`, `-0.182`), for keys and SQL parameters. */
export function decimalText(d: Decimal): string {
  const neg = d.digits < 0n;
  let s = (neg ? -d.digits : d.digits).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, '0');
    s = `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`.replace(/\.?0+$/, '');
  }
  return `${neg && s !== '0' ? '-' : ''}${s}`;
}
