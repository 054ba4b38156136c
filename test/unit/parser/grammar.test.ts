import { describe, expect, it } from 'vitest';
import { errs, sx } from './sexpr.js';

describe('grammar: precedence and associativity', () => {
  it.each([
    ['a ?? b or c', '(?? a (or b c))'],
    ['a or b ?? c', '(?? (or a b) c)'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a or b and c', '(or a (and b c))'],
    ['a and b or c', '(or (and a b) c)'],
    ['not a and b', '(and (not a) b)'],
    ['not a < b', '(not (< a b))'],
    ['not not a', '(not (not a))'],
    ['a < b + c', '(< a (+ b c))'],
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b / c', '(/ (/ a b) c)'],
    ['a - (b - c)', '(- a (- b c))'],
    ['-a * b', '(* (- a) b)'],
    ['- -a', '(- (- a))'],
    ['a--b', '(- a (- b))'],
    ['a * -b', '(* a (- b))'],
    ['-(a + b)', '(- (+ a b))'],
  ])('%s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });

  it.each([['<'], ['<='], ['>'], ['>='], ['=='], ['!=']])('comparison %s', (op) => {
    expect(sx(`a + 1 ${op} b * 2`)).toBe(`(${op} (+ a 1) (* b 2))`);
  });

  it('parses between with additive bounds, inclusive form', () => {
    expect(sx('x between 3 and 4')).toBe('(between x 3 4)');
    expect(sx('x between a + 1 and b * 2 and y')).toBe('(and (between x (+ a 1) (* b 2)) y)');
    expect(sx('x between -1 and 2')).toBe('(between x (- 1) 2)');
  });

  it('parses in with a list (empty lists allowed)', () => {
    expect(sx('x in [a, b, c]')).toBe('(in x [a b c])');
    expect(sx('x + 1 in [1]')).toBe('(in (+ x 1) [1])');
    expect(sx('x in []')).toBe('(in x [])');
    expect(sx('x in [1, 2] and y')).toBe('(and (in x [1 2]) y)');
  });

  it('parses calls, including calls named like units', () => {
    expect(sx('f()')).toBe('(f())');
    expect(sx('min(leads * 500 RUB, 150000 RUB)')).toBe('(min() (* leads 500RUB) 150000RUB)');
    expect(sx('clamp(x, 0, 1) + abs(-y)')).toBe('(+ (clamp() x 0 1) (abs() (- y)))');
  });

  it('parses if with greedy else branches', () => {
    expect(sx('if score >= 90% then 20000 RUB else 0 RUB')).toBe('(if (>= score 90%) 20000RUB 0RUB)');
    expect(sx('if c then a else b + 1')).toBe('(if c a (+ b 1))');
    expect(sx('1 + if c then a else b + 1')).toBe('(+ 1 (if c a (+ b 1)))');
    expect(sx('(if c then a else b) + 1')).toBe('(+ (if c a b) 1)');
    expect(sx('if a then 1 else if b then 2 else 3')).toBe('(if a 1 (if b 2 3))');
    expect(sx('if if a then b else c then d else e')).toBe('(if (if a b c) d e)');
  });

  it('parses the spec examples', () => {
    expect(sx('bounce_rate <= 20% and avg_time_on_site >= 2 min')).toBe(
      '(and (<= bounce_rate 20%) (>= avg_time_on_site 2min))',
    );
    expect(sx('leads >= 80 or (leads >= 60 and cpl <= 400 RUB)')).toBe(
      '(or (>= leads 80) (and (>= leads 60) (<= cpl 400RUB)))',
    );
    expect(sx('(likes + comments + shares) / reach >= 5%')).toBe('(>= (/ (+ (+ likes comments) shares) reach) 5%)');
    expect(sx('ad_spend / leads ?? 0 RUB')).toBe('(?? (/ ad_spend leads) 0RUB)');
    expect(sx('pages_per_session between 3 and 4')).toBe('(between pages_per_session 3 4)');
  });

  it('treats keyword-prefixed words as names', () => {
    expect(sx('index + notes + android + impressions')).toBe('(+ (+ (+ index notes) android) impressions)');
    expect(sx('period.index == 1')).toBe('(== period.index 1)');
  });
});

describe('grammar: syntax errors (E020)', () => {
  it('rejects chained comparisons at the second operator', () => {
    expect(errs('a < b < c')).toEqual([['E020', 6, 7]]);
    expect(errs('a == b != c')).toEqual([['E020', 7, 9]]);
    expect(errs('x between 1 and 2 < 3')).toEqual([['E020', 18, 19]]);
  });

  it('rejects in without a list and lists outside in', () => {
    expect(errs('x in y')).toEqual([['E020', 5, 6]]);
    expect(errs('[1, 2]')[0]).toEqual(['E020', 0, 1]);
  });

  it('reports a missing operand after an operator', () => {
    expect(errs('a and')).toEqual([['E020', 5, 5]]);
    expect(errs('a + * b')).toEqual([['E020', 4, 5]]);
    expect(errs('not')).toEqual([['E020', 3, 3]]);
  });

  it('reports incomplete if, between and calls', () => {
    expect(errs('if a then b')).toEqual([['E020', 11, 11]]);
    expect(errs('if a b else c')).toEqual([['E020', 5, 6]]);
    expect(errs('x between 1 or 2')).toEqual([['E020', 12, 14]]);
    expect(errs('f(a b)')).toEqual([['E020', 4, 5]]);
    expect(errs('f(a,)')).toEqual([['E020', 4, 5]]);
  });

  it('reports unbalanced parentheses', () => {
    expect(errs('(a + b')).toEqual([['E020', 6, 6]]);
    expect(errs('a + b)')).toEqual([['E020', 5, 6]]);
    expect(errs(')')).toEqual([['E020', 0, 1]]);
  });
});

describe('grammar definition', () => {
  it("passes chevrotain's grammar validations (the shared instance skips them at start-up)", async () => {
    const { ExpressionGrammar } = await import('../../../src/parser/grammar.js');
    // Self-analysis throws "Parser Definition Errors detected" when a validation fails.
    expect(() => new ExpressionGrammar({ validate: true })).not.toThrow();
  });
});
