// Numbers support: small non-negative integers -> their decimal digits as text, from a table of
// the 1 000 three-digit groups, for the hot paths that write many short numbers (decimal
// fractions of ratios, the data file text of plain numbers).

/** The numbers 0..999 as text: `7`, `42`, `999`. */
export const UP_TO_999: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i));
/** The same as three digits with leading zeros: `007`, `042`, `999`. */
export const THREE_DIGITS: readonly string[] = UP_TO_999.map((t) => t.padStart(3, '0'));

/**
 * The integer 0 <= q < 10^size (size 1..9) as exactly `size` digits, leading zeros kept:
 * (42, 6) -> `000042`. Table lookups and at most two concatenations, where String(q).padStart
 * goes through V8's number-to-text cache and a padded copy.
 */
export function paddedDigits(q: number, size: number): string {
  if (size <= 3) return (THREE_DIGITS[q] as string).slice(3 - size);
  const low = q % 1000;
  const rest = (q - low) / 1000;
  if (size <= 6) return (THREE_DIGITS[rest] as string).slice(6 - size) + (THREE_DIGITS[low] as string);
  const mid = rest % 1000;
  const high = (rest - mid) / 1000;
  return (THREE_DIGITS[high] as string).slice(9 - size) + (THREE_DIGITS[mid] as string) + (THREE_DIGITS[low] as string);
}

/**
 * The text of an integer 0 <= n (a decimal's whole part, an amount's units) as String(n) writes
 * it: below 10^9 from the table's groups, without V8's number-to-text cache, whose upkeep is
 * measurable when every evaluation writes new numbers; String() beyond.
 */
export function wholeText(n: number): string {
  if (n < 1000) return UP_TO_999[n] as string;
  if (n < 1e6) {
    const high = Math.floor(n / 1000);
    return (UP_TO_999[high] as string) + (THREE_DIGITS[n - high * 1000] as string);
  }
  if (n < 1e9) {
    const high = Math.floor(n / 1e6);
    const rest = n - high * 1e6;
    const mid = Math.floor(rest / 1000);
    return (UP_TO_999[high] as string) + (THREE_DIGITS[mid] as string) + (THREE_DIGITS[rest - mid * 1000] as string);
  }
  return String(n);
}
