// Rendering support (stage 10): an Evaluation -> every text the PDF invoice prints, in the
// document locale and after the `document:` options; plain strings, so layout never formats.
import type { LocaleId } from '../../contract/model.js';
import { documentView, kpiName, shownLines } from '../document-view.js';
import type { Evaluation } from '../evaluation.js';
import { documentText, partyDetails, type DocumentText } from '../locale/document-text.js';
import { formatDateText } from '../locale/format.js';
import type { MessageKey } from '../locale/messages.js';

export interface PartyBlock {
  readonly heading: string;
  readonly name: string;
  readonly details: readonly string[];
}

export interface LineRow {
  readonly label: string;
  /** How the amount was computed and which bound applied (grey notes under the label). */
  readonly notes: readonly string[];
  readonly applied: string;
  readonly muted: boolean;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly amount: string;
}

export interface TaxRow {
  readonly label: string;
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
}

export interface KpiRow {
  readonly name: string;
  readonly status: string;
  readonly attainment: string;
  readonly explanation: string;
  /** The target expression (empty without `show_expressions`). */
  readonly target: string;
}

/** The invoice as text: what invoice-pdf.ts lays out. */
export interface InvoiceContent {
  readonly locale: LocaleId;
  readonly title: string;
  /** Issue and due date, period, as `label: value`. */
  readonly facts: readonly string[];
  readonly contractLine: string;
  readonly parties: readonly PartyBlock[];
  readonly lineHeaders: readonly [string, string, string, string, string];
  readonly lines: readonly LineRow[];
  readonly subtotal: { readonly label: string; readonly amount: string };
  readonly taxHeaders: readonly [string, string, string, string];
  readonly taxes: readonly TaxRow[];
  /** The net amount when prices include tax. */
  readonly net?: { readonly label: string; readonly amount: string };
  readonly exempt?: string;
  readonly notes: readonly string[];
  readonly total: { readonly label: string; readonly amount: string };
  readonly annex: {
    readonly heading: string;
    readonly headers: readonly [string, string, string, string];
    readonly rows: readonly KpiRow[];
    readonly score: string;
    readonly digests: readonly string[];
  };
  /** The footer of page n. */
  readonly footer: (page: number) => string;
}

/**
 * The texts a person reads that the engine writes (a line's computation, a KPI's explanation),
 * taken here and nowhere else in the PDF code: the same fields the HTML report prints.
 */
function engineText(e: Evaluation): { lineDetail: (i: number) => string; kpiExplanation: (i: number) => string } {
  return {
    lineDetail: (i) => e.invoice.lines[i]?.detail ?? '',
    kpiExplanation: (i) => e.result.kpis[i]?.explanation ?? '',
  };
}

export function invoiceContent(e: Evaluation, locale: LocaleId): InvoiceContent {
  const x = documentText(e, locale);
  const { t } = x;
  const view = documentView(e);
  const c = e.result.program.contract;
  const words = engineText(e);
  const field = (label: string, value: string): string => t('pdf.field', { label, value });
  const number = e.document?.number;
  const title = number === undefined ? `${t('md.invoice')} — ${e.result.period}` : t('invoice_number', { number });
  const facts = [
    ...(e.document === undefined ? [] : [field(t('issue_date'), formatDateText(e.document.issueDate, locale)), field(t('due_date'), formatDateText(e.document.dueDate, locale))]),
    field(t('period'), e.result.period),
  ];
  const parties = (['agency', 'client'] as const).flatMap((key) => {
    const p = c.parties?.[key];
    return p === undefined ? [] : [{ heading: t(key), name: p.name, details: partyDetails(p, t).map(([k, v]) => field(k, v)) }];
  });
  const shown = new Set(shownLines(e, view));
  const lines: LineRow[] = [];
  e.invoice.lines.forEach((l, i) => {
    if (!shown.has(l)) return;
    const notes = [words.lineDetail(i), ...(l.bound === undefined ? [] : [t('html.bound_applied', { bound: l.bound })])];
    lines.push({
      label: view.showIds ? `${l.label} (${l.id})` : l.label,
      notes,
      applied: l.applied ? t('yes') : t('no'),
      muted: !l.applied,
      quantity: l.quantity === undefined ? '' : x.quantity(l.quantity),
      unitPrice: l.unitPrice === undefined ? '' : x.unitPrice(l.unitPrice),
      amount: x.money(l.amount),
    });
  });
  for (const a of e.invoice.adjustments) {
    const label = x.limitLabel(a.id);
    lines.push({
      label: view.showIds ? `${label} (${a.id})` : label,
      notes: a.limit === undefined ? [] : [t('html.limit', { amount: x.money(a.limit) })],
      applied: a.amount === 0n ? t('html.not_binding') : t('html.applied'),
      muted: a.amount === 0n,
      quantity: '',
      unitPrice: '',
      amount: x.money(a.amount),
    });
  }
  return {
    locale,
    title,
    facts,
    contractLine: t('html.sub', { id: c.id.value, version: c.version.value, period: e.result.period }) + (c.title === undefined ? '' : ` · ${c.title}`),
    parties,
    lineHeaders: [t('line'), t('applied'), t('quantity'), t('unit_price'), t('amount')],
    lines,
    subtotal: { label: t('subtotal'), amount: x.money(e.taxed.subtotal) },
    taxHeaders: [t('pdf.tax'), t('pdf.rate'), t('pdf.base'), t('amount')],
    taxes: e.taxed.taxes.map((tax) => ({ label: tax.label, rate: x.rate(tax.rate), base: x.money(tax.base), amount: x.money(tax.amount) })),
    ...(e.taxed.prices === 'inclusive' ? { net: { label: t('net'), amount: x.money(e.taxed.net) } } : {}),
    ...(e.taxed.exempt === undefined ? {} : { exempt: e.taxed.exempt }),
    notes: e.taxed.prices === 'inclusive' ? [t('prices_inclusive')] : [],
    total: { label: e.taxed.taxes.length > 0 ? t('total_payable') : t('total'), amount: x.money(e.taxed.total) },
    annex: annexOf(e, x, words.kpiExplanation),
    footer: (page) => [number === undefined ? c.id.value : number, t('pdf.page', { page })].join(' · '),
  };
}

function annexOf(e: Evaluation, x: DocumentText, explanation: (i: number) => string): InvoiceContent['annex'] {
  const { t } = x;
  const view = documentView(e);
  const rows = e.result.program.kpis.map((k, i) => {
    const r = e.result.kpis[i];
    return {
      name: kpiName(k.decl, view),
      status: t(`status.${r?.status ?? 'no-data'}` as MessageKey),
      attainment: x.percent(r?.attainment),
      explanation: explanation(i),
      target: view.showExpressions ? t('pdf.target', { target: k.decl.target.text }) : '',
    };
  });
  return {
    heading: t('annex_kpis'),
    headers: [t('kpi'), t('status'), t('attainment'), t('pdf.explanation')],
    rows,
    score: t('pdf.field', { label: t('score'), value: x.percent(e.result.score) }),
    digests: [`${t('md.contract_sha')} ${e.inputs.contractSha256}`, `${t('md.data_sha')} ${e.inputs.dataSha256}`],
  };
}
