// Stage 4 inverse, used by `fmt`: Expr -> canonical expression text.
// parseExpression(printExpression(e)) equals e up to spans (property-tested).
import { assertNever } from '../diagnostics/diagnostic.js';
import type { BinaryOp, Expr } from './ast.js';
import { escapeString } from './literals.js';

/** Binding strength, loosest first; an operand printed below its context's level gets parentheses. */
const enum Level {
  Coalesce = 1,
  Or = 2,
  And = 3,
  Not = 4,
  Comparison = 5,
  Additive = 6,
  Multiplicative = 7,
  Unary = 8,
  Primary = 9,
}

const BINARY_LEVEL: Readonly<Record<BinaryOp, Level>> = {
  '??': Level.Coalesce,
  or: Level.Or,
  and: Level.And,
  '<': Level.Comparison,
  '<=': Level.Comparison,
  '>': Level.Comparison,
  '>=': Level.Comparison,
  '==': Level.Comparison,
  '!=': Level.Comparison,
  '+': Level.Additive,
  '-': Level.Additive,
  '*': Level.Multiplicative,
  '/': Level.Multiplicative,
};

function levelOf(expr: Expr): Level {
  switch (expr.kind) {
    case 'Binary':
      return BINARY_LEVEL[expr.op];
    case 'Between':
    case 'In':
      return Level.Comparison;
    case 'Unary':
      return expr.op === 'not' ? Level.Not : Level.Unary;
    default:
      return Level.Primary;
  }
}

/**
 * `expr` as an operand that must bind at least as tightly as `min`. An `if` is always
 * parenthesised as an operand: its else branch would otherwise swallow the rest.
 */
function operand(expr: Expr, min: Level): string {
  const text = print(expr);
  return expr.kind === 'If' || levelOf(expr) < min ? `(${text})` : text;
}

function printBinary(expr: Expr & { kind: 'Binary' }): string {
  const level = BINARY_LEVEL[expr.op];
  // Comparisons do not associate: both sides must be tighter. The others associate to the left.
  const leftMin = level === Level.Comparison ? level + 1 : level;
  return `${operand(expr.left, leftMin)} ${expr.op} ${operand(expr.right, level + 1)}`;
}

function printUnary(expr: Expr & { kind: 'Unary' }): string {
  if (expr.op === 'not') return `not ${operand(expr.operand, Level.Not)}`;
  const text = operand(expr.operand, Level.Unary);
  return text.startsWith('-') ? `- ${text}` : `-${text}`;
}

function print(expr: Expr): string {
  switch (expr.kind) {
    case 'Number':
      return expr.value;
    case 'Percent':
      return `${expr.value}%`;
    case 'Duration':
      return expr.parts.map((p) => `${p.value} ${p.unit}`).join(' ');
    case 'Money':
      return `${expr.value} ${expr.currency}`;
    case 'String':
      return escapeString(expr.value);
    case 'Boolean':
      return expr.value ? 'true' : 'false';
    case 'Name':
      return expr.path.join('.');
    case 'Unary':
      return printUnary(expr);
    case 'Binary':
      return printBinary(expr);
    case 'Between': {
      const [value, low, high] = [expr.value, expr.low, expr.high].map((e) =>
        operand(e, Level.Additive),
      );
      return `${value} between ${low} and ${high}`;
    }
    case 'In':
      return `${operand(expr.value, Level.Additive)} in [${expr.items.map(print).join(', ')}]`;
    case 'If':
      return `if ${print(expr.cond)} then ${print(expr.then)} else ${print(expr.else)}`;
    case 'Call':
      return `${expr.callee}(${expr.args.map(print).join(', ')})`;
    default:
      return assertNever(expr, 'expression');
  }
}

/**
 * Canonical text of an expression: single spaces around binary operators, `f(a, b)`, `[a, b]`,
 * minimal parentheses (left-associative operators keep `a - (b - c)`), canonical literals
 * (`20%`, `2 min 15 s`, `500 RUB`, strings with `\"` and `\\` escaped).
 */
export function printExpression(expr: Expr): string {
  return print(expr);
}
