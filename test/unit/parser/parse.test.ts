import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { TextOrigin } from '../../../src/diagnostics/source.js';
import type { Binary, Call, Expr } from '../../../src/parser/ast.js';
import { DEFAULT_LIMITS, parseExpression } from '../../../src/parser/parse.js';
import { at, errs } from './sexpr.js';

function parse(text: string, origin: TextOrigin = { file: 'c.yaml', base: 0 }): Expr {
  const r = parseExpression(text, origin);
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error('no value');
  return r.value;
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);

describe('parseExpression: spans', () => {
  it('gives every node the span of its whole source text, parentheses of operands included', () => {
    const text = '(a + b) * f(c, 2 min 15 s)';
    const e = parse(text) as Binary;
    expect(e.span).toEqual({ file: 'c.yaml', start: 0, end: text.length });
    expect(e.left.span).toEqual({ file: 'c.yaml', start: 1, end: 6 });
    const call = e.right as Call;
    expect([call.span.start, call.span.end]).toEqual(at(text, 'f(c, 2 min 15 s)'));
    expect([call.calleeSpan.start, call.calleeSpan.end]).toEqual(at(text, 'f'));
    const duration = call.args[1] as Expr;
    expect([duration.span.start, duration.span.end]).toEqual(at(text, '2 min 15 s'));
  });

  it('shifts spans by a non-zero base', () => {
    const e = parse('x >= 20%', { file: 'c.yaml', base: 100 }) as Binary;
    expect(e.span).toEqual({ file: 'c.yaml', start: 100, end: 108 });
    expect(e.right.span).toEqual({ file: 'c.yaml', start: 105, end: 108 });
  });

  it('maps spans through an offset map (escapes in the YAML scalar)', () => {
    // The string `a + b` came from a scalar where each character is two file characters apart.
    const map = [50, 52, 54, 56, 58, 60];
    const e = parse('a + b', { file: 'c.yaml', base: 50, map }) as Binary;
    expect(e.span).toEqual({ file: 'c.yaml', start: 50, end: 59 });
    expect(e.right.span).toEqual({ file: 'c.yaml', start: 58, end: 59 });
    const r = parseExpression('a + @', { file: 'c.yaml', base: 50, map });
    expect(r.diagnostics.map((d) => [d.code, d.span.start, d.span.end])).toEqual([['E021', 58, 59]]);
  });

  it('locates diagnostics in file coordinates with a base', () => {
    const r = parseExpression('a and and b', { file: 'c.yaml', base: 40 });
    expect(r.diagnostics.map((d) => [d.code, d.span.file, d.span.start, d.span.end])).toEqual([
      ['E020', 'c.yaml', 46, 49],
    ]);
  });
});

describe('parseExpression: every error in one call', () => {
  it('reports each syntax error at its own place', () => {
    const text = 'a and and b or or c';
    expect(errs(text)).toEqual([['E020', ...at(text, 'and', 1)], ['E020', ...at(text, 'or', 1)]]);
  });

  it('continues inside and after parentheses', () => {
    const text = '(a + ) * (b - )';
    expect(errs(text)).toEqual([['E020', ...at(text, ')')], ['E020', ...at(text, ')', 1)]]);
  });

  it('resumes after leftover input', () => {
    const text = 'a b and and c';
    expect(errs(text)).toEqual([['E020', ...at(text, 'b')], ['E020', ...at(text, 'and', 1)]]);
    const two = 'f(x)) + (y < z < w)';
    expect(errs(two)).toEqual([['E020', 4, 7], ['E020', ...at(two, '<', 1)]]);
  });

  it('mixes lexical, literal and syntax errors, sorted by position', () => {
    const text = '1__0 + 2 kg + (a <';
    expect(errs(text)).toEqual([['E024', 0, 4], ['E022', 9, 11], ['E020', 18, 18]]);
  });

  it('reports a bad character once, without a cascade of syntax errors', () => {
    expect(errs('a # b')).toEqual([['E021', 2, 3]]);
    expect(errs('a + é')).toEqual([['E021', 4, 5]]);
    expect(errs('a + 😀')).toEqual([['E021', 4, 6]]);
    expect(errs('x @@ y and')).toEqual([['E021', 2, 4], ['E020', 10, 10]]);
  });

  it('anchors errors at the end of the last real token, never at offset 0', () => {
    const r = parseExpression('leads >=', { file: 'c.yaml', base: 200 });
    expect(r.diagnostics.map((d) => [d.code, d.span.start, d.span.end])).toEqual([['E020', 208, 208]]);
    const r2 = parseExpression('(a   ', { file: 'c.yaml', base: 200 });
    expect(r2.diagnostics.map((d) => [d.span.start, d.span.end])).toEqual([[202, 202]]);
  });
});

describe('parseExpression: limits and hostile input', () => {
  it('reports empty and blank expressions (E025)', () => {
    expect(errs('')).toEqual([['E025', 0, 0]]);
    expect(errs('  \t ')).toEqual([['E025', 0, 4]]);
  });

  it('rejects text longer than the limit (E023)', () => {
    const text = 'a + '.repeat(1000) + 'a';
    expect(text.length).toBeGreaterThan(DEFAULT_LIMITS.maxLength);
    expect(errs(text)).toEqual([['E023', 4000, text.length]]);
  });

  it('rejects more than 1000 tokens (E023)', () => {
    const text = Array.from({ length: 501 }, () => 'a').join('+');
    expect(codes(parseExpression(text, { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
    expect(parseExpression(Array.from({ length: 500 }, () => 'a').join('+'), { file: 'f', base: 0 }).value).toBeDefined();
  });

  it('rejects nesting deeper than 64 without overflowing the stack', () => {
    expect(parseExpression(`${'('.repeat(64)}a${')'.repeat(64)}`, { file: 'f', base: 0 }).value).toBeDefined();
    const deep = `${'('.repeat(65)}a${')'.repeat(65)}`;
    expect(errs(deep)).toEqual([['E023', 64, 65]]);
    expect(codes(parseExpression('- '.repeat(100) + 'a', { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
    expect(codes(parseExpression('not '.repeat(100) + 'a', { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
    expect(codes(parseExpression('f('.repeat(100) + 'a', { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
    expect(codes(parseExpression('if '.repeat(100) + 'a', { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
    expect(codes(parseExpression('x in ['.repeat(100), { file: 'f', base: 0 }).diagnostics)).toContain('E023');
  });

  it('survives 10_000 open parentheses and 10_000 minus signs even with raised size limits', () => {
    const big = { maxLength: 1_000_000, maxTokens: 1_000_000, maxDepth: 64 };
    for (const text of ['('.repeat(10_000), '- '.repeat(10_000) + 'a', '(-'.repeat(10_000), 'not '.repeat(10_000)]) {
      expect(codes(parseExpression(text, { file: 'f', base: 0 }).diagnostics)).toEqual(['E023']);
      expect(codes(parseExpression(text, { file: 'f', base: 0 }, big).diagnostics)).toEqual(['E023']);
    }
  });

  it('parses a long flat chain within the token limit', () => {
    const text = Array.from({ length: 400 }, (_, i) => `m${i}`).join(' + ');
    expect(parseExpression(text, { file: 'f', base: 0 }).value?.kind).toBe('Binary');
  });

  it('never throws on odd input', () => {
    for (const text of ['\uD800', '"\uD800', '%', ',', '??', 'a.', '.', '1.2.3', '"', '\\', '\0', 'a\u00A0b', 'period.index(1)']) {
      expect(() => parseExpression(text, { file: 'f', base: 0 })).not.toThrow();
    }
  });

  it('is reentrant: one call does not leak state into the next', () => {
    expect(errs('(((a')).toHaveLength(1);
    expect(errs('a')).toEqual([]);
    expect(errs('a < b < c')).toHaveLength(1);
    expect(errs('a < b')).toEqual([]);
  });
});
