import { describe, expect, it } from 'vitest';
import { createSourceFile, lineColAt, lineText, originSpan } from '../../../src/diagnostics/source.js';

describe('source', () => {
  it('maps offsets to 1-based line and column, counting \\r\\n as one break', () => {
    const f = createSourceFile('a.yaml', 'ab\r\ncd\nef');
    expect(lineColAt(f, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColAt(f, 4)).toEqual({ line: 2, column: 1 });
    expect(lineColAt(f, 8)).toEqual({ line: 3, column: 2 });
    expect(lineText(f, 2)).toBe('cd');
  });

  it('maps a string origin with and without an offset map', () => {
    expect(originSpan({ file: 'f', base: 10 }, 2, 5)).toEqual({ file: 'f', start: 12, end: 15 });
    const map = [20, 21, 23, 24, 25];
    expect(originSpan({ file: 'f', base: 20, map }, 1, 3)).toEqual({ file: 'f', start: 21, end: 24 });
  });
});
