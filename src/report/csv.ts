// Rendering (stage 10): an Evaluation -> CSV invoice lines for accounting import.
// One row per line and adjustment, then one per tax and the total. SPEC 10: "CSV keeps its
// format": as in Part 1 every row has its amount in `amount` (the total row: the amount payable),
// so the rows above the total sum to it; the `tax` and `total` columns repeat the tax and total
// amounts for readers that take them there. RFC 4180 quoting; amounts as decimals; text cells
// guarded against formula injection (safe-text.ts csvCell).
import { csvCell } from '../diagnostics/safe-text.js';
import type { LocaleId } from '../contract/model.js';
import { formatMinor } from '../numbers/money.js';
import { toDecimalString } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';
import { formatRationalMoney } from './json.js';
import { adjustmentLabel } from './line-detail.js';
import { documentLocale } from './locale/document-text.js';

/** `rfc` (default): `,` and `.`; `excel`: a BOM, and `;` with a decimal comma for ru/fr/sr. */
export type CsvDialect = 'rfc' | 'excel';
export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc', 'excel'];

export interface CsvOptions {
  readonly dialect?: CsvDialect;
  /** `--locale`: decides the excel dialect's separators (else the contract's locale). */
  readonly locale?: LocaleId;
}

const HEADER = ['contract', 'period', 'line', 'label', 'applied', 'quantity', 'unit_price', 'amount', 'currency', 'tax', 'total'];
/** Columns holding numbers (the decimal comma applies to these only). */
const NUMERIC = new Set([5, 6, 7, 9, 10]);

export function renderEvaluationCsv(e: Evaluation, options: CsvOptions = {}): string {
  const { result, invoice, taxed } = e;
  const c = result.program.contract;
  const d = invoice.minorDigits;
  const cur = invoice.currency;
  const id = c.id.value;
  const rows: string[][] = [HEADER];
  for (const l of invoice.lines) {
    rows.push([
      id,
      result.period,
      l.id,
      l.label,
      l.applied ? 'true' : 'false',
      l.quantity === undefined ? '' : toDecimalString(l.quantity),
      l.unitPrice === undefined ? '' : formatRationalMoney(l.unitPrice, d),
      formatMinor(l.amount, d),
      cur,
      '',
      '',
    ]);
  }
  for (const a of invoice.adjustments) {
    rows.push([id, result.period, a.id, adjustmentLabel(a), 'true', '', '', formatMinor(a.amount, d), cur, '', '']);
  }
  for (const t of taxed.taxes) {
    rows.push([id, result.period, `tax.${t.id}`, t.label, 'true', '', '', formatMinor(t.amount, d), cur, formatMinor(t.amount, d), '']);
  }
  rows.push([id, result.period, 'total', 'Total', 'true', '', '', formatMinor(taxed.total, d), cur, '', formatMinor(taxed.total, d)]);
  const excel = options.dialect === 'excel';
  const comma = excel && documentLocale(e, options.locale) !== 'en';
  const separator = comma ? ';' : ',';
  const text = rows
    .map((r, i) => r.map((v, col) => {
      const cell = csvCell(v, separator);
      return i > 0 && comma && NUMERIC.has(col) ? cell.replace('.', ',') : cell;
    }).join(separator))
    .join('\r\n');
  return `${excel ? '\ufeff' : ''}${text}\r\n`;
}
