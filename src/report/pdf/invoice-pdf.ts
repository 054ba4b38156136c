// Rendering (stage 10): an Evaluation -> an A4 PDF invoice: parties, number and dates, lines,
// subtotal, taxes per rate or the exemption, total payable, and the KPI statement as an annex.
import type { LocaleId } from '../../contract/model.js';
import type { Evaluation } from '../evaluation.js';
import { documentLocale } from '../locale/document-text.js';
import { invoiceContent, type InvoiceContent } from './invoice-content.js';
import { CONTENT_WIDTH, lineHeight, MARGIN, PageFlow } from './layout.js';
import { A4, openPdf, type PdfCanvas } from './pdf-canvas.js';
import { drawTable } from './table.js';

export interface PdfOptions {
  /** `--locale`: overrides the contract's `locale:`. */
  readonly locale?: LocaleId;
}

/**
 * The invoice of one contract and period as PDF bytes. Deterministic: the document's dates are
 * the issue date (or the first day of the period without `invoice:`), never the clock.
 */
export function renderEvaluationPdf(e: Evaluation, options: PdfOptions = {}): Uint8Array {
  const content = invoiceContent(e, documentLocale(e, options.locale));
  const canvas = openPdf({ title: content.title, subject: content.contractLine, language: content.locale, date: documentDate(e) });
  const flow = new PageFlow(canvas, (c, page) => footer(c, content.footer(page)));
  drawHead(flow, content);
  drawLines(flow, content);
  drawTotals(flow, content);
  flow.newPage();
  drawAnnex(flow, content);
  return canvas.finish();
}

/** Midnight UTC of the issue date, else of the period's first day. */
function documentDate(e: Evaluation): Date {
  const iso = e.document?.issueDate;
  if (iso !== undefined) return new Date(`${iso}T00:00:00Z`);
  const m = /^(\d{4})-(?:(\d{2})|Q([1-4]))$/.exec(e.result.period);
  const year = Number(m?.[1] ?? 2000);
  const month = m?.[2] !== undefined ? Number(m[2]) : (Number(m?.[3] ?? 1) - 1) * 3 + 1;
  return new Date(Date.UTC(year, month - 1, 1));
}

function footer(canvas: PdfCanvas, text: string): void {
  const style = { size: 7, gray: 0.45 };
  const y = A4.height - MARGIN.bottom + 22;
  canvas.rule(MARGIN.left, A4.width - MARGIN.right, y - 6, 0.4, 0.75);
  canvas.text(text, A4.width - MARGIN.right - canvas.measure(text, style), y, style);
}

function drawHead(flow: PageFlow, c: InvoiceContent): void {
  flow.paragraph(c.title, { size: 17, bold: true });
  flow.gap(2);
  for (const fact of c.facts) flow.paragraph(fact, { size: 9.5 });
  flow.gap(2);
  flow.paragraph(c.contractLine, { size: 8, gray: 0.4 });
  flow.gap(12);
  // The parties side by side, each wrapped in its half of the page.
  const half = (CONTENT_WIDTH - 18) / 2;
  const top = flow.y;
  let bottom = top;
  c.parties.forEach((p, i) => {
    flow.y = top;
    const x = MARGIN.left + i * (half + 18);
    flow.paragraph(p.heading, { size: 8, bold: true, gray: 0.35 }, x, half);
    flow.paragraph(p.name, { size: 10, bold: true }, x, half);
    for (const d of p.details) flow.paragraph(d, { size: 8.5 }, x, half);
    bottom = Math.max(bottom, flow.y);
  });
  flow.y = bottom;
  flow.gap(16);
}

function drawLines(flow: PageFlow, c: InvoiceContent): void {
  const [line, applied, quantity, unit, amount] = c.lineHeaders;
  drawTable(
    flow,
    [
      { header: line, share: 0.4, align: 'left' },
      { header: applied, share: 0.14, align: 'left' },
      { header: quantity, share: 0.12, align: 'right' },
      { header: unit, share: 0.16, align: 'right' },
      { header: amount, share: 0.18, align: 'right' },
    ],
    c.lines.map((l) => ({ cells: [{ text: l.label, notes: l.notes }, { text: l.applied }, { text: l.quantity }, { text: l.unitPrice }, { text: l.amount }], muted: l.muted })),
    CONTENT_WIDTH,
  );
}

/** `label ........ amount` right-aligned under the table. */
function sum(flow: PageFlow, label: string, amount: string, bold: boolean, size = 9.5): void {
  const style = { size, bold };
  const h = lineHeight(size) + 2;
  flow.ensure(h);
  const right = A4.width - MARGIN.right - 3;
  flow.canvas.text(amount, right - flow.canvas.measure(amount, style), flow.y, style);
  flow.canvas.text(label, right - 150 - flow.canvas.measure(label, style), flow.y, style);
  flow.y += h;
}

function drawTotals(flow: PageFlow, c: InvoiceContent): void {
  flow.gap(8);
  sum(flow, c.subtotal.label, c.subtotal.amount, false);
  if (c.taxes.length > 0) {
    flow.gap(6);
    const [tax, rate, base, amount] = c.taxHeaders;
    drawTable(
      flow,
      [
        { header: tax, share: 0.4, align: 'left' },
        { header: rate, share: 0.14, align: 'right' },
        { header: base, share: 0.23, align: 'right' },
        { header: amount, share: 0.23, align: 'right' },
      ],
      c.taxes.map((t) => ({ cells: [{ text: t.label }, { text: t.rate }, { text: t.base }, { text: t.amount }] })),
      CONTENT_WIDTH,
    );
    flow.gap(6);
  }
  if (c.net !== undefined) sum(flow, c.net.label, c.net.amount, false);
  flow.ensure(lineHeight(12) + 8);
  flow.canvas.rule(A4.width - MARGIN.right - 260, A4.width - MARGIN.right, flow.y, 0.8, 0.2);
  flow.gap(4);
  sum(flow, c.total.label, c.total.amount, true, 12);
  flow.gap(8);
  if (c.exempt !== undefined) flow.paragraph(c.exempt, { size: 9.5, bold: true });
  for (const n of c.notes) flow.paragraph(n, { size: 8.5, gray: 0.3 });
}

function drawAnnex(flow: PageFlow, c: InvoiceContent): void {
  const a = c.annex;
  flow.paragraph(a.heading, { size: 14, bold: true });
  flow.paragraph(c.title, { size: 8.5, gray: 0.4 });
  flow.gap(10);
  const [kpi, status, attainment, explanation] = a.headers;
  drawTable(
    flow,
    [
      { header: kpi, share: 0.26, align: 'left' },
      { header: status, share: 0.13, align: 'left' },
      { header: attainment, share: 0.15, align: 'right' },
      { header: explanation, share: 0.46, align: 'left' },
    ],
    a.rows.map((r) => ({ cells: [{ text: r.name }, { text: r.status }, { text: r.attainment }, { text: r.explanation, notes: [r.target] }] })),
    CONTENT_WIDTH,
  );
  flow.gap(8);
  flow.paragraph(a.score, { size: 10, bold: true });
  flow.gap(14);
  for (const d of a.digests) flow.paragraph(d, { size: 7, gray: 0.45 });
}
