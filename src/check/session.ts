// Stages 4-6 for one contract: the shared state of checkContract. Parses each ExprText once and
// types it (defines lazily, on first use, so their order in the file does not matter), folding
// what does not depend on data. Every failure is a diagnostic; the failing expression is
// skipped, nothing else.
import type { Contract, ExprText } from '../contract/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import { parseExpression } from '../parser/parse.js';
import type { Expr } from '../parser/ast.js';
import type { CheckedExpr } from './checked-contract.js';
import { foldConstant } from './constant-fold.js';
import { buildScope } from './resolve.js';
import type { Scope } from './resolve.js';
import { typeExpr } from './type-expression.js';
import type { TypeEnv } from './type-expression.js';
import type { StepRef, TypedNode } from './typed-tree.js';
import type { ValueType } from '../language/value-types.js';
import { postOrder } from './post-order.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Longest chain of defines one define may build on (each hop types the next: the stack is finite). */
export const MAX_DEFINE_CHAIN = 200;

type DefineState = { readonly state: 'busy' } | { readonly state: 'done'; readonly typed?: TypedNode; readonly refs: readonly StepRef[] };

/** A rule on a typed field (`target must be boolean`): a diagnostic when broken. */
export type FieldRule = (t: TypedNode) => Diagnostic | undefined;

export class CheckSession {
  readonly diagnostics: Diagnostic[] = [];
  readonly scope: Scope;
  private readonly defines = new Map<string, DefineState>();
  /** Each expression parsed once (its diagnostics reported once). */
  private readonly parsed = new Map<ExprText, Expr | undefined>();
  private readonly typeEnv: TypeEnv;

  constructor(readonly contract: Contract) {
    const built = buildScope(contract);
    this.scope = built.scope;
    appendAll(this.diagnostics, built.diagnostics);
    this.typeEnv = {
      scope: this.scope,
      currency: contract.currency.value,
      diagnostics: this.diagnostics,
      defineType: (name) => this.defineTyped(name)?.type,
      defineTree: (name) => this.defineTyped(name)?.typed,
    };
  }

  /** Parse one expression (stage 4); undefined when it has syntax errors (already reported). */
  parse(et: ExprText): Expr | undefined {
    if (this.parsed.has(et)) return this.parsed.get(et);
    const parsed = parseExpression(et.text, et.origin);
    appendAll(this.diagnostics, parsed.diagnostics);
    const expr = parsed.value === undefined || hasErrors(parsed.diagnostics) ? undefined : parsed.value;
    this.parsed.set(et, expr);
    return expr;
  }

  /**
   * Type every define, each after the defines it uses (so typing one never recurses into
   * another, whatever the order in the file), and E026 for a define at the end of a chain longer
   * than MAX_DEFINE_CHAIN (its dependents then fail quietly). Cycles are left to orderSteps (E031);
   * the defines on a cycle are typed with every one of them busy, so typing one never recurses
   * around the cycle (a cycle of thousands of defines would exhaust the stack).
   */
  typeDefines(): void {
    const defines = this.contract.defines;
    const uses = new Map<string, string[]>();
    for (const [name, decl] of defines) {
      const expr = this.parse(decl.expr);
      uses.set(name, expr === undefined ? [] : defineNamesIn(expr, defines));
    }
    const cyclic = new Set<string>();
    const order = postOrder(uses, (u) => u, (path) => {
      for (const n of path) cyclic.add(n);
    });
    for (const name of cyclic) this.defines.set(name, { state: 'busy' });
    const depth = new Map<string, number>();
    for (const name of order) {
      let d = 1;
      for (const u of uses.get(name) ?? []) d = Math.max(d, (depth.get(u) ?? 0) + 1);
      depth.set(name, d);
      const decl = defines.get(name);
      if (decl === undefined) continue;
      if (cyclic.has(name)) {
        // Typed for its findings and references (orderSteps reports the cycle from them); a
        // define on a cycle has no type, so whatever uses it fails quietly.
        const refs: StepRef[] = [];
        this.typed(decl.expr, refs);
        this.defines.set(name, { state: 'done', refs });
        continue;
      }
      if (this.defines.has(name)) continue;
      if (d > MAX_DEFINE_CHAIN) {
        const deepest = (uses.get(name) ?? []).every((u) => (depth.get(u) ?? 0) <= MAX_DEFINE_CHAIN);
        // Reported once, at the first define past the limit; the defines above it fail quietly.
        if (deepest) this.diagnostics.push(diag('E026', decl.expr.span, { name, limit: MAX_DEFINE_CHAIN }));
        this.defines.set(name, { state: 'done', refs: [] });
        continue;
      }
      this.defineTyped(name);
    }
  }

  /** Parse and type an expression; references to other steps are appended to `refs`. */
  typed(et: ExprText, refs: StepRef[]): TypedNode | undefined {
    const expr = this.parse(et);
    return expr === undefined ? undefined : typeExpr(expr, this.typeEnv, refs);
  }

  /** Parse, type, apply `rule`. Undefined when any of it failed (reported). */
  field(et: ExprText | undefined, rule: FieldRule | undefined, refs: StepRef[] = []): CheckedExpr | undefined {
    if (et === undefined) return undefined;
    const t = this.typed(et, refs);
    if (t === undefined) return undefined;
    const broken = rule?.(t);
    if (broken !== undefined) {
      this.diagnostics.push(broken);
      return undefined;
    }
    return this.checked(t);
  }

  /** A typed tree as a checked expression, with its folded value when it is constant. */
  checked(t: TypedNode): CheckedExpr {
    const constant = foldConstant(t, this.contract.file.text);
    return { expr: t.expr, type: t.type, span: t.expr.span, typed: t, ...(constant === undefined ? {} : { constant }) };
  }

  /** The typed tree of a define (typing it now if needed); undefined if failed or cyclic. */
  defineTyped(name: string): { readonly typed?: TypedNode; readonly type?: ValueType; readonly refs: readonly StepRef[] } | undefined {
    const state = this.defines.get(name);
    if (state !== undefined) {
      return state.state === 'busy' ? undefined : { ...state, ...(state.typed === undefined ? {} : { type: state.typed.type }) };
    }
    const decl = this.contract.defines.get(name);
    if (decl === undefined) return undefined;
    this.defines.set(name, { state: 'busy' });
    const refs: StepRef[] = [];
    const typed = this.typed(decl.expr, refs);
    this.defines.set(name, typed === undefined ? { state: 'done', refs } : { state: 'done', typed, refs });
    return typed === undefined ? { refs } : { typed, type: typed.type, refs };
  }
}

/** The defines an expression names, walked with an explicit stack (expressions nest 64 deep at most, but stay uniform). */
function defineNamesIn(expr: Expr, defines: ReadonlyMap<string, unknown>): string[] {
  const out: string[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop() as Expr;
    switch (e.kind) {
      case 'Name': {
        const first = e.path[0];
        if (e.path.length === 1 && first !== undefined && defines.has(first)) out.push(first);
        break;
      }
      case 'Unary':
        stack.push(e.operand);
        break;
      case 'Binary':
        stack.push(e.left, e.right);
        break;
      case 'Between':
        stack.push(e.value, e.low, e.high);
        break;
      case 'In':
        stack.push(e.value, ...e.items);
        break;
      case 'If':
        stack.push(e.cond, e.then, e.else);
        break;
      case 'Call':
        stack.push(...e.args);
        break;
      default:
        break;
    }
  }
  return out;
}
