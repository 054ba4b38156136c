// Stage 9 support: the limit adjustment shared among the lines in whole minor units (largest
// remainder), so every line's taxable amount is whole minor units and they sum to the subtotal.

/**
 * Each line's amount plus its share of `adjustment`, in minor units. The shares are proportional
 * to the line amounts (equal when those sum to zero), floored, and the units left over go to the
 * largest remainders, ties to the earlier line: deterministic, and the results sum exactly to
 * sum(amounts) + adjustment. With no lines the result is empty (the caller taxes the adjustment
 * with every rate).
 */
export function shareAdjustment(amounts: readonly bigint[], adjustment: bigint): bigint[] {
  const n = amounts.length;
  if (n === 0 || adjustment === 0n) return [...amounts];
  let sum = 0n;
  for (const a of amounts) sum += a;
  const weights = sum === 0n ? amounts.map(() => 1n) : [...amounts];
  const total = sum === 0n ? BigInt(n) : sum;
  // Normalise so the divisor is positive (a sum of credits is negative).
  const sign = total < 0n ? -1n : 1n;
  const den = total * sign;
  const shares: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const num = adjustment * (weights[i] ?? 0n) * sign;
    const floor = floorDiv(num, den);
    shares.push(floor);
    given += floor;
    remainders.push({ index: i, rem: num - floor * den });
  }
  // 0 <= left < n: each floor is below its exact share by less than one unit.
  let left = adjustment - given;
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const r of remainders) {
    if (left <= 0n) break;
    shares[r.index] = (shares[r.index] ?? 0n) + 1n;
    left -= 1n;
  }
  return amounts.map((a, i) => a + (shares[i] ?? 0n));
}

/** Floor division for a positive divisor. */
function floorDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}
