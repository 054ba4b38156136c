import { describe, expect, it } from 'vitest';
import { additiveType, comparisonProblem, divideType, multiplyType, suggestQuantity } from '../../../src/language/units.js';
import { BOOLEAN, DURATION, money, scalar } from '../../../src/language/value-types.js';

const count = scalar('count');
const rub = money('RUB');
const usd = money('USD');

describe('unit algebra', () => {
  it('divides: count/count ratio, money/count money, money/money ratio, duration/count duration', () => {
    expect(divideType(count, count)).toEqual(scalar('ratio'));
    expect(divideType(rub, count)).toEqual(rub);
    expect(divideType(rub, rub)).toEqual(scalar('ratio'));
    expect(divideType(DURATION, count)).toEqual(DURATION);
    expect(divideType(count, rub)).toMatchObject({ code: 'E041' });
    expect(divideType(rub, usd)).toMatchObject({ code: 'E042' });
  });

  it('multiplies a dimension by a scalar only', () => {
    expect(multiplyType(scalar('percent'), rub)).toEqual(rub);
    expect(multiplyType(rub, rub)).toMatchObject({ code: 'E041' });
    expect(multiplyType(BOOLEAN, count)).toMatchObject({ code: 'E040' });
  });

  it('adds within one dimension; currencies never mix', () => {
    expect(additiveType('+', count, scalar('percent'))).toEqual(scalar('percent'));
    expect(additiveType('+', DURATION, count)).toMatchObject({ code: 'E041' });
    expect(additiveType('-', rub, usd)).toMatchObject({ code: 'E042' });
  });

  it('compares same dimensions; == also for booleans', () => {
    expect(comparisonProblem('<', count, scalar('ratio'))).toBeUndefined();
    expect(comparisonProblem('==', BOOLEAN, BOOLEAN)).toBeUndefined();
    expect(comparisonProblem('<', BOOLEAN, BOOLEAN)).toMatchObject({ code: 'E040' });
    expect(comparisonProblem('>=', DURATION, count)).toMatchObject({ code: 'E041' });
  });

  it('suggests minutes below 60 and seconds from 60 on; money in its currency', () => {
    expect(suggestQuantity('2', DURATION)).toBe('2 min');
    expect(suggestQuantity('1.5', DURATION)).toBe('1.5 min');
    expect(suggestQuantity('90', DURATION)).toBe('90 s');
    expect(suggestQuantity('500', rub)).toBe('500 RUB');
  });
});
