// Rendering (stage 9) for the monthly run: the outcome of every contract -> summary.csv and
// summary.json (locale-neutral), with totals by currency, and the printed summary line (in the
// run's --locale). Rows sorted by contract id; money as decimal strings.
import type { LocaleId } from '../contract/model.js';
import { csvCell } from '../diagnostics/safe-text.js';
import { formatMinor } from '../numbers/money.js';
import { formatMoneyText } from './locale/format.js';
import { translator } from './locale/messages.js';

/** One contract of the run, as the summary shows it. */
export interface SummaryRow {
  readonly contract: string;
  readonly client?: string;
  /** `skipped`: not evaluated in this run (a quarterly contract in a month run, or the reverse). */
  readonly status: 'ok' | 'failed' | 'skipped';
  /** Why the contract was skipped (skipped contracts only). */
  readonly reason?: string;
  /** Score as a decimal fraction ("0.85"); absent when failed or when no KPI is scored. */
  readonly score?: string;
  /** Invoice total in minor units, with its currency's digits (ok contracts only). */
  readonly total?: { readonly minor: bigint; readonly currency: string; readonly digits: number };
  /** Currency of the contract when known (also for failed contracts whose contract loaded). */
  readonly currency?: string;
  /** The first error located as `file:line:col: E0xx message` (failed contracts). */
  readonly error?: string;
  /** Every error, located the same way. */
  readonly errors: readonly string[];
  /** The contract's issued invoice is final (`--finalize`); present only in finalized directories. */
  readonly issued?: boolean;
  /** Corrections of the issued invoice, as paths under the output directory, oldest first. */
  readonly corrections?: readonly string[];
}

export interface RunSummary {
  readonly period: string;
  readonly rows: readonly SummaryRow[];
  /** Problems not attributable to one contract (e.g. a data file naming no known contract). */
  readonly runErrors: readonly string[];
  /** The period was finalized (`--finalize`): its invoices are issued, changes give corrections. */
  readonly finalized?: boolean;
  /** Corrections written by this run (paths under the output directory). */
  readonly newCorrections?: readonly string[];
}

/** Sum of the ok contracts' totals per currency, in code order: currency -> decimal string. */
export function totalsByCurrency(rows: readonly SummaryRow[]): [string, string][] {
  const sums = new Map<string, { minor: bigint; digits: number }>();
  for (const r of rows) {
    if (r.status !== 'ok' || r.total === undefined) continue;
    const s = sums.get(r.total.currency) ?? { minor: 0n, digits: r.total.digits };
    sums.set(r.total.currency, { minor: s.minor + r.total.minor, digits: s.digits });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cur, s]) => [cur, formatMinor(s.minor, s.digits)]);
}


function totalText(r: SummaryRow): string {
  return r.total === undefined ? '' : formatMinor(r.total.minor, r.total.digits);
}

/** How many rows have each status. */
export function statusCounts(rows: readonly SummaryRow[]): { ok: number; failed: number; skipped: number } {
  const count = (status: SummaryRow['status']): number => rows.filter((r) => r.status === status).length;
  return { ok: count('ok'), failed: count('failed'), skipped: count('skipped') };
}

/**
 * CSV: `kind,contract,client,status,score,total,currency,error,reason`; one `contract` row per
 * contract (`reason` says why a skipped one was skipped), then one `total` row per currency (sum of
 * the ok contracts), then one `run-error` row per problem of the run itself. RFC 4180, CRLF.
 */
export function renderSummaryCsv(s: RunSummary): string {
  const rows: string[][] = [['kind', 'contract', 'client', 'status', 'score', 'total', 'currency', 'error', 'reason']];
  for (const r of s.rows) {
    rows.push(['contract', r.contract, r.client ?? '', r.status, r.score ?? '', totalText(r), r.total?.currency ?? r.currency ?? '', r.error ?? '', r.reason ?? '']);
  }
  for (const [cur, sum] of totalsByCurrency(s.rows)) rows.push(['total', '', '', '', '', sum, cur, '', '']);
  for (const e of s.runErrors) rows.push(['run-error', '', '', 'failed', '', '', '', e, '']);
  return rows.map((r) => r.map((v) => csvCell(v)).join(',')).join('\r\n') + '\r\n';
}

/** JSON: period, counts, contracts (sorted; `reason` for skipped ones), totals by currency, run errors. Fixed key order. */
export function renderSummaryJson(s: RunSummary): string {
  const totals: Record<string, string> = {};
  for (const [cur, sum] of totalsByCurrency(s.rows)) totals[cur] = sum;
  const { ok, failed, skipped } = statusCounts(s.rows);
  const json = {
    period: s.period,
    counts: { contracts: s.rows.length, ok, failed, skipped, run_errors: s.runErrors.length },
    contracts: s.rows.map((r) => ({
      contract: r.contract,
      client: r.client ?? null,
      status: r.status,
      reason: r.reason ?? null,
      score: r.score ?? null,
      total: r.total === undefined ? null : totalText(r),
      currency: r.total?.currency ?? r.currency ?? null,
      error: r.error ?? null,
      errors: r.errors,
      ...(r.issued === undefined ? {} : { issued: r.issued }),
      ...(r.corrections === undefined ? {} : { corrections: r.corrections }),
    })),
    totals,
    run_errors: s.runErrors,
    // Only in finalized directories, so the summary of an ordinary run keeps its exact form.
    ...(s.finalized === true ? { finalized: true, new_corrections: s.newCorrections ?? [] } : {}),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** What the printed summary says besides the summary itself. */
export interface SummaryLineFacts {
  readonly period: string;
  /** Contracts left as they were (unchanged inputs). */
  readonly kept: number;
  /** The output directory, as the user wrote it (already made safe to display). */
  readonly out: string;
}

/**
 * The one line `attain invoice` prints after a run, in `locale` (`--locale`; default `en`):
 * `invoice 2026-10: 14 of 15 contracts invoiced, 1 failed; total 101500.00 RUB; written to out`.
 */
export function runSummaryLine(s: RunSummary, facts: SummaryLineFacts, locale: LocaleId = 'en'): string {
  const t = translator(locale);
  const { ok, failed, skipped } = statusCounts(s.rows);
  const runErrors = s.runErrors.length;
  const totals = totalsByCurrency(s.rows).map(([cur, sum]) => formatMoneyText(sum, cur, locale));
  const notes =
    (skipped > 0 ? t('summary.skipped', { n: skipped }) : '') +
    (facts.kept > 0 ? t('summary.kept', { n: facts.kept }) : '') +
    (runErrors > 0 ? t('summary.run_errors', { n: runErrors }) : '');
  return t('summary.line', {
    period: facts.period,
    ok,
    count: s.rows.length,
    failed,
    notes,
    totals: totals.join(', ') || t('summary.none'),
    out: facts.out,
    final: s.finalized === true ? t('summary.finalized') : '',
  });
}
