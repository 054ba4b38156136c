// Stage 6b: one node of a compiled expression, shared by the closure compiler
// (compile-expression.ts) and the fast path on numbers (fast-number.ts).
import type { TypedNode } from '../check/typed-tree.js';
import type { Value } from '../language/values.js';
import type { Frame } from './frame.js';

/** A compiled node: the closure, its folded constant, and compiled children (for explanations). */
export interface CompiledNode {
  readonly typed: TypedNode;
  readonly fn: (f: Frame) => Value;
  readonly constant?: Value;
  readonly children: readonly CompiledNode[];
}
