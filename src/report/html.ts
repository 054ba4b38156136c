// Rendering (stage 9): an Evaluation and its history -> one self-contained HTML report (inline CSS
// and SVG, no scripts, no network), accessible and printable. Every piece of user text is escaped.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';
import { percentText, renderAttainmentBar, renderHistoryChart } from './html-chart.js';
import type { ReportHistory } from './html-history.js';
import { HTML_STYLE } from './html-style.js';
import { escapeHtml as esc } from './html-text.js';
import { formatRationalMoney } from './json.js';

/** Forbids scripts, network fetches and external resources: the file is self-contained. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function pct(r: Rational | undefined): string {
  return r === undefined ? '—' : percentText(r);
}

function renderHeader(e: Evaluation): string {
  const c = e.result.program.contract;
  const title = c.title ?? c.id.value;
  const until = c.effective.until === undefined ? 'open-ended' : c.effective.until.value;
  const rows: [string, string][] = [];
  if (c.parties?.agency !== undefined) rows.push(['Agency', c.parties.agency]);
  if (c.parties?.client !== undefined) rows.push(['Client', c.parties.client]);
  rows.push(['Period', `${e.result.period} (period ${e.result.periodIndex} of the contract)`]);
  rows.push(['Effective', `${c.effective.from.value} – ${until}`]);
  rows.push(['Currency', e.invoice.currency]);
  return [
    '<header>',
    `<h1>${esc(title)}</h1>`,
    `<p class="sub">Contract <code>${esc(c.id.value)}</code> version ${esc(String(c.version.value))} · KPI and invoice report for ${esc(e.result.period)}</p>`,
    '<dl class="parties">',
    ...rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`),
    '</dl>',
    '</header>',
  ].join('\n');
}

function renderCards(e: Evaluation): string {
  const counted = e.result.kpis.filter((k) => k.status !== 'excluded');
  const met = counted.filter((k) => k.status === 'met').length;
  const card = (k: string, v: string): string => `<div class="card"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div></div>`;
  return [
    '<section class="cards" aria-label="Key figures">',
    card('Score', pct(e.result.score)),
    card('KPIs met', `${met} of ${counted.length}`),
    card('Invoice total', `${formatMinor(e.invoice.total, e.invoice.minorDigits)} ${e.invoice.currency}`),
    '</section>',
  ].join('\n');
}

function renderKpis(e: Evaluation): string {
  const rows = e.result.program.kpis.map((k, i) => {
    const r = e.result.kpis[i];
    const status = r?.status ?? 'no-data';
    const desc = k.decl.description === undefined ? '' : `<span class="desc">${esc(k.decl.description)}</span>`;
    return [
      '<tr>',
      `<th scope="row"><code>${esc(k.decl.id)}</code>${desc}</th>`,
      `<td><span class="status status-${status}">${esc(status)}</span></td>`,
      `<td class="num">${esc(k.weight === undefined ? '—' : percentText(k.weight))}</td>`,
      `<td class="num"><span class="att">${renderAttainmentBar(k.decl.id, status, r?.attainment)}<span>${esc(pct(r?.attainment))}</span></span></td>`,
      `<td><code>${esc(k.decl.target.text)}</code><span class="desc">${esc(r?.explanation ?? '')}</span></td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section aria-labelledby="kpis-h">',
    '<h2 id="kpis-h">KPIs</h2>',
    '<table class="kpis">',
    `<caption>KPI status for ${esc(e.result.period)}; the bar marks 100% attainment, scale 0–150%</caption>`,
    '<thead><tr><th scope="col">KPI</th><th scope="col">Status</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Attainment</th><th scope="col">Target and explanation</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    `<tfoot><tr><th scope="row" colspan="3">Score</th><td class="num">${esc(pct(e.result.score))}</td><td></td></tr></tfoot>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function renderInvoice(e: Evaluation): string {
  const { invoice } = e;
  const d = invoice.minorDigits;
  const cur = invoice.currency;
  const lines = invoice.lines.map((l) => {
    const qty = l.quantity === undefined ? '' : toDecimalString(l.quantity);
    const unit = l.unitPrice === undefined ? '' : `${formatRationalMoney(l.unitPrice, d)} ${cur}`;
    const detail = l.detail === '' ? '' : `<span class="desc">${esc(l.detail)}</span>`;
    const bound = l.bound === undefined ? '' : `<span class="desc">per-line ${esc(l.bound)} applied</span>`;
    return `<tr${l.applied ? '' : ' class="not-applied"'}><th scope="row">${esc(l.label)} <code>${esc(l.id)}</code>${detail}${bound}</th><td>${l.applied ? 'yes' : 'no'}</td><td class="num">${esc(qty)}</td><td class="num">${esc(unit)}</td><td class="num">${esc(formatMinor(l.amount, d))} ${esc(cur)}</td></tr>`;
  });
  const adjustments = invoice.adjustments.map((a) => {
    const limit = a.limit === undefined ? '' : `<span class="desc">limit ${esc(formatMinor(a.limit, d))} ${esc(cur)}</span>`;
    return `<tr><th scope="row">${esc(a.label)} <code>${esc(a.id)}</code>${limit}</th><td>${a.amount === 0n ? 'not binding' : 'applied'}</td><td></td><td></td><td class="num">${esc(formatMinor(a.amount, d))} ${esc(cur)}</td></tr>`;
  });
  return [
    '<section aria-labelledby="invoice-h">',
    '<h2 id="invoice-h">Invoice</h2>',
    '<table class="invoice">',
    `<caption>Invoice lines and adjustments for ${esc(e.result.period)}, in ${esc(cur)}</caption>`,
    '<thead><tr><th scope="col">Line</th><th scope="col">Applied</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th></tr></thead>',
    `<tbody>${[...lines, ...adjustments].join('\n')}</tbody>`,
    `<tfoot><tr><th scope="row" colspan="4">Total</th><td class="num" data-total>${esc(formatMinor(invoice.total, d))} ${esc(cur)}</td></tr></tfoot>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function renderHistory(e: Evaluation, history: ReportHistory): string {
  const d = e.invoice.minorDigits;
  const cur = e.invoice.currency;
  const charts = e.result.program.kpis.map((k, i) => {
    return `<figure><figcaption><code>${esc(k.decl.id)}</code></figcaption>${renderHistoryChart(k.decl.id, history.points, `history-${i}`)}</figure>`;
  });
  const rows = history.points.map((p) => {
    const total = p.total === undefined ? `failed${p.failure === undefined ? '' : `: ${p.failure}`}` : `${formatMinor(p.total, d)} ${cur}`;
    return `<tr><th scope="row">${esc(p.period)}</th><td class="num">${esc(total)}</td></tr>`;
  });
  return [
    '<section aria-labelledby="history-h">',
    '<h2 id="history-h">History</h2>',
    '<p class="legend">Attainment per period (scale 0–150%, dashed line at 100%): ● met, ■ missed, ○ excluded or no data, × evaluation failed (a gap in the line).</p>',
    `<div class="charts">${charts.join('\n')}</div>`,
    '<table class="totals">',
    '<caption>Invoice total by period</caption>',
    '<thead><tr><th scope="col">Period</th><th scope="col" class="num">Total</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function renderInputs(e: Evaluation): string {
  return [
    '<section aria-labelledby="inputs-h">',
    '<h2 id="inputs-h">Inputs</h2>',
    '<table class="inputs">',
    '<caption>SHA-256 digests of the inputs this report was computed from</caption>',
    '<tbody>',
    `<tr><th scope="row">Contract</th><td><code>${esc(e.inputs.contractSha256)}</code></td></tr>`,
    `<tr><th scope="row">Metric data</th><td><code>${esc(e.inputs.dataSha256)}</code></td></tr>`,
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

/**
 * The report of one contract and period as a complete HTML document. Deterministic: the same
 * evaluation and history give the same bytes (no timestamps, no random ids).
 */
export function renderEvaluationHtml(e: Evaluation, history: ReportHistory): string {
  const c = e.result.program.contract;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(c.title ?? c.id.value)} — ${esc(e.result.period)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    renderHeader(e),
    '<main>',
    renderCards(e),
    renderKpis(e),
    renderInvoice(e),
    renderHistory(e, history),
    renderInputs(e),
    '</main>',
    `<footer>Computed by attain. Amounts in ${esc(e.invoice.currency)}, exact to the minor unit; the total equals the sum of the lines and adjustments.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
