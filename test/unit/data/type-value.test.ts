import { describe, expect, it } from 'vitest';
import type { MetricDecl, MetricUnit, RawValue } from '../../../src/contract/model.js';
import { typeValue } from '../../../src/data/type-value.js';
import { toDecimalString } from '../../../src/numbers/rational.js';

const FILE = 'values.yaml';

/** A raw value whose source sits at offset 10 of a notional file. */
function raw(value: RawValue['value'], source = typeof value === 'string' ? value : String(value)): RawValue {
  return { value, source, span: { file: FILE, start: 10, end: 10 + source.length }, keySpan: { file: FILE, start: 0, end: 5 } };
}

function metric(unit: MetricUnit): MetricDecl {
  return { name: `m_${unit}`, nameSpan: { file: 'c.yaml', start: 0, end: 1 }, unit: { value: unit, span: { file: 'c.yaml', start: 3, end: 8 } } };
}

/** `decimal text` of the typed value, or the codes found. */
function typed(unit: MetricUnit, value: RawValue['value'], source?: string): string {
  const r = typeValue(raw(value, source), metric(unit), 'RUB');
  const codes = r.diagnostics.map((d) => d.code).join(',');
  return r.value === undefined ? codes : codes === '' ? toDecimalString(r.value, 40) : `${toDecimalString(r.value, 40)} ${codes}`;
}

describe('typeValue', () => {
  it.each([
    ['count', 12000, '12000', '12000'],
    ['count', '1_500', undefined, '1500'],
    ['count', 1000, '1e3', '1000'],
    ['count', '0', undefined, '0'],
    ['count', 12.5, '12.5', 'E062'],
    ['count', -3, '-3', 'E064'],
    ['count', '-3', undefined, 'E064'],
    ['count', '17.5%', undefined, 'E062'],
    ['count', '135 s', undefined, 'E062'],
    ['percent', '17.5%', undefined, '0.175'],
    ['percent', 0.175, '0.175', '0.175'],
    ['percent', 1, '1', '1'],
    ['percent', 17.5, '17.5', 'E060'],
    ['percent', '-5%', undefined, '-0.05'],
    ['percent', '30000 RUB', undefined, 'E062'],
    ['ratio', 1.5, '1.5', '1.5'],
    ['ratio', '65%', undefined, '0.65'],
    ['ratio', '2 min', undefined, 'E062'],
    ['number', '-1.5', undefined, '-1.5'],
    ['number', '5 RUB', undefined, 'E062'],
    ['duration', '2 min 15 s', undefined, '135'],
    ['duration', '1.5 h', undefined, '5400'],
    ['duration', '1 d', undefined, '86400'],
    ['duration', 90, '90', '90'],
    ['duration', '-2 min', undefined, 'E064'],
    ['duration', '50%', undefined, 'E062'],
    ['money', '30000 RUB', undefined, '30000'],
    ['money', '12.50 RUB', undefined, '12.5'],
    ['money', 30000, '30000', '30000'],
    ['money', '-500 RUB', undefined, '-500'],
    ['money', '30000 EUR', undefined, 'E063'],
    ['money', '5 s', undefined, 'E062'],
  ] as const)('%s %j -> %s', (unit, value, source, expected) => {
    expect(typed(unit, value, source)).toBe(expected);
  });

  it.each([
    [true, 'true'],
    [null, ''],
    ['', ''],
    ['true', 'true'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    [Number.POSITIVE_INFINITY, '.inf'],
    [Number.NaN, '.nan'],
    [Number.POSITIVE_INFINITY, '1e999'],
    [31, '0x1F'],
    ['1' + '0'.repeat(80), undefined],
    ['leads * 2', undefined],
    ['"12"', undefined],
    ['--5', undefined],
    ['12 apples', undefined],
    ['abs(-5)', undefined],
  ] as const)('%j (%s) is not a number: E065', (value, source) => {
    expect(typed('number', value, source)).toBe('E065');
  });

  it('reads decimals exactly, never through floats', () => {
    const r = typeValue(raw('0.1'), metric('number'), 'RUB');
    const s = typeValue(raw('0.2'), metric('number'), 'RUB');
    expect(r.value?.add(s.value ?? 0).equals('0.3')).toBe(true);
    expect(typed('number', 0.30000000000000004, '0.30000000000000004')).toBe('0.30000000000000004');
  });

  it('refuses a plain percent above 1 (E060) with the hint `write 17.5% or 0.175`, keeping no value', () => {
    const r = typeValue(raw(17.5, '17.5'), metric('percent'), 'RUB');
    const d = r.diagnostics[0];
    expect(r.value).toBeUndefined();
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('1750%');
    expect(d?.hint).toBe('write 17.5% or 0.175');
    expect(d?.span).toEqual({ file: FILE, start: 10, end: 14 });
  });

  it('points E065 for an empty value at the key', () => {
    const d = typeValue(raw(null, ''), metric('count'), 'RUB').diagnostics[0];
    expect(d?.span).toEqual({ file: FILE, start: 0, end: 5 });
  });

  it('labels a unit error with the metric declaration', () => {
    const d = typeValue(raw('2 min'), metric('count'), 'RUB').diagnostics[0];
    expect(d?.labels?.[0]?.span).toEqual({ file: 'c.yaml', start: 3, end: 8 });
  });
});
