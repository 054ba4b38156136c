// The HTML report in a real browser: Debian's headless Chromium driven by playwright-core.
// Checks the KPI rows, the total and the charts render, that no script runs and nothing is
// fetched, and saves a screenshot to test-artifacts/. Skipped when /usr/bin/chromium is absent.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportFixture } from './report-fixture.js';
import { LOCALES } from '../../src/report/locale/messages.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const available = existsSync(CHROMIUM);

if (!available) {
  console.warn(`test/browser: skipped, ${CHROMIUM} not found (apt-get install chromium to run the browser tests)`);
}

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  let browser: Browser;
  const { html, evaluation } = buildReportFixture();

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the KPI rows, the total and the charts; runs no script and fetches nothing', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}acme-smm-report.html`;
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);

    const kpiRows = page.locator('table.kpis tbody tr');
    expect(await kpiRows.count()).toBe(evaluation.result.kpis.length);
    expect(await kpiRows.first().locator('th').innerText()).toContain('quality_traffic');
    expect(await page.locator('table.kpis .status').allInnerTexts()).toEqual(evaluation.result.kpis.map((k) => k.status));
    expect((await page.locator('[data-total]').innerText()).trim()).toBe('123830.00 RUB');
    expect(await page.locator('table.invoice caption').innerText()).toContain('Invoice lines');

    // One history chart per KPI with points drawn, and an attainment bar per KPI.
    const charts = page.locator('.charts figure svg');
    expect(await charts.count()).toBe(3);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(await page.locator('.charts svg polyline').count()).toBeGreaterThan(0);
    expect(await page.locator('table.kpis svg.bar').count()).toBe(3);

    // The hostile title and label are text, not markup: no script element, nothing ran.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('h1').innerText()).toContain('<script>window.pwned = 1</script>');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(requests).toEqual([]);

    await page.screenshot({ path: `${ARTIFACTS}html-report.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${ARTIFACTS}html-report-print.png`, fullPage: true });
    await page.close();
  }, 60_000);

  for (const locale of LOCALES) {
    it(`prints on A4 in ${locale}: lang set, ids and words never broken across lines`, async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = `${ARTIFACTS}acme-smm-report.${locale}.html`;
      writeFileSync(file, buildReportFixture(locale).html);
      // A4 at 96 dpi less 15 mm margins: 210 mm - 30 mm = 180 mm, about 680 CSS px.
      const page = await browser.newPage({ viewport: { width: 680, height: 1000 } });
      await page.goto(`file://${file}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('script').count()).toBe(0);
      // Every id (code) and every header cell word sits on one line: one client rect per word box.
      // Run in the page as a string: the test compiles without DOM types.
      const broken = await page.evaluate<string[]>(`(() => {
        const out = [];
        for (const el of document.querySelectorAll('table code, thead th, .status')) {
          const text = (el.textContent || '').trim();
          if (/\\s/.test(text)) continue;
          const range = document.createRange();
          range.selectNodeContents(el);
          if (range.getClientRects().length > 1) out.push(text);
        }
        return out;
      })()`);
      expect(broken).toEqual([]);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.screenshot({ path: `${ARTIFACTS}html-report-print.${locale}.png`, fullPage: true });
      await page.close();
    }, 60_000);
  }
});
