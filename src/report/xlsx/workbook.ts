// Report support: a workbook (sheets of text and exact-decimal number cells) -> xlsx bytes
// (SpreadsheetML in a deterministic ZIP). Numbers keep their decimal text; a cell's format gives
// the currency's decimals. No dates or ids that change between runs.
import { zip } from './zip.js';

/** A cell: text, or a number from its exact decimal string shown with `decimals` digits. */
export type Cell =
  | { readonly kind: 'text'; readonly text: string; readonly bold?: boolean }
  | { readonly kind: 'number'; readonly value: string; readonly decimals: number; readonly bold?: boolean }
  | { readonly kind: 'empty' };

export interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
  /** Column widths in characters. */
  readonly widths?: readonly number[];
}

export const text = (t: string, bold = false): Cell => ({ kind: 'text', text: t, ...(bold ? { bold } : {}) });
export const num = (value: string, decimals: number, bold = false): Cell => ({ kind: 'number', value, decimals, ...(bold ? { bold } : {}) });
export const EMPTY: Cell = { kind: 'empty' };

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // Characters XML 1.0 forbids are dropped (control characters from user text).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function column(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Styles: 0 plain, 1 bold text, then per decimals d (0-4): 2 + 2d number, 3 + 2d bold number. */
function styleOf(c: Cell): number {
  if (c.kind === 'text') return c.bold === true ? 1 : 0;
  if (c.kind === 'number') return 2 + 2 * Math.min(4, Math.max(0, c.decimals)) + (c.bold === true ? 1 : 0);
  return 0;
}

const STYLES = (() => {
  const fmts = [0, 1, 2, 3, 4].map((d) => `<numFmt numFmtId="${164 + d}" formatCode="${d === 0 ? '0' : `0.${'0'.repeat(d)}`}"/>`).join('');
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>', '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" applyFont="1"/>'];
  for (let d = 0; d <= 4; d++) {
    xfs.push(`<xf numFmtId="${164 + d}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`);
    xfs.push(`<xf numFmtId="${164 + d}" fontId="1" fillId="0" borderId="0" applyNumberFormat="1" applyFont="1"/>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5">${fmts}</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`;
})();

function sheetXml(sheet: Sheet): string {
  const cols = sheet.widths === undefined ? '' : `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  const rows = sheet.rows.map((row, r) => {
    const cells = row.map((c, i) => {
      const ref = `${column(i)}${r + 1}`;
      if (c.kind === 'empty') return '';
      if (c.kind === 'number') return `<c r="${ref}" s="${styleOf(c)}"><v>${c.value}</v></c>`;
      return `<c r="${ref}" s="${styleOf(c)}" t="inlineStr"><is><t xml:space="preserve">${xml(c.text)}</t></is></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cols}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** The workbook as xlsx bytes; the same sheets give the same bytes. */
export function renderWorkbook(sheets: readonly Sheet[]): Buffer {
  const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  const entries = [
    { name: '[Content_Types].xml', data: enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`) },
    { name: '_rels/.rels', data: enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${xml(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: enc(STYLES) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: enc(sheetXml(s)) })),
  ];
  return zip(entries);
}
