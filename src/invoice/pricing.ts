// Stage 8 support: the pricing forms of a payment line (SPEC 2) as pure functions on exact
// Rationals: pay per result and packages here, tiers in tiers.ts. Output: exact currency units.
import Fraction from 'fraction.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import { compareRationals, mulRationals, subRationals, ZERO, type Rational } from '../numbers/rational.js';

export { priceTiers, tierProblem } from './tiers.js';
export type { TierPrice, TierPricing, TierSlice } from './tiers.js';

/**
 * Pay per result: `quantity x price`, exact. Any sign is allowed: a negative quantity or price
 * gives a negative amount (a credit), as the spec allows for any line. For a non-negative price
 * the amount is non-decreasing in the quantity.
 */
export function priceFixedQuantity(quantity: Rational, price: Rational): Rational {
  return mulRationals(quantity, price);
}

export interface PackagePricing {
  /** packages x price, exact, in currency units. */
  readonly amount: Rational;
  /** Number of started packages after the free units. */
  readonly packages: bigint;
  /** max(0, quantity - free units): the part of the quantity that is paid for. */
  readonly billable: Rational;
}

/**
 * Why a package form cannot be priced, or `undefined`: the size must be positive and the free
 * units not negative. The checker rejects such contracts; this is the engine's own guard.
 */
export function packageProblem(size: Rational, freeUnits: Rational): string | undefined {
  if (compareRationals(size, ZERO) <= 0) return 'package size must be above zero';
  if (compareRationals(freeUnits, ZERO) < 0) return 'package free_units must not be negative';
  return undefined;
}

/** Smallest integer not below a non-negative rational. */
function ceilNonNegative(r: Rational): bigint {
  return (r.n + r.d - 1n) / r.d;
}

/**
 * Price per started package after the free units: `ceil(max(0, quantity - freeUnits) / size)`
 * packages x `price`. 1001 units with size 1000 and no free units = 2 packages; a quantity at or
 * below the free units costs nothing. Fractional quantities and sizes work the same way.
 * Preconditions (the invoice stage reports diagnostics; a violation here is a bug and throws
 * InternalError): `quantity` is not negative and `packageProblem(size, freeUnits)` is undefined.
 */
export function pricePackage(
  quantity: Rational,
  size: Rational,
  price: Rational,
  freeUnits: Rational = ZERO,
): PackagePricing {
  const problem = packageProblem(size, freeUnits);
  if (problem !== undefined) throw new InternalError(`pricePackage: ${problem}`);
  if (compareRationals(quantity, ZERO) < 0) throw new InternalError('pricePackage: negative quantity');
  const over = subRationals(quantity, freeUnits);
  const billable = compareRationals(over, ZERO) > 0 ? over : ZERO;
  const packages = ceilNonNegative(billable.div(size));
  return { amount: new Fraction(packages).mul(price), packages, billable };
}
