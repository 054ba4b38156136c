import { describe, expect, it } from 'vitest';
import { canonicalNumber, escapeString, unescapeString } from '../../../src/parser/literals.js';
import { at, errs, sx } from './sexpr.js';

describe('literals', () => {
  it('canonicalises numbers exactly, from their text', () => {
    expect(canonicalNumber('1_500')).toBe('1500');
    expect(canonicalNumber('12.75')).toBe('12.75');
    expect(canonicalNumber('007')).toBe('7');
    expect(canonicalNumber('000')).toBe('0');
    expect(canonicalNumber('.5')).toBe('0.5');
    expect(canonicalNumber('12.50')).toBe('12.50');
    expect(canonicalNumber('1_000.000_1')).toBe('1000.0001');
    expect(canonicalNumber('123456789012345678901234567890')).toBe('123456789012345678901234567890');
    for (const bad of ['1_', '1__0', '1.', '1._5', '_1', '.', '']) expect(canonicalNumber(bad)).toBeUndefined();
  });

  it('parses every literal form', () => {
    expect(sx('1_500')).toBe('1500');
    expect(sx('20%')).toBe('20%');
    expect(sx('17.5 %')).toBe('17.5%');
    expect(sx('007.50%')).toBe('7.50%');
    expect(sx('"a\\"b\\\\c"')).toBe(JSON.stringify('a"b\\c'));
    expect(sx('true')).toBe('true');
    expect(sx('false')).toBe('false');
    expect(sx('500 RUB')).toBe('500RUB');
    expect(sx('12.50 USD')).toBe('12.50USD');
    expect(sx('500RUB')).toBe('500RUB');
  });

  it.each([
    ['90 s', '90s'], ['1 sec', '1s'], ['1 second', '1s'], ['2 seconds', '2s'],
    ['2 min', '2min'], ['1 minute', '1min'], ['3 minutes', '3min'],
    ['1.5 h', '1.5h'], ['1 hour', '1h'], ['2 hours', '2h'],
    ['1 d', '1d'], ['1 day', '1d'], ['7 days', '7d'],
    ['2 min 15 s', '2min15s'], ['1 d 2 hours 3 minutes 4 sec', '1d2h3min4s'],
  ])('duration %s', (text, expected) => {
    expect(sx(text)).toBe(expected);
  });

  it('reports malformed numbers (E024) at the number', () => {
    const text = 'a + 1__0 * 1.';
    expect(errs(text)).toEqual([['E024', ...at(text, '1__0')], ['E024', ...at(text, '1.')]]);
  });

  it('reports unknown units and lower-case currencies (E022) at the unit', () => {
    const text = '2 kg + 500 rub';
    expect(errs(text)).toEqual([['E022', ...at(text, 'kg')], ['E022', ...at(text, 'rub')]]);
    expect(errs('500 RUBX')).toEqual([['E022', 4, 8]]);
    expect(errs('1e5')).toEqual([['E022', 1, 3]]);
  });

  it('only allows durations in compound quantities', () => {
    expect(errs('500 RUB 20 USD')).toEqual([['E020', 4, 7], ['E020', 11, 14]]);
    expect(errs('2 min 15')).toEqual([['E020', 8, 8]]);
  });

  it('reports unterminated strings and unknown escapes', () => {
    expect(errs('"abc')).toEqual([['E020', 0, 4]]);
    expect(errs('a == "x\\n"')).toEqual([['E020', 7, 9]]);
    expect(errs('"x\\')).toEqual([['E020', 0, 3]]);
  });

  it('escapes strings for printing', () => {
    expect(escapeString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(unescapeString(escapeString('a"b\\c\\"'))).toBe('a"b\\c\\"');
  });
});
