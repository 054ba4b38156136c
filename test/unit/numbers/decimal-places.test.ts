import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalPlaces } from '../../../src/numbers/decimal-places.js';
import { parseDecimal, rational, toDecimalString } from '../../../src/numbers/rational.js';

describe('decimalPlaces', () => {
  it('counts the places of terminating decimals and refuses the others', () => {
    expect(decimalPlaces(rational('0.545'))).toBe(3);
    expect(decimalPlaces(rational('12'))).toBe(0);
    expect(decimalPlaces(rational('0.0625'))).toBe(4);
    expect(decimalPlaces(rational(1).div(3))).toBeUndefined();
    expect(decimalPlaces(rational(1).div(40))).toBe(3);
  });

  it('is the fewest places that write the value exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (n, k) => {
        const r = rational(n).div(rational(10n ** BigInt(k)));
        const places = decimalPlaces(r);
        expect(places).toBeLessThanOrEqual(k);
        expect(parseDecimal(toDecimalString(r, places ?? 0))?.equals(r)).toBe(true);
        if (places !== undefined && places > 0) expect(parseDecimal(toDecimalString(r, places - 1))?.equals(r)).toBe(false);
      }),
    );
  });
});
