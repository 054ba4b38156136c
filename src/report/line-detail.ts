// Rendering (stage 9): an invoice line's pricing facts (evaluate/results.ts LineDetail) -> the
// sentence every output shows: `50 x 400.00 + 42 x 350.00 RUB (graduated)`, `3 x 500.00 RUB;
// raised to min 2000.00 RUB`. Also the labels of the limits adjustment lines.
import type { Adjustment, InvoiceLine, LinePricing, TierSlice } from '../evaluate/results.js';
import { formatExact } from '../numbers/money.js';
import { compareRationals, toDecimalString, ZERO } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';

/** What the line's amounts are written in: the invoice's currency and its minor digits. */
export interface LineMoney {
  readonly currency: string;
  readonly minorDigits: number;
}

function sliceText(s: TierSlice, digits: number): string {
  const base = `${toDecimalString(s.quantity)} x ${formatExact(s.price, digits)}`;
  return compareRationals(s.flat, ZERO) === 0 ? base : `${base} + ${formatExact(s.flat, digits)} flat`;
}

function pricingText(line: InvoiceLine, pricing: LinePricing, m: LineMoney): string {
  const digits = m.minorDigits;
  const quantity = line.quantity ?? ZERO;
  switch (pricing.form) {
    case 'amount':
      return `${formatExact(line.exact, digits)} ${m.currency}`;
    case 'price':
      return `${toDecimalString(quantity)} x ${formatExact(line.unitPrice ?? ZERO, digits)} ${m.currency}`;
    case 'tiers': {
      if (pricing.slices.length === 0) return `${toDecimalString(quantity)}: no tier reached`;
      const volume = pricing.mode === 'volume' ? pricing.slices[0] : undefined;
      return `${pricing.slices.map((s) => sliceText(s, digits)).join(' + ')} ${m.currency} (${pricing.mode}${volume === undefined ? ')' : `, tier ${volume.tier + 1})`}`;
    }
    case 'package': {
      const free = compareRationals(pricing.freeUnits, ZERO) === 0 ? '' : `, ${toDecimalString(pricing.freeUnits)} free`;
      const n = pricing.packages;
      return (
        `${n} package${n === 1n ? '' : 's'} x ${formatExact(line.unitPrice ?? ZERO, digits)} ${m.currency} ` +
        `(${toDecimalString(quantity)} units, ${toDecimalString(pricing.size)} per package${free})`
      );
    }
  }
}

function boundText(bound: 'min' | 'max', amount: Rational, m: LineMoney): string {
  return `; ${bound === 'min' ? 'raised to min' : 'capped at max'} ${formatExact(amount, m.minorDigits)} ${m.currency}`;
}

/**
 * How a line's amount was computed, as one sentence: the JSON `detail`, and the line text of the
 * explain, text, Markdown, HTML, CSV and spreadsheet outputs. `m` is the invoice (its currency).
 */
export function lineDetailText(line: InvoiceLine, m: LineMoney): string {
  const d = line.detail;
  if (d.kind === 'not-applied') return 'not applied: when is false';
  return pricingText(line, d.pricing, m) + (d.bound === undefined ? '' : boundText(d.bound.bound, d.bound.amount, m));
}

const LIMIT_LABELS = { 'limits.min': 'Minimum invoice total', 'limits.max': 'Maximum invoice total' } as const;

/** The label of a limits adjustment line, as JSON, CSV and the text report write it. */
export function adjustmentLabel(a: Pick<Adjustment, 'id'>): string {
  return LIMIT_LABELS[a.id];
}
