// The JSON scanner of sources: numbers kept as written (exponents written out exactly), strings
// decoded, syntax errors as data at their offset, JSONL lines independent of each other.
import { describe, expect, it } from 'vitest';
import { jsonNumberText, scanJsonArray, scanJsonLines } from '../../../src/sources/read/json-rows.js';

describe('jsonNumberText', () => {
  it.each([
    ['1500', '1500'],
    ['-12.50', '-12.50'],
    ['1.5e3', '1500'],
    ['1E+2', '100'],
    ['25e-3', '0.025'],
    ['100e-2', '1.00'],
    ['0.1', '0.1'],
    ['0', '0'],
    ['0e5', '0'],
    ['9007199254740993', '9007199254740993'],
  ])('%s is %s', (token, text) => {
    expect(jsonNumberText(token)).toBe(text);
  });

  it('refuses what would need more than 64 digits written out', () => {
    expect(jsonNumberText('1e64')).toBeUndefined();
    expect(jsonNumberText('1e63')).toBe(`1${'0'.repeat(63)}`);
    expect(jsonNumberText('1e-65')).toBeUndefined();
    expect(jsonNumberText('1e999999999999')).toBeUndefined();
  });
});

describe('scanJsonArray', () => {
  it('keeps each value raw, with its offsets, and decodes strings', () => {
    const text = '[{"a": 0.30000000000000004, "b": "x\\u00e9\\n", "c": null, "d": [1, {"e": 2}], "f": true}]';
    const items = [...scanJsonArray(text)];
    expect(items).toHaveLength(1);
    const row = items[0]?.kind === 'row' ? items[0].row : undefined;
    expect(row?.entries.get('a')).toMatchObject({ kind: 'number', text: '0.30000000000000004' });
    expect(text.slice(row?.entries.get('a')?.start, row?.entries.get('a')?.end)).toBe('0.30000000000000004');
    expect(row?.entries.get('b')).toMatchObject({ kind: 'string', text: 'xé\n' });
    expect(row?.entries.get('c')?.kind).toBe('null');
    expect(row?.entries.get('d')).toMatchObject({ kind: 'nested', text: 'array' });
    expect(row?.entries.get('f')).toMatchObject({ kind: 'boolean', text: 'true' });
  });

  it.each([
    ['{"a": 1}', 0, 'a .json source file is an array of row objects'],
    ['[{"a": 01}]', 7, 'a number cannot start with 0'],
    ['[{"a": 1,}]', 9, 'expected a key in quotes'],
    ['[{"a": NaN}]', 7, 'expected a value'],
    ['[{"a": "x\u0001"}]', 9, 'a control character'],
    ['[{"a": 1}] x', 11, 'after the array'],
    ['[{"a": "open', 7, 'a string is not closed'],
  ])('%s is an error at offset %i', (text, at, message) => {
    const last = [...scanJsonArray(text)].at(-1);
    expect(last).toMatchObject({ kind: 'error', at });
    expect(last?.kind === 'error' ? last.message : '').toContain(message);
  });

  it('refuses nesting deeper than 64 instead of overflowing the stack', () => {
    const deep = `[{"a": ${'['.repeat(100_000)}`;
    expect([...scanJsonArray(deep)].at(-1)).toMatchObject({ kind: 'error', message: 'values nested more than 64 deep' });
  });
});

describe('scanJsonLines', () => {
  it('reads one object a line, with file offsets, and reports a bad line without losing the next', () => {
    const text = '{"a": 1}\n{"a": \n\n{"a": 3}\r\n';
    const items = [...scanJsonLines(text)];
    expect(items.map((i) => i.kind)).toEqual(['row', 'error', 'blank', 'row']);
    const last = items[3]?.kind === 'row' ? items[3].row : undefined;
    expect(last?.line).toBe(4);
    expect(text.slice(last?.entries.get('a')?.start, last?.entries.get('a')?.end)).toBe('3');
  });
});
