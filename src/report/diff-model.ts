// What `attain diff` reports (built by src/pipeline/diff/, rendered by diff-*.ts): per contract
// added, removed or changed, per period with data, the old and new invoice and what changed.

/** One side of a period: the invoice total, or why there is none. */
export type DiffSide =
  | { readonly kind: 'invoice'; readonly version: number; readonly total: bigint; readonly score?: string }
  /** The contract (or this version range) does not cover the period on this side. */
  | { readonly kind: 'absent' }
  /** The evaluation failed: the first error, located. */
  | { readonly kind: 'failed'; readonly error: string };

export interface KpiChange {
  readonly id: string;
  readonly old?: { readonly status: string; readonly attainment?: string };
  readonly new?: { readonly status: string; readonly attainment?: string };
}

export interface LineChange {
  readonly id: string;
  readonly label: string;
  readonly old?: bigint;
  readonly new?: bigint;
  readonly difference: bigint;
}

export interface PeriodDiff {
  readonly period: string;
  readonly currency: string;
  readonly digits: number;
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** new total - old total (an absent or failed side counts as 0 here; see the sides). */
  readonly difference: bigint;
  /** KPIs whose status or attainment differ. */
  readonly kpis: readonly KpiChange[];
  /** Invoice lines (and limit adjustments) whose amount differs. */
  readonly lines: readonly LineChange[];
}

export interface ContractDiff {
  readonly contract: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Contract files on each side (paths in the working tree; `rev:path` at a git base). */
  readonly files: { readonly old: readonly string[]; readonly new: readonly string[] };
  readonly versions: { readonly old: readonly number[]; readonly new: readonly number[] };
  readonly periods: readonly PeriodDiff[];
  /** Errors of the contract itself (it does not load or check on one side). */
  readonly errors: readonly string[];
}

export interface DiffReport {
  /** The base as given (`main`, `HEAD~1`, a directory). */
  readonly base: string;
  readonly contracts: readonly ContractDiff[];
  /** Contracts compared and found identical. */
  readonly unchanged: number;
}

/** Whether any evaluation failed (the command then exits 1). */
export function diffFailed(r: DiffReport): boolean {
  return r.contracts.some((c) => c.errors.length > 0 || c.periods.some((p) => p.old.kind === 'failed' || p.new.kind === 'failed'));
}
