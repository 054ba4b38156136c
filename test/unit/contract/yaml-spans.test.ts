import { describe, expect, it } from 'vitest';
import { isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import { loadYaml } from '../../../src/contract/load-yaml.js';
import { exprOrigin, exprTextOf, nodeAtPath, nodeSpan } from '../../../src/contract/yaml-spans.js';
import { originOffset, originSpan } from '../../../src/diagnostics/source.js';
import type { SourceFile } from '../../../src/diagnostics/source.js';
import { source } from './helpers.js';

function scalarAt(file: SourceFile, path: (string | number)[]): Scalar {
  const r = loadYaml(file);
  expect(r.diagnostics).toEqual([]);
  const node = nodeAtPath(r.value!.doc, path).node;
  if (!isScalar(node)) throw new Error('not a scalar');
  return node;
}

/** Every non-blank character of the expression text sits at its own offset in the file. */
function expectExact(file: SourceFile, path: (string | number)[], expected: string): void {
  const node = scalarAt(file, path);
  const text = exprTextOf(file, node);
  expect(text).toBe(expected);
  const origin = exprOrigin(node, file);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ' ' || c === '\n') continue;
    expect(file.text[originOffset(origin, i)], `char ${i} ${JSON.stringify(c)}`).toBe(c);
  }
}

describe('exprOrigin', () => {
  it('plain scalar: base is the range start, no map', () => {
    const file = source('kpis:\n  a:\n    target: leads >= 80  # comment\n');
    const node = scalarAt(file, ['kpis', 'a', 'target']);
    const origin = exprOrigin(node, file);
    expect(origin.map).toBeUndefined();
    expect(origin.base).toBe(file.text.indexOf('leads'));
    expectExact(file, ['kpis', 'a', 'target'], 'leads >= 80');
  });

  it('plain multi-line scalar (folded): map to each character', () => {
    const file = source('define:\n  x: leads +\n     sessions   \n     * 2\nnext: 1\n');
    expectExact(file, ['define', 'x'], 'leads + sessions * 2');
    const origin = exprOrigin(scalarAt(file, ['define', 'x']), file);
    const s = originSpan(origin, 8, 16);
    expect(file.text.slice(s.start, s.end)).toBe('sessions');
  });

  it('double-quoted scalar without escapes: one past the quote', () => {
    const file = source('a: "leads >= 80"\n');
    const origin = exprOrigin(scalarAt(file, ['a']), file);
    expect(origin.base).toBe(4);
    expect(origin.map).toBeUndefined();
  });

  it('double-quoted scalar with escapes and folded lines', () => {
    const file = source('a: "name == \\"x\\" and\n   \\u00e9 == b\\tc"\n');
    const node = scalarAt(file, ['a']);
    const text = exprTextOf(file, node);
    expect(text).toBe('name == "x" and é == b\tc');
    const origin = exprOrigin(node, file);
    expect(origin.map?.length).toBe(text.length + 1);
    expect(file.text[originOffset(origin, text.indexOf('x'))]).toBe('x');
    expect(file.text.slice(originOffset(origin, text.indexOf('"')), originOffset(origin, text.indexOf('"')) + 2)).toBe('\\"');
    expect(file.text.slice(originOffset(origin, text.indexOf('é')), originOffset(origin, text.indexOf('é')) + 6)).toBe('\\u00e9');
    expect(file.text[originOffset(origin, text.indexOf('b'))]).toBe('b');
    expect(file.text[originOffset(origin, text.length - 1)]).toBe('c');
  });

  it("single-quoted scalar with '' and folding", () => {
    const file = source("a: 'it''s >=\n  80'\n");
    const node = scalarAt(file, ['a']);
    expect(exprTextOf(file, node)).toBe("it's >= 80");
    const origin = exprOrigin(node, file);
    expect(origin.base).toBe(4);
    expect(file.text[originOffset(origin, 2)]).toBe("'");
    expect(file.text[originOffset(origin, 8)]).toBe('8');
    expect(file.text[originOffset(origin, 9)]).toBe('0');
  });

  it('block literal scalar: indentation stripped, lines mapped', () => {
    const file = source('kpis:\n  a:\n    target: |\n      leads >= 80\n      and x < 2\n    weight: 1\n');
    expectExact(file, ['kpis', 'a', 'target'], 'leads >= 80\nand x < 2\n');
  });

  it('block folded scalar with strip chomping and a more-indented line', () => {
    const file = source('x: >-\n  leads >=\n  80 and\n    y\n');
    const node = scalarAt(file, ['x']);
    const text = exprTextOf(file, node);
    expect(text).toBe('leads >= 80 and\n  y');
    const origin = exprOrigin(node, file);
    for (const c of ['8', '0', 'y']) expect(file.text[originOffset(origin, text.indexOf(c))]).toBe(c);
  });

  it('numbers and booleans: the source text is the expression', () => {
    const file = source('a: 0.10\nb: true\nc: 1_500\n');
    expect(exprTextOf(file, scalarAt(file, ['a']))).toBe('0.10');
    expect(exprTextOf(file, scalarAt(file, ['b']))).toBe('true');
    const origin = exprOrigin(scalarAt(file, ['a']), file);
    expect(origin.base).toBe(3);
  });

  it('CRLF line endings', () => {
    const file = source('a: x >=\r\n  10\r\nb: "p\r\n  q"\r\n');
    expectExact(file, ['a'], 'x >= 10');
    expectExact(file, ['b'], 'p q');
  });

  it('non-BMP characters keep UTF-16 offsets', () => {
    const file = source('a: "😀 + \\U0001F600 + z"\n');
    const node = scalarAt(file, ['a']);
    const text = exprTextOf(file, node);
    const origin = exprOrigin(node, file);
    expect(file.text[originOffset(origin, text.indexOf('z'))]).toBe('z');
  });
});

describe('nodeAtPath', () => {
  it('walks maps, sequences and aliases', () => {
    const file = source('a: &x { b: [10, 20] }\nc: *x\n');
    const doc = loadYaml(file).value!.doc;
    const at = nodeAtPath(doc, ['c', 'b', 1]);
    expect(nodeSpan(file, at.node)).toEqual({ file: 'inline.yaml', start: 16, end: 18 });
    expect(nodeAtPath(doc, ['a', 'zzz']).node).toBeNull();
    const key = nodeAtPath(doc, ['a', 'b']).key;
    expect(nodeSpan(file, key).start).toBe(8);
  });
});
