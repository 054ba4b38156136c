// Stage 6b (compileProgram), fast path: CompiledNode -> a closure on JS numbers that is exact or
// gives up (NaN). compile-expression.ts runs it first and the rational closure when it gives up.
//
// The arithmetic is src/numbers/safe-fraction.ts (fractions of safe integers, the denominator of
// each result in its register, and why every step is exact); this file only chooses, per node
// kind and per built-in shape of the catalogue (src/language/builtins.ts), which steps to chain,
// and reads constant and metric operands inline. Whatever it does not cover is an "island": the
// rational closure, its value converted. Why it is shaped this way: docs/performance.md.
import type { Value } from '../check/checked-contract.js';
import type { Frame } from './frame.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { BuiltinShape, RefBuiltin } from '../language/builtins.js';
import { isRational } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import {
  ACCEPT, ADD, CMP, DIV, MAX_SAFE_BIG, SUB, MUL, apply, compareFractions, compareQuotient, fraction, fromParts, growthOf, lastDen,
} from '../numbers/safe-fraction.js';
import type { CompiledNode } from './compiled-node.js';
import { metricStepConstant, metricStepMetric, stepMetric } from './fast-number-steps.js';

/** A fast closure: the numerator (the denominator in the register, lastDen), 1/0 for booleans, NaN when it gives up. */
export type FastFn = (f: Frame) => number;

export { lastDen };

/** Any runtime value: numbers as num/den, booleans as 1/0, anything else NaN. */
function fromValue(v: Value): number {
  if (v === true) return 1;
  if (v === false) return 0;
  return isRational(v) ? fromParts(v) : NaN;
}

const ARITHMETIC_CODE = { '+': ADD, '-': SUB, '*': MUL, '/': DIV } as const;

/** A leaf the parent reads inline (no call): a constant or a metric slot of the period. */
type Leaf = { readonly kind: 'const'; readonly n: number; readonly d: number } | { readonly kind: 'metric'; readonly at: number };

function leafOf(node: CompiledNode): Leaf | undefined {
  const t = node.typed;
  if (t.kind === 'Metric') return { kind: 'metric', at: 2 * t.slot };
  if (node.constant !== undefined && isRational(node.constant)) {
    const n = fromParts(node.constant);
    if (n === n) return { kind: 'const', n, d: lastDen() };
  }
  return undefined;
}

function leafFn(leaf: Leaf): FastFn {
  if (leaf.kind === 'const') {
    const { n, d } = leaf;
    return () => fraction(n, d);
  }
  const at = leaf.at;
  return (f) => {
    const a = f.fast;
    const o = f.fastAt + at;
    return fraction(a[o] as number, a[o + 1] as number);
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
    const step = metricStepMetric(code, i, j);
    if (step !== undefined) return step;
    return (f) => {
      const s = f.fast;
      const o = f.fastAt;
      return apply(code, s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
    };
  }
  if (a?.kind === 'metric' && b?.kind === 'const') {
    const i = a.at;
    const { n, d } = b;
    if (code >= CMP) return metricAgainstConstant(code - CMP, i, n, d);
    const step = metricStepConstant(code, i, n, d);
    if (step !== undefined) return step;
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
      return apply(code, xn, lastDen(), n, d);
    };
  }
  if (b?.kind === 'metric') {
    const j = b.at;
    const step = stepMetric(code, x, j);
    if (step !== undefined) return step;
    return (f) => {
      const xn = x(f);
      const xd = lastDen();
      const s = f.fast;
      const o = f.fastAt + j;
      return apply(code, xn, xd, s[o] as number, s[o + 1] as number);
    };
  }
  const y = sub(right);
  return (f) => {
    const xn = x(f);
    const xd = lastDen();
    const yn = y(f);
    return apply(code, xn, xd, yn, lastDen());
  };
}

/**
 * `metric op constant` (`bounce_rate < 20%`, the most common condition): a library user's double
 * (den 0) is decided here on doubles, as compareFractions would (x < fl(c) proves D < c, since
 * the decimal D rounds to x and rounding is monotone); only a tie, a missing value or an exact
 * fraction goes to compareFractions. One small closure, so it inlines into its caller and the
 * double is never boxed for a call.
 */
function metricAgainstConstant(accept: number, i: number, n: number, d: number): FastFn {
  const c = n / d; // fl(c): IEEE division of two safe integers rounds correctly
  const less = accept & 1;
  const greater = (accept >> 2) & 1;
  return (f) => {
    const s = f.fast;
    const o = f.fastAt + i;
    const xn = s[o] as number;
    const xd = s[o + 1] as number;
    if (xd === 0) {
      if (xn < c) return less;
      if (xn > c) return greater;
    }
    return compareFractions(xn, xd, n, d, accept);
  };
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
  if (b?.kind === 'metric' && c?.kind === 'const') {
    // `(likes + comments + shares) / reach >= 5%`, `(x - x_prev) / x_prev >= 10%`: one call, not three.
    const j = b.at;
    const { n, d } = c;
    return (f) => {
      const an = xf(f);
      const ad = lastDen();
      const s = f.fast;
      const o = f.fastAt + j;
      return compareQuotient(an, ad, s[o] as number, s[o + 1] as number, n, d, accept);
    };
  }
  const yf = b === undefined ? sub(y) : leafFn(b);
  const zf = c === undefined ? sub(right) : leafFn(c);
  return (f) => {
    const an = xf(f);
    const ad = lastDen();
    const bn = yf(f);
    const bd = lastDen();
    const cn = zf(f);
    return compareQuotient(an, ad, bn, bd, cn, lastDen(), accept);
  };
}

/** The folded constants of a tree that are Rationals (at most `limit`), for reuse as results. */
export function constantsOf(node: CompiledNode, limit = 4): Rational[] {
  const out: Rational[] = [];
  const visit = (n: CompiledNode): void => {
    if (out.length >= limit) return;
    if (n.constant !== undefined) {
      if (isRational(n.constant) && n.constant.n <= MAX_SAFE_BIG && n.constant.d <= MAX_SAFE_BIG) out.push(n.constant);
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
      return refCall(t.builtin.name, 2 * t.slot);
    default:
      // Define, KpiMet, Score, PeriodIndex, PeriodMonth, PeriodYear, PeriodDays, Coalesce, In, Const: islands.
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
    const xd = lastDen();
    const ln = lo(f);
    const ld = lastDen();
    const hn = hi(f);
    const hd = lastDen();
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
      const xd = lastDen();
      const better = i === 0 ? 1 : compareFractions(xn, xd, bn, bd, accept);
      if (better !== better) return NaN;
      if (better === 1) {
        bn = xn;
        bd = xd;
      }
    }
    return fraction(bn, bd);
  };
}

/** min / max of two values (`min(leads * 500 RUB, 150000 RUB)`, the usual cap): no loop. */
function extremeOfTwo(a: FastFn, b: FastFn, accept: number): FastFn {
  return (f) => {
    const xn = a(f);
    const xd = lastDen();
    const yn = b(f);
    const yd = lastDen();
    const better = compareFractions(yn, yd, xn, xd, accept);
    if (better !== better) return NaN;
    return better === 1 ? fraction(yn, yd) : fraction(xn, xd);
  };
}

function pair(code: number, a: FastFn, b: FastFn): FastFn {
  return (f) => {
    const xn = a(f);
    const xd = lastDen();
    const yn = b(f);
    return apply(code, xn, xd, yn, lastDen());
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

/** Built-ins of a name: the metric ones read the period before's slots; the KPI ones are islands. */
function refCall(name: RefBuiltin['name'], at: number): FastFn | undefined {
  switch (name) {
    case 'previous':
      return previous(at);
    case 'growth':
      return growth(at);
    case 'attainment':
    case 'status':
      return undefined;
    default:
      return assertNever(name, 'reference built-in');
  }
}

/** previous(metric): the slot of the period before (NaN when that period or value is absent). */
function previous(at: number): FastFn {
  return (f) => {
    const s = f.fast;
    const o = f.fastPreviousAt + at;
    return fraction(s[o] as number, s[o + 1] as number);
  };
}

/** growth(metric) = (x - previous x) / previous x. */
function growth(at: number): FastFn {
  return (f) => {
    const s = f.fast;
    const c = f.fastAt + at;
    const p = f.fastPreviousAt + at;
    return growthOf(s[c] as number, s[c + 1] as number, s[p] as number, s[p + 1] as number);
  };
}
