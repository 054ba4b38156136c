// Test helpers for the parser: compact s-expressions of trees and [code, start, end] of diagnostics.
import { expect } from 'vitest';
import type { Expr } from '../../../src/parser/ast.js';
import { parseExpression } from '../../../src/parser/parse.js';

/** `(+ a (* b c))`; literals as `20%`, `2min15s`, `500RUB`, `"x"`; names dotted. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'Number':
      return e.value;
    case 'Percent':
      return `${e.value}%`;
    case 'Duration':
      return e.parts.map((p) => `${p.value}${p.unit}`).join('');
    case 'Money':
      return `${e.value}${e.currency}`;
    case 'String':
      return JSON.stringify(e.value);
    case 'Boolean':
      return String(e.value);
    case 'Name':
      return e.path.join('.');
    case 'Unary':
      return `(${e.op} ${sexpr(e.operand)})`;
    case 'Binary':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Between':
      return `(between ${sexpr(e.value)} ${sexpr(e.low)} ${sexpr(e.high)})`;
    case 'In':
      return `(in ${sexpr(e.value)} [${e.items.map(sexpr).join(' ')}])`;
    case 'If':
      return `(if ${sexpr(e.cond)} ${sexpr(e.then)} ${sexpr(e.else)})`;
    case 'Call':
      return `(${e.callee}() ${e.args.map(sexpr).join(' ')})`.replace(' )', ')');
  }
}

/** Parses `text` at base 0 and returns its s-expression; fails the test on any diagnostic. */
export function sx(text: string): string {
  const r = parseExpression(text, { file: 'f', base: 0 });
  expect(r.diagnostics).toEqual([]);
  if (r.value === undefined) throw new Error(`no value for ${text}`);
  return sexpr(r.value);
}

/** Parses `text` at base 0 and returns its diagnostics as [code, start, end]. */
export function errs(text: string): [string, number, number][] {
  const r = parseExpression(text, { file: 'f', base: 0 });
  if (r.diagnostics.length > 0) expect(r.value).toBeUndefined();
  return r.diagnostics.map((d) => [d.code, d.span.start, d.span.end]);
}

/** [start, end) of the `n`-th (0-based) occurrence of `needle` in `text`. */
export function at(text: string, needle: string, n = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in ${text}`);
  return [i, i + needle.length];
}
