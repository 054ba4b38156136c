// Stages 4-6 for one contract: the shared state of checkContract. Parses each ExprText once and
// types it (defines lazily, on first use, so their order in the file does not matter), folding
// what does not depend on data. Every failure is a diagnostic; the failing expression is
// skipped, nothing else.
import type { Contract, ExprText } from '../contract/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
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

type DefineState = { readonly state: 'busy' } | { readonly state: 'done'; readonly typed?: TypedNode; readonly refs: readonly StepRef[] };

/** A rule on a typed field (`target must be boolean`): a diagnostic when broken. */
export type FieldRule = (t: TypedNode) => Diagnostic | undefined;

export class CheckSession {
  readonly diagnostics: Diagnostic[] = [];
  readonly scope: Scope;
  private readonly defines = new Map<string, DefineState>();
  private readonly typeEnv: TypeEnv;

  constructor(readonly contract: Contract) {
    const built = buildScope(contract);
    this.scope = built.scope;
    this.diagnostics.push(...built.diagnostics);
    this.typeEnv = {
      scope: this.scope,
      currency: contract.currency.value,
      diagnostics: this.diagnostics,
      defineType: (name) => this.defineTyped(name)?.type,
    };
  }

  /** Parse one expression (stage 4); undefined when it has syntax errors (already reported). */
  parse(et: ExprText): Expr | undefined {
    const parsed = parseExpression(et.text, et.origin);
    this.diagnostics.push(...parsed.diagnostics);
    return parsed.value === undefined || hasErrors(parsed.diagnostics) ? undefined : parsed.value;
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
