// Stage 9 output: the invoice after taxes (SPEC 10): subtotal in the terms of the prices, the tax
// per rate, the net and the amount payable; plain readonly data in minor units.

/** The tax of one rate: its base and amount in minor units, the rate as exact decimal text. */
export interface TaxAmount {
  readonly id: string;
  readonly label: string;
  /** The rate as a fraction in decimal text ("0.22"). */
  readonly rate: string;
  /** What the rate applies to, net of tax, in minor units. */
  readonly base: bigint;
  readonly amount: bigint;
}

export interface TaxedInvoice {
  /** Sum of lines and limit adjustments, in the terms the prices are written in. */
  readonly subtotal: bigint;
  /** In rate order; empty without `tax:` and when exempt. */
  readonly taxes: readonly TaxAmount[];
  /** Amount before tax: the subtotal when prices are exclusive, subtotal - taxes when inclusive. */
  readonly net: bigint;
  /** The amount payable: always exactly net + sum of the tax amounts. */
  readonly total: bigint;
  /** `exclusive` / `inclusive` with rates; absent without `tax:` or when exempt. */
  readonly prices?: 'exclusive' | 'inclusive';
  /** The exemption text to print, when the contract is exempt. */
  readonly exempt?: string;
}
