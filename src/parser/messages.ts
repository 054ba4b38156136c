// Stage 4 (parseExpressions), syntax error wording: chevrotain error callbacks -> E020 reasons.
// Messages name the tokens as the user wrote them; codes and spans are decided in parse.ts.
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from './chevrotain.js';
import * as T from './tokens.js';

/** True for chevrotain's end-of-input token and for tokens invented by error recovery. */
export function isVirtualToken(token: IToken | undefined): boolean {
  return (
    token === undefined ||
    token.tokenType === EOF ||
    token.isInsertedInRecovery === true ||
    !Number.isFinite(token.startOffset)
  );
}

/** Whether a token can begin an expression (a literal, a name, `(`, `-`, `not`, `if`). */
export function startsExpression(token: IToken): boolean {
  return EXPRESSION_START.has(token.tokenType);
}

const EXPRESSION_START: ReadonlySet<TokenType> = new Set([
  T.NumberLiteral,
  T.StringLiteral,
  T.True,
  T.False,
  T.Identifier,
  T.DottedName,
  T.LParen,
  T.Minus,
  T.Not,
  T.If,
]);

/** `"and"`, or `the end of the expression`. */
export function describeToken(token: IToken | undefined): string {
  return isVirtualToken(token) || token === undefined ? 'the end of the expression' : quote(token.image);
}

function quote(text: string): string {
  const short = text.length > 20 ? `${text.slice(0, 20)}...` : text;
  return JSON.stringify(short);
}

const EXPECTED_LABELS: ReadonlyMap<TokenType, string> = new Map([
  [T.RParen, '")"'],
  [T.RBracket, '"]"'],
  [T.LBracket, '"[" (a list like [a, b])'],
  [T.Then, '"then"'],
  [T.Else, '"else"'],
  [T.And, '"and"'],
  [T.Identifier, 'a unit'],
]);

function after(previous: IToken | undefined): string {
  return isVirtualToken(previous) || previous === undefined ? '' : ` after ${quote(previous.image)}`;
}

function found(actual: IToken | undefined): string {
  return isVirtualToken(actual) ? ', but the expression ends' : `, found ${describeToken(actual)}`;
}

function mismatch(expected: TokenType, actual: IToken, previous: IToken, ruleName: string): string {
  if (expected === EOF) {
    // Left-over input found by chevrotain's in-repetition recovery; `previous` is not reliable here.
    return strayReason(actual, undefined, startsExpression(actual));
  }
  if (expected === T.RParen && ruleName === 'reference') {
    return `expected "," or ")" in the argument list${after(previous)}${found(actual)}`;
  }
  if (expected === T.RBracket) {
    return `expected "," or "]" in the list${after(previous)}${found(actual)}`;
  }
  if (expected === T.And && ruleName === 'comparisonTail') {
    return `expected "and" in "between ... and ..."${after(previous)}${found(actual)}`;
  }
  const label = EXPECTED_LABELS.get(expected) ?? quote(expected.name);
  return `expected ${label}${after(previous)}${found(actual)}`;
}

/** Reads well for contract authors: `expected an expression after "and", found ")"`. */
export const SYNTAX_MESSAGES: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    mismatch(expected, actual, previous, ruleName),
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `unexpected ${describeToken(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual, previous }) =>
    `expected an expression${after(previous)}${found(actual[0])}`,
  buildEarlyExitMessage: ({ actual, previous }) =>
    `expected an expression${after(previous)}${found(actual[0])}`,
};

/** Why a token left over after a complete expression is wrong. */
export function strayReason(token: IToken, previous: IToken | undefined, startsExpr: boolean): string {
  if (startsExpr) {
    return previous === undefined
      ? `expected an operator before ${describeToken(token)}`
      : `expected an operator between ${describeToken(previous)} and ${describeToken(token)}`;
  }
  switch (token.tokenType) {
    case T.RParen:
      return 'unmatched ")"';
    case T.RBracket:
      return 'unmatched "]"';
    case T.Comma:
      return 'unexpected "," outside a function call or list';
    case T.Then:
    case T.Else:
      return `${quote(token.image)} without a matching "if"`;
    case T.Percent:
      return '"%" must follow a number (20%)';
    case T.LBracket:
      return 'a list [a, b] may only follow "in"';
    default:
      return `unexpected ${describeToken(token)}${after(previous)}`;
  }
}

/** `x in y` */
export const IN_WITHOUT_LIST_REASON = 'expected a list after "in", like x in [a, b]';

/** `a < b < c` */
export const CHAINED_COMPARISON_REASON =
  'comparisons cannot be chained: write "a < b and b < c", or use "x between a and b"';
