// The regex-free reading of short plain decimals (parseSimpleDecimal, readPlainNumber) gives the
// same Rational as fraction.js on the text, and the same value readQuantity reads. Fixed seed.
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import type { RawValue } from '../../src/contract/model.js';
import { readPlainNumber, readQuantity } from '../../src/data/quantity.js';
import { parseDecimal, parseSimpleDecimal, type Rational } from '../../src/numbers/rational.js';

const RUNS = { seed: 20260603, numRuns: 3000 } as const;

/** Sign, digits either side of an optional point (one side may be empty), up to 17 digits. */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    fc.stringMatching(/^[0-9]{0,9}$/),
    fc.boolean(),
    fc.stringMatching(/^[0-9]{0,8}$/),
  )
  .map(([sign, whole, point, fraction]) => `${sign}${whole}${point ? '.' : ''}${point ? fraction : ''}`);

/** Text that is almost a decimal: stray characters where the fast path must decline. */
const nearText = fc.stringMatching(/^[-+0-9._e ]{0,18}$/);

function parts(r: Rational | undefined): unknown {
  return r === undefined ? undefined : [r.s, r.n, r.d, Object.getPrototypeOf(r) === Fraction.prototype];
}

/** What fraction.js reads from the text, as the general path hands it over. */
function reference(text: string): Rational {
  const t = text.endsWith('.') ? text.slice(0, -1) : text;
  return new Fraction(t.replace(/^([+-]?)\./, '$10.'));
}

function raw(value: string | number, source: string): RawValue {
  const span = { file: 'data.yaml', start: 0, end: source.length };
  return { value, source, span, keySpan: span };
}

describe('short plain decimals', () => {
  it('read the same Rational as fraction.js, or decline', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const fast = parseSimpleDecimal(text);
        const digits = text.replace(/[^0-9]/g, '').length;
        if (digits === 0 || digits > 15) expect(fast).toBeUndefined();
        else expect(parts(fast)).toEqual(parts(reference(text)));
      }),
      RUNS,
    );
  });

  it('agree with parseDecimal and readQuantity whenever they accept the text', () => {
    fc.assert(
      fc.property(fc.oneof(decimalText, nearText), (text) => {
        const fast = parseSimpleDecimal(text);
        if (fast === undefined) return;
        expect(parts(parseDecimal(text))).toEqual(parts(fast));
        const q = readQuantity(raw(text, text));
        expect(q.quantity?.kind).toBe('number');
        expect(parts(q.quantity?.value)).toEqual(parts(fast));
        expect(parts(readPlainNumber(raw(text, text)))).toEqual(parts(fast));
      }),
      RUNS,
    );
  });

  it('zero is +0 whatever its sign, as in fraction.js', () => {
    for (const t of ['-0', '-0.0', '+0', '-.0', '0.']) expect(parts(parseSimpleDecimal(t))).toEqual(parts(new Fraction(0)));
  });

  it('leave spaces, underscores, exponents and long numbers to the general path', () => {
    for (const t of [' 1', '1 ', '1_000', '1e3', '.', '-', '', '1.2.3', '--1', '1234567890123456']) {
      expect(parseSimpleDecimal(t)).toBeUndefined();
    }
    expect(parts(parseDecimal('1_000'))).toEqual(parts(new Fraction(1000)));
    expect(parts(parseDecimal('1234567890123456.5'))).toEqual(parts(new Fraction('1234567890123456.5')));
  });
});
