// Stage 6 -> JSON Logic: one typed tree (typed.ts) -> a JSON Logic rule with attain's semantics
// of "no value". Each node lowers to a pair: `v`, its value when it has one, and `d`, the
// condition under which it has one (a var that is present, a divisor that is not zero, ...).
// Composing pairs keeps rules linear in size (no sub-rule is copied per level of nesting).
import { InternalError, assertNever } from '../diagnostics/diagnostic.js';
import { isNoData } from '../check/checked-contract.js';
import { allOf, anyOf, jsonNumber, notOf, op } from './build.js';
import type { JsonLogic } from './build.js';
import { isRational } from '../numbers/rational.js';
import type { TypedNode } from '../check/typed-tree.js';
import type { RoundMode } from '../language/builtins.js';

/** A lowered node: `v` is meaningful only where `d` holds (`d === true`: always). */
export interface Lowered {
  readonly v: JsonLogic;
  readonly d: JsonLogic;
}

/** What the lowering needs from its caller: define trees (inlined) and var bookkeeping. */
export interface LowerEnv {
  /** The lowered pair of a define (memoised by the caller). */
  define(name: string): Lowered;
  /** Record that a rule reads `path` (for the data mapping). */
  useVar(path: string): void;
}

const COMPARE: Readonly<Record<string, string>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '==', '!=': '!=' };

const always = (v: JsonLogic): Lowered => ({ v, d: true });

/** Lower one typed tree. */
export function lowerNode(t: TypedNode, env: LowerEnv): Lowered {
  return new Lowerer(env).node(t);
}

/**
 * The rule for a whole expression: its value where it has one, `null` elsewhere. Booleans are
 * normalised to true/false.
 */
export function finishRule(l: Lowered, isBoolean: boolean): JsonLogic {
  const v = isBoolean ? asBoolean(l.v) : l.v;
  return l.d === true ? v : op('if', l.d, v, null);
}

const BOOLEAN_OPS = new Set(['<', '<=', '>', '>=', '==', '!=', '!', '!!']);

/** Whether a rule always gives true/false: a comparison, a negation, a constant, and/or/if of those. */
function isBooleanShaped(v: JsonLogic): boolean {
  if (typeof v === 'boolean') return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const [name = ''] = Object.keys(v);
  if (BOOLEAN_OPS.has(name)) return true;
  const args = (v as { readonly [op: string]: JsonLogic })[name];
  if (!Array.isArray(args)) return false;
  const list = args as readonly JsonLogic[];
  if (name === 'and' || name === 'or') return list.every(isBooleanShaped);
  if (name === 'if') return list.every((a, i) => (i % 2 === 0 && i !== list.length - 1) || isBooleanShaped(a));
  return false;
}

/** `!!x` unless x always gives true/false already. */
function asBoolean(v: JsonLogic): JsonLogic {
  return isBooleanShaped(v) ? v : op('!!', v);
}

class Lowerer {
  constructor(private readonly env: LowerEnv) {}

  node(t: TypedNode): Lowered {
    switch (t.kind) {
      case 'Const': {
        const c = t.value;
        if (isNoData(c)) throw new InternalError('jsonlogic: a constant without value');
        return always(isRational(c) ? jsonNumber(c) : c);
      }
      case 'Metric':
        return this.read(t.name);
      case 'Define':
        return this.env.define(t.name);
      case 'KpiMet':
        return this.read(`kpi.${t.id}`);
      case 'Score':
        return this.read('score');
      case 'PeriodIndex':
        return this.read('period.index');
      case 'PeriodMonth':
        return this.read('period.month');
      case 'Negate': {
        const a = this.node(t.operand);
        return { v: op('-', a.v), d: a.d };
      }
      case 'Not': {
        const a = this.node(t.operand);
        return { v: op('!', a.v), d: a.d };
      }
      case 'Arithmetic':
        return this.arithmetic(t.op, this.node(t.left), this.node(t.right));
      case 'Compare': {
        const boolean = t.left.type.kind === 'boolean';
        const [a, b] = [this.node(t.left), this.node(t.right)];
        const side = (l: Lowered): JsonLogic => (boolean ? asBoolean(l.v) : l.v);
        return { v: op(COMPARE[t.op] ?? t.op, side(a), side(b)), d: allOf(a.d, b.d) };
      }
      case 'Logical':
        return this.logical(t.op, this.chain(t, t.op).map((n) => this.node(n)));
      case 'Coalesce': {
        const [a, b] = [this.node(t.left), this.node(t.right)];
        if (a.d === true) return a;
        return { v: op('if', a.d, a.v, b.v), d: anyOf(a.d, b.d) };
      }
      case 'Between': {
        const [x, lo, hi] = [this.node(t.value), this.node(t.low), this.node(t.high)];
        return { v: op('<=', lo.v, x.v, hi.v), d: allOf(x.d, lo.d, hi.d) };
      }
      case 'In':
        return this.inList(this.node(t.value), t.items.map((i) => this.node(i)), t.value.type.kind === 'boolean');
      case 'If':
        return this.conditional(this.node(t.cond), this.node(t.then), this.node(t.else), t.type.kind === 'boolean');
      case 'Call':
        return this.call(t, t.args.map((a) => this.node(a)));
      case 'RefCall':
        return this.refCall(t.builtin.name, t.name);
      default:
        return assertNever(t, 'typed node');
    }
  }

  /** A var: its value, present when not null (json-logic-js reads an absent var as null). */
  private read(path: string): Lowered {
    this.env.useVar(path);
    const v: JsonLogic = { var: path };
    return { v, d: op('!=', v, null) };
  }

  /** The operands of a chain `a and b and c` (left-nested in the tree) as one list. */
  private chain(t: TypedNode, name: 'and' | 'or'): TypedNode[] {
    if (t.kind !== 'Logical' || t.op !== name) return [t];
    return [...this.chain(t.left, name), ...this.chain(t.right, name)];
  }

  private arithmetic(name: '+' | '-' | '*' | '/', a: Lowered, b: Lowered): Lowered {
    if (name === '/') return divide(a, b);
    return { v: op(name, a.v, b.v), d: allOf(a.d, b.d) };
  }

  /**
   * Three-valued and/or as attain has them: `false and <no value>` is false, `true or <no value>`
   * is true; otherwise a missing operand makes the whole missing.
   */
  private logical(name: 'and' | 'or', parts: readonly Lowered[]): Lowered {
    const decisive = parts.map((p) => allOf(p.d, name === 'and' ? notOf(p.v) : p.v));
    const d = anyOf(allOf(...parts.map((p) => p.d)), ...decisive);
    const values = parts.map((p) => (p.d === true ? p.v : asBoolean(p.v)));
    return { v: op(name, ...values), d };
  }

  /** `x in [a, b]`: true if a present item equals x; missing if none does and an item is missing. */
  private inList(x: Lowered, items: readonly Lowered[], boolean: boolean): Lowered {
    const side = (l: Lowered): JsonLogic => (boolean ? asBoolean(l.v) : l.v);
    const hits = items.map((i) => allOf(i.d, op('==', side(x), side(i))));
    const v = hits.length === 0 ? false : hits.length === 1 ? (hits[0] as JsonLogic) : op('or', ...hits);
    return { v, d: allOf(x.d, anyOf(v, allOf(...items.map((i) => i.d)))) };
  }

  private conditional(c: Lowered, a: Lowered, b: Lowered, boolean: boolean): Lowered {
    const branch = (l: Lowered): JsonLogic => (boolean ? asBoolean(l.v) : l.v);
    const d = allOf(c.d, anyOf(allOf(c.v, a.d), allOf(notOf(c.v), b.d)));
    return { v: op('if', c.v, branch(a), branch(b)), d: a.d === true && b.d === true ? c.d : d };
  }

  private call(t: Extract<TypedNode, { kind: 'Call' }>, args: readonly Lowered[]): Lowered {
    const shape = t.builtin.shape;
    const [a, b, c] = args;
    const d = allOf(...args.map((x) => x.d));
    const vs = args.map((x) => x.v);
    const need = (n: number): void => {
      if (args.length < n) throw new InternalError(`jsonlogic: ${t.builtin.name}() needs ${n} arguments`);
    };
    switch (shape.kind) {
      case 'extreme':
        return { v: op(shape.which, ...vs), d };
      case 'abs':
        need(1);
        return { v: op('if', op('<', vs[0] ?? null, 0), op('-', vs[0] ?? null), vs[0] ?? null), d };
      case 'round':
        need(1);
        return { v: roundRule(shape.mode, vs[0] ?? null, digitsOf(t)), d };
      case 'clamp':
        need(3);
        return { v: op('if', op('<', vs[0] ?? null, vs[1] ?? null), vs[1] ?? null, op('>', vs[0] ?? null, vs[2] ?? null), vs[2] ?? null, vs[0] ?? null), d };
      case 'ratio': {
        if (a === undefined || b === undefined) throw new InternalError(`jsonlogic: ${t.builtin.name}() needs 2 arguments`);
        const q = divide(a, b);
        return shape.scale === 1 ? q : { v: op('*', q.v, shape.scale), d: q.d };
      }
      case 'sum':
        return { v: op('+', ...vs), d };
      case 'net-growth':
        if (a === undefined || b === undefined || c === undefined) throw new InternalError(`jsonlogic: ${t.builtin.name}() needs 3 arguments`);
        return divide({ v: op('-', a.v, b.v), d: allOf(a.d, b.d) }, c);
      default:
        return assertNever(shape, 'built-in shape');
    }
  }


  private refCall(name: string, target: string): Lowered {
    switch (name) {
      case 'previous':
        return this.read(`previous.${target}`);
      case 'growth': {
        const cur = this.read(target);
        const prev = this.read(`previous.${target}`);
        return divide({ v: op('-', cur.v, prev.v), d: allOf(cur.d, prev.d) }, prev);
      }
      case 'attainment':
        return this.read(`attainment.${target}`);
      default:
        throw new InternalError(`jsonlogic: no lowering for ${name}()`);
    }
  }
}

/** `a / b`, with a value only where b is not zero (JSON Logic itself would give Infinity/NaN). */
function divide(a: Lowered, b: Lowered): Lowered {
  const nonZero = typeof b.v === 'number' ? b.v !== 0 : op('!=', b.v, 0);
  return { v: op('/', a.v, b.v), d: allOf(a.d, b.d, nonZero) };
}

/** The `digits` argument of round/floor/ceil (an integer literal, checked by typecheck). */
function digitsOf(t: Extract<TypedNode, { kind: 'Call' }>): number {
  const arg = t.args[1];
  if (arg === undefined) return 0;
  const negate = arg.kind === 'Negate';
  const c = arg.kind === 'Const' ? arg.value : arg.kind === 'Negate' && arg.operand.kind === 'Const' ? arg.operand.value : undefined;
  if (c === undefined || !isRational(c)) throw new InternalError('jsonlogic: digits must be a constant');
  const n = Number(c.n) * Number(c.s);
  return negate ? -n : n;
}

/** floor(z) from `%` (JSON Logic has no floor): trunc(z) = z - z % 1, one less for negative non-integers. */
function floorRule(z: JsonLogic): JsonLogic {
  const trunc = op('-', z, op('%', z, 1));
  return op('if', op('and', op('<', z, 0), op('!=', op('%', z, 1), 0)), op('-', trunc, 1), trunc);
}

/** round (half away from zero), floor, ceil at `digits` decimal places, in floats. */
function roundRule(mode: RoundMode, x: JsonLogic, digits: number): JsonLogic {
  const scale = 10 ** Math.abs(digits);
  const scaled = digits === 0 ? x : digits > 0 ? op('*', x, scale) : op('/', x, scale);
  let r: JsonLogic;
  if (mode === 'floor') r = floorRule(scaled);
  else if (mode === 'ceil') r = op('-', floorRule(op('-', scaled)));
  else {
    const up = (z: JsonLogic): JsonLogic => floorRule(op('+', z, 0.5));
    r = op('if', op('<', scaled, 0), op('-', up(op('-', scaled))), up(scaled));
  }
  return digits === 0 ? r : digits > 0 ? op('/', r, scale) : op('*', r, scale);
}
