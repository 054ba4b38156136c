// Stages 4-6 for one contract: the shared state of checkContract. Parses each ExprText once,
// types it (defines lazily, on first use, so their order in the file does not matter), and
// compiles it. Every failure is a diagnostic; the failing expression is skipped, nothing else.
import type { Contract, ExprText } from '../contract/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { parseExpression } from '../parser/parse.js';
import type { Expr } from '../parser/ast.js';
import { compileExpr } from '../compile/compile-expression.js';
import type { CompileEnv, CompiledTree } from '../compile/compile-expression.js';
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
  private readonly compileEnv: CompileEnv;

  constructor(readonly contract: Contract) {
    const built = buildScope(contract);
    this.scope = built.scope;
    this.diagnostics.push(...built.diagnostics);
    this.typeEnv = {
      scope: this.scope,
      currency: contract.currency.value,
      diagnostics: this.diagnostics,
      defineType: (name) => this.defineTyped(name)?.type,
      defineTree: (name) => this.defineTyped(name)?.typed,
    };
    const defineSlots = new Map<string, number>();
    for (const name of contract.defines.keys()) defineSlots.set(name, defineSlots.size);
    this.compileEnv = { text: contract.file.text, defineSlots };
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

  /** Parse, type, apply `rule`, compile. Undefined when any of it failed (reported). */
  field(et: ExprText | undefined, rule: FieldRule | undefined, refs: StepRef[] = []): CompiledTree | undefined {
    if (et === undefined) return undefined;
    const t = this.typed(et, refs);
    if (t === undefined) return undefined;
    const broken = rule?.(t);
    if (broken !== undefined) {
      this.diagnostics.push(broken);
      return undefined;
    }
    return compileExpr(t, this.compileEnv);
  }

  compile(t: TypedNode): CompiledTree {
    return compileExpr(t, this.compileEnv);
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
