// Data stage, CSV reader: SourceFile -> RawDataSet. One row per (contract, period); every cell
// keeps its own span and source text, so diagnostics point at the cell's line:col.
//
// Header: `period,<metric>,...` with an optional `contract` column (any position). Empty cells are
// absent values. Without a `contract` column the rows name no contract (id '').
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { RawValue } from '../contract/model.js';
import { scanCsv, type CsvCell, type CsvRow } from './csv-scan.js';
import type { RawDataSet, RawPeriod } from './metric-data.js';
import { checkPeriodKey } from './period-key.js';
import { MAX_DATA_TEXT } from './yaml-data.js';

interface Header {
  readonly period: number;
  readonly contract?: number;
  /** Column index -> metric name cell. */
  readonly metrics: ReadonlyMap<number, CsvCell>;
}

/** Read a CSV metric data file. No value when the file has no usable header. */
export function loadCsvData(file: SourceFile): StageResult<RawDataSet> {
  const at: Span = { file: file.path, start: 0, end: 0 };
  if (file.text.length > MAX_DATA_TEXT) {
    return { diagnostics: [diag('E004', at, { reason: `data file has ${file.text.length} characters; the limit is ${MAX_DATA_TEXT}` })] };
  }
  const scan = scanCsv(file.text);
  if ('problem' in scan) {
    const { start, end, reason } = scan.problem;
    return { diagnostics: [diag('E069', { file: file.path, start, end }, { reason })] };
  }
  const [first, ...rows] = scan.rows;
  if (first === undefined) return { diagnostics: [diag('E006', at)] };
  const diagnostics: Diagnostic[] = [];
  const header = readHeader(file, first, diagnostics);
  if (header === undefined) return { diagnostics };
  const contracts = new Map<string, RawPeriod[]>();
  const seen = new Map<string, Span>();
  for (const row of rows) {
    const read = readRow(file, header, first.cells.length, row, diagnostics);
    if (read === undefined) continue;
    const key = `${read.contract}\u0000${read.period.period}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const who = read.contract === '' ? '' : ` of contract "${read.contract}"`;
      const reason = `period ${read.period.period}${who} is given twice`;
      diagnostics.push(diag('E069', read.period.span, { reason }, { labels: [{ span: earlier, message: 'first given here' }] }));
      continue;
    }
    seen.set(key, read.period.span);
    const list = contracts.get(read.contract) ?? [];
    list.push(read.period);
    contracts.set(read.contract, list);
  }
  return { value: { file, contracts }, diagnostics };
}

function cellSpan(file: SourceFile, cell: { start: number; end: number }): Span {
  return { file: file.path, start: cell.start, end: cell.end };
}

function readHeader(file: SourceFile, row: CsvRow, diagnostics: Diagnostic[]): Header | undefined {
  let period: number | undefined;
  let contract: number | undefined;
  const metrics = new Map<number, CsvCell>();
  const names = new Set<string>();
  row.cells.forEach((cell, column) => {
    const name = cell.text;
    const span = cellSpan(file, cell);
    if (name === '') {
      diagnostics.push(diag('E069', span, { reason: `header column ${column + 1} has no name` }));
    } else if (names.has(name)) {
      diagnostics.push(diag('E069', span, { reason: `column "${name}" appears twice in the header` }));
    } else if (name === 'period') {
      period = column;
    } else if (name === 'contract') {
      contract = column;
    } else {
      metrics.set(column, cell);
    }
    names.add(name);
  });
  if (period === undefined) {
    const reason = 'the header must have a `period` column: period,<metric>,<metric>...';
    const hint = delimiterHint(row);
    diagnostics.push(diag('E069', cellSpan(file, row), { reason }, hint === undefined ? {} : { hint }));
    return undefined;
  }
  return { period, ...(contract === undefined ? {} : { contract }), metrics };
}

/** Delimiters a metric data file is often exported with instead of `,`, with their names. */
const OTHER_DELIMITERS: readonly (readonly [string, string])[] = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'pipes (|)'],
];

/**
 * A header read as one cell holding `period` and another delimiter: the file is `;`- or
 * tab-separated (a spreadsheet in a decimal-comma locale, or a TSV). Name the delimiter.
 */
export function delimiterHint(row: CsvRow): string | undefined {
  const first = row.cells[0]?.text ?? '';
  for (const [delimiter, name] of OTHER_DELIMITERS) {
    if (first.split(delimiter).length > 1 && row.cells.length === 1) {
      return `the columns of this file are separated by ${name}, not commas: re-save it as comma-separated CSV, or read the export through a sources.yaml with format: { delimiter: "${delimiter === '\t' ? '\\t' : delimiter}" }`;
    }
  }
  return undefined;
}

function readRow(
  file: SourceFile,
  header: Header,
  width: number,
  row: CsvRow,
  diagnostics: Diagnostic[],
): { contract: string; period: RawPeriod } | undefined {
  const rowSpan = cellSpan(file, row);
  if (row.cells.length !== width) {
    const extra = row.cells[width];
    const at = extra === undefined ? { ...rowSpan, start: rowSpan.end } : cellSpan(file, extra);
    const reason = `row has ${row.cells.length} cells but the header has ${width}`;
    diagnostics.push(diag('E069', at, { reason }));
    return undefined;
  }
  const periodCell = row.cells[header.period] as CsvCell;
  if (periodCell.text === '') {
    diagnostics.push(diag('E069', rowSpan, { reason: 'row has no period' }));
    return undefined;
  }
  const bad = checkPeriodKey(periodCell.text, cellSpan(file, periodCell));
  if (bad !== undefined) {
    diagnostics.push(bad);
    return undefined;
  }
  const contractCell = header.contract === undefined ? undefined : row.cells[header.contract];
  if (contractCell !== undefined && contractCell.text === '') {
    diagnostics.push(diag('E069', rowSpan, { reason: 'row has an empty `contract` cell' }));
    return undefined;
  }
  const record = new Map<string, RawValue>();
  for (const [column, name] of header.metrics) {
    const cell = row.cells[column] as CsvCell;
    if (cell.text.trim() === '') continue;
    record.set(name.text, { value: cell.text, source: cell.source, span: cellSpan(file, cell), keySpan: cellSpan(file, name) });
  }
  return { contract: contractCell?.text ?? '', period: { period: periodCell.text, record, span: rowSpan } };
}
