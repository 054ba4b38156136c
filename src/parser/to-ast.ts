// Stage 4 (parseExpressions), the only CST consumer: chevrotain CST (error-free) -> Expr.
// Every node gets its span in file coordinates through the expression's TextOrigin.
import type { CstNode, IToken } from './chevrotain.js';
import { InternalError, type Span } from '../diagnostics/diagnostic.js';
import { originSpan, type TextOrigin } from '../diagnostics/source.js';
import type { Binary, BinaryOp, ComparisonOp, Expr } from './ast.js';
import type {
  AdditiveCstNode,
  AndExprCstNode,
  ArgumentListCstNode,
  ComparisonCstNode,
  ExpressionCstNode,
  IfExprCstNode,
  MultiplicativeCstNode,
  NotExprCstNode,
  PrimaryCstNode,
  QuantityCstNode,
  ReferenceCstNode,
  UnaryCstNode,
} from './cst.generated.js';
import { DURATION_UNITS, canonicalNumber, isCurrencyCode, unescapeString } from './literals.js';

/** A node and the text range it came from, parentheses around it included (`from`..`to`). */
interface Located {
  readonly expr: Expr;
  readonly from: number;
  readonly to: number;
}

/** An Expr node before its span is attached (distributes over the union). */
type Unspanned<E> = E extends Expr ? Omit<E, 'span'> : never;

const COMPARISON_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

function one<T>(items: readonly T[] | undefined, what: string): T {
  const item = items?.[0];
  if (item === undefined) throw new InternalError(`CST without ${what}`);
  return item;
}

function end(token: IToken): number {
  return token.startOffset + token.image.length;
}

function number(token: IToken): string {
  const value = canonicalNumber(token.image);
  if (value === undefined) throw new InternalError(`invalid number reached the AST: ${token.image}`);
  return value;
}

/** Converts CSTs of one expression text; `origin` maps its character positions to the file. */
class AstBuilder {
  constructor(private readonly origin: TextOrigin) {}

  /** `expr` is a fresh literal of the caller: the span is added to it (a spread copy cost more). */
  private located(expr: Unspanned<Expr>, from: number, to: number): Located {
    (expr as { span?: Span }).span = originSpan(this.origin, from, to);
    return { expr: expr as Expr, from, to };
  }

  private tokens(expr: Unspanned<Expr>, first: IToken, last: IToken): Located {
    return this.located(expr, first.startOffset, end(last));
  }

  /** Left-associative fold of `operands` joined by `ops` (tokens in source order). */
  private fold(operands: readonly Located[], ops: readonly IToken[]): Located {
    let left = one(operands, 'operand');
    for (let i = 0; i < ops.length; i++) {
      const right = operands[i + 1];
      if (right === undefined) throw new InternalError('CST without right operand');
      const binary = { kind: 'Binary', op: (ops[i] as IToken).image as BinaryOp, left: left.expr, right: right.expr };
      left = this.located(binary as Unspanned<Binary>, left.from, right.to);
    }
    return left;
  }

  expression(node: ExpressionCstNode): Located {
    const operands = node.children.orExpr.map((o) =>
      this.fold(o.children.andExpr.map((a) => this.andExpr(a)), o.children.Or ?? []),
    );
    return this.fold(operands, node.children.Coalesce ?? []);
  }

  private andExpr(node: AndExprCstNode): Located {
    if (node.children.And === undefined) return this.notExpr(one(node.children.notExpr, 'operand'));
    return this.fold(node.children.notExpr.map((n) => this.notExpr(n)), node.children.And ?? []);
  }

  private notExpr(node: NotExprCstNode): Located {
    const not = node.children.Not?.[0];
    if (not === undefined) return this.comparison(one(node.children.comparison, 'comparison'));
    const operand = this.notExpr(one(node.children.notExpr, 'operand of not'));
    const unary = { kind: 'Unary', op: 'not', operand: operand.expr } as const;
    return this.located(unary, not.startOffset, operand.to);
  }

  private comparison(node: ComparisonCstNode): Located {
    const left = this.additive(one(node.children.additive, 'operand'));
    const tail = node.children.comparisonTail?.[0];
    if (tail === undefined) return left;
    const c = tail.children;
    const op = c.ComparisonOperator?.[0];
    if (op !== undefined && COMPARISON_OPS.has(op.image)) {
      const right = this.additive(one(c.additive, 'right operand'));
      const binary = { kind: 'Binary', op: op.image as ComparisonOp, left: left.expr, right: right.expr };
      return this.located(binary as Unspanned<Binary>, left.from, right.to);
    }
    if (c.Between !== undefined) {
      const [low, high] = (c.additive ?? []).map((a) => this.additive(a));
      if (low === undefined || high === undefined) throw new InternalError('between without bounds');
      const between = { kind: 'Between', value: left.expr, low: low.expr, high: high.expr } as const;
      return this.located(between, left.from, high.to);
    }
    const list = one(c.list, 'list').children;
    const items = this.argumentList(list.argumentList);
    const close = one(list.RBracket, ']');
    return this.located({ kind: 'In', value: left.expr, items }, left.from, end(close));
  }

  private argumentList(nodes: readonly ArgumentListCstNode[] | undefined): Expr[] {
    return (nodes?.[0]?.children.expression ?? []).map((e) => this.expression(e).expr);
  }

  // Most operands of an expression pass through every precedence level with no operator there:
  // those levels hand the single operand on without building operator lists.
  private additive(node: AdditiveCstNode): Located {
    if (node.children.Plus === undefined && node.children.Minus === undefined) return this.multiplicative(one(node.children.multiplicative, 'operand'));
    const ops = [...(node.children.Plus ?? []), ...(node.children.Minus ?? [])];
    ops.sort((a, b) => a.startOffset - b.startOffset);
    return this.fold(node.children.multiplicative.map((m) => this.multiplicative(m)), ops);
  }

  private multiplicative(node: MultiplicativeCstNode): Located {
    if (node.children.Star === undefined && node.children.Slash === undefined) return this.unary(one(node.children.unary, 'operand'));
    const ops = [...(node.children.Star ?? []), ...(node.children.Slash ?? [])];
    ops.sort((a, b) => a.startOffset - b.startOffset);
    return this.fold(node.children.unary.map((u) => this.unary(u)), ops);
  }

  private unary(node: UnaryCstNode): Located {
    const minus = node.children.Minus?.[0];
    if (minus === undefined) return this.primary(one(node.children.primary, 'primary'));
    const operand = this.unary(one(node.children.unary, 'operand of -'));
    const unary = { kind: 'Unary', op: '-', operand: operand.expr } as const;
    return this.located(unary, minus.startOffset, operand.to);
  }

  private primary(node: PrimaryCstNode): Located {
    const c = node.children;
    if (c.quantity) return this.quantity(one(c.quantity, 'quantity'));
    if (c.reference) return this.reference(one(c.reference, 'reference'));
    if (c.ifExpr) return this.ifExpr(one(c.ifExpr, 'if'));
    if (c.parenthesised) {
      const p = one(c.parenthesised, '(').children;
      const inner = this.expression(one(p.expression, 'expression'));
      return { expr: inner.expr, from: one(p.LParen, '(').startOffset, to: end(one(p.RParen, ')')) };
    }
    const string = c.StringLiteral?.[0];
    if (string) {
      return this.tokens({ kind: 'String', value: unescapeString(string.image) }, string, string);
    }
    const bool = c.True?.[0] ?? one(c.False, 'literal');
    return this.tokens({ kind: 'Boolean', value: bool.image === 'true' }, bool, bool);
  }

  private quantity(node: QuantityCstNode): Located {
    const numbers = node.children.NumberLiteral;
    const units = node.children.Identifier ?? [];
    const first = one(numbers, 'number');
    const percent = node.children.Percent?.[0];
    if (percent) return this.tokens({ kind: 'Percent', value: number(first) }, first, percent);
    const last = units[units.length - 1];
    if (last === undefined) return this.tokens({ kind: 'Number', value: number(first) }, first, first);
    const unit = one(units, 'unit').image;
    if (units.length === 1 && isCurrencyCode(unit)) {
      return this.tokens({ kind: 'Money', value: number(first), currency: unit }, first, last);
    }
    const parts = units.map((u, i) => {
      const canonical = DURATION_UNITS.get(u.image);
      const n = numbers[i];
      if (canonical === undefined || n === undefined) throw new InternalError(`bad unit ${u.image}`);
      return { value: number(n), unit: canonical };
    });
    return this.tokens({ kind: 'Duration', parts }, first, last);
  }

  private reference(node: ReferenceCstNode): Located {
    const c = node.children;
    const dotted = c.DottedName?.[0];
    if (dotted) return this.tokens({ kind: 'Name', path: dotted.image.split('.') }, dotted, dotted);
    const id = one(c.Identifier, 'name');
    const close = c.RParen?.[0];
    if (close === undefined) return this.tokens({ kind: 'Name', path: [id.image] }, id, id);
    const args = this.argumentList(c.argumentList);
    const calleeSpan = originSpan(this.origin, id.startOffset, end(id));
    return this.tokens({ kind: 'Call', callee: id.image, calleeSpan, args }, id, close);
  }

  private ifExpr(node: IfExprCstNode): Located {
    const [cond, then, otherwise] = node.children.expression.map((e) => this.expression(e));
    if (cond === undefined || then === undefined || otherwise === undefined) {
      throw new InternalError('if without its three parts');
    }
    const start = one(node.children.If, 'if').startOffset;
    const expr = { kind: 'If', cond: cond.expr, then: then.expr, else: otherwise.expr } as const;
    return this.located(expr, start, otherwise.to);
  }
}

/**
 * CST of a whole expression (parsed without errors) -> Expr. Spans are file offsets obtained
 * through `origin`; a parenthesised expression has no node of its own, but an operator node's
 * span covers its operands' parentheses.
 */
export function toAst(cst: CstNode, origin: TextOrigin): Expr {
  if (cst.name !== 'expression') throw new InternalError(`unexpected CST root ${cst.name}`);
  return new AstBuilder(origin).expression(cst as ExpressionCstNode).expr;
}
