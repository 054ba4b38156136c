// Pipeline for `attain invoice`: the previous manifest + this run's contracts -> what to do with
// each contract (keep, evaluate and write, evaluate and correct, remove) or why the run must stop.
import type { ContractJob } from './monthly-inputs.js';
import { currentInputs, type Manifest, type ManifestEntry } from './manifest.js';

/** What happens to one contract of the run. */
export type Step =
  /** Inputs unchanged since its files were written: left as it is (not evaluated). */
  | { readonly kind: 'keep'; readonly entry: ManifestEntry }
  /** New, previously failed, changed since skipped, or changed with --force: evaluated, its files replaced. */
  | { readonly kind: 'write'; readonly job: ContractJob; readonly previous?: ManifestEntry }
  /** Issued, and its inputs changed: evaluated; a difference becomes a correction. */
  | { readonly kind: 'correct'; readonly job: ContractJob; readonly previous: ManifestEntry };

export type Plan =
  | { readonly kind: 'refuse'; readonly message: string }
  | {
      readonly kind: 'go';
      /** One step per contract of the run, sorted by id. */
      readonly steps: readonly Step[];
      /** Contracts of the previous run no longer in this one whose files are removed (not issued). */
      readonly remove: readonly ManifestEntry[];
      /** Issued contracts no longer in the run: kept with their documents. */
      readonly keepIssued: readonly ManifestEntry[];
    };

function list(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
}

/**
 * Decide each contract's step. Without `force`, a contract invoiced (not issued) from other inputs,
 * or one that left the run, stops the run (its invoice would be replaced or removed); contracts
 * that failed, were skipped or are new never need `force`. Issued contracts are never replaced,
 * with or without `force`: changed inputs give a correction.
 */
export function planRun(previous: Manifest | undefined, jobs: readonly ContractJob[], period: string, force: boolean, out: string): Plan {
  const prev = previous ?? { period, finalized: false, contracts: [] };
  if (prev.period !== period) {
    const issued = prev.contracts.some((c) => c.issued);
    if (issued || prev.finalized) return { kind: 'refuse', message: `--out ${out} holds the finalized period ${prev.period}, this run is ${period}; issued invoices are never replaced (--force does not change that): use another directory` };
    if (!force) return { kind: 'refuse', message: `--out ${out} holds invoices from different inputs (it holds period ${prev.period}, this run is ${period}); use another directory, or --force to replace them` };
  }
  const samePeriod = prev.period === period;
  const before = new Map(samePeriod ? prev.contracts.map((c) => [c.contract, c] as const) : []);
  const now = new Set(jobs.map((j) => j.id));
  const steps: Step[] = [];
  const changed: string[] = [];
  for (const job of jobs) {
    const e = before.get(job.id);
    if (e === undefined) steps.push({ kind: 'write', job });
    else if (e.issued) steps.push(currentInputs(e) === job.inputsSha256 ? { kind: 'keep', entry: e } : { kind: 'correct', job, previous: e });
    else if (e.inputs_sha256 === job.inputsSha256 && e.status !== 'failed') steps.push({ kind: 'keep', entry: e });
    else if (e.status !== 'ok' || force) steps.push({ kind: 'write', job, previous: e });
    else {
      changed.push(job.id);
      steps.push({ kind: 'write', job, previous: e });
    }
  }
  const gone = samePeriod ? prev.contracts.filter((c) => !now.has(c.contract)) : prev.contracts;
  const keepIssued = gone.filter((c) => c.issued);
  const remove = gone.filter((c) => !c.issued);
  const removedInvoices = remove.filter((c) => c.status === 'ok').map((c) => c.contract);
  if (!force && (changed.length > 0 || (samePeriod && removedInvoices.length > 0))) {
    const parts: string[] = [];
    if (changed.length > 0) parts.push(`different inputs for ${list(changed)}`);
    if (removedInvoices.length > 0) parts.push(`contracts no longer in the run ${list(removedInvoices)}`);
    return { kind: 'refuse', message: `--out ${out} holds invoices from different inputs (${parts.join('; ')}); use another directory, or --force to replace them (contracts that failed or are new are redone without --force)` };
  }
  return { kind: 'go', steps, remove, keepIssued };
}
