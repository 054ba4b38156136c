// Pipeline for `attain invoice`, the whole monthly run: gather inputs -> check the output
// directory against the manifest -> evaluate every contract (isolated) -> write, sorted by id.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { RunSummary } from '../../report/summary.js';
import { evaluateJobs } from './monthly-pool.js';
import { gatherMonthlyInputs } from './monthly-inputs.js';
import { ATOMIC_WRITER, checkOutputDir, writeMonthlyOutput, type Manifest, type OutputWriter } from './monthly-output.js';
import { digestsOf, locateDiagnostic, type ContractOutcome } from './monthly-run.js';

export interface MonthlyRunOptions {
  readonly contracts: string;
  readonly data: string;
  readonly period: string;
  readonly out: string;
  readonly force?: boolean;
  /** Contracts evaluated at once in worker threads; 1 (the default) evaluates in this thread. */
  readonly jobs?: number;
  readonly writer?: OutputWriter;
  /** Called once the contracts are known, then after each contract is evaluated. */
  readonly onStart?: (total: number) => void;
  readonly onContract?: (done: number, total: number, outcome: ContractOutcome) => void;
}

export type MonthlyRunResult =
  | { readonly kind: 'usage'; readonly message: string }
  | {
      readonly kind: 'done';
      /** Sorted by contract id. */
      readonly outcomes: readonly ContractOutcome[];
      readonly summary: RunSummary;
      /** Problems with data that no contract could be given (errors fail the run). */
      readonly runDiagnostics: readonly Diagnostic[];
      readonly sources: ReadonlyMap<string, SourceFile>;
    };

/**
 * Run the monthly invoicing. Bad contracts and data never stop the run: they give failed
 * outcomes. Usage problems (missing directories, a different manifest without `force`) stop it
 * before anything is written. I/O errors while writing are thrown (after cleaning up).
 */
export async function runMonthlyInvoices(opts: MonthlyRunOptions): Promise<MonthlyRunResult> {
  const inputs = await gatherMonthlyInputs(opts.contracts, opts.data, opts.period);
  if ('usage' in inputs) return { kind: 'usage', message: inputs.usage };
  const manifest: Manifest = {
    period: opts.period,
    contracts: inputs.jobs.map((j) => ({ contract: j.id, ...digestsOf(j) })),
  };
  const check = await checkOutputDir(opts.out, manifest, opts.force === true);
  if (check.kind === 'refuse') return { kind: 'usage', message: check.message };

  opts.onStart?.(inputs.jobs.length);
  const outcomes = await evaluateJobs(inputs.jobs, opts.period, opts.jobs ?? 1, opts.onContract);
  const lookup = (p: string): SourceFile | undefined => inputs.sources.get(p);
  const summary: RunSummary = {
    period: opts.period,
    rows: outcomes.map((o) => o.row),
    runErrors: inputs.diagnostics.filter((d) => d.severity === 'error').map((d) => locateDiagnostic(d, lookup)),
  };
  await writeMonthlyOutput(opts.out, { manifest, check, outcomes, summary }, opts.writer ?? ATOMIC_WRITER);
  return { kind: 'done', outcomes, summary, runDiagnostics: inputs.diagnostics, sources: inputs.sources };
}
