import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/parser/parse.js';
import { printExpression } from '../../../src/parser/print.js';

function fmt(text: string): string {
  const r = parseExpression(text, { file: 'f', base: 0 });
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error('no value');
  return printExpression(r.value);
}

describe('printExpression', () => {
  it.each([
    ['a+b*c', 'a + b * c'],
    ['(a+b)*c', '(a + b) * c'],
    ['(a - b) - c', 'a - b - c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a / (b * c)', 'a / (b * c)'],
    ['(a ?? b) ?? c', 'a ?? b ?? c'],
    ['a ?? (b ?? c)', 'a ?? (b ?? c)'],
    ['((a or b)) and c', '(a or b) and c'],
    ['not (a and b)', 'not (a and b)'],
    ['(not a) and b', 'not a and b'],
    ['(a < b) == c', '(a < b) == c'],
    ['-(a*b)', '-(a * b)'],
    ['-(-a)', '- -a'],
    ['-(2 min)', '-2 min'],
    ['f( a ,b )', 'f(a, b)'],
    ['x in [ 1,2 ]', 'x in [1, 2]'],
    ['x between (a) and b+1', 'x between a and b + 1'],
    ['(x between a and b) == c', '(x between a and b) == c'],
    ['1 + (if c then a else b)', '1 + (if c then a else b)'],
    ['(if c then a else b) * 2', '(if c then a else b) * 2'],
    ['f(if c then a else b)', 'f(if c then a else b)'],
    ['if c then (if d then 1 else 2) else 3', 'if c then if d then 1 else 2 else 3'],
    ['not (if c then a else b)', 'not (if c then a else b)'],
  ])('%s -> %s', (text, expected) => {
    expect(fmt(text)).toBe(expected);
  });

  it('prints literals canonically', () => {
    expect(fmt('1_500 + 007 + .5')).toBe('1500 + 7 + 0.5');
    expect(fmt('17.5 %')).toBe('17.5%');
    expect(fmt('2 minutes 15 seconds')).toBe('2 min 15 s');
    expect(fmt('1 day 1 hour 1 sec')).toBe('1 d 1 h 1 s');
    expect(fmt('500RUB')).toBe('500 RUB');
    expect(fmt('"a\\"b\\\\"')).toBe('"a\\"b\\\\"');
    expect(fmt('period.index')).toBe('period.index');
  });
});
