// Stage 4 (parseExpressions), lexing: expression text -> chevrotain tokens.
// Token types, their order (`ALL_TOKENS`) and the keyword/name disambiguation live here.
import { createToken, Lexer, type TokenType } from './chevrotain.js';

/** Any whitespace, including Unicode spaces (a pasted no-break space is not an error). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });

/** A simple name: `leads`, `index`, `min` (also used for units after a number). */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
});

/** A dotted name: `period.index`. One token, so no spaces are allowed around the dots. */
export const DottedName = createToken({
  name: 'DottedName',
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+/,
});

function keyword(name: string, word: string): TokenType {
  // longer_alt: `index`, `notes`, `android`, `iffy` are names, not keywords followed by text.
  return createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: [DottedName, Identifier],
  });
}

export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const Not = keyword('Not', 'not');
export const Between = keyword('Between', 'between');
export const In = keyword('In', 'in');
export const If = keyword('If', 'if');
export const Then = keyword('Then', 'then');
export const Else = keyword('Else', 'else');
export const True = keyword('True', 'true');
export const False = keyword('False', 'false');

/**
 * A number as written: digits with `_` separators and an optional fraction (`1_500`, `12.75`,
 * `.5`). The pattern is deliberately wider than the valid forms (`1_`, `1.`, `1__0`) so that a
 * malformed number is one token reported as E024 instead of a cascade of syntax errors.
 */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*/,
});

/**
 * A double-quoted string. Unterminated strings and unknown escapes are matched too (to the end
 * of the text) and reported by the literal checks, so the rest of the text is not re-lexed as code.
 */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\]|\\[\s\S])*(?:"|\\)?/,
});

/** Comparison operators share a category so the grammar has a single alternative for them. */
export const ComparisonOperator = createToken({ name: 'ComparisonOperator', pattern: Lexer.NA });

function punct(name: string, text: string, comparison = false): TokenType {
  return createToken({ name, pattern: text, categories: comparison ? [ComparisonOperator] : [] });
}

export const Coalesce = punct('Coalesce', '??');
// Two-character operators before their one-character prefixes.
export const LessEqual = punct('LessEqual', '<=', true);
export const GreaterEqual = punct('GreaterEqual', '>=', true);
export const Equal = punct('Equal', '==', true);
export const NotEqual = punct('NotEqual', '!=', true);
export const Less = punct('Less', '<', true);
export const Greater = punct('Greater', '>', true);
export const Plus = punct('Plus', '+');
export const Minus = punct('Minus', '-');
export const Star = punct('Star', '*');
export const Slash = punct('Slash', '/');
export const Percent = punct('Percent', '%');
export const LParen = punct('LParen', '(');
export const RParen = punct('RParen', ')');
export const LBracket = punct('LBracket', '[');
export const RBracket = punct('RBracket', ']');
export const Comma = punct('Comma', ',');

/**
 * Lexer order matters: chevrotain takes the first pattern that matches (not the longest), except
 * where `longer_alt` says otherwise. Dotted names precede keywords, keywords precede identifiers,
 * two-character operators precede one-character ones.
 */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  StringLiteral,
  NumberLiteral,
  DottedName,
  And,
  Or,
  Not,
  Between,
  In,
  If,
  Then,
  Else,
  True,
  False,
  Identifier,
  Coalesce,
  LessEqual,
  GreaterEqual,
  Equal,
  NotEqual,
  Less,
  Greater,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  ComparisonOperator,
];

let lexer: InstanceType<typeof Lexer> | undefined;

/**
 * The lexer, built on first use: chevrotain validates and optimises the token set at
 * construction, which a program importing attain without parsing anything should not pay.
 */
export function expressionLexer(): InstanceType<typeof Lexer> {
  return (lexer ??= new Lexer([...ALL_TOKENS], {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
  }));
}
