// Rendering (stage 9), the published shape: the TypeScript type of SPEC section 5's JSON, what
// `attain evaluate --format json` prints and the library's program.evaluate() returns.
import type { KpiStatus } from '../evaluate/results.js';

/** One KPI of the evaluated period. Ratios are decimal strings (`"1"`, `"0.85"`), never floats. */
export interface KpiJson {
  readonly id: string;
  readonly status: KpiStatus;
  /** The target as written in the contract. */
  readonly target: string;
  /** Weight as a fraction, or null for an unweighted KPI. */
  readonly weight: string | null;
  /** Attainment before the cap, or null when excluded or without data. */
  readonly attainment: string | null;
  /** min(attainment, cap): what the score counts; null as attainment. */
  readonly capped_attainment: string | null;
  /** The values on both sides of each comparison, in their units. */
  readonly explanation: string;
}

/** One invoice line; money amounts carry exactly the currency's minor-unit digits. */
export interface LineJson {
  readonly id: string;
  readonly label: string;
  /** false when the line's `when` was false (its amount is then zero). */
  readonly applied: boolean;
  readonly quantity: string | null;
  readonly unit_price: string | null;
  readonly amount: string;
  /** Which per-line bound changed the amount, when one did. */
  readonly bound?: 'min' | 'max';
  /** How the amount was computed (tier slices, packages). */
  readonly detail: string;
}

export interface AdjustmentJson {
  readonly id: 'limits.min' | 'limits.max';
  readonly label: string;
  readonly amount: string;
}

/** A tax per rate (SPEC 10): its rate as a decimal fraction, base and amount in the currency. */
export interface TaxJson {
  readonly id: string;
  readonly label: string;
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
}

/**
 * SPEC sections 5 and 10: one contract evaluated for one period with its invoice. Plain JSON data
 * (key order fixed): `subtotal` is the sum of the line and adjustment amounts exactly, and `total`
 * (the amount payable) is `net` plus the sum of `taxes` exactly.
 */
export interface EvaluationJson {
  readonly contract: string;
  readonly version: number;
  readonly period: string;
  /** 1 for the contract's first period (`effective.from`), counting up. */
  readonly period_index: number;
  readonly currency: string;
  readonly kpis: readonly KpiJson[];
  /** Weighted score as a fraction, or null when no weighted KPI counts this period. */
  readonly score: string | null;
  readonly lines: readonly LineJson[];
  readonly adjustments: readonly AdjustmentJson[];
  readonly subtotal: string;
  readonly taxes: readonly TaxJson[];
  readonly net: string;
  readonly total: string;
  readonly invoice?: { readonly number: string; readonly issue_date: string; readonly due_date: string };
  readonly inputs: {
    readonly contract_sha256: string;
    readonly data_sha256: string;
    /** Where sourced metric values came from (SPEC 9), with `--sources`. */
    readonly sources?: Readonly<Record<string, unknown>>;
  };
}
