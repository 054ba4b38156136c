// Numbers: how many decimal places an exact rational needs when written out. A fraction n/d has a
// finite decimal exactly when d has no prime factor but 2 and 5; the places are then max(twos, fives).
import type { Rational } from './rational.js';

/** Decimal places of `r` written exactly (0.545 -> 3, 12 -> 0); undefined when it does not terminate (1/3). */
export function decimalPlaces(r: Rational): number | undefined {
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : undefined;
}
