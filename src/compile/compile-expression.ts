// Stage 6b (compileProgram): TypedNode -> a closure tree. Names are resolved to slot indexes,
// constant sub-trees are folded, and evaluation never throws: division by zero and missing values
// yield NoData carrying the span of the sub-expression. No eval, no Function, no name lookups.
import type { Span } from '../diagnostics/diagnostic.js';
import { previousDefineReader, refReader } from './ref-builtins.js';
import { InternalError, assertNever } from '../diagnostics/diagnostic.js';
import type { CompiledExpr, EvalContext } from './program.js';
import { isNoData, type Value } from '../language/values.js';
import type { CallSite } from '../language/builtins.js';
import { asFrame, createFrame, noData } from './frame.js';
import type { Frame } from './frame.js';
import { compileFast, constantsOf, lastDen } from './fast-number.js';
import { checkOperandSize } from './size-limit.js';
import type { FastFn } from './fast-number.js';
import { ZERO, addRationals, compareRationals, divRationals, fromSafeIntegers, isRational, isZero, mulRationals, subRationals } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { childrenOf, type TypedNode } from '../check/typed-tree.js';
import { isQuantity } from '../language/value-types.js';

import type { CompiledNode } from './compiled-node.js';

export type { CompiledNode };

/** A CompiledExpr made here; `node` gives access to sub-expressions (explanations, attainment). */
export interface CompiledTree extends CompiledExpr {
  readonly node: CompiledNode;
}

export interface CompileEnv {
  /** The text of the file the spans point into (for `division by zero: sessions is 0`). */
  readonly text: string;
  /** Define name -> slot in Frame.defines. */
  readonly defineSlots: ReadonlyMap<string, number>;
  /**
   * Run whole expressions on the fast path on JS numbers first (default true). Off, every
   * expression runs on the exact rational closures only: the reference the property tests
   * compare the fast path with, and a switch to rule the fast path out when investigating.
   */
  readonly fastPath?: boolean;
}

export function isCompiledTree(c: CompiledExpr): c is CompiledTree {
  return 'node' in c;
}

const NOWHERE: Span = { file: '', start: 0, end: 0 };
const UNSET = noData('internal: value not computed yet', NOWHERE);
const EMPTY_FRAME: Frame = createFrame({
  period: '', periodIndex: 0, periodMonth: 0, periodIndexValue: ZERO, periodMonthValue: ZERO, periodYearValue: ZERO, periodDaysValue: ZERO, periodSpan: undefined,
  metrics: [], previousPeriod: undefined, previous: undefined, fast: new Float64Array(0), fastAt: 0, fastPreviousAt: 0,
  defines: [], kpiMet: [], kpiAttainment: [], kpiStatus: [], score: UNSET,
});

/** Compile a typed expression once; `evaluate` runs it in a period's EvalContext. */
export function compileExpr(typed: TypedNode, env: CompileEnv): CompiledTree {
  const node = compileNode(typed, env);
  const fn = env.fastPath === false ? node.fn : exactFn(node);
  return {
    expr: typed.expr,
    type: typed.type,
    span: typed.expr.span,
    node,
    ...(node.constant === undefined ? {} : { constant: node.constant }),
    evaluate: (ctx: EvalContext): Value => fn(asFrame(ctx)),
  };
}

/**
 * The closure to run a node as a whole expression: the fast path on numbers (fast-number.ts)
 * first, the rational closure when the fast path gives up (NaN: overflow, no data, not covered).
 * Both give the same value (test/property/fastpath.prop.test.ts); a numeric result is handed back
 * as a Rational in lowest terms. A plain read (metric, define, constant) stays on the rational
 * closure: it already holds the Rational, converting it twice would only cost.
 */
export function exactFn(node: CompiledNode): Fn {
  const slow = node.fn;
  const kind = node.typed.type.kind;
  if (node.constant !== undefined || !COMPUTED_KINDS.has(node.typed.kind)) return slow;
  if (kind === 'boolean') {
    const fast = compileFast(node);
    if (fast === undefined) return slow;
    return (f) => {
      const x = fast(f);
      return x === 1 ? true : x === 0 ? false : slow(f);
    };
  }
  if (isQuantity(node.typed.type)) {
    const fast = compileFast(node);
    if (fast === undefined) return slow;
    return numericRoot(fast, slow, constantsOf(node));
  }
  return slow;
}

/**
 * A numeric result as a Rational. A result equal to one of the expression's constants (a cap,
 * the `else 0 RUB` branch) is that constant's (immutable) Rational: no allocation.
 */
function numericRoot(fast: FastFn, slow: Fn, constants: readonly Rational[]): Fn {
  const nums = constants.map((c) => Number(c.s * c.n));
  const dens = constants.map((c) => Number(c.d));
  const count = constants.length;
  return (f) => {
    const x = fast(f);
    if (x !== x) return slow(f);
    const d = lastDen();
    // Den 0 (a double read as given, numbers/safe-fraction.ts) is never built from Rationals; to be safe.
    if (d === 0) return slow(f);
    for (let i = 0; i < count; i++) {
      if (nums[i] === x && dens[i] === d) return constants[i] as Rational;
    }
    return fromSafeIntegers(x, d);
  };
}

/** Node kinds that compute (worth the fast path as a root); the others only read a value. */
const COMPUTED_KINDS: ReadonlySet<TypedNode['kind']> = new Set(['Negate', 'Not', 'Arithmetic', 'Compare', 'Logical', 'Between', 'If', 'Call', 'RefCall']);

const DATA_KINDS: ReadonlySet<TypedNode['kind']> = new Set(['Metric', 'Define', 'KpiMet', 'Score', 'PeriodIndex', 'PeriodMonth', 'PeriodYear', 'PeriodDays', 'RefCall', 'PreviousDefine']);

export function compileNode(t: TypedNode, env: CompileEnv): CompiledNode {
  const children = childrenOf(t).map((c) => compileNode(c, env));
  const fn = closureOf(t, children, env);
  const foldable = !DATA_KINDS.has(t.kind) && children.every((c) => c.constant !== undefined);
  if (!foldable) return { typed: t, fn, children };
  const constant = fn(EMPTY_FRAME);
  return { typed: t, fn: () => constant, constant, children };
}

function textOf(env: CompileEnv, span: Span): string {
  return env.text.slice(span.start, span.end);
}

type Fn = (f: Frame) => Value;

function fnAt(children: readonly CompiledNode[], i: number): Fn {
  const c = children[i];
  if (c === undefined) throw new InternalError(`compile: missing child ${i}`);
  return c.fn;
}

function closureOf(t: TypedNode, children: readonly CompiledNode[], env: CompileEnv): Fn {
  switch (t.kind) {
    case 'Const': {
      const v = t.value;
      return () => v;
    }
    case 'Metric':
      return metricReader(t.slot, t.name, t.expr.span);
    case 'Define': {
      const slot = env.defineSlots.get(t.name);
      if (slot === undefined) throw new InternalError(`compile: define ${t.name} has no slot`);
      return (f) => f.defines[slot] ?? UNSET;
    }
    case 'KpiMet': {
      const slot = t.slot;
      return (f) => f.kpiMet[slot] ?? UNSET;
    }
    case 'Score':
      return (f) => f.score;
    case 'PeriodIndex':
      return (f) => f.periodIndexValue;
    case 'PeriodMonth':
      return (f) => f.periodMonthValue;
    case 'PeriodYear':
      return (f) => f.periodYearValue;
    case 'PeriodDays':
      return (f) => f.periodDaysValue;
    case 'Negate': {
      const a = fnAt(children, 0);
      return (f) => {
        const v = a(f);
        return isRational(v) ? v.neg() : v;
      };
    }
    case 'Not': {
      const a = fnAt(children, 0);
      return (f) => {
        const v = a(f);
        return v === true ? false : v === false ? true : v;
      };
    }
    case 'Arithmetic':
      return arithmetic(t.op, fnAt(children, 0), fnAt(children, 1), t.expr.span, textOf(env, t.right.expr.span));
    case 'Compare':
      return compare(t.op, fnAt(children, 0), fnAt(children, 1), isQuantity(t.left.type));
    case 'Logical':
      return t.op === 'and' ? and(fnAt(children, 0), fnAt(children, 1)) : or(fnAt(children, 0), fnAt(children, 1));
    case 'Coalesce': {
      const a = fnAt(children, 0);
      const b = fnAt(children, 1);
      return (f) => {
        const v = a(f);
        return isNoData(v) ? b(f) : v;
      };
    }
    case 'Between':
      return between(fnAt(children, 0), fnAt(children, 1), fnAt(children, 2));
    case 'In':
      return inList(children.map((c) => c.fn), isQuantity(t.value.type));
    case 'If': {
      const c = fnAt(children, 0);
      const a = fnAt(children, 1);
      const b = fnAt(children, 2);
      return (f) => {
        const v = c(f);
        return v === true ? a(f) : v === false ? b(f) : v;
      };
    }
    case 'Call':
      return call(t, children, env);
    case 'RefCall': {
      return refReader(t.builtin, t.slot, t.name, t.expr.span);
    }
    case 'PreviousDefine': {
      const slot = env.defineSlots.get(t.name);
      if (slot === undefined) throw new InternalError(`compile: define ${t.name} has no slot`);
      return previousDefineReader(t.builtin, slot, t.name, t.expr.span, compileNode(t.previous, env).fn);
    }
    default:
      return assertNever(t, 'typed node');
  }
}

function metricReader(slot: number, name: string, span: Span): Fn {
  return (f) => {
    const v = f.metrics[slot];
    if (v !== undefined) return v.value;
    const labels = f.periodSpan === undefined ? undefined : [{ span: f.periodSpan, message: `period ${f.period} has no "${name}"` }];
    return noData(`metric "${name}" missing in ${f.period}`, span, labels);
  };
}

/**
 * The exact path of `+ - * /` (the fast path declined): the rational helpers compute on safe
 * integers when the parts fit and leave the rest to fraction.js, with the same results.
 */
function arithmetic(op: '+' | '-' | '*' | '/', a: Fn, b: Fn, span: Span, divisorText: string): Fn {
  switch (op) {
    case '+':
      return (f) => {
        const x = a(f);
        if (!isRational(x)) return x;
        const y = b(f);
        if (!isRational(y)) return y;
        checkOperandSize(x, y, span);
        return addRationals(x, y);
      };
    case '-':
      return (f) => {
        const x = a(f);
        if (!isRational(x)) return x;
        const y = b(f);
        if (!isRational(y)) return y;
        checkOperandSize(x, y, span);
        return subRationals(x, y);
      };
    case '*':
      return (f) => {
        const x = a(f);
        if (!isRational(x)) return x;
        const y = b(f);
        if (!isRational(y)) return y;
        checkOperandSize(x, y, span);
        return mulRationals(x, y);
      };
    case '/':
      return (f) => {
        const x = a(f);
        if (!isRational(x)) return x;
        const y = b(f);
        if (!isRational(y)) return y;
        if (isZero(y)) return noData(`division by zero: ${divisorText} is 0`, span);
        checkOperandSize(x, y, span);
        return divRationals(x, y);
      };
    default:
      return assertNever(op, 'operator');
  }
}

function compare(op: '<' | '<=' | '>' | '>=' | '==' | '!=', a: Fn, b: Fn, numeric: boolean): Fn {
  if (!numeric) {
    return (f) => {
      const x = a(f);
      if (isNoData(x)) return x;
      const y = b(f);
      if (isNoData(y)) return y;
      return op === '==' ? x === y : x !== y;
    };
  }
  const test = comparator(op);
  return (f) => {
    const x = a(f);
    if (!isRational(x)) return x;
    const y = b(f);
    // compareRationals: on safe integers when the parts fit (fraction.js's compare re-parses its
    // argument, allocating); the explanations re-read comparisons through these closures.
    return isRational(y) ? test(compareRationals(x, y)) : y;
  };
}

function comparator(op: '<' | '<=' | '>' | '>=' | '==' | '!='): (c: number) => boolean {
  switch (op) {
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    case '>=':
      return (c) => c >= 0;
    case '==':
      return (c) => c === 0;
    case '!=':
      return (c) => c !== 0;
    default:
      return assertNever(op, 'comparison');
  }
}

/** `false and NoData` is false; `true and NoData` is NoData (the left NoData wins when both). */
function and(a: Fn, b: Fn): Fn {
  return (f) => {
    const x = a(f);
    if (x === false) return false;
    const y = b(f);
    if (y === false) return false;
    if (x === true && y === true) return true;
    return x === true ? y : x;
  };
}

/** `true or NoData` is true; `false or NoData` is NoData (the left NoData wins when both). */
function or(a: Fn, b: Fn): Fn {
  return (f) => {
    const x = a(f);
    if (x === true) return true;
    const y = b(f);
    if (y === true) return true;
    if (x === false && y === false) return false;
    return x === false ? y : x;
  };
}

function between(v: Fn, lo: Fn, hi: Fn): Fn {
  return (f) => {
    const x = v(f);
    if (!isRational(x)) return x;
    const l = lo(f);
    if (!isRational(l)) return l;
    const h = hi(f);
    if (!isRational(h)) return h;
    return compareRationals(x, l) >= 0 && compareRationals(x, h) <= 0;
  };
}

/** `x in [...]`: true if any item equals x; NoData if none does and some item has no value. */
function inList(fns: readonly Fn[], numeric: boolean): Fn {
  const [value, ...items] = fns;
  if (value === undefined) throw new InternalError('compile: in without value');
  return (f) => {
    const x = value(f);
    if (isNoData(x)) return x;
    let missing: Value | undefined;
    for (const item of items) {
      const y = item(f);
      if (isNoData(y)) missing ??= y;
      else if (numeric ? isRational(x) && isRational(y) && compareRationals(x, y) === 0 : x === y) return true;
    }
    return missing ?? false;
  };
}

function call(t: Extract<TypedNode, { kind: 'Call' }>, children: readonly CompiledNode[], env: CompileEnv): Fn {
  const site: CallSite = { span: t.expr.span, argTexts: t.args.map((a) => textOf(env, a.expr.span)) };
  const args = children.map((c) => c.fn);
  const apply = t.builtin.apply;
  // One argument buffer per call site: a node is never its own descendant, so it is not re-entered.
  const buffer: Rational[] = new Array<Rational>(args.length).fill(ZERO);
  return (f) => {
    for (let i = 0; i < args.length; i++) {
      const v = (args[i] as Fn)(f);
      if (!isRational(v)) return v;
      buffer[i] = v;
    }
    return apply(buffer, site);
  };
}
