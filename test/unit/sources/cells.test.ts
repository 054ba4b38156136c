// Cells of exports read exactly: numbers in every locale the presets meet, percent representations,
// durations (seconds or h:mm:ss), the four date formats. Never through a binary float.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnDecl, ColumnType } from '../../../src/sources/model.js';
import { readCell, readDate, readNumber } from '../../../src/sources/read/cells.js';
import { decimalText, parseDecimalText, type Decimal } from '../../../src/sources/read/decimal.js';
import { detectDelimiter, scanDelimited } from '../../../src/sources/read/delimited.js';

const SPAN = { file: 'x', start: 0, end: 0 };
function col(type: ColumnType, extra: Partial<ColumnDecl> = {}): ColumnDecl {
  return { name: 'c', from: ['c'], type, span: SPAN, ...extra };
}
function shown(d: Decimal | undefined): string | undefined {
  return d === undefined ? undefined : decimalText(d);
}

describe('readNumber', () => {
  it.each([
    ['1500', '.', '1500'],
    ['12.75', '.', '12.75'],
    ['"1,000"'.slice(1, -1), 'auto', '1000'],
    ['9,38', 'auto', '9.38'],
    ['1.234,5', 'auto', '1234.5'],
    ['1,234.5', 'auto', '1234.5'],
    ['12 345,67', ',', '12345.67'],
    ['0.30000000000000004', '.', '0.30000000000000004'],
    ['-5', '.', '-5'],
  ] as const)('%s with decimal %s is %s', (text, decimal, expected) => {
    expect(shown(readNumber(text, { decimal, thousands: '' }))).toBe(expected);
  });

  it('refuses text that is not a number', () => {
    expect(readNumber('12 apples', { decimal: '.', thousands: '' })).toBeUndefined();
    expect(readNumber('1,2,3', { decimal: 'auto', thousands: '' })).toBeUndefined();
  });
});

describe('readCell', () => {
  const style = { decimal: 'auto' as const, thousands: '' };
  it('reads percents as declared: units, fraction, or only with %', () => {
    expect(shown((readCell('18,2', col('percent', { percent: 'units' }), style, []).value as { value: Decimal }).value)).toBe('0.182');
    expect(shown((readCell('0.2761', col('percent', { percent: 'fraction' }), style, []).value as { value: Decimal }).value)).toBe('0.2761');
    expect(shown((readCell('10.00%', col('percent'), style, []).value as { value: Decimal }).value)).toBe('0.1');
    const ambiguous = readCell('18.2', col('percent'), style, []);
    expect(ambiguous.value).toBeUndefined();
    expect(ambiguous.ambiguousPercent).toBe(true);
  });

  it('reads durations as seconds or h:mm:ss', () => {
    expect(shown((readCell('0:02:17', col('duration'), style, []).value as { value: Decimal }).value)).toBe('137');
    expect(shown((readCell('1:02:03', col('duration'), style, []).value as { value: Decimal }).value)).toBe('3723');
    expect(shown((readCell('131.5', col('duration'), style, []).value as { value: Decimal }).value)).toBe('131.5');
  });

  it('treats empty and no-value cells as absent, and refuses fractional or negative counts', () => {
    expect(readCell('--', col('count'), style, ['--'])).toEqual({});
    expect(readCell('', col('count'), style, [])).toEqual({});
    expect(readCell('1.5', col('count'), style, []).problem).toContain('whole number');
    expect(readCell('-1', col('count'), style, []).problem).toContain('whole number');
  });

  it('maps localised text values to stable ids', () => {
    expect(readCell('Прямые заходы', col('text', { values: { 'Прямые заходы': 'direct' } }), style, []).value).toEqual({ kind: 'text', value: 'direct' });
  });
});

describe('readDate', () => {
  it.each([
    ['2026-10-01', 'YYYY-MM-DD', '2026-10-01'],
    ['20261001', 'YYYYMMDD', '2026-10-01'],
    ['01.10.2026', 'DD.MM.YYYY', '2026-10-01'],
    ['10/1/2026', 'MM/DD/YYYY', '2026-10-01'],
    ['2026-02-30', 'YYYY-MM-DD', undefined],
    ['01.10.2026', 'YYYY-MM-DD', undefined],
  ] as const)('%s as %s is %s', (text, format, expected) => {
    expect(readDate(text, format)).toBe(expected);
  });

  it('places a timestamp with an offset on the date of the source timezone (default UTC)', () => {
    expect(readDate('2026-10-31T22:30:00Z', 'YYYY-MM-DD')).toBe('2026-10-31');
    expect(readDate('2026-10-31T22:30:00Z', 'YYYY-MM-DD', 'Europe/Moscow')).toBe('2026-11-01');
    expect(readDate('2026-11-01 01:30:00+03:00', 'YYYY-MM-DD')).toBe('2026-10-31');
    expect(readDate('2026-10-31 23:59:00', 'YYYY-MM-DD', 'Europe/Moscow')).toBe('2026-10-31');
  });
});

describe('scanDelimited', () => {
  it('skips a BOM, keeps quoted delimiters and line numbers, and yields blank lines as empty rows', () => {
    const rows = [...scanDelimited('\ufeff"a;b";c\r\n\r\n"x\ny";2\n', ';')];
    expect(rows.map((r) => [r.line, r.cells.map((c) => c.text)])).toEqual([
      [1, ['a;b', 'c']],
      [2, []],
      [3, ['x\ny', '2']],
    ]);
  });

  it('detects the delimiter of a header line', () => {
    expect(detectDelimiter('"Дата визита";"Визиты";"Отказы"')).toBe(';');
    expect(detectDelimiter('Date\tSessions')).toBe('\t');
    expect(detectDelimiter('Date,Sessions')).toBe(',');
  });
});

describe('parseDecimalText (the fast path for short cells and the general one agree)', () => {
  it('reads any signed decimal of up to 40 digits exactly', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/);
    fc.assert(
      fc.property(fc.constantFrom('', '-', '+'), digits, fc.option(fc.stringMatching(/^[0-9]{0,20}$/)), (sign, int, frac) => {
        const text = `${sign}${int}${frac === null ? '' : `.${frac}`}`;
        const all = BigInt(`${int}${frac ?? ''}`);
        expect(parseDecimalText(text)).toEqual({ digits: sign === '-' ? -all : all, scale: (frac ?? '').length });
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['', '-', '.', '-.', '1.2.3', '1e5', ' 1', '0x10', '１'])('%j is not a decimal', (text) => {
    expect(parseDecimalText(text)).toBeUndefined();
  });
});
