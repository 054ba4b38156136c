// The Markdown of a correction is a document for people: written in the contract's locale (SPEC
// 10), amounts with the locale's separators; `en` keeps the classic plain decimals.
import { describe, expect, it } from 'vitest';
import type { Correction } from '../../../src/invoice/correction.js';
import { renderCorrectionMarkdown } from '../../../src/report/correction.js';

const line = (id: string, label: string, issued: bigint, now: bigint) => ({ id, label, issued, now, difference: now - issued });
const CORRECTION: Correction = {
  name: 'NS-acme-smm-202610-C01',
  corrects: 'NS-acme-smm-202610',
  contract: 'acme-smm',
  period: '2026-10',
  currency: 'RUB',
  digits: 2,
  versions: { issued: 2, now: 3 },
  lines: [line('leads', 'Leads', 5000000n, 4500000n), line('retainer', 'Retainer', 5000000n, 5000000n)],
  taxes: [line('vat', 'НДС', 2420000n, 2310000n)],
  total: { issued: 13420000n, now: 12810000n, difference: -610000n },
  inputs: { issued: null, now: null },
};

describe('renderCorrectionMarkdown', () => {
  it('en: the classic text and plain decimals', () => {
    const md = renderCorrectionMarkdown(CORRECTION);
    expect(md).toBe(renderCorrectionMarkdown(CORRECTION, 'en'));
    expect(md).toContain('# Correction NS-acme-smm-202610-C01');
    expect(md).toContain('Corrects invoice **NS-acme-smm-202610** (contract acme-smm, period 2026-10), amounts in RUB.');
    expect(md).toContain('Issued under contract version 2, now version 3.');
    expect(md).toContain('| Leads | 50000.00 | 45000.00 | -5000.00 |');
    expect(md).toContain('| **Total** | **134200.00** | **128100.00** | **-6100.00** |');
    expect(md).toContain('1 other line(s) unchanged.');
  });

  it('ru-RU: Russian labels, amounts as ru-RU writes them (no-break space groups, decimal comma)', () => {
    const md = renderCorrectionMarkdown(CORRECTION, 'ru-RU');
    expect(md).toContain('# Корректировка NS-acme-smm-202610-C01');
    expect(md).toContain('Исправляет счёт **NS-acme-smm-202610**');
    expect(md).toContain('| позиция | по счёту | новая сумма | разница |');
    expect(md).toContain('| Leads | 50\u00a0000,00 | 45\u00a0000,00 | -5\u00a0000,00 |');
    expect(md).toContain('| **Итого** | **134\u00a0200,00** | **128\u00a0100,00** | **-6\u00a0100,00** |');
    expect(md).not.toMatch(/Correction|issued|unchanged/);
  });

  it('every locale translates the table header and writes a positive difference with +', () => {
    const up: Correction = { ...CORRECTION, total: { issued: 100n, now: 150000n, difference: 149900n } };
    expect(renderCorrectionMarkdown(up, 'fr-FR')).toContain('**+1\u202f499,00**');
    expect(renderCorrectionMarkdown(up, 'sr-Latn-RS')).toContain('**+1.499,00**');
    expect(renderCorrectionMarkdown(up, 'sr-Cyrl-RS')).toContain('| ставка | издато | ново | разлика |');
  });
});
