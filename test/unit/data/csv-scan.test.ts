import { describe, expect, it } from 'vitest';
import { scanCsv, type CsvScan } from '../../../src/data/csv-scan.js';

function cells(scan: CsvScan): string[][] {
  if ('problem' in scan) throw new Error(scan.problem.reason);
  return scan.rows.map((r) => r.cells.map((c) => c.text));
}

describe('scanCsv', () => {
  it('splits rows on \\n, \\r\\n and \\r and skips blank lines', () => {
    expect(cells(scanCsv('a,b\r\n\r\n1,2\n  \n3,4\r5,6'))).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
  });

  it('unquotes cells, unescapes "" and keeps quoted line breaks', () => {
    expect(cells(scanCsv('"a ""x""","1\n2", "3" \n'))).toEqual([['a "x"', '1\n2', '3']]);
  });

  it('gives each cell the exact span of its content', () => {
    const text = '\uFEFFp, q ,"r"\n';
    const scan = scanCsv(text);
    if ('problem' in scan) throw new Error('unexpected');
    const spans = scan.rows[0]?.cells.map((c) => text.slice(c.start, c.end));
    expect(spans).toEqual(['p', 'q', '"r"']);
    expect(scan.rows[0]?.cells[2]?.source).toBe('"r"');
  });

  it('keeps empty cells and rows of empty cells', () => {
    expect(cells(scanCsv('a,,b\n,\n'))).toEqual([['a', '', 'b'], ['', '']]);
  });

  it('reports an unclosed quote at the opening quote', () => {
    expect(scanCsv('a,"b\n')).toEqual({ problem: { start: 2, end: 3, reason: expect.any(String) } });
  });

  it('reports a quote inside an unquoted cell and text after a closing quote', () => {
    expect(scanCsv('a,b"c\n')).toMatchObject({ problem: { start: 3 } });
    expect(scanCsv('"a"b\n')).toMatchObject({ problem: { start: 3 } });
  });
});
