// Stage 6 (checkContract): the typed tree. Every node is an Expr node with its static type and,
// for names, the slot it was resolved to. Produced by typecheck.ts, consumed by compile.ts.
import type { Span } from '../diagnostics/diagnostic.js';
import type { ArithmeticOp, ComparisonOp, Expr } from '../parser/ast.js';
import type { Value } from '../language/values.js';
import type { RefBuiltin, ValueBuiltin } from '../language/builtins.js';
import type { ValueType } from '../language/value-types.js';

interface TypedBase {
  readonly expr: Expr;
  readonly type: ValueType;
}

export type TypedNode =
  | (TypedBase & { readonly kind: 'Const'; readonly value: Value })
  | (TypedBase & { readonly kind: 'Metric'; readonly slot: number; readonly name: string })
  | (TypedBase & { readonly kind: 'Define'; readonly name: string })
  | (TypedBase & { readonly kind: 'KpiMet'; readonly slot: number; readonly id: string })
  | (TypedBase & { readonly kind: 'Score' })
  | (TypedBase & { readonly kind: 'PeriodIndex' })
  | (TypedBase & { readonly kind: 'PeriodMonth' })
  | (TypedBase & { readonly kind: 'PeriodYear' })
  | (TypedBase & { readonly kind: 'PeriodDays' })
  | (TypedBase & { readonly kind: 'Negate'; readonly operand: TypedNode })
  | (TypedBase & { readonly kind: 'Not'; readonly operand: TypedNode })
  | (TypedBase & { readonly kind: 'Arithmetic'; readonly op: ArithmeticOp; readonly left: TypedNode; readonly right: TypedNode })
  | (TypedBase & { readonly kind: 'Compare'; readonly op: ComparisonOp; readonly left: TypedNode; readonly right: TypedNode })
  | (TypedBase & { readonly kind: 'Logical'; readonly op: 'and' | 'or'; readonly left: TypedNode; readonly right: TypedNode })
  | (TypedBase & { readonly kind: 'Coalesce'; readonly left: TypedNode; readonly right: TypedNode })
  | (TypedBase & { readonly kind: 'Between'; readonly value: TypedNode; readonly low: TypedNode; readonly high: TypedNode })
  | (TypedBase & { readonly kind: 'In'; readonly value: TypedNode; readonly items: readonly TypedNode[] })
  | (TypedBase & { readonly kind: 'If'; readonly cond: TypedNode; readonly then: TypedNode; readonly else: TypedNode })
  | (TypedBase & { readonly kind: 'Call'; readonly builtin: ValueBuiltin; readonly args: readonly TypedNode[] })
  | (TypedBase & { readonly kind: 'RefCall'; readonly builtin: RefBuiltin; readonly slot: number; readonly name: string })
  /**
   * previous(define) / growth(define): `previous` is the define's expression typed again on the
   * period before (its metrics read as previous(metric), its defines as previous(define)).
   */
  | (TypedBase & { readonly kind: 'PreviousDefine'; readonly builtin: RefBuiltin; readonly name: string; readonly previous: TypedNode });

/** A reference from one evaluation step to another (define, KPI or score), for ordering. */
export interface StepRef {
  readonly step: string;
  readonly span: Span;
}

/** The operands of a node, in source order (leaves have none). */
export function childrenOf(t: TypedNode): readonly TypedNode[] {
  switch (t.kind) {
    case 'Negate':
    case 'Not':
      return [t.operand];
    case 'Arithmetic':
    case 'Compare':
    case 'Logical':
    case 'Coalesce':
      return [t.left, t.right];
    case 'Between':
      return [t.value, t.low, t.high];
    case 'In':
      return [t.value, ...t.items];
    case 'If':
      return [t.cond, t.then, t.else];
    case 'Call':
      return t.args;
    default:
      return [];
  }
}
