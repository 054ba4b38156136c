// The HTML report: self-contained, escaped, accessible, deterministic; history with gaps.
import { describe, expect, it } from 'vitest';
import { renderHistoryChart } from '../../../src/report/html-chart.js';
import { renderEvaluationHtml } from '../../../src/report/html.js';
import { escapeHtml } from '../../../src/report/html-text.js';
import { rational } from '../../../src/numbers/rational.js';
import { buildReportFixture, HOSTILE } from '../../browser/report-fixture.js';

const fixture = buildReportFixture();
const html = fixture.html;

describe('renderEvaluationHtml', () => {
  it('escapes every piece of user text: no markup from the contract survives', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Star</b>');
    expect(html).toContain('ACME &lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(html).toContain('Leads &lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; real visitors');
  });

  it('is self-contained: no scripts, no external URLs, a restrictive CSP', () => {
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('is accessible and printable: lang, captions, scoped headers, SVG titles, print styles', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.match(/<caption>/g)?.length).toBe(4);
    expect(html).toContain('<th scope="col">KPI</th>');
    expect(html.match(/<th scope="row"><code>/g)?.length).toBe(3);
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBe(6);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-(label|labelledby)="/);
    expect(html.match(/<title id="history-\d-title">/g)?.length).toBe(3);
    expect(html).toContain('@media print');
  });

  it('shows the parties, the period, the score, the invoice total and the input digests', () => {
    const { evaluation: e } = fixture;
    expect(html).toContain('<dt>Agency</dt><dd>North &lt;b&gt;Star&lt;/b&gt; Agency</dd>');
    expect(html).toContain('2026-10 (period 10 of the contract)');
    expect(html).toContain('<td class="num" data-total>123830.00 RUB</td>');
    expect(html).toContain('<tr><th scope="row">Maximum invoice total <code>limits.max</code>');
    expect(html).toContain(e.inputs.contractSha256);
    expect(html).toContain(e.inputs.dataSha256);
  });

  it('charts every period in the effective dates up to the evaluated one; a failed period is a gap', () => {
    const periods = fixture.history.points.map((p) => p.period);
    expect(periods[0]).toBe('2026-01'); // 2025-12 lies before effective.from
    expect(periods.at(-1)).toBe('2026-10');
    const may = fixture.history.points.find((p) => p.period === '2026-05');
    expect(may?.kpis).toBeUndefined();
    expect(may?.failure).toMatch(/^E070 /);
    expect(html).toContain('2026-05: evaluation failed (E070');
    expect(html).toMatch(/<tr><th scope="row">2026-05<\/th><td class="num">failed: E070/);
  });

  it('is deterministic', () => {
    expect(renderEvaluationHtml(fixture.evaluation, fixture.history, { locale: 'en' })).toBe(html);
  });
});

describe('renderHistoryChart', () => {
  it('breaks the line at gaps and marks each status distinctly', () => {
    const svg = renderHistoryChart(
      'k',
      [
        { period: '2026-01', kpis: new Map([['k', { status: 'met', attainment: rational(1) }]]) },
        { period: '2026-02', kpis: new Map([['k', { status: 'missed', attainment: rational('0.5') }]]) },
        { period: '2026-03', failure: 'E070 x' },
        { period: '2026-04', kpis: new Map([['k', { status: 'excluded' }]]) },
        { period: '2026-05', kpis: new Map([['k', { status: 'met', attainment: rational(3) }]]) },
      ],
      'h',
    );
    expect(svg.match(/<polyline/g)?.length).toBe(1);
    expect(svg.match(/<circle[^>]*r="3.5"/g)?.length).toBe(2);
    expect(svg.match(/<rect/g)?.length).toBe(1);
    expect(svg).toContain('<desc id="h-desc">2026-01: met, 100%; 2026-02: missed, 50%; 2026-03: evaluation failed (E070 x); 2026-04: excluded; 2026-05: met, 300%</desc>');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quote characters and drops control characters', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>\u0000\u0007`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
  });

  it('writes the document in the contract locale (ru-RU for acme-smm) with lang, A4 and money as the locale writes it', () => {
    const ru = renderEvaluationHtml(fixture.evaluation, fixture.history);
    expect(ru).toMatch(/^<!doctype html>\n<html lang="ru-RU">/);
    expect(ru).toContain('<td class="num" data-total>123\u00a0830,00\u00a0₽</td>');
    expect(ru).toContain('НДС 22\u00a0%');
    expect(ru).toContain('Всего к оплате');
    expect(ru).toContain('Счёт № NS-acme-smm-202610');
    expect(ru).toContain('5 ноября 2026 г.');
    expect(ru).toContain('size: A4');
    expect(ru).not.toContain('break-all');
    for (const locale of ['fr-FR', 'sr-Latn-RS', 'sr-Cyrl-RS'] as const) {
      const doc = renderEvaluationHtml(fixture.evaluation, fixture.history, { locale });
      expect(doc).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}">`));
      expect(doc).not.toMatch(/<script/i);
    }
  });
});

describe('renderEvaluationHtml subtitle', () => {
  it('keeps the contract id as code in every locale', () => {
    for (const locale of ['en', 'ru-RU', 'fr-FR'] as const) {
      const doc = renderEvaluationHtml(fixture.evaluation, fixture.history, { locale });
      expect(doc).toContain('<code>acme-smm</code>');
    }
  });
});
