// The PDF invoice read as a person would (pdftotext, pdfinfo): the number, lines, tax and total
// in the contract's language for the Russian, French and Serbian shipped contracts; identical
// bytes on rerun; long labels and ids wrapped between words; a page break repeating the header.
import { describe, expect, it, vi } from 'vitest';
import { renderEvaluationPdf } from '../../../../src/report/pdf/invoice-pdf.js';
import { pdfFonts, pdfInfo, pdfText, POPPLER } from '../../../helpers/poppler.js';
import { evaluateTexts, shipped } from '../../../helpers/shipped.js';

/** Words of a text with the layout's runs of spaces collapsed. */
const flat = (text: string): string => text.replace(/[ \t]+/g, ' ');

describe('renderEvaluationPdf', () => {
  it('gives the same bytes on every run, whatever the clock says', () => {
    const e = shipped('acme-smm', 'metrics.yaml');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
    const a = renderEvaluationPdf(e);
    vi.setSystemTime(new Date('1999-12-31T23:59:59Z'));
    const b = renderEvaluationPdf(e);
    vi.useRealTimers();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const text = Buffer.from(a).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // The document dates are the issue date, 5 November 2026, not today.
    expect(text).toMatch(/\/CreationDate \d+ 0 R/);
    expect(text.match(/\(D:\d{8}\d{6}Z\)/g)).toEqual(['(D:20261105000000Z)', '(D:20261105000000Z)']);
  });

  it('differs when the invoice differs (the bytes follow the inputs)', () => {
    const a = renderEvaluationPdf(shipped('acme-smm', 'metrics.yaml', '2026-10'));
    const b = renderEvaluationPdf(shipped('acme-smm', 'metrics.yaml', '2026-09'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('without invoice: dates the document at the first day of the period (a quarter here)', () => {
    const contract = ['contract: quarterly', 'version: 1', 'currency: EUR', 'period: quarter', 'effective: { from: 2026-Q1 }', 'metrics: { leads: count }', 'payments:', '  - { id: fee, label: Fee, amount: 900 EUR }', ''].join('\n');
    const e = evaluateTexts(contract, 'contract: quarterly\nperiods:\n  2026-Q4: { leads: 5 }\n', '2026-Q4');
    const text = Buffer.from(renderEvaluationPdf(e)).toString('latin1');
    expect(text.match(/\(D:\d{8}\d{6}Z\)/g)).toEqual(['(D:20261001000000Z)', '(D:20261001000000Z)']);
    if (POPPLER) expect(pdfText(renderEvaluationPdf(e))).toContain('Invoice — 2026-Q4');
  });
});

describe.skipIf(!POPPLER)('the PDF invoice as read by pdftotext', () => {
  it('acme-smm in Russian: A4, number, dates, parties, lines, VAT 22 %, total payable, KPI annex', () => {
    const pdf = renderEvaluationPdf(shipped('acme-smm', 'metrics.yaml'));
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info['Pages']).toBe('2');
    expect(pdfFonts(pdf)).toMatch(/\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = flat(pdfText(pdf, { layout: true }));
    expect(text).toContain('Счёт № NS-acme-smm-202610');
    expect(text).toContain('Дата счёта: 5 ноября 2026 г.');
    expect(text).toContain('Оплатить до: 15 ноября 2026 г.');
    expect(text).toContain('North Star Agency');
    expect(text).toContain('ИНН: 7709876543');
    expect(text).toContain('Банковские реквизиты: Account');
    expect(text).toContain('BIC 044525225');
    expect(text).toContain('Leads from social networks (leads)');
    expect(text).toMatch(/Итого без налога 101 500,00 ₽/);
    expect(text).toMatch(/НДС 22 % 101 500,00 ₽ 22 330,00 ₽/);
    expect(text).toMatch(/Всего к оплате 123 830,00 ₽/);
    const annex = flat(pdfText(pdf, { layout: true, first: 2, last: 2 }));
    expect(annex).toContain('Приложение: отчёт о KPI');
    expect(annex).toMatch(/quality_traffic выполнен 100 % bounce_rate 17\.5% <= 20% \(met\)/);
    expect(annex).toContain('Оценка: 99 %');
  });

  it('lumiere-leads in French: TVA 20 %, Total TTC, accents intact', () => {
    const text = flat(pdfText(renderEvaluationPdf(shipped('lumiere-leads', 'metrics.json')), { layout: true }));
    expect(text).toContain('Facture n° EDN-2026-10-LUM');
    expect(text).toContain('Date d’émission : 1 novembre 2026');
    expect(text).toContain('Agence Étoile du Nord SAS');
    expect(text).toContain('Leads qualifiés (tarif dégressif) (leads)');
    expect(text).toMatch(/TVA 20 % 3 025,00 € 605,00 €/);
    expect(text).toMatch(/Total TTC à payer 3 630,00 €/);
    expect(text).toContain('Annexe : relevé des KPI');
  });

  it('sava-leads in Serbian Latin: PDV included, č ć š ž đ intact', () => {
    const text = flat(pdfText(renderEvaluationPdf(shipped('sava-leads', 'metrics.json')), { layout: true }));
    expect(text).toContain('Račun br. DZ-202610-sava-leads');
    expect(text).toContain('Sava Nameštaj d.o.o.');
    expect(text).toContain('Bulevar oslobođenja 5, Novi Sad');
    expect(text).toContain('Kvalifikovani upiti (stepenasta cena) (leads)');
    expect(text).toMatch(/PDV 20% 252\.083,33 RSD 50\.416,67 RSD/);
    expect(text).toMatch(/Osnovica bez PDV-a 252\.083,33 RSD/);
    expect(text).toMatch(/Ukupno za plaćanje 302\.500,00 RSD/);
    expect(text).toContain('Cene su iskazane sa porezom.');
  });

  it('the same invoice in Serbian Cyrillic with --locale', () => {
    const text = flat(pdfText(renderEvaluationPdf(shipped('sava-leads', 'metrics.json'), { locale: 'sr-Cyrl-RS' }), { layout: true }));
    expect(text).toContain('Рачун бр. DZ-202610-sava-leads');
    expect(text).toMatch(/Укупно за плаћање 302\.500,00 RSD/);
  });

  it('prints the exemption text instead of taxes', () => {
    const e = shipped('acme-smm', 'metrics.yaml', '2026-10', (t) => t.replace(/^tax:\n(?: {2}.*\n)+/m, 'tax: { exempt: "Без НДС (п. 2 ст. 346.11 НК РФ)" }\n'));
    const text = flat(pdfText(renderEvaluationPdf(e), { layout: true }));
    expect(text).toContain('Без НДС (п. 2 ст. 346.11 НК РФ)');
    expect(text).not.toContain('НДС 22 %');
    expect(text).toMatch(/Итого 101 500,00 ₽/);
  });

  it('wraps a long label and a long id between words: every word survives whole', () => {
    const label = 'Leads from the extraordinarily comprehensive multichannel autumn campaign across social networks and messengers';
    const id = 'leads_from_the_extraordinarily_comprehensive_multichannel_autumn_campaign';
    const e = shipped('acme-smm', 'metrics.yaml', '2026-10', (t) => t.replace('label: Leads from social networks', `label: ${label}`).replace(/id: leads\b/, `id: ${id}`).replace(/when: leads/g, 'when: leads'));
    const text = pdfText(renderEvaluationPdf(e), { layout: true });
    const tokens = new Set(text.split(/\s+/));
    for (const w of label.split(' ')) expect(tokens.has(w)).toBe(true);
    // The id breaks after its underscores only: each part is whole on some line.
    const pieces = text.split(/\s+/).filter((w) => /^\(?[a-z_]+\)?$/.test(w) && id.includes(w.replace(/[()]/g, '')));
    expect(pieces.join('').replace(/[()]/g, '')).toContain(id);
    for (const piece of pieces) expect(piece.replace(/[()]/g, '')).toMatch(/^(?:[a-z]+_)*[a-z]+_?$/);
  });

  it('breaks a long invoice over pages and repeats the table header', () => {
    const payments = Array.from({ length: 70 }, (_, i) => `  - { id: item_${i + 1}, label: "Post ${i + 1}", amount: ${100 + i} RUB }`).join('\n');
    const contract = [
      'contract: many-lines',
      'version: 1',
      'currency: RUB',
      'effective: { from: 2026-01 }',
      'metrics: { leads: count }',
      'kpis: { enough: { target: leads >= 1 } }',
      'payments:',
      payments,
      'tax: { rates: [ { id: vat, label: "VAT", rate: 22% } ] }',
      'invoice: { number: "ML-{yyyy}{mm}" }',
      '',
    ].join('\n');
    const e = evaluateTexts(contract, 'contract: many-lines\nperiods:\n  2026-10: { leads: 5 }\n', '2026-10');
    const pdf = renderEvaluationPdf(e);
    expect(Number(pdfInfo(pdf)['Pages'])).toBeGreaterThanOrEqual(3);
    const page2 = flat(pdfText(pdf, { layout: true, first: 2, last: 2 }));
    expect(page2).toMatch(/Line Applied Quantity Unit price Amount/);
    expect(page2).toContain('ML-202610 · Page 2');
    const all = flat(pdfText(pdf, { layout: true }));
    for (let i = 1; i <= 70; i++) expect(all).toContain(`Post ${i} (item_${i})`);
    expect(all).toContain('Total payable 11486.30 RUB');
  });
});
