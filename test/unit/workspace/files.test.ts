import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSourceSync } from '../../../src/workspace/files.js';
import { firstInvalidUtf8, positionOfByte } from '../../../src/workspace/utf8.js';
import { readContractFile } from '../../../src/contract/load-contract.js';
import { readMetricPath } from '../../../src/data/load-metrics.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: readonly number[] | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  return path;
}

describe('the one file reader', () => {
  it('finds the first bad byte of invalid UTF-8', () => {
    const at = (bytes: number[]): number | undefined => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at([0x61, 0x62])).toBeUndefined();
    expect(at([0x61, 0xff, 0x62])).toBe(1);
    expect(at([0x61, 0xc3])).toBe(1); // truncated two-byte sequence
    expect(at([0xc0, 0x80])).toBe(0); // overlong
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // a UTF-16 surrogate
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // above U+10FFFF
    expect(at([0xe2, 0x82, 0xac, 0x20, 0xf0, 0x9f, 0x98, 0x80, 0x80])).toBe(8); // valid, then a stray continuation
    expect(at([...Buffer.from('Итого ₽ 😀')])).toBeUndefined();
  });

  it('reports invalid UTF-8 as E001 with the byte offset, for every kind of file', async () => {
    const contract = file('bad.yaml', [0x63, 0x3a, 0x20, 0xff]);
    const data = file('bad.json', [0x7b, 0xfe, 0x7d]);
    const read = readSourceSync(contract);
    expect(read.file).toBeUndefined();
    expect(read.diagnostics.map((d) => [d.code, d.span.start, d.data?.['byte'], d.data?.['line'], d.data?.['column']])).toEqual([['E001', 3, 3, 1, 4]]);
    expect((await readContractFile(contract)).diagnostics.map((d) => [d.code, d.data?.['byte']])).toEqual([['E001', 3]]);
    expect((await readMetricPath(data)).diagnostics.map((d) => [d.code, d.data?.['byte']])).toEqual([['E001', 1]]);
  });

  it('locates the first bad byte at its line and column (UTF-16 units, BOM not counted)', () => {
    const at = (text: string, tail: number[] = [0xff]): [number, number, number] => {
      const bytes = Uint8Array.from([...Buffer.from(text), ...tail]);
      const p = positionOfByte(bytes, bytes.length - tail.length);
      return [p.line, p.column, p.offset];
    };
    expect(at('')).toEqual([1, 1, 0]);
    expect(at('a: 1\nb: "')).toEqual([2, 5, 9]);
    expect(at('a\r\nb\rc')).toEqual([3, 2, 6]); // \r\n is one break, a lone \r another
    expect(at('x\r')).toEqual([2, 1, 2]); // a \r before the bad byte ends its line
    expect(at('\ufeffИ😀')).toEqual([1, 4, 3]); // BOM dropped; Cyrillic 1 unit, the emoji 2
    expect(at('t: "€', [0xe2, 0x82])).toEqual([1, 6, 5]); // a truncated sequence starts at its first byte
    const path = file('bad-line.yaml', [...Buffer.from('contract: a\nversion: 1\ntitle: "'), 0xff, 0x22, 0x0a]);
    const d = readSourceSync(path).diagnostics[0];
    expect([d?.code, d?.message, d?.data?.['line'], d?.data?.['column']]).toEqual(['E001', `cannot read ${path}: not valid UTF-8 text (byte 31)`, 3, 9]);
  });

  it('drops a byte order mark and keeps everything else as written', () => {
    const path = file('bom.yaml', '\ufeffcontract: x\r\n');
    expect(readSourceSync(path).file?.text).toBe('contract: x\r\n');
  });

  it('refuses a directory and an oversized file without reading it', () => {
    expect(readSourceSync(dir).diagnostics.map((d) => d.code)).toEqual(['E001']);
    const big = file('big.yaml', 'x'.repeat(100));
    expect(readSourceSync(big, 10).diagnostics.map((d) => d.code)).toEqual(['E004']);
  });
});
