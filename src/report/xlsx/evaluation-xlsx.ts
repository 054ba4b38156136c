// Rendering (stage 10): an Evaluation -> an xlsx workbook, one sheet per document: the invoice
// lines, the totals (subtotal, each tax, net, payable) and the KPIs; amounts are numeric cells.
import type { LocaleId } from '../../contract/model.js';
import { formatMinor } from '../../numbers/money.js';
import { toDecimalString } from '../../numbers/rational.js';
import type { Evaluation } from '../evaluation.js';
import { formatRationalMoney } from '../json.js';
import { kpiExplanationText } from '../explain-sentence.js';
import { documentLocale, documentText } from '../locale/document-text.js';
import type { MessageKey } from '../locale/messages.js';
import { EMPTY, num, renderWorkbook, text, type Cell, type Sheet } from './workbook.js';

/** Digits after the point of an exact decimal string (a cell shows them all, up to 4). */
function decimalsOf(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** The sheets of one evaluation (also used by the monthly run's workbook). */
export function evaluationSheets(e: Evaluation, locale: LocaleId): Sheet[] {
  const x = documentText(e, locale);
  const { t } = x;
  const d = e.invoice.minorDigits;
  const money = (minor: bigint, bold = false): Cell => num(formatMinor(minor, d), d, bold);
  const lineRows: Cell[][] = [[text('id', true), text(t('line'), true), text(t('applied'), true), text(t('quantity'), true), text(t('unit_price'), true), text(t('amount'), true), text(t('currency'), true)]];
  for (const l of e.invoice.lines) {
    const q = l.quantity === undefined ? undefined : toDecimalString(l.quantity);
    const p = l.unitPrice === undefined ? undefined : formatRationalMoney(l.unitPrice, d);
    lineRows.push([text(l.id), text(l.label), text(l.applied ? t('yes') : t('no')), q === undefined ? EMPTY : num(q, decimalsOf(q)), p === undefined ? EMPTY : num(p, decimalsOf(p)), money(l.amount), text(e.invoice.currency)]);
  }
  for (const a of e.invoice.adjustments) {
    lineRows.push([text(a.id), text(x.limitLabel(a.id)), EMPTY, EMPTY, EMPTY, money(a.amount), text(e.invoice.currency)]);
  }
  const { taxed } = e;
  const totals: Cell[][] = [[text(t('line'), true), text(t('amount'), true), text(t('currency'), true)]];
  const row = (label: string, minor: bigint, bold = false): Cell[] => [text(label, bold), money(minor, bold), text(e.invoice.currency)];
  if (e.document !== undefined) totals.unshift([text(t('invoice_number', { number: e.document.number }), true)], [text(t('issue_date')), text(e.document.issueDate)], [text(t('due_date')), text(e.document.dueDate)], []);
  totals.push(row(t('subtotal'), taxed.subtotal));
  for (const tax of taxed.taxes) totals.push(row(t(taxed.prices === 'inclusive' ? 'tax_included' : 'tax_line', { label: tax.label, rate: x.rate(tax.rate) }), tax.amount));
  totals.push(row(t('net'), taxed.net));
  totals.push(row(taxed.taxes.length > 0 ? t('total_payable') : t('total'), taxed.total, true));
  if (taxed.exempt !== undefined) totals.push([], [text(taxed.exempt)]);
  const kpis: Cell[][] = [[text(t('kpi'), true), text(t('status'), true), text(t('weight'), true), text(t('attainment'), true), text(t('target_explanation'), true)]];
  e.result.program.kpis.forEach((k, i) => {
    const r = e.result.kpis[i];
    const ratio = (v: typeof k.weight): Cell => (v === undefined ? EMPTY : num(toDecimalString(v, 4), decimalsOf(toDecimalString(v, 4))));
    kpis.push([text(k.decl.id), text(t(`status.${r?.status ?? 'no-data'}` as MessageKey)), ratio(k.weight), ratio(r?.attainment), text(`${k.decl.target.text} — ${r === undefined ? '' : kpiExplanationText(r.explanation)}`)]);
  });
  return [
    { name: t('md.invoice'), rows: lineRows, widths: [16, 40, 10, 12, 14, 16, 8] },
    { name: t('total'), rows: totals, widths: [40, 16, 8] },
    { name: t('md.kpis'), rows: kpis, widths: [20, 14, 10, 12, 80] },
  ];
}

/** The evaluation as xlsx bytes in the document locale (`--locale` overrides the contract's). */
export function renderEvaluationXlsx(e: Evaluation, options: { readonly locale?: LocaleId } = {}): Buffer {
  return renderWorkbook(evaluationSheets(e, documentLocale(e, options.locale)));
}
