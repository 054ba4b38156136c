// Test helpers for stage 9: TaxDecl values without a YAML file (spans point nowhere).
import type { TaxDecl, TaxPrices, TaxRoundingLevel } from '../../../src/contract/model.js';
import type { Span } from '../../../src/diagnostics/diagnostic.js';

const AT: Span = { file: 'test.yaml', start: 0, end: 0 };

/** `tax:` with the given rates (id -> exact decimal text such as "0.22"). */
export function ratesDecl(rates: Readonly<Record<string, string>>, prices: TaxPrices = 'exclusive', rounding: TaxRoundingLevel = 'invoice'): TaxDecl {
  return {
    kind: 'rates',
    rates: Object.entries(rates).map(([id, rate]) => ({ id, idSpan: AT, label: id.toUpperCase(), rate: { value: rate, span: AT } })),
    prices,
    rounding,
    span: AT,
  };
}
