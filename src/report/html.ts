// Rendering (stage 9): an Evaluation and its history -> one self-contained HTML report (inline CSS
// and SVG, no scripts, no network), accessible and printable. Every piece of user text is escaped.
import type { Contract, DocumentOptions, LocaleId } from '../contract/model.js';
import { documentView, kpiName, shownLines } from './document-view.js';
import type { Evaluation, SourcesInputs } from './evaluation.js';
import { renderAttainmentBar, renderHistoryChart } from './html-chart.js';
import type { ReportHistory } from './html-history.js';
import { HTML_STYLE } from './html-style.js';
import { escapeHtml as esc } from './html-text.js';
import { documentLocale, documentText, partyDetails, taxRows, type DocumentText } from './locale/document-text.js';
import { formatDateText } from './locale/format.js';
import { kpiExplanationText } from './explain-sentence.js';
import { lineDetailText } from './line-detail.js';
import { provenanceFormulaText, provenanceValueText } from './provenance-text.js';
import type { MessageKey } from './locale/messages.js';

/** Forbids scripts, network fetches and external resources: the file is self-contained. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function renderHeader(e: Evaluation, x: DocumentText): string {
  const { t } = x;
  const c = e.result.program.contract;
  const title = c.title ?? c.id.value;
  const until = c.effective.until === undefined ? t('html.open_ended') : c.effective.until.value;
  const rows: [string, string][] = [];
  if (e.document !== undefined) {
    rows.push([t('issue_date'), formatDateText(e.document.issueDate, x.locale)]);
    rows.push([t('due_date'), formatDateText(e.document.dueDate, x.locale)]);
  }
  for (const [key, party] of [['agency', c.parties?.agency], ['client', c.parties?.client]] as const) {
    if (party === undefined) continue;
    rows.push([t(key), party.name]);
    for (const [k, v] of partyDetails(party, t)) rows.push([k, v]);
  }
  rows.push([t('period'), t('html.period_value', { period: e.result.period, index: e.result.periodIndex })]);
  rows.push([t('html.effective'), `${c.effective.from.value} – ${until}`]);
  rows.push([t('currency'), e.invoice.currency]);
  const number = e.document === undefined ? '' : `<p class="number">${esc(t('invoice_number', { number: e.document.number }))}</p>`;
  const sub = esc(t('html.sub', { id: '@@attain-id@@', version: c.version.value, period: e.result.period })).replace('@@attain-id@@', `<code>${esc(c.id.value)}</code>`);
  return [
    '<header>',
    `<h1>${esc(title)}</h1>`,
    ...(number === '' ? [] : [number]),
    `<p class="sub">${sub}</p>`,
    '<dl class="parties">',
    ...rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`),
    '</dl>',
    '</header>',
  ].join('\n');
}

function renderCards(e: Evaluation, x: DocumentText): string {
  const { t } = x;
  const counted = e.result.kpis.filter((k) => k.status !== 'excluded');
  const met = counted.filter((k) => k.status === 'met').length;
  const card = (k: string, v: string): string => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`;
  return [
    `<section class="cards" aria-label="${esc(t('html.key_figures'))}">`,
    card(t('score'), x.percent1(e.result.score)),
    card(t('kpis_met'), t('kpis_met_value', { met, count: counted.length })),
    card(e.taxed.taxes.length > 0 ? t('total_payable') : t('invoice_total'), x.money(e.taxed.total)),
    '</section>',
  ].join('\n');
}

function renderKpis(e: Evaluation, x: DocumentText, view: DocumentOptions): string {
  const { t } = x;
  const rows = e.result.program.kpis.map((k, i) => {
    const r = e.result.kpis[i];
    const status = r?.status ?? 'no-data';
    // Without ids the description names the KPI (kpiName), so it is not repeated under it.
    const desc = k.decl.description === undefined || !view.showIds ? '' : `<span class="desc">${esc(k.decl.description)}</span>`;
    const name = view.showIds ? `<code>${esc(k.decl.id)}</code>` : esc(kpiName(k.decl, view));
    const target = view.showExpressions ? `<code>${esc(k.decl.target.text)}</code>` : '';
    return [
      '<tr>',
      `<th scope="row">${name}${desc}</th>`,
      `<td><span class="status status-${status}">${esc(t(`status.${status}` as MessageKey))}</span></td>`,
      `<td class="num">${esc(x.percent1(k.weight))}</td>`,
      `<td class="num"><span class="att">${renderAttainmentBar(k.decl.id, status, r?.attainment)}<span>${esc(x.percent1(r?.attainment))}</span></span></td>`,
      `<td>${target}<span class="desc">${esc(r === undefined ? '' : kpiExplanationText(r.explanation, x.locale))}</span></td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section aria-labelledby="kpis-h">',
    `<h2 id="kpis-h">${esc(t('md.kpis'))}</h2>`,
    '<table class="kpis">',
    `<caption>${esc(t('html.kpi_caption', { period: e.result.period }))}</caption>`,
    `<thead><tr><th scope="col">${esc(t('kpi'))}</th><th scope="col">${esc(t('status'))}</th><th scope="col" class="num">${esc(t('weight'))}</th><th scope="col" class="num">${esc(t('attainment'))}</th><th scope="col">${esc(view.showExpressions ? t('target_explanation') : t('pdf.explanation'))}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    `<tfoot><tr><th scope="row" colspan="3">${esc(t('score'))}</th><td class="num">${esc(x.percent1(e.result.score))}</td><td></td></tr></tfoot>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function renderInvoice(e: Evaluation, x: DocumentText, view: DocumentOptions): string {
  const { invoice } = e;
  const { t } = x;
  const cur = invoice.currency;
  const id = (text: string): string => (view.showIds ? ` <code>${esc(text)}</code>` : '');
  const lines = shownLines(e, view).map((l) => {
    const qty = l.quantity === undefined ? '' : x.quantity(l.quantity);
    const unit = l.unitPrice === undefined ? '' : x.unitPrice(l.unitPrice);
    const text = lineDetailText(l, invoice, x.locale);
    const detail = text === '' ? '' : `<span class="desc">${esc(text)}</span>`;
    const bound = l.bound === undefined ? '' : `<span class="desc">${esc(t('html.bound_applied', { bound: l.bound }))}</span>`;
    return `<tr${l.applied ? '' : ' class="not-applied"'}><th scope="row">${esc(l.label)}${id(l.id)}${detail}${bound}</th><td>${l.applied ? esc(t('yes')) : esc(t('no'))}</td><td class="num">${esc(qty)}</td><td class="num">${esc(unit)}</td><td class="num">${esc(x.money(l.amount))}</td></tr>`;
  });
  const adjustments = invoice.adjustments.map((a) => {
    const limit = a.limit === undefined ? '' : `<span class="desc">${esc(t('html.limit', { amount: x.money(a.limit) }))}</span>`;
    return `<tr><th scope="row">${esc(x.limitLabel(a.id))}${id(a.id)}${limit}</th><td>${a.amount === 0n ? esc(t('html.not_binding')) : esc(t('html.applied'))}</td><td></td><td></td><td class="num">${esc(x.money(a.amount))}</td></tr>`;
  });
  const taxes = taxRows(e, x).map((r) => `<tr class="tax"><th scope="row" colspan="4">${esc(r.label)}</th><td class="num">${esc(r.amount)}</td></tr>`);
  const exempt = e.taxed.exempt === undefined ? [] : [`<p class="exempt">${esc(e.taxed.exempt)}</p>`];
  const totalLabel = e.taxed.taxes.length > 0 ? t('total_payable') : t('total');
  return [
    '<section aria-labelledby="invoice-h">',
    `<h2 id="invoice-h">${esc(t('md.invoice'))}</h2>`,
    '<table class="invoice">',
    `<caption>${esc(t('html.invoice_caption', { period: e.result.period, currency: cur }))}</caption>`,
    `<thead><tr><th scope="col">${esc(t('line'))}</th><th scope="col">${esc(t('applied'))}</th><th scope="col" class="num">${esc(t('quantity'))}</th><th scope="col" class="num">${esc(t('unit_price'))}</th><th scope="col" class="num">${esc(t('amount'))}</th></tr></thead>`,
    `<tbody>${[...lines, ...adjustments].join('\n')}</tbody>`,
    `<tfoot>${taxes.join('')}<tr><th scope="row" colspan="4">${esc(totalLabel)}</th><td class="num" data-total>${esc(x.money(e.taxed.total))}</td></tr></tfoot>`,
    '</table>',
    ...exempt,
    '</section>',
  ].join('\n');
}

function renderHistory(e: Evaluation, history: ReportHistory, x: DocumentText, view: DocumentOptions): string {
  const { t } = x;
  const charts = e.result.program.kpis.map((k, i) => {
    const name = view.showIds ? `<code>${esc(k.decl.id)}</code>` : esc(kpiName(k.decl, view));
    return `<figure><figcaption>${name}</figcaption>${renderHistoryChart(k.decl.id, history.points, `history-${i}`)}</figure>`;
  });
  const rows = history.points.map((p) => {
    const total = p.total === undefined ? `${t('html.failed')}${p.failure === undefined ? '' : `: ${p.failure}`}` : x.money(p.total);
    return `<tr><th scope="row">${esc(p.period)}</th><td class="num">${esc(total)}</td></tr>`;
  });
  return [
    '<section aria-labelledby="history-h">',
    `<h2 id="history-h">${esc(t('html.history'))}</h2>`,
    `<p class="legend">${esc(t('html.legend'))}</p>`,
    `<div class="charts">${charts.join('\n')}</div>`,
    '<table class="totals">',
    `<caption>${esc(t('html.totals_caption'))}</caption>`,
    `<thead><tr><th scope="col">${esc(t('period'))}</th><th scope="col" class="num">${esc(t('total'))}</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function renderInputs(e: Evaluation, x: DocumentText): string {
  const { t } = x;
  return [
    '<section aria-labelledby="inputs-h">',
    `<h2 id="inputs-h">${esc(t('html.inputs'))}</h2>`,
    '<table class="inputs">',
    `<caption>${esc(t('html.inputs_caption'))}</caption>`,
    '<tbody>',
    `<tr><th scope="row">${esc(t('html.contract'))}</th><td><code>${esc(e.inputs.contractSha256)}</code></td></tr>`,
    `<tr><th scope="row">${esc(t('html.metric_data'))}</th><td><code>${esc(e.inputs.dataSha256)}</code></td></tr>`,
    ...(e.inputs.sources === undefined ? [] : sourceInputRows(e.inputs.sources, x)),
    '</tbody>',
    '</table>',
    ...(e.inputs.sources === undefined ? [] : [renderProvenance(e.inputs.sources, e.result.period, e.result.program.contract, x)]),
    '</section>',
  ].join('\n');
}

/** One row per file or table the sources read, with its digest and rows (in the document's locale). */
function sourceInputRows(s: SourcesInputs, x: DocumentText): string[] {
  const { t } = x;
  return [
    `<tr><th scope="row">${esc(t('html.sources_file', { file: s.file }))}</th><td><code>${esc(s.sha256)}</code></td></tr>`,
    ...s.inputs.map((i) => `<tr><th scope="row">${esc(t('html.sources_input', { source: i.source, path: i.path, rows: i.rows }))}</th><td><code>${esc(i.sha256 ?? '')}</code></td></tr>`),
  ];
}

/** Where each metric value of the period came from: `sessions 5000 = sum(metrica.visits) over 5 rows of ...` (provenance-text.ts). */
function renderProvenance(s: SourcesInputs, period: string, contract: Contract, x: DocumentText): string {
  const { t } = x;
  const items = s.values
    .filter((v) => v.period === period)
    .map((v) => `<li><code>${esc(v.metric)}</code> ${esc(provenanceValueText(v, contract, x.locale))} = ${esc(provenanceFormulaText(v))}</li>`);
  const fromData = s.fromData.filter((m) => m.startsWith(`${period}:`)).map((m) => `<li><code>${esc(m.slice(period.length + 1))}</code> ${esc(t('html.provenance_from_data'))}</li>`);
  return [`<h3>${esc(t('html.provenance'))}</h3>`, `<ul class="provenance">${[...items, ...fromData].join('')}</ul>`].join('\n');
}

/**
 * The report of one contract and period as a complete HTML document. Deterministic: the same
 * evaluation and history give the same bytes (no timestamps, no random ids).
 */
export function renderEvaluationHtml(e: Evaluation, history: ReportHistory, options: { readonly locale?: LocaleId } = {}): string {
  const c = e.result.program.contract;
  const x = documentText(e, documentLocale(e, options.locale));
  const footer = e.taxed.taxes.length > 0 ? 'html.footer_taxed' : 'html.footer';
  const view = documentView(e);
  return [
    '<!doctype html>',
    `<html lang="${esc(x.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(c.title ?? c.id.value)} — ${esc(e.result.period)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    renderHeader(e, x),
    '<main>',
    renderCards(e, x),
    renderKpis(e, x, view),
    renderInvoice(e, x, view),
    renderHistory(e, history, x, view),
    renderInputs(e, x),
    '</main>',
    `<footer>${esc(x.t(footer, { currency: e.invoice.currency }))}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
