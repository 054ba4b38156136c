// Rendering (stage 10): an Evaluation -> a Markdown report (KPI table, invoice table with taxes,
// number and dates) for people, in the document locale (SPEC 10). English keeps its classic form.
import type { LocaleId } from '../contract/model.js';
import { markdownCode, markdownText } from '../diagnostics/safe-text.js';
import { documentView, kpiName, shownLines } from './document-view.js';
import type { Evaluation } from './evaluation.js';
import { formatDateText } from './locale/format.js';
import { documentLocale, documentText, partyDetails, taxRows } from './locale/document-text.js';
import type { MessageKey } from './locale/messages.js';

/** User text in a heading, paragraph or table cell: HTML, links, pipes and line breaks neutralised. */
const cell = markdownText;

export interface MarkdownOptions {
  /** `--locale`: overrides the contract's `locale:`. */
  readonly locale?: LocaleId;
}

export function renderEvaluationMarkdown(e: Evaluation, options: MarkdownOptions = {}): string {
  const { result, invoice, taxed } = e;
  const c = result.program.contract;
  const x = documentText(e, documentLocale(e, options.locale));
  const { t } = x;
  // Markdown prints no target expressions, so only show_ids and show_unapplied change it.
  const view = documentView(e);
  const id = (text: string): string => (view.showIds ? ` (${markdownCode(text)})` : '');
  const out: string[] = [];
  out.push(`# ${cell(c.title ?? c.id.value)} — ${result.period}`, '');
  if (e.document !== undefined) {
    out.push(`**${cell(t('invoice_number', { number: e.document.number }))}** · ${t('issue_date')}: ${formatDateText(e.document.issueDate, x.locale)} · ${t('due_date')}: ${formatDateText(e.document.dueDate, x.locale)}`, '');
  }
  out.push(t('md.contract_line', { id: c.id.value, version: c.version.value, period: result.period, index: result.periodIndex }));
  if (c.parties !== undefined) {
    out.push(t('md.parties_line', { agency: cell(c.parties.agency?.name ?? '—'), client: cell(c.parties.client?.name ?? '—') }));
    for (const [key, party] of [['agency', c.parties.agency], ['client', c.parties.client]] as const) {
      const details = party === undefined ? [] : partyDetails(party, t);
      if (details.length > 0) out.push('', `${t(key)} — ${cell(details.map(([k, v]) => `${k}: ${v}`).join('; '))}.`);
    }
  }
  out.push('', `## ${t('md.kpis')}`, '', t('md.kpi_header'), '| --- | --- | ---: | ---: | --- |');
  result.program.kpis.forEach((k, i) => {
    const r = result.kpis[i];
    const status = t(`status.${r?.status ?? 'no-data'}` as MessageKey);
    out.push(`| ${cell(kpiName(k.decl, view))} | ${status} | ${x.percent(k.weight)} | ${x.percent(r?.attainment)} | ${cell(r?.explanation ?? '')} |`);
  });
  out.push('', t('md.score', { score: x.percent(result.score) }), '', `## ${t('md.invoice')}`, '', t('md.invoice_header'), '| --- | --- | ---: | ---: | ---: |');
  for (const l of shownLines(e, view)) {
    const qty = l.quantity === undefined ? '' : x.quantity(l.quantity);
    const unit = l.unitPrice === undefined ? '' : x.unitPrice(l.unitPrice);
    out.push(`| ${cell(l.label)}${id(l.id)} | ${l.applied ? t('yes') : t('no')} | ${qty} | ${unit} | ${x.money(l.amount)} |`);
  }
  for (const a of invoice.adjustments) {
    out.push(`| ${cell(x.limitLabel(a.id))}${id(a.id)} | | | | ${x.money(a.amount)} |`);
  }
  for (const row of taxRows(e, x)) out.push(`| ${cell(row.label)} | | | | ${row.amount} |`);
  const totalLabel = taxed.taxes.length > 0 ? t('total_payable') : t('total');
  out.push(`| **${totalLabel}** | | | | **${x.money(taxed.total)}** |`, '');
  if (taxed.exempt !== undefined) out.push(cell(taxed.exempt), '');
  if (taxed.prices === 'inclusive') out.push(t('prices_inclusive'), '');
  out.push(`${t('md.contract_sha')} \`${e.inputs.contractSha256}\`  `, `${t('md.data_sha')} \`${e.inputs.dataSha256}\``, '');
  return out.join('\n');
}
