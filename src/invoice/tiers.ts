// Stage 8 support: tiered pay per result (SPEC 2, `tiers:` + `mode: graduated | volume`).
// Input: a quantity and ascending tiers as exact Rationals; output: the exact amount + slices.
import type { TierMode } from '../contract/model.js';
import { assertNever, InternalError } from '../diagnostics/diagnostic.js';
import type { TierSlice } from '../evaluate/results.js';
import { addRationals, compareRationals, mulRationals, subRationals, ZERO, type Rational } from '../numbers/rational.js';

/** One tier with its values evaluated, in currency units (price per unit, flat per tier). */
export interface TierPrice {
  /** Inclusive upper bound of the tier; absent on the last tier only. */
  readonly upTo?: Rational;
  readonly price: Rational;
  /** Fixed fee added once when the tier is reached (zero when the contract gives none). */
  readonly flat: Rational;
}

/** The part of the quantity priced by one tier (declared with the results it is part of). */
export type { TierSlice };

export interface TierPricing {
  /** Sum of the slice amounts, exact, in currency units. */
  readonly amount: Rational;
  /** Tiers reached, in tier order; empty for a quantity of zero. */
  readonly slices: readonly TierSlice[];
}

/**
 * Why `tiers` cannot be priced, or `undefined` when they are well formed: at least one tier,
 * `upTo` on every tier but the last and not on the last, the bounds positive and strictly
 * ascending. The checker rejects such contracts (E051); this is the engine's own guard.
 */
export function tierProblem(tiers: readonly TierPrice[]): string | undefined {
  if (tiers.length === 0) return 'at least one tier is needed';
  let previous: Rational = ZERO;
  for (const [i, tier] of tiers.entries()) {
    const last = i === tiers.length - 1;
    if (tier.upTo === undefined) {
      if (!last) return `tier ${i + 1} has no up_to but is not the last tier`;
      continue;
    }
    if (last) return 'the last tier must not have up_to';
    if (compareRationals(tier.upTo, previous) <= 0) {
      return `tier ${i + 1}: up_to must be above ${i === 0 ? 'zero' : 'the previous up_to'}`;
    }
    previous = tier.upTo;
  }
  return undefined;
}

function slice(tier: number, quantity: Rational, spec: TierPrice): TierSlice {
  const amount = addRationals(mulRationals(quantity, spec.price), spec.flat);
  return { tier, quantity, price: spec.price, flat: spec.flat, amount };
}

/** Each tier prices the part of the quantity between the previous bound and its own up_to. */
function graduatedSlices(quantity: Rational, tiers: readonly TierPrice[]): TierSlice[] {
  const slices: TierSlice[] = [];
  let lower: Rational = ZERO;
  for (const [i, tier] of tiers.entries()) {
    if (compareRationals(quantity, lower) <= 0) break;
    const upper = tier.upTo === undefined || compareRationals(quantity, tier.upTo) <= 0 ? quantity : tier.upTo;
    slices.push(slice(i, subRationals(upper, lower), tier));
    if (tier.upTo === undefined) break;
    lower = tier.upTo;
  }
  return slices;
}

/** The whole quantity in the first tier whose up_to is at or above it (the last otherwise). */
function volumeSlices(quantity: Rational, tiers: readonly TierPrice[]): TierSlice[] {
  if (compareRationals(quantity, ZERO) <= 0) return [];
  const index = tiers.findIndex((t) => t.upTo === undefined || compareRationals(quantity, t.upTo) <= 0);
  const tier = tiers[index];
  if (tier === undefined) throw new InternalError('volume tiers: no tier holds the quantity');
  return [slice(index, quantity, tier)];
}

/**
 * Tiered price of `quantity` (SPEC 2). `up_to` is inclusive.
 * - graduated: the quantity is cut at the tier bounds (fractional quantities too) and each slice
 *   is priced at its tier's price; every tier reached (holding some positive quantity) adds its
 *   flat once. With `up_to: 50, 100`: 0-50 at the first price, above 50 to 100 at the second, the
 *   rest at the last.
 * - volume: the whole quantity at the price of the tier the total falls in (exactly 50 with
 *   `up_to: 50` is in the first tier), plus that tier's flat.
 * A quantity of zero reaches no tier and costs nothing. Preconditions (the invoice stage checks
 * them and reports diagnostics; a violation here is a bug and throws InternalError): `quantity`
 * is not negative and `tierProblem(tiers)` is undefined.
 */
export function priceTiers(quantity: Rational, tiers: readonly TierPrice[], mode: TierMode): TierPricing {
  const problem = tierProblem(tiers);
  if (problem !== undefined) throw new InternalError(`priceTiers: ${problem}`);
  if (compareRationals(quantity, ZERO) < 0) throw new InternalError('priceTiers: negative quantity');
  let slices: TierSlice[];
  switch (mode) {
    case 'graduated':
      slices = graduatedSlices(quantity, tiers);
      break;
    case 'volume':
      slices = volumeSlices(quantity, tiers);
      break;
    default:
      return assertNever(mode, 'tier mode');
  }
  let amount = ZERO;
  for (const s of slices) amount = addRationals(amount, s.amount);
  return { amount, slices };
}
