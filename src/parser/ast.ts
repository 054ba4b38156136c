// Stage 4 output: the syntax tree of one expression. Every node carries its span in file
// coordinates. Produced only by to-ast.ts; consumed by the engine and the printer.
import type { Span } from '../diagnostics/diagnostic.js';

/** Canonical spelling of duration units. `sec`, `second(s)` -> s; `minute(s)` -> min; ... */
export type DurationUnit = 's' | 'min' | 'h' | 'd';

export type ArithmeticOp = '+' | '-' | '*' | '/';
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOp = 'and' | 'or';
export type BinaryOp = ArithmeticOp | ComparisonOp | LogicalOp | '??';
export type UnaryOp = '-' | 'not';

interface NodeBase {
  readonly span: Span;
}

/** A plain number. `value` is the canonical decimal text without `_` (`1500`, `12.75`). */
export interface NumberLit extends NodeBase {
  readonly kind: 'Number';
  readonly value: string;
}
/** `20%`: `value` is the number as written before `%` (`20`), canonical decimal text. */
export interface PercentLit extends NodeBase {
  readonly kind: 'Percent';
  readonly value: string;
}
/** `2 min 15 s`: one or more parts, in source order. */
export interface DurationLit extends NodeBase {
  readonly kind: 'Duration';
  readonly parts: readonly { readonly value: string; readonly unit: DurationUnit }[];
}
/** `500 RUB`: a decimal amount and an upper-case ISO 4217 code (validated by the checker). */
export interface MoneyLit extends NodeBase {
  readonly kind: 'Money';
  readonly value: string;
  readonly currency: string;
}
export interface StringLit extends NodeBase {
  readonly kind: 'String';
  readonly value: string;
}
export interface BooleanLit extends NodeBase {
  readonly kind: 'Boolean';
  readonly value: boolean;
}
/** A name; dotted names (`period.index`) have several parts. */
export interface Name extends NodeBase {
  readonly kind: 'Name';
  readonly path: readonly string[];
}
export interface Unary extends NodeBase {
  readonly kind: 'Unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
}
export interface Binary extends NodeBase {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}
/** `x between a and b`, inclusive on both ends. */
export interface Between extends NodeBase {
  readonly kind: 'Between';
  readonly value: Expr;
  readonly low: Expr;
  readonly high: Expr;
}
/** `x in [a, b, c]`. */
export interface In extends NodeBase {
  readonly kind: 'In';
  readonly value: Expr;
  readonly items: readonly Expr[];
}
export interface If extends NodeBase {
  readonly kind: 'If';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface Call extends NodeBase {
  readonly kind: 'Call';
  readonly callee: string;
  readonly calleeSpan: Span;
  readonly args: readonly Expr[];
}

export type Expr =
  | NumberLit
  | PercentLit
  | DurationLit
  | MoneyLit
  | StringLit
  | BooleanLit
  | Name
  | Unary
  | Binary
  | Between
  | In
  | If
  | Call;
