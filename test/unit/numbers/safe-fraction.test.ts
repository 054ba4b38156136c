// The safe-integer fraction steps (src/numbers/safe-fraction.ts): exact results, NaN at the edge
// of 2^53, the denominator register, and the den-0 doubles read as their shortest decimal.
import { describe, expect, it } from 'vitest';
import {
  ACCEPT, CMP, DIV, MAX_SAFE, addFractions, apply, compareFractions, compareQuotient, divFractions, fitsSafe, fraction, growthOf, lastDen, mulFractions, safePart, shortDecimal,
} from '../../../src/numbers/safe-fraction.js';

/** A step's result as [num, den] (den read from the register right after). */
const pair = (n: number): [number, number] => [n, lastDen()];

describe('the safe-integer argument', () => {
  it('accepts 2^53 - 1 and rejects 2^53 and beyond, in both signs', () => {
    expect(fitsSafe(MAX_SAFE)).toBe(true);
    expect(fitsSafe(-MAX_SAFE)).toBe(true);
    expect(fitsSafe(2 ** 53)).toBe(false);
    expect(fitsSafe(-(2 ** 53))).toBe(false);
    expect(safePart(BigInt(MAX_SAFE))).toBe(MAX_SAFE);
    expect(safePart(2n ** 53n)).toBeNaN();
  });

  it('gives up when a sum or product leaves the safe range (the double would have rounded)', () => {
    expect(addFractions(MAX_SAFE, 1, 1, 1)).toBeNaN();
    expect(mulFractions(2 ** 27, 1, 2 ** 26, 1)).toBeNaN();
    expect(pair(mulFractions(2 ** 26, 1, 2 ** 26, 1))).toEqual([2 ** 52, 1]);
  });
});

describe('fraction steps', () => {
  it('adds, multiplies and divides as integer pairs', () => {
    expect(pair(addFractions(1, 10, 2, 10))).toEqual([3, 10]);
    expect(pair(addFractions(1, 2, 1, 3))).toEqual([5, 6]);
    expect(pair(mulFractions(3, 4, 2, 5))).toEqual([6, 20]);
    expect(pair(divFractions(1, 2, -3, 4))).toEqual([-4, 6]);
    expect(divFractions(1, 2, 0, 1)).toBeNaN();
    expect(pair(fraction(7, 9))).toEqual([7, 9]);
  });

  it('compares by cross-multiplication, and a quotient without forming it', () => {
    expect(compareFractions(29, 100, 29, 100, ACCEPT['>='])).toBe(1);
    expect(compareFractions(1, 3, 33, 100, ACCEPT['>'])).toBe(1);
    expect(apply(CMP + ACCEPT['<'], 1, 3, 1, 3)).toBe(0);
    expect(compareQuotient(60, 1, 100, 1, 60, 100, ACCEPT['>='])).toBe(1);
    expect(compareQuotient(59, 1, 100, 1, 60, 100, ACCEPT['>='])).toBe(0);
    expect(compareQuotient(1, 1, 0, 1, 1, 1, ACCEPT['<'])).toBeNaN();
    expect(pair(growthOf(110, 1, 100, 1))).toEqual([10, 100]);
  });

  it('reads a den-0 double as its shortest decimal, or leaves the decision to the rationals', () => {
    expect(pair(shortDecimal(0.175))).toEqual([175, 1000]);
    expect(shortDecimal(0.12345678901234568)).toBeNaN();
    expect(pair(apply(DIV, 0.5, 0, 2, 1))).toEqual([5, 20]);
    // 0.1 + 0.2 as given doubles: exactly 3/10, not 0.30000000000000004.
    expect(compareFractions(addFractions(0.1, 0, 0.2, 0), lastDen(), 3, 10, ACCEPT['=='])).toBe(1);
    // Equal doubles on the two sides of a den-0 comparison: decided on the short decimal (0.2 is
    // exactly 2/10), undecided here when the double has none (1/3 as 0.3333333333333333).
    expect(compareFractions(0.2, 0, 2, 10, ACCEPT['<'])).toBe(0);
    expect(compareFractions(0.2, 0, 1, 5, ACCEPT['<='])).toBe(1);
    expect(compareFractions(2, 10, 0.2, 0, ACCEPT['=='])).toBe(1);
    expect(compareFractions(1 / 3, 0, 1, 3, ACCEPT['<'])).toBeNaN();
    expect(compareFractions(0.12345678901234568, 0, 2, 10, ACCEPT['<'])).toBe(1);
  });
});
