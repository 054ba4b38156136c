// The xlsx workbook: deterministic bytes, a valid ZIP of SpreadsheetML, one sheet per document,
// amounts as numeric cells with the currency's decimals, no total inside the line amounts.
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../src/report/xlsx/zip.js';
import { renderEvaluationXlsx } from '../../../../src/report/xlsx/evaluation-xlsx.js';
import { buildReportFixture } from '../../../browser/report-fixture.js';

/** The files of a ZIP archive, read through its central directory (checks CRCs). */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const localNameLen = buf.readUInt16LE(offset + 26);
    const data = inflateRawSync(buf.subarray(offset + 30 + localNameLen, offset + 30 + localNameLen + size));
    expect(crc32(data)).toBe(crc);
    out.set(name, data.toString('utf8'));
    p += 46 + nameLen;
  }
  return out;
}

describe('renderEvaluationXlsx', () => {
  const { evaluation } = buildReportFixture();

  it('gives the same bytes every time', () => {
    expect(renderEvaluationXlsx(evaluation).equals(renderEvaluationXlsx(evaluation))).toBe(true);
  });

  it('is a ZIP of a workbook with three sheets in the document locale', () => {
    const files = unzip(renderEvaluationXlsx(evaluation));
    expect([...files.keys()]).toContain('xl/worksheets/sheet3.xml');
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Счёт" sheetId="1" r:id="rId1"/>');
    const fr = unzip(renderEvaluationXlsx(evaluation, { locale: 'fr-FR' }));
    expect(fr.get('xl/workbook.xml')).toContain('<sheet name="Facture"');
  });

  it('writes amounts as numbers with two decimals; the total sits on the totals sheet only', () => {
    const files = unzip(renderEvaluationXlsx(evaluation, { locale: 'en' }));
    const lines = files.get('xl/worksheets/sheet1.xml') ?? '';
    const totals = files.get('xl/worksheets/sheet2.xml') ?? '';
    // Style 6 = two decimals (see workbook.ts): the retainer line 50000.00.
    expect(lines).toContain('<c r="F2" s="6"><v>50000.00</v></c>');
    expect(lines).not.toContain('123830.00');
    expect(lines).not.toContain('>Total<');
    expect(totals).toContain('<v>22330.00</v>');
    expect(totals).toMatch(/Total payable<\/t><\/is><\/c><c r="B\d+" s="7"><v>123830.00<\/v>/);
    expect(files.get('xl/styles.xml')).toContain('formatCode="0.00"');
  });
});
