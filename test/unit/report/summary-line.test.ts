// The printed summary of the monthly run (report/summary.ts runSummaryLine): classic English by
// default, the run's --locale otherwise (golden in ru-RU and fr-FR).
import { describe, expect, it } from 'vitest';
import { runSummaryLine, type RunSummary, type SummaryRow } from '../../../src/report/summary.js';
import { LOCALES } from '../../../src/report/locale/messages.js';
import { expectGolden } from '../../helpers/golden.js';

const rub = (minor: bigint): NonNullable<SummaryRow['total']> => ({ minor, currency: 'RUB', digits: 2 });
const SUMMARY: RunSummary = {
  period: '2026-10',
  rows: [
    { contract: 'acme-smm', status: 'ok', total: rub(12380000n), errors: [] },
    { contract: 'volga', status: 'ok', total: rub(4600050n), errors: [] },
    { contract: 'euro', status: 'ok', total: { minor: 2528750n, currency: 'EUR', digits: 2 }, errors: [] },
    { contract: 'broken', status: 'failed', errors: ['x'] },
    { contract: 'quarterly', status: 'skipped', reason: 'quarterly', errors: [] },
  ],
  runErrors: ['a data file names no contract'],
};
const FACTS = { period: '2026-10', kept: 1, out: 'out/2026-10' };

describe('runSummaryLine', () => {
  it('is the classic English line by default', () => {
    expect(runSummaryLine(SUMMARY, FACTS)).toBe(
      'invoice 2026-10: 3 of 5 contracts invoiced, 1 failed, 1 skipped (other period kind or not in force), 1 unchanged (left as they were), 1 data file error(s); total 25287.50 EUR, 169800.50 RUB; written to out/2026-10',
    );
    expect(runSummaryLine({ period: '2026-10', rows: [], runErrors: [] }, { ...FACTS, kept: 0 })).toBe('invoice 2026-10: 0 of 0 contracts invoiced, 0 failed; total none; written to out/2026-10');
  });

  it('is written in the run\'s locale, with the locale\'s money (golden)', () => {
    const text = LOCALES.map((l) => `${l}: ${runSummaryLine({ ...SUMMARY, finalized: true }, FACTS, l)}`).join('\n') + '\n';
    expect(runSummaryLine(SUMMARY, FACTS, 'ru-RU')).toContain('итого 25\u00a0287,50\u00a0€, 169\u00a0800,50\u00a0₽');
    expectGolden('test/golden/good/summary-line.locales.txt', text);
  });
});
