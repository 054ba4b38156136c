// Rendering (stage 9): an Evaluation -> CSV invoice lines for accounting import.
// One row per line and adjustment, then the total; RFC 4180 quoting; amounts as decimal strings.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';
import { formatRationalMoney } from './json.js';

function field(value: string): string {
  // Quote when needed; neutralise spreadsheet formula injection in text fields.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderEvaluationCsv(e: Evaluation): string {
  const { result, invoice } = e;
  const c = result.program.contract;
  const d = invoice.minorDigits;
  const rows: string[][] = [['contract', 'period', 'line', 'label', 'applied', 'quantity', 'unit_price', 'amount', 'currency']];
  for (const l of invoice.lines) {
    rows.push([
      c.id.value,
      result.period,
      l.id,
      l.label,
      l.applied ? 'true' : 'false',
      l.quantity === undefined ? '' : toDecimalString(l.quantity),
      l.unitPrice === undefined ? '' : formatRationalMoney(l.unitPrice, d),
      formatMinor(l.amount, d),
      invoice.currency,
    ]);
  }
  for (const a of invoice.adjustments) {
    rows.push([c.id.value, result.period, a.id, a.label, 'true', '', '', formatMinor(a.amount, d), invoice.currency]);
  }
  rows.push([c.id.value, result.period, 'total', 'Total', 'true', '', '', formatMinor(invoice.total, d), invoice.currency]);
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
