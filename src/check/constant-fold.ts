// Stage 6 (checkContract): the value of a typed tree that does not depend on data (literals and
// constant arithmetic, `20% * 2`, `round(1.25, 1)`), for the rules that need constants (weights,
// caps, bounds, the side of a target that is the threshold). Same semantics as the compiled
// closures of src/compile/ (test/property/constant-fold.prop.test.ts compares them).
import type { Span } from '../diagnostics/diagnostic.js';
import { isNoData, noData, type Value } from '../language/values.js';
import { holds } from '../numbers/comparison.js';
import { isRational, isZero } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import type { TypedNode } from './typed-tree.js';

/** Node kinds whose value comes from the period's data: never constant. */
const DATA_KINDS: ReadonlySet<TypedNode['kind']> = new Set(['Metric', 'Define', 'KpiMet', 'Score', 'PeriodIndex', 'PeriodMonth', 'RefCall']);

/**
 * The folded value of `t`, or undefined when it (or any operand it needs) depends on data.
 * `text` is the file the spans point into (for NoData reasons such as `division by zero: x is 0`).
 * Results are memoised per node, so asking for every sub-tree of a tree stays linear.
 */
export function foldConstant(t: TypedNode, text: string): Value | undefined {
  const memo = MEMO.get(t);
  if (memo !== undefined) return memo.value;
  const value = DATA_KINDS.has(t.kind) ? undefined : fold(t, text);
  MEMO.set(t, { value });
  return value;
}

const MEMO = new WeakMap<TypedNode, { readonly value: Value | undefined }>();

function fold(t: TypedNode, text: string): Value | undefined {
  const c = (n: TypedNode): Value | undefined => foldConstant(n, text);
  switch (t.kind) {
    case 'Const':
      return t.value;
    case 'Negate': {
      const v = c(t.operand);
      return v === undefined ? undefined : isRational(v) ? v.neg() : v;
    }
    case 'Not': {
      const v = c(t.operand);
      return v === undefined ? undefined : v === true ? false : v === false ? true : v;
    }
    case 'Arithmetic':
      return both(c(t.left), c(t.right), (x, y) => arithmetic(t.op, x, y, t.expr.span, text.slice(t.right.expr.span.start, t.right.expr.span.end)));
    case 'Compare':
      return both(c(t.left), c(t.right), (x, y) => compare(t.op, x, y));
    case 'Logical':
      return both(c(t.left), c(t.right), (x, y) => (t.op === 'and' ? and(x, y) : or(x, y)));
    case 'Coalesce':
      return both(c(t.left), c(t.right), (x, y) => (isNoData(x) ? y : x));
    case 'Between':
      return all([c(t.value), c(t.low), c(t.high)] as const, ([x, lo, hi]) => between(x, lo, hi));
    case 'In':
      return all([c(t.value), ...t.items.map(c)], ([x, ...items]) => inList(x as Value, items));
    case 'If':
      return all([c(t.cond), c(t.then), c(t.else)] as const, ([cond, a, b]) => (cond === true ? a : cond === false ? b : cond));
    case 'Call':
      return all(t.args.map(c), (args) => {
        for (const a of args) if (!isRational(a)) return a;
        const site = { span: t.expr.span, argTexts: t.args.map((a) => text.slice(a.expr.span.start, a.expr.span.end)) };
        return t.builtin.apply(args as Rational[], site);
      });
    default:
      return undefined;
  }
}

/** `f` of the operands when every operand is constant (the compiled closures fold the same way). */
function all<T extends readonly (Value | undefined)[]>(values: T, f: (vs: { readonly [K in keyof T]: Value }) => Value): Value | undefined {
  return values.every((v) => v !== undefined) ? f(values as { readonly [K in keyof T]: Value }) : undefined;
}

function both(x: Value | undefined, y: Value | undefined, f: (x: Value, y: Value) => Value): Value | undefined {
  return x === undefined || y === undefined ? undefined : f(x, y);
}

function arithmetic(op: '+' | '-' | '*' | '/', x: Value, y: Value, span: Span, divisorText: string): Value {
  if (!isRational(x)) return x;
  if (!isRational(y)) return y;
  switch (op) {
    case '+':
      return x.add(y);
    case '-':
      return x.sub(y);
    case '*':
      return x.mul(y);
    case '/':
      return isZero(y) ? noData(`division by zero: ${divisorText} is 0`, span) : x.div(y);
  }
}

function compare(op: '<' | '<=' | '>' | '>=' | '==' | '!=', x: Value, y: Value): Value {
  if (isNoData(x)) return x;
  if (isNoData(y)) return y;
  if (!isRational(x) || !isRational(y)) return op === '==' ? x === y : op === '!=' ? x !== y : false;
  return holds(op, x.compare(y));
}

function and(x: Value, y: Value): Value {
  if (x === false || y === false) return false;
  if (x === true && y === true) return true;
  return x === true ? y : x;
}

function or(x: Value, y: Value): Value {
  if (x === true || y === true) return true;
  if (x === false && y === false) return false;
  return x === false ? y : x;
}

function between(x: Value, lo: Value, hi: Value): Value {
  if (!isRational(x)) return x;
  if (!isRational(lo)) return lo;
  if (!isRational(hi)) return hi;
  return x.compare(lo) >= 0 && x.compare(hi) <= 0;
}

function inList(x: Value, items: readonly Value[]): Value {
  if (isNoData(x)) return x;
  let missing: Value | undefined;
  for (const y of items) {
    if (isNoData(y)) missing ??= y;
    else if (isRational(x) ? isRational(y) && x.compare(y) === 0 : x === y) return true;
  }
  return missing ?? false;
}
