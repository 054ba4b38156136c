// Reading the literals of a contract test's `expect:` (money such as `106000 RUB`, a score such as
// `54.5%`) through the expression parser: only a literal (optionally negated) is accepted.
import type { Spanned } from '../../contract/model.js';
import { parseExpression } from '../../parser/parse.js';
import type { Expr } from '../../parser/ast.js';
import { parseDecimal, type Rational } from '../../numbers/rational.js';

export type ExpectedValue =
  | { readonly kind: 'money'; readonly value: Rational; readonly currency: string }
  | { readonly kind: 'number'; readonly value: Rational; readonly percent: boolean };

/** The value of a literal expectation, or a reason it is not one. */
export function readExpectedLiteral(text: Spanned<string>): ExpectedValue | { readonly problem: string } {
  const parsed = parseExpression(text.value, { file: text.span.file, base: text.span.start });
  if (parsed.value === undefined) return { problem: `"${text.value}" is not a number, percentage or money amount` };
  return literalValue(parsed.value) ?? { problem: `"${text.value}" must be a literal such as 1500 EUR or 54.5%` };
}

function literalValue(e: Expr): ExpectedValue | undefined {
  switch (e.kind) {
    case 'Number': {
      const v = parseDecimal(e.value);
      return v === undefined ? undefined : { kind: 'number', value: v, percent: false };
    }
    case 'Percent': {
      const v = parseDecimal(e.value);
      return v === undefined ? undefined : { kind: 'number', value: v.div(100), percent: true };
    }
    case 'Money': {
      const v = parseDecimal(e.value);
      return v === undefined ? undefined : { kind: 'money', value: v, currency: e.currency };
    }
    case 'Unary': {
      if (e.op !== '-') return undefined;
      const inner = literalValue(e.operand);
      return inner === undefined ? undefined : { ...inner, value: inner.value.neg() };
    }
    default:
      return undefined;
  }
}

