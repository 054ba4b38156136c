import { describe, expect, it } from 'vitest';
import { blockScalar, doubleQuoted, plainIsSafe, renderScalar, scalarStyle, singleQuoted } from '../../../src/fmt/yaml-scalar.js';

describe('scalarStyle', () => {
  it('reads the style from the first character of the source', () => {
    expect([`"a"`, `'a'`, '|\n  a', '>-\n  a', 'a'].map(scalarStyle)).toEqual(['double', 'single', 'block', 'block', 'plain']);
  });
});

describe('plainIsSafe', () => {
  it('accepts ordinary expressions', () => {
    expect(plainIsSafe('bounce_rate <= 20% and avg_time_on_site >= 2 min', 'x')).toBe(true);
    expect(plainIsSafe('-leads', '-leads')).toBe(true);
    expect(plainIsSafe('min(a, b)', 'min(a,b)')).toBe(true);
  });

  it('refuses what YAML would read differently', () => {
    expect(plainIsSafe('- -leads', '-(-leads)')).toBe(false);
    expect(plainIsSafe('"a" == x', '"a"==x')).toBe(false);
    expect(plainIsSafe('x == "a: b"', 'x')).toBe(false);
    expect(plainIsSafe('x == "a #b"', 'x')).toBe(false);
    expect(plainIsSafe('x == "a\nb"', 'x')).toBe(false);
  });

  it('refuses flow indicators the original did not have (it may sit in a flow mapping)', () => {
    expect(plainIsSafe('x in [1]', 'x')).toBe(false);
    expect(plainIsSafe('x in [1, 2]', 'x in [1,2]')).toBe(true);
  });
});

describe('quoted and block scalars', () => {
  it('double quotes escape backslashes, quotes and control characters', () => {
    expect(doubleQuoted('a == "x\\y"')).toBe('"a == \\"x\\\\y\\""');
    expect(doubleQuoted('"a\nb"')).toBe('"\\"a\\nb\\""');
    expect(doubleQuoted('"\u0001"')).toBe('"\\"\\u0001\\""');
  });

  it('single quotes double the quote, and give up on line breaks', () => {
    expect(singleQuoted("a == \"it's\"")).toBe("'a == \"it''s\"'");
    expect(singleQuoted('"a\nb"')).toBeUndefined();
  });

  it('a block scalar keeps its header, indentation and trailing lines', () => {
    expect(blockScalar('a + b', '>-\n    a +\n      b\n')).toBe('>-\n    a + b\n');
    expect(blockScalar('a', '|\n  a\n\n')).toBe('|\n  a\n\n');
  });

  it('renderScalar keeps the style when it can and falls back to double quotes', () => {
    expect(renderScalar('a + 1', 'a+1')).toBe('a + 1');
    expect(renderScalar('- -a', '-(-a)')).toBe('"- -a"');
    expect(renderScalar('a + 1', "'a+1'")).toBe("'a + 1'");
    expect(renderScalar('a + 1', '"a+1"')).toBe('"a + 1"');
    expect(renderScalar('a + 1', 'a+1', true)).toBe('"a + 1"');
    expect(renderScalar('"x\ny" == s', "'\"x\n\n  y\" == s'")).toBe('"\\"x\\ny\\" == s"');
  });
});
