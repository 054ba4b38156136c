// The contract's `document:` options (SPEC 10) in the documents for people: show_ids,
// show_expressions and show_unapplied each hide their part of the HTML report, the Markdown and
// the PDF, and leave JSON and CSV as they are.
import { describe, expect, it } from 'vitest';
import { renderEvaluationCsv } from '../../../src/report/csv.js';
import type { Evaluation } from '../../../src/report/evaluation.js';
import { renderEvaluationHtml } from '../../../src/report/html.js';
import { renderEvaluationJson } from '../../../src/report/json.js';
import { renderEvaluationMarkdown } from '../../../src/report/markdown.js';
import { renderEvaluationPdf } from '../../../src/report/pdf/invoice-pdf.js';
import { pdfText, POPPLER } from '../../helpers/poppler.js';
import { shipped } from '../../helpers/shipped.js';

/** acme-smm for 2026-10 in English, with `document:` as given (direct_bonus does not apply). */
function acme(document?: string): Evaluation {
  return shipped('acme-smm', 'metrics.yaml', '2026-10', (t) => t.replace('locale: ru-RU', `locale: en${document === undefined ? '' : `\ndocument: ${document}`}`));
}

const EMPTY_HISTORY = { points: [] };
const html = (e: Evaluation): string => renderEvaluationHtml(e, EMPTY_HISTORY);
const pdf = (e: Evaluation): string => pdfText(renderEvaluationPdf(e), { layout: true }).replace(/[ \t]+/g, ' ');

describe('document: defaults (everything shown)', () => {
  const e = acme();
  it('HTML and Markdown show ids, target expressions and unapplied lines', () => {
    expect(html(e)).toContain('<code>quality_traffic</code>');
    expect(html(e)).toContain('<code>bounce_rate &lt;= 20% and avg_time_on_site &gt;= 2 min</code>');
    expect(html(e)).toContain('Bonus for direct traffic <code>direct_bonus</code>');
    expect(renderEvaluationMarkdown(e)).toContain('| Leads from social networks (`leads`) |');
    expect(renderEvaluationMarkdown(e)).toContain('Bonus for direct traffic');
  });
  it.skipIf(!POPPLER)('the PDF too', () => {
    const text = pdf(e);
    expect(text).toContain('Leads from social networks (leads)');
    expect(text).toContain('Target: bounce_rate <= 20% and avg_time_on_site >= 2 min');
    expect(text).toContain('Bonus for direct traffic (direct_bonus)');
  });
});

describe('document: { show_ids: false }', () => {
  const e = acme('{ show_ids: false }');
  it('HTML names KPIs by their description (the id when there is none), lines by their label', () => {
    const h = html(e);
    expect(h).not.toContain('<code>quality_traffic</code>');
    expect(h).toContain('<th scope="row">Visitors from social networks behave like real, interested people</th>');
    expect(h).toContain('<th scope="row">direct_traffic</th>');
    expect(h).not.toContain('<code>leads</code>');
    expect(h).not.toContain('<code>limits.max</code>');
    expect(h).toContain('<th scope="row">Leads from social networks<span class="desc">');
  });
  it('Markdown drops the ids after the labels', () => {
    const md = renderEvaluationMarkdown(e);
    expect(md).toContain('| Leads from social networks |');
    expect(md).not.toContain('`leads`');
    expect(md).not.toContain('`limits.max`');
    expect(md).toContain('| Visitors from social networks behave like real, interested people |');
  });
  it.skipIf(!POPPLER)('the PDF prints labels only', () => {
    const text = pdf(e);
    expect(text).not.toContain('(leads)');
    expect(text).not.toContain('(limits.max)');
    expect(text).toContain('Visitors from social');
  });
});

describe('document: { show_expressions: false }', () => {
  const e = acme('{ show_expressions: false }');
  it('HTML keeps the explanation but not the target expression', () => {
    const h = html(e);
    expect(h).not.toContain('<code>bounce_rate &lt;= 20% and avg_time_on_site &gt;= 2 min</code>');
    expect(h).not.toContain('<code>direct_share &gt;= 60%</code>');
    expect(h).toContain('bounce_rate 17.5% &lt;= 20% (met)');
    expect(h).toContain('<th scope="col">Explanation</th>');
  });
  it('Markdown prints no expressions either way', () => {
    const strip = (s: string): string => s.replace(/[0-9a-f]{64}/g, 'sha');
    expect(strip(renderEvaluationMarkdown(e))).toBe(strip(renderEvaluationMarkdown(acme())));
    expect(renderEvaluationMarkdown(acme())).not.toContain('avg_time_on_site >= 2 min');
  });
  it.skipIf(!POPPLER)('the PDF drops the target lines', () => {
    const text = pdf(e);
    expect(text).not.toContain('Target:');
    expect(text).toContain('bounce_rate 17.5% <= 20% (met)');
  });
});

describe('document: { show_unapplied: false }', () => {
  const e = acme('{ show_unapplied: false }');
  it('HTML and Markdown list only the lines that applied; the totals do not change', () => {
    expect(html(e)).not.toContain('Bonus for direct traffic');
    expect(html(e)).toContain('data-total>123830.00 RUB<');
    const md = renderEvaluationMarkdown(e);
    expect(md).not.toContain('Bonus for direct traffic');
    expect(md).toContain('Monthly retainer');
    expect(md).toContain('**123830.00 RUB**');
  });
  it.skipIf(!POPPLER)('the PDF too', () => {
    const text = pdf(e);
    expect(text).not.toContain('Bonus for direct traffic');
    expect(text).toContain('Total payable 123830.00 RUB');
  });
});

describe('JSON and CSV ignore document:', () => {
  it('give the same output with every option off, but for the contract digest', () => {
    const off = acme('{ show_ids: false, show_expressions: false, show_unapplied: false }');
    const on = acme();
    const strip = (s: string): string => s.replace(/[0-9a-f]{64}/g, 'sha');
    expect(strip(renderEvaluationJson(off))).toBe(strip(renderEvaluationJson(on)));
    expect(strip(renderEvaluationCsv(off))).toBe(strip(renderEvaluationCsv(on)));
  });
});
