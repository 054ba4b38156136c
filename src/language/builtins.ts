// Stages 6-7: the immutable table of built-in functions: name -> signature (unit rules, checked
// statically by typecheck.ts) + implementation (run by compiled closures) + a one-line doc.
//
// Rounding in round(): half away from zero ("half-up" as in spreadsheets' ROUND: 2.5 -> 3,
// -2.5 -> -3), because contract authors take their formulas from spreadsheets. `digits` counts
// decimal places of the base value (fraction for percent, seconds, currency units) and must be an
// integer literal. Invoice rounding (half-even by default) is a separate, named place (money.ts).
import type { Span } from '../diagnostics/diagnostic.js';
import { isNoData, noData, type Value } from './values.js';
import { ONE, ZERO, isZero, rational } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { describeType, isQuantity, scalar } from './value-types.js';
import type { ScalarFlavor, ValueType } from './value-types.js';
import { mergeTypes, isProblem } from './units.js';
import type { TypeOutcome, UnitProblem } from './units.js';

/** Where a call sits in the file, for NoData reasons (`division by zero: sessions is 0`). */
export interface CallSite {
  readonly span: Span;
  readonly argTexts: readonly string[];
}

/** A unit problem of a call, optionally blamed on one argument (index). */
export type CallProblem = UnitProblem & { readonly arg?: number };

interface BuiltinBase {
  readonly name: string;
  readonly doc: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
}

/**
 * What a built-in of values computes, as data: the fast path on numbers (src/compile/fast-number.ts)
 * and the JSON Logic lowering (src/jsonlogic/lower.ts) switch on it exhaustively, so a built-in
 * added here without them fails to compile instead of failing at run time.
 */
export type BuiltinShape =
  | { readonly kind: 'extreme'; readonly which: 'min' | 'max' }
  | { readonly kind: 'abs' }
  | { readonly kind: 'clamp' }
  | { readonly kind: 'round'; readonly mode: RoundMode }
  /** `args[0] / args[1] * scale` (rates, shares, costs per unit, cpm). */
  | { readonly kind: 'ratio'; readonly scale: 1 | 1000 }
  /** The sum of the arguments (engagement). */
  | { readonly kind: 'sum' }
  /** `(args[0] - args[1]) / args[2]` (net_growth). */
  | { readonly kind: 'net-growth' };

/** A function of values: arguments are evaluated; any NoData argument is returned as is. */
export interface ValueBuiltin extends BuiltinBase {
  readonly kind: 'value';
  readonly shape: BuiltinShape;
  /** Argument indexes that must be integer literals (round's digits). */
  readonly integerArgs?: readonly number[];
  readonly type: (args: readonly ValueType[]) => ValueType | CallProblem;
  readonly apply: (args: readonly Rational[], site: CallSite) => Value;
}

/**
 * A function of a name: previous(metric), growth(metric), attainment(kpi). What it reads is the
 * evaluation frame's business: src/compile/ref-builtins.ts implements each by name.
 */
export interface RefBuiltin extends BuiltinBase {
  readonly kind: 'ref';
  readonly name: 'previous' | 'growth' | 'attainment';
  readonly ref: 'metric' | 'kpi';
  readonly type: (target: ValueType) => ValueType | CallProblem;
}

export type Builtin = ValueBuiltin | RefBuiltin;

export type RoundMode = 'half-away' | 'floor' | 'ceil';

/** `r` rounded to `digits` decimal places (negative: tens, hundreds). Exact, bigint based. */
export function roundTo(r: Rational, digits: number, mode: RoundMode): Rational {
  const scale = 10n ** BigInt(Math.abs(digits));
  const num = digits >= 0 ? r.n * scale : r.n;
  const den = digits >= 0 ? r.d : r.d * scale;
  const negative = r.s < 0n && r.n !== 0n;
  let q = num / den;
  const rem = num % den;
  if (rem !== 0n) {
    if (mode === 'half-away' && rem * 2n >= den) q += 1n;
    else if (mode === 'floor' && negative) q += 1n;
    else if (mode === 'ceil' && !negative) q += 1n;
  }
  const signed = negative ? -q : q;
  return digits >= 0 ? rational(signed).div(rational(scale)) : rational(signed * scale);
}

function divide(a: Rational, b: Rational, divisorText: string, site: CallSite): Value {
  return isZero(b) ? noData(`division by zero: ${divisorText} is 0`, site.span) : a.div(b);
}

function need(t: ValueType, i: number, fn: string, want: 'scalar' | 'money' | 'quantity'): CallProblem | undefined {
  const ok = want === 'quantity' ? isQuantity(t) : t.kind === want;
  if (ok) return undefined;
  const code = t.kind === 'boolean' || t.kind === 'string' ? 'E040' : 'E041';
  const wanted = want === 'scalar' ? 'a plain number' : want === 'money' ? 'money' : 'a number';
  return { code, reason: `argument ${i + 1} of ${fn}() must be ${wanted}, found ${describeType(t)}`, arg: i };
}

function firstProblem(args: readonly ValueType[], fn: string, want: 'scalar' | 'money' | 'quantity'): CallProblem | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    const p = t === undefined ? undefined : need(t, i, fn, want);
    if (p !== undefined) return p;
  }
  return undefined;
}

/** All arguments in one dimension; the merged type. */
function sameDimension(args: readonly ValueType[], fn: string): ValueType | CallProblem {
  const bad = firstProblem(args, fn, 'quantity');
  if (bad !== undefined) return bad;
  let acc: ValueType | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = args[i] as ValueType;
    const merged: TypeOutcome = acc === undefined ? t : mergeTypes(acc, t);
    if (isProblem(merged)) return { ...merged, reason: `${fn}(): ${merged.reason}`, arg: i };
    acc = merged;
  }
  return acc ?? scalar('number');
}

/** A rate of two dimensionless values: `num / den`. */
function rate(name: string, flavor: ScalarFlavor, doc: string): ValueBuiltin {
  return {
    kind: 'value', name, doc, minArgs: 2, maxArgs: 2, shape: { kind: 'ratio', scale: 1 },
    type: (args) => firstProblem(args, name, 'scalar') ?? scalar(flavor),
    apply: ([a, b], site) => divide(a ?? ZERO, b ?? ONE, site.argTexts[1] ?? '', site),
  };
}

/** A cost per unit: `cost / count * scale` in the cost's currency. */
function costPer(name: string, scale: 1 | 1000, doc: string): ValueBuiltin {
  const factor = rational(scale);
  return {
    kind: 'value', name, doc, minArgs: 2, maxArgs: 2, shape: { kind: 'ratio', scale },
    type: ([cost, count]) =>
      need(cost ?? scalar('number'), 0, name, 'money') ?? need(count ?? scalar('number'), 1, name, 'scalar') ?? (cost as ValueType),
    apply: ([cost, count], site) => {
      const v = divide(cost ?? ZERO, count ?? ONE, site.argTexts[1] ?? '', site);
      return scale === 1 || isNoData(v) || typeof v !== 'object' ? v : v.mul(factor);
    },
  };
}

function rounding(name: string, mode: RoundMode, doc: string): ValueBuiltin {
  return {
    kind: 'value', name, doc, minArgs: 1, maxArgs: 2, integerArgs: [1], shape: { kind: 'round', mode },
    type: (args) =>
      need(args[0] ?? scalar('number'), 0, name, 'quantity') ??
      (args[1] === undefined ? undefined : need(args[1], 1, name, 'scalar')) ??
      (args[0] as ValueType),
    apply: ([x, digits]) => roundTo(x ?? ZERO, digits === undefined ? 0 : Number(digits.n) * Number(digits.s), mode),
  };
}

function extreme(name: 'min' | 'max', doc: string): ValueBuiltin {
  return {
    kind: 'value', name, doc, minArgs: 1, maxArgs: Infinity, shape: { kind: 'extreme', which: name },
    type: (args) => sameDimension(args, name),
    apply: (args) => {
      let best = args[0] ?? ZERO;
      for (let i = 1; i < args.length; i++) {
        const a = args[i] as Rational;
        if (name === 'min' ? a.lt(best) : a.gt(best)) best = a;
      }
      return best;
    },
  };
}

const previousBuiltin: RefBuiltin = {
  kind: 'ref', name: 'previous', ref: 'metric', minArgs: 1, maxArgs: 1,
  doc: 'previous(metric): the same metric one period earlier (no data if that period or value is missing)',
  type: (t) => t,
};

const growthBuiltin: RefBuiltin = {
  kind: 'ref', name: 'growth', ref: 'metric', minArgs: 1, maxArgs: 1,
  doc: 'growth(metric) = (x - previous x) / previous x, a percent (+400% from 20 to 100)',
  type: (t) =>
    isQuantity(t)
      ? scalar('percent')
      : { code: 'E040', reason: `growth() needs a numeric metric, found ${describeType(t)}`, arg: 0 },
};

const attainmentBuiltin: RefBuiltin = {
  kind: 'ref', name: 'attainment', ref: 'kpi', minArgs: 1, maxArgs: 1,
  doc: 'attainment(kpi): the KPI attainment capped by its cap (an excluded KPI counts as fully attained)',
  type: () => scalar('percent'),
};

const TABLE: readonly Builtin[] = [
  extreme('min', 'min(a, b, ...): the smallest of values of one dimension'),
  extreme('max', 'max(a, b, ...): the largest of values of one dimension'),
  {
    kind: 'value', name: 'clamp', minArgs: 3, maxArgs: 3, shape: { kind: 'clamp' },
    doc: 'clamp(x, lo, hi): x limited to the range lo..hi',
    type: (args) => sameDimension(args, 'clamp'),
    apply: ([x, lo, hi]) => {
      const v = x ?? ZERO;
      if (lo !== undefined && v.lt(lo)) return lo;
      if (hi !== undefined && v.gt(hi)) return hi;
      return v;
    },
  },
  {
    kind: 'value', name: 'abs', minArgs: 1, maxArgs: 1, shape: { kind: 'abs' },
    doc: 'abs(x): absolute value, same unit',
    type: (args) => need(args[0] ?? scalar('number'), 0, 'abs', 'quantity') ?? (args[0] as ValueType),
    apply: ([x]) => (x ?? ZERO).abs(),
  },
  rounding('round', 'half-away', 'round(x, digits = 0): rounded half away from zero (2.5 -> 3, -2.5 -> -3)'),
  rounding('floor', 'floor', 'floor(x, digits = 0): rounded down (towards minus infinity)'),
  rounding('ceil', 'ceil', 'ceil(x, digits = 0): rounded up (towards plus infinity)'),
  previousBuiltin,
  growthBuiltin,
  attainmentBuiltin,
  {
    kind: 'value', name: 'share', minArgs: 2, maxArgs: 2, shape: { kind: 'ratio', scale: 1 },
    doc: 'share(part, whole) = part / whole, a percent (part and whole in one dimension)',
    type: (args) => {
      const t = sameDimension(args, 'share');
      return 'code' in t ? t : scalar('percent');
    },
    apply: ([a, b], site) => divide(a ?? ZERO, b ?? ONE, site.argTexts[1] ?? '', site),
  },
  {
    kind: 'value', name: 'engagement', minArgs: 3, maxArgs: 3, shape: { kind: 'sum' },
    doc: 'engagement(likes, comments, shares) = likes + comments + shares',
    type: (args) => firstProblem(args, 'engagement', 'scalar') ?? scalar('count'),
    apply: ([a, b, c]) => (a ?? ZERO).add(b ?? ZERO).add(c ?? ZERO),
  },
  rate('er', 'percent', 'er(engagements, followers) = engagements / followers'),
  rate('err', 'percent', 'err(engagements, reach) = engagements / reach (engagement rate by reach)'),
  rate('love_rate', 'percent', 'love_rate(likes, followers) = likes / followers'),
  rate('talk_rate', 'percent', 'talk_rate(comments, followers) = comments / followers'),
  rate('amplification_rate', 'ratio', 'amplification_rate(shares, posts) = shares / posts'),
  rate('ctr', 'percent', 'ctr(clicks, impressions) = clicks / impressions'),
  rate('response_rate', 'percent', 'response_rate(answers, questions) = answers / questions'),
  costPer('cpc', 1, 'cpc(cost, clicks) = cost / clicks (money)'),
  costPer('cpl', 1, 'cpl(cost, leads) = cost / leads (money)'),
  costPer('cpa', 1, 'cpa(cost, actions) = cost / actions (money)'),
  costPer('cpo', 1, 'cpo(cost, orders) = cost / orders (money)'),
  costPer('cpv', 1, 'cpv(cost, views) = cost / views (money)'),
  costPer('cpm', 1000, 'cpm(cost, impressions) = cost / impressions x 1000 (money)'),
  {
    kind: 'value', name: 'net_growth', minArgs: 3, maxArgs: 3, shape: { kind: 'net-growth' },
    doc: 'net_growth(joined, left, total) = (joined - left) / total',
    type: (args) => firstProblem(args, 'net_growth', 'scalar') ?? scalar('percent'),
    apply: ([j, l, t], site) => divide((j ?? ZERO).sub(l ?? ZERO), t ?? ONE, site.argTexts[2] ?? '', site),
  },
];

/** The built-in functions by name (immutable). */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(TABLE.map((b) => [b.name, Object.freeze(b)]));
