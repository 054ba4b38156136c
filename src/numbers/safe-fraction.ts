// Numbers: exact fractions of two safe integers computed on JS numbers (the fast path of every
// exact computation). Input: numerators and positive denominators; output: the same, or NaN.
//
// THE SAFE-INTEGER ARGUMENT (every fast path in attain rests on it, and it is written only here).
// Let x be the exact integer result of a sum, difference or product of safe integers, and y the
// double that JS computes for it (the exact result rounded to the nearest double). If
// |x| <= 2^53 - 1, then x is itself a double, so y === x: the float operation was exact. If
// |x| > 2^53 - 1, then |x| >= 2^53, which is a double, and rounding is monotone, so |y| >= 2^53:
// `fitsSafe(y)` is false. Hence a result that passes `fitsSafe` is exact, and every result that
// was rounded fails it. `%` of two safe integers is always exact. Nothing here divides floats
// except compareApprox and shortDecimal, which only compare doubles or read a double back.
//
// A fast value is a fraction num/den with den > 0; the functions return num and leave den in a
// register read by `lastDen()` right after (no allocation per step). NaN means "not exact here":
// a missing value, a zero divisor, a part beyond 2^53 - 1; every later step propagates it and
// the caller computes with rationals instead. A den of 0 marks a double read as given (a
// library user's plain number): its value is the double's shortest decimal (String(x)), which
// may not fit num/den (0.12345678901234568); see compareApprox and shortDecimal.

/** 2^53 - 1, the largest magnitude a fast value may have (see the argument above). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** MAX_SAFE as a bigint, for testing a Rational's parts before converting them. */
export const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/** True when x is within +-(2^53 - 1): an integer result that passes is exact (argument above). */
export function fitsSafe(x: number): boolean {
  return x <= MAX_SAFE && x >= -MAX_SAFE;
}

/** x when it fits (fitsSafe), else NaN. */
export function safeOrNaN(x: number): number {
  return x <= MAX_SAFE && x >= -MAX_SAFE ? x : NaN;
}

/** A non-negative bigint as a number when it is at most 2^53 - 1, else NaN. */
export function safePart(b: bigint): number {
  return b <= MAX_SAFE_BIG ? Number(b) : NaN;
}

/** Denominator of the value the last function here returned (a positive safe integer, or 0). */
let den = 1;

/** The denominator of the value just returned (read it before the next step). */
export function lastDen(): number {
  return den;
}

/** The fast value n/d: returns n and sets the register to d (a constant or a slot read). */
export function fraction(n: number, d: number): number {
  den = d;
  return n;
}

/** The parts of a fraction.js Fraction, structurally (this module imports nothing). */
export interface SignedParts {
  readonly s: bigint;
  readonly n: bigint;
  readonly d: bigint;
}

/** A rational as num (returned) / den (register) when both parts fit; NaN otherwise. */
export function fromParts(r: SignedParts): number {
  if (r.n > MAX_SAFE_BIG || r.d > MAX_SAFE_BIG) return NaN;
  den = Number(r.d);
  const n = Number(r.n);
  return r.s < 0n ? -n : n;
}

/** Bits of accepted compare outcomes (bit 0: less, 1: equal, 2: greater). */
export const ACCEPT = { '<': 1, '<=': 3, '>': 4, '>=': 6, '==': 2, '!=': 5 } as const;

/** Operation codes of `apply`: arithmetic, then comparisons as CMP + an ACCEPT mask. */
export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const CMP = 4;

// The functions a fast closure calls per step (compareFractions, addFractions, subFractions,
// compareQuotient) test their common case in a few bytes and call a function for the rest:
// V8 inlines them into the caller's loop only while the bytecode it has inlined stays within a
// budget, which counts every branch of an inlined function, taken or not.

/**
 * 1 when `xn/xd op yn/yd` (accept: an ACCEPT mask), 0 when not, by cross-multiplication; NaN
 * when a product does not fit. A den of 0 on one side goes to compareApprox; on both, the doubles
 * are compared as they are (equal doubles have the same shortest decimal).
 */
export function compareFractions(xn: number, xd: number, yn: number, yd: number, accept: number): number {
  if (xd === yd && xn === xn && yn === yn) return (accept >> (xn < yn ? 0 : xn === yn ? 1 : 2)) & 1;
  return compareUnlike(xn, xd, yn, yd, accept);
}

/** compareFractions with unlike denominators, or a missing side. */
function compareUnlike(xn: number, xd: number, yn: number, yd: number, accept: number): number {
  if (xd === yd) return NaN;
  if (xd === 0 || yd === 0) return compareApprox(xn, xd, yn, yd, accept);
  const l = xn * yd;
  const r = yn * xd;
  if (!(l <= MAX_SAFE && l >= -MAX_SAFE && r <= MAX_SAFE && r >= -MAX_SAFE)) return NaN;
  return (accept >> (l < r ? 0 : l === r ? 1 : 2)) & 1;
}

/**
 * Compare where one side is a double standing for its shortest decimal D (den 0) and the other
 * an exact fraction c (or also such a double). Rounding to the nearest double is monotone and D
 * rounds to x: so x < fl(c) implies D < c and x > fl(c) implies D > c. fl(c) is the float
 * quotient of two safe integers, which IEEE division rounds correctly. Equal doubles (a value
 * on a threshold: 0.2 against 20%) are decided on the short decimals (`exactly`), else NaN.
 */
function compareApprox(xn: number, xd: number, yn: number, yd: number, accept: number): number {
  const a = xd === 0 ? xn : xn / xd;
  const b = yd === 0 ? yn : yn / yd;
  if (!(a === a && b === b)) return NaN;
  if (a === b) return exactly(CMP + accept, xn, xd, yn, yd);
  return (accept >> (a < b ? 0 : 2)) & 1;
}

/** Below this, k-digit decimals are far apart at the double's scale: the rounded candidate is the one. */
const SHORT_LIMIT = 2 ** 48;

/**
 * A double's shortest decimal as num (returned) / den = 10^k (register), found by trying k = 1,
 * 2, ...: the first k whose rounded candidate m/10^k reads back as x (IEEE division rounds
 * m/10^k correctly) is the fewest digits. NaN once m would reach 2^48 (full-precision doubles).
 */
export function shortDecimal(x: number): number {
  if (Number.isInteger(x)) {
    den = 1;
    return safeOrNaN(x);
  }
  const size = x < 0 ? -x : x;
  for (let p = 10; size * p < SHORT_LIMIT; p *= 10) {
    const m = Math.round(x * p);
    if (m / p === x) {
      den = p;
      return m;
    }
  }
  return NaN;
}

/** num of a + b; den in the register. */
export function addFractions(an: number, ad: number, bn: number, bd: number): number {
  if (ad === bd && ad !== 0) {
    den = ad;
    const n = an + bn;
    return n <= MAX_SAFE && n >= -MAX_SAFE ? n : NaN;
  }
  return addUnlike(an, ad, bn, bd);
}

/** num of a - b; den in the register. */
export function subFractions(an: number, ad: number, bn: number, bd: number): number {
  return addFractions(an, ad, -bn, bd);
}

/** addFractions with unlike denominators, or a den-0 operand. */
function addUnlike(an: number, ad: number, bn: number, bd: number): number {
  if (ad === 0 || bd === 0) return exactly(ADD, an, ad, bn, bd);
  const d = ad * bd;
  const n = an * bd + bn * ad;
  // Each product is checked too: the sum of two inexact products could land in range.
  if (!(d <= MAX_SAFE && Math.abs(an * bd) <= MAX_SAFE && Math.abs(bn * ad) <= MAX_SAFE)) return NaN;
  den = d;
  return safeOrNaN(n);
}

/** A step with a den-0 operand, after rewriting it with shortDecimal (NaN when one does not fit). */
function exactly(code: number, an: number, ad: number, bn: number, bd: number): number {
  if (ad === 0) {
    an = shortDecimal(an);
    ad = den;
    if (an !== an) return NaN;
  }
  if (bd === 0) {
    bn = shortDecimal(bn);
    bd = den;
    if (bn !== bn) return NaN;
  }
  return apply(code, an, ad, bn, bd);
}

/** num of a * b; den in the register. */
export function mulFractions(an: number, ad: number, bn: number, bd: number): number {
  if (ad === 0 || bd === 0) return exactly(MUL, an, ad, bn, bd);
  const d = ad * bd;
  if (!(d <= MAX_SAFE)) return NaN;
  den = d;
  return safeOrNaN(an * bn);
}

/** num of a / b (NaN when b is zero or missing); den in the register. */
export function divFractions(an: number, ad: number, bn: number, bd: number): number {
  if (bn === 0 || bn !== bn) return NaN;
  if (ad === 0 || bd === 0) return exactly(DIV, an, ad, bn, bd);
  const n = an * bd;
  const d = ad * bn;
  if (!(d <= MAX_SAFE && d >= -MAX_SAFE)) return NaN;
  den = d < 0 ? -d : d;
  return d < 0 ? -safeOrNaN(n) : safeOrNaN(n);
}

/** One step on two fast values by code (ADD, SUB, MUL, DIV, or CMP + an ACCEPT mask). */
export function apply(code: number, an: number, ad: number, bn: number, bd: number): number {
  switch (code) {
    case ADD:
      return addFractions(an, ad, bn, bd);
    case SUB:
      return subFractions(an, ad, bn, bd);
    case MUL:
      return mulFractions(an, ad, bn, bd);
    case DIV:
      return divFractions(an, ad, bn, bd);
    default:
      return compareFractions(an, ad, bn, bd, code - CMP);
  }
}

/**
 * 1 when `(an/ad) / (bn/bd) op cn/cd`, without forming the quotient: with q = (an*bd) / (ad*bn),
 * compare an*bd*cd with cn*ad*bn, the sides swapped when ad*bn is negative. NaN when bn is zero
 * or missing, or a product does not fit. Inline: integers over a positive integer (a count over
 * a count against an exact constant), where q = an / bn and the test is an*cd against cn*bn.
 */
export function compareQuotient(an: number, ad: number, bn: number, bd: number, cn: number, cd: number, accept: number): number {
  if (ad === 1 && bd === 1 && bn > 0 && cd > 0) {
    const l = an * cd;
    const r = cn * bn;
    if (l <= MAX_SAFE && l >= -MAX_SAFE && r <= MAX_SAFE && r >= -MAX_SAFE) return (accept >> (l < r ? 0 : l === r ? 1 : 2)) & 1;
  }
  return compareQuotientRest(an, ad, bn, bd, cn, cd, accept);
}

/** compareQuotient's other cases (and a product of the inline case that did not fit). */
function compareQuotientRest(an: number, ad: number, bn: number, bd: number, cn: number, cd: number, accept: number): number {
  if (bn === 0 || bn !== bn) return NaN;
  if (ad === 0 || bd === 0) {
    const qn = exactly(DIV, an, ad, bn, bd);
    return compareFractions(qn, den, cn, cd, accept);
  }
  let qn = an;
  let qd = bn;
  if (ad !== 1 || bd !== 1) {
    qn = an * bd;
    qd = ad * bn;
    if (!(qn <= MAX_SAFE && qn >= -MAX_SAFE && qd <= MAX_SAFE && qd >= -MAX_SAFE)) return NaN;
  }
  if (qd < 0) {
    qn = -qn;
    qd = -qd;
  }
  return compareFractions(qn, qd, cn, cd, accept);
}

/** growth = (cn/cd - pn/pd) / (pn/pd): num returned, den in the register; NaN as divFractions. */
export function growthOf(cn: number, cd: number, pn: number, pd: number): number {
  const dn = addFractions(cn, cd, -pn, pd);
  return divFractions(dn, den, pn, pd);
}
