import { describe, expect, it } from 'vitest';
import { expressionLexer } from '../../../src/parser/tokens.js';

function lex(text: string): string[] {
  const r = expressionLexer().tokenize(text);
  expect(r.errors).toEqual([]);
  return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('tokens', () => {
  it('lexes keywords only as whole words (index, notes, android, iffy are names)', () => {
    expect(lex('index in notes and android or iffy if')).toEqual([
      'Identifier:index', 'In:in', 'Identifier:notes', 'And:and', 'Identifier:android', 'Or:or',
      'Identifier:iffy', 'If:if',
    ]);
    expect(lex('not nothing between betweenness then thenable else elsewhere true truest false falsey')).toEqual([
      'Not:not', 'Identifier:nothing', 'Between:between', 'Identifier:betweenness', 'Then:then',
      'Identifier:thenable', 'Else:else', 'Identifier:elsewhere', 'True:true', 'Identifier:truest',
      'False:false', 'Identifier:falsey',
    ]);
  });

  it('lexes dotted names as one token', () => {
    expect(lex('period.index period.month a.b.c')).toEqual([
      'DottedName:period.index', 'DottedName:period.month', 'DottedName:a.b.c',
    ]);
  });

  it('lexes numbers with separators and fractions', () => {
    expect(lex('1_500 12.75 .5 007')).toEqual([
      'NumberLiteral:1_500', 'NumberLiteral:12.75', 'NumberLiteral:.5', 'NumberLiteral:007',
    ]);
  });

  it('lexes two-character operators before one-character ones', () => {
    expect(lex('?? <= >= == != < > + - * / % ( ) [ ] ,').map((t) => t.split(':')[0])).toEqual([
      'Coalesce', 'LessEqual', 'GreaterEqual', 'Equal', 'NotEqual', 'Less', 'Greater', 'Plus', 'Minus',
      'Star', 'Slash', 'Percent', 'LParen', 'RParen', 'LBracket', 'RBracket', 'Comma',
    ]);
    expect(lex('a<=b')).toEqual(['Identifier:a', 'LessEqual:<=', 'Identifier:b']);
  });

  it('lexes strings with escapes, and unterminated strings to the end', () => {
    expect(lex('"a\\"b\\\\" "c"')).toEqual(['StringLiteral:"a\\"b\\\\"', 'StringLiteral:"c"']);
    expect(lex('"abc + d')).toEqual(['StringLiteral:"abc + d']);
  });

  it('reports characters outside the language with their offset', () => {
    const r = expressionLexer().tokenize('a # b');
    expect(r.errors.map((e) => [e.offset, e.length])).toEqual([[2, 1]]);
  });
});
