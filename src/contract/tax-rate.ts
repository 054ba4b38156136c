// Stage 3 support: a tax rate as written in a contract (`22%`, `5.5%`, `0.2`) -> its exact value
// as decimal text of a fraction ("0.22"), or why it is not a rate from 0 to 100%.
import { compareRationals, HUNDRED, ONE, parseDecimal, toDecimalString, ZERO } from '../numbers/rational.js';

const PLAIN = /^[0-9]+(\.[0-9]+)?$/;

/**
 * The exact fraction of a rate written as a percent (`22%`) or a fraction (`0.22`), as decimal
 * text; `{ reason }` when the text is not a plain decimal or the rate lies outside 0-100%. A rate
 * has a finite decimal expansion (it is written in decimals), so the text is exact.
 */
export function parseTaxRate(text: string): string | { readonly reason: string } {
  const t = text.trim();
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1).trim() : t;
  const value = PLAIN.test(digits) ? parseDecimal(digits) : undefined;
  if (value === undefined) return { reason: `tax rate must be a percent such as 22% or 5.5%, found ${JSON.stringify(text)}` };
  const fraction = percent ? value.div(HUNDRED) : value;
  if (compareRationals(fraction, ZERO) < 0 || compareRationals(fraction, ONE) > 0) {
    return { reason: `tax rate ${text} is outside 0% to 100%` };
  }
  return toDecimalString(fraction, 60);
}
