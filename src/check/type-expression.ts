// Stage 6 (checkContract): Expr -> TypedNode. Resolves names through the Scope, types every node
// with the unit algebra (units.ts) and the built-in signatures (builtins.ts). A failing node
// reports once and yields undefined; its parents then fail silently, so errors never cascade.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Label } from '../diagnostics/diagnostic.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { Binary, Call, Expr, Name } from '../parser/ast.js';
import { BUILTINS, KPI_STATUSES } from '../language/builtins.js';
import { suggestName } from '../diagnostics/suggest.js';
import { foldConstant } from './constant-fold.js';
import { formatValue } from '../language/format-value.js';
import type { RefBuiltin } from '../language/builtins.js';
import { isKnownCurrency } from '../numbers/currency.js';
import { parseDecimal, HUNDRED } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { defineStep, kpiStep, namesInScope, SCORE_STEP, unknownName } from './resolve.js';
import type { NameSymbol, Scope } from './resolve.js';
import type { StepRef, TypedNode } from './typed-tree.js';
import { BOOLEAN, DURATION, STRING, describeType, money, scalar } from '../language/value-types.js';
import type { ValueType } from '../language/value-types.js';
import { additiveType, comparisonProblem, divideType, isProblem, mergeTypes, multiplyType, quantityHint } from '../language/units.js';
import type { TypeOutcome, UnitProblem } from '../language/units.js';

/** `period.<field>` -> its node kind. */
const PERIOD_KINDS: ReadonlyMap<string, 'PeriodIndex' | 'PeriodMonth' | 'PeriodYear' | 'PeriodDays'> = new Map([
  ['index', 'PeriodIndex'],
  ['month', 'PeriodMonth'],
  ['year', 'PeriodYear'],
  ['days', 'PeriodDays'],
]);
const SECONDS: Record<'s' | 'min' | 'h' | 'd', number> = { s: 1, min: 60, h: 3600, d: 86400 };
/** Largest |digits| accepted by round/floor/ceil (keeps 10^digits small). */
const MAX_ROUND_DIGITS = 30;

export interface TypeEnv {
  readonly scope: Scope;
  readonly currency: string;
  readonly diagnostics: Diagnostic[];
  /** The type of a define (typing it on first use); undefined when it failed or is in a cycle. */
  defineType(name: string): ValueType | undefined;
  /** The typed tree of a define, for previous(define); undefined when it failed or is in a cycle. */
  defineTree?(name: string): TypedNode | undefined;
}

/**
 * Typing a define's expression again for previous(define)/growth(define): on the period before,
 * so metrics become previous(metric). `call` is the outer call (where problems are reported);
 * `seen` the defines being shifted (a cycle among them is E031, reported by orderSteps).
 */
interface Shift {
  readonly call: Call;
  readonly define: string;
  readonly seen: ReadonlySet<string>;
}

/** Type `expr`; references to defines, KPIs and `score` are appended to `refs`. */
export function typeExpr(expr: Expr, env: TypeEnv, refs: StepRef[]): TypedNode | undefined {
  const t = new Typer(env, refs);
  return t.node(expr);
}

const PREVIOUS = BUILTINS.get('previous') as RefBuiltin;

class Typer {
  constructor(
    private readonly env: TypeEnv,
    private readonly refs: StepRef[],
    private readonly shift?: Shift,
  ) {}

  /** E036 at the outer previous()/growth() call: the define uses something the period before lacks. */
  private notShiftable(what: string, at: Expr): undefined {
    const s = this.shift;
    if (s === undefined) return undefined;
    const reason = `${s.call.callee}(${s.define}) evaluates "${s.define}" on the period before, but it uses ${what}, which has no value there`;
    return this.report(
      diag('E036', s.call.args[0]?.span ?? s.call.span, { reason }, {
        labels: [{ span: at.span, message: 'used here' }],
        hint: 'previous() and growth() take a metric or a define computed from metrics only',
      }),
    );
  }

  private report(d: Diagnostic): undefined {
    this.env.diagnostics.push(d);
    return undefined;
  }

  private problem(p: UnitProblem, expr: Expr, labels: readonly Label[] = []): undefined {
    return this.report(diag(p.code, expr.span, { reason: p.reason }, { ...(p.hint === undefined ? {} : { hint: p.hint }), labels }));
  }

  node(e: Expr): TypedNode | undefined {
    switch (e.kind) {
      case 'Number':
        return this.literal(e, e.value, scalar('number'));
      case 'Percent': {
        const v = this.decimal(e, e.value);
        return v === undefined ? undefined : { kind: 'Const', expr: e, type: scalar('percent'), value: v.div(HUNDRED) };
      }
      case 'Duration': {
        let total: Rational | undefined = parseDecimal('0');
        for (const part of e.parts) {
          const v = this.decimal(e, part.value);
          if (v === undefined || total === undefined) return undefined;
          total = total.add(v.mul(SECONDS[part.unit]));
        }
        return total === undefined ? undefined : { kind: 'Const', expr: e, type: DURATION, value: total };
      }
      case 'Money':
        return this.money(e);
      case 'String':
        return { kind: 'Const', expr: e, type: STRING, value: e.value };
      case 'Boolean':
        return { kind: 'Const', expr: e, type: BOOLEAN, value: e.value };
      case 'Name':
        return this.name(e);
      case 'Unary':
        return this.unary(e);
      case 'Binary':
        return this.binary(e);
      case 'Between':
        return this.between(e);
      case 'In':
        return this.inList(e);
      case 'If':
        return this.conditional(e);
      case 'Call':
        return this.call(e);
      default:
        return assertNever(e, 'expression');
    }
  }

  private decimal(e: Expr, text: string): Rational | undefined {
    const v = parseDecimal(text);
    return v ?? this.report(diag('E024', e.span, { text }));
  }

  private literal(e: Expr, text: string, type: ValueType): TypedNode | undefined {
    const v = this.decimal(e, text);
    return v === undefined ? undefined : { kind: 'Const', expr: e, type, value: v };
  }

  private money(e: Extract<Expr, { kind: 'Money' }>): TypedNode | undefined {
    if (!isKnownCurrency(e.currency)) return this.report(diag('E055', e.span, { code: e.currency }));
    if (e.currency !== this.env.currency) {
      return this.report(diag('E052', e.span, { amount: `${e.value} ${e.currency}`, currency: this.env.currency }, { hint: `write ${e.value} ${this.env.currency}` }));
    }
    return this.literal(e, e.value, money(e.currency));
  }

  private name(e: Name): TypedNode | undefined {
    const full = e.path.join('.');
    const periodKind = e.path.length === 2 && e.path[0] === 'period' ? PERIOD_KINDS.get(e.path[1] ?? '') : undefined;
    if (periodKind !== undefined) {
      if (this.shift !== undefined) return this.notShiftable(full, e);
      return { kind: periodKind, expr: e, type: scalar('count') };
    }
    if (this.shift !== undefined && e.path.length === 1 && full === 'score') return this.notShiftable('score', e);
    if (e.path.length === 1 && full === 'score') {
      this.refs.push({ step: SCORE_STEP, span: e.span });
      return { kind: 'Score', expr: e, type: scalar('percent') };
    }
    const sym = e.path.length === 1 ? this.env.scope.symbols.get(full) : undefined;
    if (sym === undefined) return this.report(unknownName(full, e.span, namesInScope(this.env.scope)));
    if (this.shift !== undefined) return this.shiftedName(e, sym);
    switch (sym.kind) {
      case 'metric':
        return { kind: 'Metric', expr: e, type: sym.type, slot: sym.slot, name: sym.name };
      case 'kpi':
        this.refs.push({ step: kpiStep(sym.name), span: e.span });
        return { kind: 'KpiMet', expr: e, type: BOOLEAN, slot: sym.slot, id: sym.name };
      case 'define': {
        this.refs.push({ step: defineStep(sym.name), span: e.span });
        const type = this.env.defineType(sym.name);
        return type === undefined ? undefined : { kind: 'Define', expr: e, type, name: sym.name };
      }
      default:
        return assertNever(sym, 'symbol');
    }
  }

  private unary(e: Extract<Expr, { kind: 'Unary' }>): TypedNode | undefined {
    const operand = this.node(e.operand);
    if (operand === undefined) return undefined;
    if (e.op === 'not') {
      if (operand.type.kind !== 'boolean') return this.needBoolean('not', operand);
      return { kind: 'Not', expr: e, type: BOOLEAN, operand };
    }
    const k = operand.type.kind;
    if (k !== 'scalar' && k !== 'duration' && k !== 'money') {
      return this.report(diag('E040', e.operand.span, { reason: `'-' needs a number, found ${describeType(operand.type)}` }));
    }
    return { kind: 'Negate', expr: e, type: operand.type, operand };
  }

  private needBoolean(op: string, n: TypedNode): undefined {
    return this.report(diag('E040', n.expr.span, { reason: `'${op}' needs a condition (true/false), found ${describeType(n.type)}` }));
  }

  private sideLabels(l: TypedNode, r: TypedNode): Label[] {
    return [
      { span: l.expr.span, message: describeType(l.type) },
      { span: r.expr.span, message: describeType(r.type) },
    ];
  }

  private binary(e: Binary): TypedNode | undefined {
    const left = this.node(e.left);
    const right = this.node(e.right);
    if (left === undefined || right === undefined) return undefined;
    const fail = (p: UnitProblem): undefined => {
      const hint = p.hint ?? (p.code === 'E041' ? quantityHint(e.left, left.type, e.right, right.type) : undefined);
      return this.problem(hint === undefined ? p : { ...p, hint }, e, this.sideLabels(left, right));
    };
    switch (e.op) {
      case 'and':
      case 'or':
        if (left.type.kind !== 'boolean') return this.needBoolean(e.op, left);
        if (right.type.kind !== 'boolean') return this.needBoolean(e.op, right);
        return { kind: 'Logical', op: e.op, expr: e, type: BOOLEAN, left, right };
      case '??': {
        const t = mergeTypes(left.type, right.type);
        return isProblem(t) ? fail(t) : { kind: 'Coalesce', expr: e, type: t, left, right };
      }
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=': {
        const p = comparisonProblem(e.op, left.type, right.type);
        if (p !== undefined) return fail(p);
        if (this.neverAStatus(left, right) || this.neverAStatus(right, left)) return undefined;
        return { kind: 'Compare', op: e.op, expr: e, type: BOOLEAN, left, right };
      }
      case '+':
      case '-':
      case '*':
      case '/': {
        const t: TypeOutcome =
          e.op === '*' ? multiplyType(left.type, right.type) : e.op === '/' ? divideType(left.type, right.type) : additiveType(e.op, left.type, right.type);
        return isProblem(t) ? fail(t) : { kind: 'Arithmetic', op: e.op, expr: e, type: t, left, right };
      }
      default:
        return assertNever(e.op, 'operator');
    }
  }

  private between(e: Extract<Expr, { kind: 'Between' }>): TypedNode | undefined {
    const value = this.node(e.value);
    const low = this.node(e.low);
    const high = this.node(e.high);
    if (value === undefined || low === undefined || high === undefined) return undefined;
    for (const bound of [low, high]) {
      const p = comparisonProblem('between', value.type, bound.type);
      if (p !== undefined) {
        const hint = p.code === 'E041' ? quantityHint(value.expr, value.type, bound.expr, bound.type) : undefined;
        return this.problem(hint === undefined ? p : { ...p, hint }, e, this.sideLabels(value, bound));
      }
    }
    return { kind: 'Between', expr: e, type: BOOLEAN, value, low, high };
  }

  private inList(e: Extract<Expr, { kind: 'In' }>): TypedNode | undefined {
    const value = this.node(e.value);
    const items = e.items.map((i) => this.node(i));
    if (value === undefined) return undefined;
    const typed: TypedNode[] = [];
    for (const item of items) {
      if (item === undefined) return undefined;
      const p = comparisonProblem('==', value.type, item.type);
      if (p !== undefined) return this.problem(p, item.expr, this.sideLabels(value, item));
      if (this.neverAStatus(value, item)) return undefined;
      typed.push(item);
    }
    return { kind: 'In', expr: e, type: BOOLEAN, value, items: typed };
  }

  /** E040 for `status(k) == "meet"`: a text status() never gives (always false, surely a typo). */
  private neverAStatus(call: TypedNode, text: TypedNode): boolean {
    if (call.kind !== 'RefCall' || call.builtin.name !== 'status' || text.kind !== 'Const' || typeof text.value !== 'string') return false;
    if (KPI_STATUSES.includes(text.value)) return false;
    const best = suggestName(text.value, KPI_STATUSES);
    const reason = `status(${call.name}) is "met", "missed" or "excluded", never "${text.value}"`;
    this.report(diag('E040', text.expr.span, { reason }, best === undefined ? {} : { hint: `did you mean "${best}"?` }));
    return true;
  }

  private conditional(e: Extract<Expr, { kind: 'If' }>): TypedNode | undefined {
    const cond = this.node(e.cond);
    const then = this.node(e.then);
    const otherwise = this.node(e.else);
    if (cond === undefined || then === undefined || otherwise === undefined) return undefined;
    if (cond.type.kind !== 'boolean') return this.needBoolean('if', cond);
    const t = mergeTypes(then.type, otherwise.type);
    if (isProblem(t)) return this.problem(t, e, this.sideLabels(then, otherwise));
    return { kind: 'If', expr: e, type: t, cond, then, else: otherwise };
  }

  private call(e: Call): TypedNode | undefined {
    const builtin = BUILTINS.get(e.callee);
    if (builtin === undefined) {
      e.args.forEach((a) => this.node(a));
      return this.report(unknownName(e.callee, e.calleeSpan, BUILTINS.keys(), 'E033'));
    }
    const n = e.args.length;
    if (n < builtin.minArgs || n > builtin.maxArgs) {
      const expected =
        builtin.minArgs === builtin.maxArgs ? String(builtin.minArgs) : builtin.maxArgs === Infinity ? `at least ${builtin.minArgs}` : `${builtin.minArgs} to ${builtin.maxArgs}`;
      return this.report(diag('E034', e.span, { name: e.callee, expected, actual: n }));
    }
    if (builtin.kind === 'ref') return this.refCall(e, builtin);
    const args = e.args.map((a) => this.node(a));
    const typed: TypedNode[] = [];
    for (const a of args) {
      if (a === undefined) return undefined;
      typed.push(a);
    }
    for (const i of builtin.integerArgs ?? []) {
      const a = typed[i];
      if (a !== undefined && !this.isSmallInteger(a)) return this.report(this.badDigits(e.callee, i, a));
    }
    const t = builtin.type(typed.map((a) => a.type));
    if ('code' in t) {
      const at = t.arg === undefined ? e : (e.args[t.arg] ?? e);
      return this.problem(t, at);
    }
    return { kind: 'Call', expr: e, type: t, builtin, args: typed };
  }

  /**
   * Why a digits argument is refused: E046 only when it depends on data; a constant that is not
   * a whole number written as it is (1.5, 2%, 40, 1 + 1) is E013, saying what is accepted.
   */
  private badDigits(callee: string, i: number, a: TypedNode): Diagnostic {
    const what = `argument ${i + 1} of ${callee}() (the number of digits)`;
    const value = foldConstant(a, '');
    if (value === undefined) return diag('E046', a.expr.span, { what });
    const literal = a.kind === 'Const' || (a.kind === 'Negate' && a.operand.kind === 'Const');
    const found = literal ? formatValue(value, a.type) : 'an expression';
    const reason = `${what} must be a whole number from -${MAX_ROUND_DIGITS} to ${MAX_ROUND_DIGITS}, written as it is; found ${found}`;
    return diag('E013', a.expr.span, { reason }, { hint: `digits are decimal places: ${callee}(x, 2) to 0.01, ${callee}(x, 0) to a whole number, ${callee}(x, -2) to hundreds` });
  }

  private isSmallInteger(a: TypedNode): boolean {
    const v = a.kind === 'Const' ? a.value : a.kind === 'Negate' && a.operand.kind === 'Const' ? a.operand.value : undefined;
    if (typeof v !== 'object' || 'kind' in v) return false;
    return v.d === 1n && v.n <= BigInt(MAX_ROUND_DIGITS) && a.type.kind === 'scalar';
  }

  /** A name inside a define typed for the period before (see Shift). */
  private shiftedName(e: Name, sym: NameSymbol): TypedNode | undefined {
    switch (sym.kind) {
      case 'metric':
        return { kind: 'RefCall', expr: e, type: sym.type, builtin: PREVIOUS, slot: sym.slot, name: sym.name };
      case 'kpi':
        return this.notShiftable(`KPI "${sym.name}"`, e);
      case 'define':
        return this.shiftedDefine(e, sym.name, PREVIOUS, this.shift);
      default:
        return assertNever(sym, 'symbol');
    }
  }

  /**
   * previous(define) / growth(define): the define's expression typed again on the period before.
   * Undefined, without a new diagnostic, when the define itself failed or is in a cycle.
   */
  private shiftedDefine(e: Expr, name: string, builtin: RefBuiltin, outer: Shift | undefined, call?: Call): TypedNode | undefined {
    if (outer?.seen.has(name) === true) return undefined;
    const tree = this.env.defineTree?.(name);
    if (tree === undefined) return undefined;
    const shift: Shift = { call: outer?.call ?? (call as Call), define: outer?.define ?? name, seen: new Set([...(outer?.seen ?? []), name]) };
    const previous = new Typer(this.env, [], shift).node(tree.expr);
    if (previous === undefined) return undefined;
    const t = builtin.type(tree.type);
    if ('code' in t) return this.problem(t, e);
    return { kind: 'PreviousDefine', expr: e, type: t, builtin, name, previous };
  }

  private refCall(e: Call, builtin: RefBuiltin): TypedNode | undefined {
    if (this.shift !== undefined) return this.notShiftable(`${e.callee}()`, e);
    const arg = e.args[0];
    const sym = arg?.kind === 'Name' && arg.path.length === 1 ? this.env.scope.symbols.get(arg.path[0] ?? '') : undefined;
    if (builtin.ref === 'metric' && arg !== undefined && sym?.kind === 'define') {
      // The define's current value (growth) and its order before any previous() of it: a define
      // that uses previous() of itself would need every period before, and is a cycle (E031).
      this.refs.push({ step: defineStep(sym.name), span: arg.span });
      return this.shiftedDefine(e, sym.name, builtin, undefined, e);
    }
    const wanted = builtin.ref === 'metric' ? 'metric' : 'kpi';
    if (arg === undefined || sym === undefined || sym.kind !== wanted) {
      if (arg !== undefined && arg.kind === 'Name' && sym === undefined && arg.path.join('.') !== 'score') {
        return this.report(unknownName(arg.path.join('.'), arg.span, namesInScope(this.env.scope)));
      }
      const what = builtin.ref === 'metric' ? 'a metric or define name' : 'a KPI id';
      return this.report(diag('E036', arg?.span ?? e.span, { reason: `the argument of ${e.callee}() must be ${what}` }));
    }
    if (sym.kind === 'kpi') this.refs.push({ step: kpiStep(sym.name), span: arg.span });
    const target = sym.kind === 'metric' ? sym.type : scalar('percent');
    const t = builtin.type(target);
    if ('code' in t) return this.problem(t, arg);
    return { kind: 'RefCall', expr: e, type: t, builtin, slot: sym.slot, name: sym.name };
  }
}
