// Stage 7 (evaluatePeriod), fast path: CompiledNode -> a closure on JS numbers that is exact or
// gives up. compile.ts runs it first and falls back to the rational closure when it gives up.
//
// A fast value is a fraction num/den of two safe integers with den > 0; the closure returns num
// and leaves den in the module's `den` register (no allocation). Booleans are 1 and 0. Every
// operation is integer arithmetic whose result is checked to lie within +-(2^53 - 1): an exact
// integer result that small is representable, so the float operation computed it exactly, and
// an exact result beyond it rounds to at least 2^53, so the check fails. No float division is
// ever done (a quotient is a new num/den pair). On overflow, a zero divisor, a missing value or
// anything not covered the closure returns NaN, which every later step propagates, and the
// caller recomputes the whole expression with rationals (which also builds the NoData reason).
import type { Value } from '../check/checked-contract.js';
import type { Frame } from './frame.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { BuiltinShape } from '../language/builtins.js';
import { isRational } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import type { CompiledNode } from './compiled-node.js';

/** A fast closure: the numerator (den in `den`), 1/0 for booleans, NaN when it gives up. */
export type FastFn = (f: Frame) => number;

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/** Denominator of the value the last fast closure returned (always a positive safe integer). */
let den = 1;

/** The denominator register after a fast closure returned (read it before calling another). */
export function lastDen(): number {
  return den;
}

function safe(x: number): number {
  return x <= MAX && x >= -MAX ? x : NaN;
}

/** A rational as num (returned) / den (register) when both fit; NaN otherwise. */
export function fromRational(r: Rational): number {
  if (r.n > MAX_BIG || r.d > MAX_BIG) return NaN;
  den = Number(r.d);
  const n = Number(r.n);
  return r.s < 0n ? -n : n;
}

/** Any runtime value: numbers via fromRational, booleans as 1/0, anything else NaN. */
export function fromValue(v: Value): number {
  if (v === true) return 1;
  if (v === false) return 0;
  return isRational(v) ? fromRational(v) : NaN;
}

/**
 * The fast slots of every frame live in a shared arena of Float64Array chunks, written in frame
 * creation order: a frame keeps the chunk and its offset. A compiled closure then reads frame,
 * chunk, value, and the values of consecutive frames are adjacent in memory. A plain array per
 * frame costs one more hop to memory the garbage collector places far from the frame: evaluating
 * a rule over 100 000 held frames ran 1.5 to 2 times slower that way (docs/performance.md). A
 * chunk is freed when every frame using it is; one held frame keeps at most one chunk (16 KiB).
 */
const CHUNK_DOUBLES = 2048;
let chunk = new Float64Array(CHUNK_DOUBLES);
let used = 0;

/**
 * Writes num, den of each value at [2 * slot], [2 * slot + 1] for the period, then the same for
 * the period before (all missing when there is none), into the arena; returns the offset of the
 * first (the previous period's are at previousSlotsAt). Read `fastChunk()` after this call:
 * it is the chunk written. NaN num for a missing value or one that does not fit.
 */
export function packFastSlots(current: readonly ({ readonly value: Rational } | undefined)[], previous: readonly ({ readonly value: Rational } | undefined)[] | undefined): number {
  const count = current.length;
  const size = 4 * count;
  if (used + size > chunk.length) {
    chunk = new Float64Array(Math.max(CHUNK_DOUBLES, size));
    used = 0;
  }
  const at = used;
  used += size;
  writeSlots(chunk, at, count, current);
  writeSlots(chunk, previousSlotsAt(at, count), count, previous);
  return at;
}

/** Offset of the period before's slots, for a frame whose slots packFastSlots put at `at`. */
export function previousSlotsAt(at: number, count: number): number {
  return at + 2 * count;
}

/** The chunk the last packFastSlots wrote into. */
export function fastChunk(): Float64Array {
  return chunk;
}

/** `count` slots from `at`; every value missing when `values` is undefined (no such period). */
function writeSlots(out: Float64Array, at: number, count: number, values: readonly ({ readonly value: Rational } | undefined)[] | undefined): void {
  for (let i = 0; i < count; i++) {
    const v = values?.[i];
    const n = v === undefined ? NaN : fromRational(v.value);
    out[at + 2 * i] = n;
    out[at + 2 * i + 1] = n === n ? den : 1;
  }
}

/** Bits of accepted compare outcomes (bit 0: less, 1: equal, 2: greater). */
const ACCEPT = { '<': 1, '<=': 3, '>': 4, '>=': 6, '==': 2, '!=': 5 } as const;

/** 1 when `xn/xd op yn/yd` (den > 0), by cross-multiplication; NaN when a product does not fit. */
function compareFractions(xn: number, xd: number, yn: number, yd: number, accept: number): number {
  let l = xn;
  let r = yn;
  if (xd !== yd) {
    l = xn * yd;
    r = yn * xd;
    if (!(l <= MAX && l >= -MAX && r <= MAX && r >= -MAX)) return NaN;
  } else if (!(l === l && r === r)) {
    return NaN;
  }
  return (accept >> (l < r ? 0 : l === r ? 1 : 2)) & 1;
}

/** num of a + b (or a - b with sign -1); den in the register. */
function addFractions(an: number, ad: number, bn: number, bd: number): number {
  if (ad === bd) {
    den = ad;
    return safe(an + bn);
  }
  const d = ad * bd;
  const n = an * bd + bn * ad;
  // Each product is checked too: the sum of two inexact products could land in range.
  if (!(d <= MAX && Math.abs(an * bd) <= MAX && Math.abs(bn * ad) <= MAX)) return NaN;
  den = d;
  return safe(n);
}

function mulFractions(an: number, ad: number, bn: number, bd: number): number {
  const d = ad * bd;
  if (!(d <= MAX)) return NaN;
  den = d;
  return safe(an * bn);
}

function divFractions(an: number, ad: number, bn: number, bd: number): number {
  if (bn === 0 || bn !== bn) return NaN;
  const n = an * bd;
  const d = ad * bn;
  if (!(d <= MAX && d >= -MAX)) return NaN;
  den = d < 0 ? -d : d;
  return d < 0 ? -safe(n) : safe(n);
}

/** Operation codes of `apply`: arithmetic, then comparisons as accept masks (code - 4). */
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const CMP = 4;

const ARITHMETIC_CODE = { '+': ADD, '-': SUB, '*': MUL, '/': DIV } as const;

/**
 * One numeric step on two fast values. A single function with a code (not one closure per
 * operator) keeps call sites monomorphic, so V8 inlines it into every compiled closure.
 */
function apply(code: number, an: number, ad: number, bn: number, bd: number): number {
  switch (code) {
    case ADD:
      return addFractions(an, ad, bn, bd);
    case SUB:
      return addFractions(an, ad, -bn, bd);
    case MUL:
      return mulFractions(an, ad, bn, bd);
    case DIV:
      return divFractions(an, ad, bn, bd);
    default:
      return compareFractions(an, ad, bn, bd, code - CMP);
  }
}

/** A leaf the parent reads inline (no call): a constant or a metric slot of the period. */
type Leaf = { readonly kind: 'const'; readonly n: number; readonly d: number } | { readonly kind: 'metric'; readonly at: number };

function leafOf(node: CompiledNode): Leaf | undefined {
  const t = node.typed;
  if (t.kind === 'Metric') return { kind: 'metric', at: 2 * t.slot };
  if (node.constant !== undefined && isRational(node.constant)) {
    const n = fromRational(node.constant);
    if (n === n) return { kind: 'const', n, d: den };
  }
  return undefined;
}

function leafFn(leaf: Leaf): FastFn {
  if (leaf.kind === 'const') {
    const { n, d } = leaf;
    return () => {
      den = d;
      return n;
    };
  }
  const at = leaf.at;
  return (f) => {
    const a = f.fast;
    const o = f.fastAt + at;
    den = a[o + 1] as number;
    return a[o] as number;
  };
}

type Sub = (node: CompiledNode) => FastFn;

/** A numeric binary step, reading constant and metric operands inline (fewer calls). */
function binary(code: number, left: CompiledNode, right: CompiledNode, sub: Sub): FastFn {
  const a = leafOf(left);
  const b = leafOf(right);
  if (a?.kind === 'metric' && b?.kind === 'metric') {
    const i = a.at;
    const j = b.at;
    return (f) => {
      const s = f.fast;
      const o = f.fastAt;
      return apply(code, s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
    };
  }
  if (a?.kind === 'metric' && b?.kind === 'const') {
    const i = a.at;
    const { n, d } = b;
    return (f) => {
      const s = f.fast;
      const o = f.fastAt + i;
      return apply(code, s[o] as number, s[o + 1] as number, n, d);
    };
  }
  const x = a === undefined ? sub(left) : leafFn(a);
  if (b?.kind === 'const') {
    const { n, d } = b;
    return (f) => {
      const xn = x(f);
      return apply(code, xn, den, n, d);
    };
  }
  if (b?.kind === 'metric') {
    const j = b.at;
    return (f) => {
      const xn = x(f);
      const xd = den;
      const s = f.fast;
      const o = f.fastAt + j;
      return apply(code, xn, xd, s[o] as number, s[o + 1] as number);
    };
  }
  const y = sub(right);
  return (f) => {
    const xn = x(f);
    const xd = den;
    const yn = y(f);
    return apply(code, xn, xd, yn, den);
  };
}

/**
 * 1 when `(an/ad) / (bn/bd) op cn/cd`, without forming the quotient: with q = (an*bd) / (ad*bn),
 * compare an*bd*cd with cn*ad*bn, the sides swapped when ad*bn is negative. NaN when bn is zero
 * or missing (the rational closure then builds the division-by-zero NoData) or a product does
 * not fit. One step instead of a division and a comparison: `share >= 60%` is the most common
 * KPI shape.
 */
function compareQuotient(an: number, ad: number, bn: number, bd: number, cn: number, cd: number, accept: number): number {
  if (bn === 0 || bn !== bn) return NaN;
  let qn = an;
  let qd = bn;
  if (ad !== 1 || bd !== 1) {
    qn = an * bd;
    qd = ad * bn;
    if (!(qn <= MAX && qn >= -MAX && qd <= MAX && qd >= -MAX)) return NaN;
  }
  if (qd < 0) {
    qn = -qn;
    qd = -qd;
  }
  return compareFractions(qn, qd, cn, cd, accept);
}

/**
 * `x / y op z` as one fused step (compareQuotient), or undefined when the left side is not a
 * division. Metric operands and a constant right side are read inline: the shape of R2 and of
 * most share KPIs.
 */
function quotientCompare(accept: number, left: CompiledNode, right: CompiledNode, sub: Sub): FastFn | undefined {
  const t = left.typed;
  if (t.kind !== 'Arithmetic' || t.op !== '/' || left.constant !== undefined) return undefined;
  const [x, y] = left.children;
  if (x === undefined || y === undefined) return undefined;
  const a = leafOf(x);
  const b = leafOf(y);
  const c = leafOf(right);
  if (a?.kind === 'metric' && b?.kind === 'metric' && c?.kind === 'const') {
    const i = a.at;
    const j = b.at;
    const { n, d } = c;
    return (f) => {
      const s = f.fast;
      const o = f.fastAt;
      return compareQuotient(s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number, n, d, accept);
    };
  }
  const xf = a === undefined ? sub(x) : leafFn(a);
  const yf = b === undefined ? sub(y) : leafFn(b);
  const zf = c === undefined ? sub(right) : leafFn(c);
  return (f) => {
    const an = xf(f);
    const ad = den;
    const bn = yf(f);
    const bd = den;
    const cn = zf(f);
    return compareQuotient(an, ad, bn, bd, cn, den, accept);
  };
}

/** The folded constants of a tree that are Rationals (at most `limit`), for reuse as results. */
export function constantsOf(node: CompiledNode, limit = 4): Rational[] {
  const out: Rational[] = [];
  const visit = (n: CompiledNode): void => {
    if (out.length >= limit) return;
    if (n.constant !== undefined) {
      if (isRational(n.constant) && n.constant.n <= MAX_BIG && n.constant.d <= MAX_BIG) out.push(n.constant);
      return;
    }
    n.children.forEach(visit);
  };
  visit(node);
  return out;
}

function isNumeric(node: CompiledNode): boolean {
  const k = node.typed.type.kind;
  return k === 'scalar' || k === 'duration' || k === 'money';
}

/**
 * The fast closure of a compiled node, or undefined when its value is a string. Parts not
 * covered here run their rational closure and are converted with fromValue ("islands"), so a
 * covered parent still runs on numbers.
 */
export function compileFast(node: CompiledNode): FastFn | undefined {
  if (node.typed.type.kind === 'string') return undefined;
  return fastOf(node, subFast) ?? island(node.fn);
}

function subFast(node: CompiledNode): FastFn {
  return compileFast(node) ?? island(node.fn);
}

function island(slow: (f: Frame) => Value): FastFn {
  return (f) => fromValue(slow(f));
}

function fastOf(node: CompiledNode, sub: Sub): FastFn | undefined {
  const t = node.typed;
  const [c0, c1, c2] = node.children;
  if (node.constant !== undefined) {
    const leaf = leafOf(node);
    if (leaf !== undefined) return leafFn(leaf);
    const b = node.constant === true ? 1 : node.constant === false ? 0 : undefined;
    return b === undefined ? undefined : () => b;
  }
  switch (t.kind) {
    case 'Metric':
      return leafFn({ kind: 'metric', at: 2 * t.slot });
    case 'Arithmetic':
      return c0 === undefined || c1 === undefined ? undefined : binary(ARITHMETIC_CODE[t.op], c0, c1, sub);
    case 'Compare':
      if (c0 === undefined || c1 === undefined) return undefined;
      if (isNumeric(c0)) return quotientCompare(ACCEPT[t.op], c0, c1, sub) ?? binary(CMP + ACCEPT[t.op], c0, c1, sub);
      if (t.left.type.kind !== 'boolean' || (t.op !== '==' && t.op !== '!=')) return undefined;
      return booleanEquality(t.op === '==', sub(c0), sub(c1));
    case 'Logical':
      if (c0 === undefined || c1 === undefined) return undefined;
      return t.op === 'and' ? and(sub(c0), sub(c1)) : or(sub(c0), sub(c1));
    case 'Not':
      return c0 === undefined ? undefined : not(sub(c0));
    case 'Negate':
      return c0 === undefined ? undefined : negate(sub(c0));
    case 'If':
      return c0 === undefined || c1 === undefined || c2 === undefined ? undefined : ifThenElse(sub(c0), sub(c1), sub(c2));
    case 'Between':
      return c0 === undefined || c1 === undefined || c2 === undefined ? undefined : between(sub(c0), sub(c1), sub(c2));
    case 'Call':
      return call(t.builtin.shape, node.children.map(sub));
    case 'RefCall':
      return t.builtin.name === 'growth' ? growth(2 * t.slot) : t.builtin.name === 'previous' ? previous(2 * t.slot) : undefined;
    default:
      // Define, KpiMet, Score, PeriodIndex, PeriodMonth, Coalesce, In, Const: islands.
      return undefined;
  }
}

function not(a: FastFn): FastFn {
  return (f) => {
    const x = a(f);
    return x === 1 ? 0 : x === 0 ? 1 : NaN;
  };
}

function negate(a: FastFn): FastFn {
  return (f) => -a(f);
}

function booleanEquality(equal: boolean, a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const x = a(f);
    const y = b(f);
    if (!((x === 0 || x === 1) && (y === 0 || y === 1))) return NaN;
    return (x === y) === equal ? 1 : 0;
  };
}

/** `false and NoData` is false, as in the rational closure; any other NoData gives up. */
function and(a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const x = a(f);
    if (x === 0) return 0;
    const y = b(f);
    if (y === 0) return 0;
    return x === 1 && y === 1 ? 1 : NaN;
  };
}

/** `true or NoData` is true, as in the rational closure; any other NoData gives up. */
function or(a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const x = a(f);
    if (x === 1) return 1;
    const y = b(f);
    if (y === 1) return 1;
    return x === 0 && y === 0 ? 0 : NaN;
  };
}

function ifThenElse(c: FastFn, a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const x = c(f);
    return x === 1 ? a(f) : x === 0 ? b(f) : NaN;
  };
}

/** Inclusive on both ends; a missing bound gives up even when the other decides (as rationals). */
function between(v: FastFn, lo: FastFn, hi: FastFn): FastFn {
  return (f) => {
    const xn = v(f);
    const xd = den;
    const ln = lo(f);
    const ld = den;
    const hn = hi(f);
    const hd = den;
    const atLeast = compareFractions(xn, xd, ln, ld, ACCEPT['>=']);
    const atMost = compareFractions(xn, xd, hn, hd, ACCEPT['<=']);
    if (atLeast !== atLeast || atMost !== atMost) return NaN;
    return atLeast === 1 && atMost === 1 ? 1 : 0;
  };
}

/** min / max over one or more values: the first of equal extremes, as the rational builtin. */
function extreme(args: readonly FastFn[], accept: number): FastFn {
  const [a, b] = args;
  if (args.length === 2 && a !== undefined && b !== undefined) return extremeOfTwo(a, b, accept);
  return (f) => {
    let bn = NaN;
    let bd = 1;
    for (let i = 0; i < args.length; i++) {
      const xn = (args[i] as FastFn)(f);
      const xd = den;
      const better = i === 0 ? 1 : compareFractions(xn, xd, bn, bd, accept);
      if (better !== better) return NaN;
      if (better === 1) {
        bn = xn;
        bd = xd;
      }
    }
    den = bd;
    return bn;
  };
}

/** min / max of two values (`min(leads * 500 RUB, 150000 RUB)`, the usual cap): no loop. */
function extremeOfTwo(a: FastFn, b: FastFn, accept: number): FastFn {
  return (f) => {
    const xn = a(f);
    const xd = den;
    const yn = b(f);
    const yd = den;
    const better = compareFractions(yn, yd, xn, xd, accept);
    if (better !== better) return NaN;
    if (better === 1) return yn;
    den = xd;
    return xn;
  };
}

function pair(code: number, a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const xn = a(f);
    const xd = den;
    const yn = b(f);
    return apply(code, xn, xd, yn, den);
  };
}

/** Built-ins made of the four operations; the rest (round, clamp, cpm, ...) are islands. */
function call(shape: BuiltinShape, args: readonly FastFn[]): FastFn | undefined {
  const [a, b] = args;
  switch (shape.kind) {
    case 'extreme':
      return extreme(args, ACCEPT[shape.which === 'min' ? '<' : '>']);
    case 'abs':
      return a === undefined ? undefined : (f) => Math.abs(a(f));
    case 'ratio':
      return shape.scale !== 1 || a === undefined || b === undefined ? undefined : pair(DIV, a, b);
    case 'sum':
      return args.reduce<FastFn | undefined>((acc, x) => (acc === undefined ? x : pair(ADD, acc, x)), undefined);
    case 'clamp':
    case 'round':
    case 'net-growth':
      return undefined;
    default:
      return assertNever(shape, 'built-in shape');
  }
}

/** previous(metric): the slot of the period before (NaN when that period or value is absent). */
function previous(at: number): FastFn {
  return (f) => {
    const s = f.fast;
    const o = f.fastPreviousAt + at;
    den = s[o + 1] as number;
    return s[o] as number;
  };
}

/** growth(metric) = (x - previous x) / previous x. */
function growth(at: number): FastFn {
  return (f) => {
    const s = f.fast;
    const c = f.fastAt + at;
    const p = f.fastPreviousAt + at;
    const pn = s[p] as number;
    const pd = s[p + 1] as number;
    const dn = addFractions(s[c] as number, s[c + 1] as number, -pn, pd);
    return divFractions(dn, den, pn, pd);
  };
}
