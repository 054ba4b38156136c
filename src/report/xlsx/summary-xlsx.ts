// Rendering (stage 10) for the monthly run: the summary -> summary.xlsx with two sheets, the
// contracts (payable total as a numeric cell) and the totals per currency (never in one column).
import { formatMinor } from '../../numbers/money.js';
import { totalsByCurrency, type RunSummary } from '../summary.js';
import { EMPTY, num, renderWorkbook, text, type Cell } from './workbook.js';

function decimalsOf(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** The run summary as xlsx bytes (English headers, like summary.csv). */
export function renderSummaryXlsx(s: RunSummary): Buffer {
  const contracts: Cell[][] = [['contract', 'client', 'status', 'score', 'total', 'currency', 'error', 'reason'].map((h) => text(h, true))];
  for (const r of s.rows) {
    const total = r.total === undefined ? EMPTY : num(formatMinor(r.total.minor, r.total.digits), r.total.digits);
    const score = r.score === undefined ? EMPTY : num(r.score, decimalsOf(r.score));
    contracts.push([text(r.contract), text(r.client ?? ''), text(r.status), score, total, text(r.total?.currency ?? r.currency ?? ''), text(r.error ?? ''), text(r.reason ?? '')]);
  }
  const totals: Cell[][] = [[text('currency', true), text('total', true)]];
  for (const [cur, sum] of totalsByCurrency(s.rows)) totals.push([text(cur), num(sum, decimalsOf(sum))]);
  const errors: Cell[][] = [[text('run error', true)], ...s.runErrors.map((e) => [text(e)])];
  return renderWorkbook([
    { name: `contracts ${s.period}`, rows: contracts, widths: [28, 30, 10, 8, 16, 8, 60, 40] },
    { name: 'totals', rows: totals, widths: [10, 18] },
    { name: 'run errors', rows: errors, widths: [100] },
  ]);
}
