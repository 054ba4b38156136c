// `attain invoice --contracts <dir> --data <path> --period YYYY-MM --out <dir>`: the monthly run.
// Progress on stderr (a bar on a TTY, lines otherwise, nothing with --quiet); failures with their
// located diagnostics on stderr; exit 0 all invoiced (contracts of the other period kind, or not in
// force for the period, are skipped, not failed), 1 any contract failed, 2 usage or I/O error.
import { setFlagsFromString } from 'node:v8';
import { CSV_DIALECTS } from '../report/csv.js';
import { localeOption } from './evaluate.js';
import cliProgress from 'cli-progress';
import { renderPretty } from '../diagnostics/render.js';
import { displayLine, displayText } from '../diagnostics/safe-text.js';
import { runMonthlyInvoices, type MonthlyRunOptions } from '../pipeline/monthly/monthly.js';
import type { OutputWriter } from '../pipeline/monthly/monthly-output.js';
import type { ContractOutcome } from '../pipeline/monthly/monthly-run.js';
import { runSummaryLine, statusCounts } from '../report/summary.js';
import { EXIT, PROCESS_IO, UsageError, oneOf, type CliIo } from './io.js';
import { checkPeriodOption } from './period-option.js';

/**
 * Between full collections V8 lets the old generation grow to up to about 4x what the last one
 * left live, so a monthly run's peak RSS followed its number of contracts (each committed contract
 * leaves a summary row and a manifest entry, and garbage promoted while writes are queued). With
 * 1.5x the heap stays near its live set: measured in docs/performance.md (Monthly run), no slower.
 * Process-wide, so set by the command only (never by the library), and not over a user's own flag.
 */
function boundHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString('--heap-growing-percent=50');
}

export interface InvoiceOptions {
  readonly contracts: string;
  readonly data?: string;
  readonly sources?: string;
  readonly period: string;
  readonly out: string;
  readonly force?: boolean;
  readonly finalize?: boolean;
  readonly quiet?: boolean;
  readonly jobs?: string;
  readonly locale?: string;
  readonly csvDialect?: string;
  readonly pdf?: boolean;
}

/** How progress is shown: a redrawn bar (TTY), one line per contract, or not at all. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Largest `--jobs` accepted. */
const MAX_JOBS = 64;

function parseJobs(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^[1-9]\d*$/.test(text) || Number(text) > MAX_JOBS) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got "${text}")`);
  return Number(text);
}

function progressLine(done: number, total: number, o: ContractOutcome): string {
  const code = o.row.status === 'failed' ? ` (${o.diagnostics.find((d) => d.severity === 'error')?.code ?? 'error'})` : '';
  const reason = o.row.status === 'skipped' && o.row.reason !== undefined ? ` (${displayText(o.row.reason)})` : '';
  return `[${done}/${total}] ${displayText(o.id)} ${o.row.status}${code}${reason}\n`;
}

interface Reporter {
  readonly onStart: (total: number) => void;
  readonly onContract: (done: number, total: number, o: ContractOutcome) => void;
  readonly stop: () => void;
}

function makeReporter(mode: ProgressMode, io: CliIo): Reporter {
  if (mode === 'none') return { onStart: () => undefined, onContract: () => undefined, stop: () => undefined };
  if (mode === 'lines') return { onStart: () => undefined, onContract: (d, t, o) => io.stderr(progressLine(d, t, o)), stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'invoicing [{bar}] {value}/{total} {contract}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    onStart: (total) => bar.start(total, 0, { contract: '' }),
    onContract: (done, _total, o) => bar.update(done, { contract: `${displayText(o.id)} ${o.row.status}` }),
    stop: () => bar.stop(),
  };
}

/**
 * Run the monthly invoicing from the command line. `progress` defaults to a bar when writing to the
 * process's stderr and it is a TTY, and to lines otherwise; `--quiet` shows neither, nor the summary line (errors are always shown).
 */
export async function runInvoice(opts: InvoiceOptions, io: CliIo, progress?: ProgressMode, writer?: OutputWriter): Promise<number> {
  checkPeriodOption(opts.period);
  const jobs = parseJobs(opts.jobs);
  const locale = localeOption(opts.locale);
  const csvDialect = opts.csvDialect === undefined ? undefined : oneOf(opts.csvDialect, CSV_DIALECTS, '--csv-dialect');
  const mode: ProgressMode = opts.quiet === true ? 'none' : (progress ?? (io === PROCESS_IO && process.stderr.isTTY === true ? 'bar' : 'lines'));
  const reporter = makeReporter(mode, io);
  const options: MonthlyRunOptions = {
    contracts: opts.contracts,
    ...(opts.data === undefined ? {} : { data: opts.data }),
    ...(opts.sources === undefined ? {} : { sources: opts.sources }),
    period: opts.period,
    out: opts.out,
    force: opts.force === true,
    finalize: opts.finalize === true,
    jobs,
    render: { ...(locale === undefined ? {} : { locale }), ...(csvDialect === undefined ? {} : { csvDialect }), ...(opts.pdf === true ? { pdf: true } : {}) },
    onStart: reporter.onStart,
    onContract: reporter.onContract,
    ...(writer === undefined ? {} : { writer }),
  };
  let result: Awaited<ReturnType<typeof runMonthlyInvoices>>;
  boundHeapGrowth();
  try {
    result = await runMonthlyInvoices(options);
  } catch (e) {
    reporter.stop();
    // Only a file-system error is the output directory's fault; anything else is not blamed on it.
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== 'string' || !err.code.startsWith('E')) throw e;
    io.stderr(`attain: cannot write ${displayText(opts.out)}: ${displayText(err.message ?? String(e))}\n`);
    return EXIT.usage;
  }
  reporter.stop();
  if (result.kind === 'usage') {
    io.stderr(`attain: ${displayText(result.message)}\n`);
    return EXIT.usage;
  }
  const lookup = (p: string): ReturnType<typeof result.sources.get> => result.sources.get(p);
  if (result.runDiagnostics.length > 0) io.stderr(renderPretty(result.runDiagnostics, lookup, { color: io.color }));
  for (const o of result.outcomes) {
    if (o.diagnostics.length === 0) continue;
    io.stderr(`${displayLine(o.id)}: ${o.row.status === 'failed' ? 'failed, no invoice written' : 'invoiced with warnings'}\n`);
    io.stderr(renderPretty(o.diagnostics, lookup, { color: io.color }));
  }
  const { failed } = statusCounts(result.summary.rows);
  const runErrors = result.summary.runErrors.length;
  if (opts.quiet !== true) {
    io.stderr(`${runSummaryLine(result.summary, { period: opts.period, kept: result.kept, out: displayText(opts.out) }, locale)}\n`);
    for (const c of result.corrections) io.stderr(`correction written: ${displayText(`${opts.out}/${c}`)}\n`);
  }
  // A kept contract is not evaluated again, so its documents stay as the earlier run rendered
  // them: say so when this run asked for other documents, rather than leave a PDF silently absent.
  const rendering = [opts.pdf === true ? '--pdf' : '', opts.locale !== undefined ? '--locale' : '', opts.csvDialect !== undefined ? '--csv-dialect' : ''].filter((f) => f !== '');
  if (result.kept > 0 && rendering.length > 0) {
    io.stderr(
      `note: ${result.kept} contract(s) had unchanged inputs and kept the documents of the earlier run; ${rendering.join(', ')} applied only to contracts written by this run (use a new --out to render every contract again)\n`,
    );
  }
  return failed > 0 || runErrors > 0 ? EXIT.findings : EXIT.ok;
}
