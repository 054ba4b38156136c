// Stage 9 support: the invoice's number and dates from the contract's `invoice:` (SPEC 10) for one
// period. Input: the Contract model and a period key; output: number and ISO dates, or undefined.
import type { Contract, PeriodKind } from '../contract/model.js';
import { periodMonth, periodOrdinal } from '../contract/period.js';

/** Number and dates of an invoice; dates are ISO `YYYY-MM-DD`. */
export interface InvoiceDocument {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
}

/** The placeholders a number template may use. */
export const NUMBER_PLACEHOLDERS = ['contract', 'period', 'yyyy', 'mm', 'q', 'version'] as const;

/**
 * Number and dates of the invoice for `period`, when the contract has `invoice:` (else undefined).
 * - number: the template with {contract} {period} {yyyy} {mm} {q} {version} filled in ({mm} and
 *   {q} of a quarter: its first month and its number); without a template, `{contract}-{period}`.
 * - issue date: `issue_day` of the month after the period (for a quarter, after its last month),
 *   the month's last day when it is shorter; due date: `due_days` after the issue date.
 */
export function invoiceDocument(contract: Contract, period: string): InvoiceDocument | undefined {
  if (contract.invoice === undefined) return undefined;
  // A contract is evaluated for many clients in one period: the same document each time.
  let byPeriod = documents.get(contract);
  if (byPeriod === undefined) documents.set(contract, (byPeriod = new Map<string, InvoiceDocument | undefined>()));
  if (byPeriod.has(period)) return byPeriod.get(period);
  if (byPeriod.size >= PERIODS_KEPT) byPeriod.clear();
  const document = computeDocument(contract, period);
  byPeriod.set(period, document);
  return document;
}

const documents = new WeakMap<Contract, Map<string, InvoiceDocument | undefined>>();
const PERIODS_KEPT = 64;

function computeDocument(contract: Contract, period: string): InvoiceDocument | undefined {
  const decl = contract.invoice;
  if (decl === undefined) return undefined;
  const kind: PeriodKind = contract.period.value;
  const ord = periodOrdinal(period, kind);
  const month = periodMonth(period, kind);
  if (ord === undefined || month === undefined) return undefined;
  const year = kind === 'month' ? Math.floor(ord / 12) : Math.floor(ord / 4);
  const quarter = Math.floor((month - 1) / 3) + 1;
  const values: Record<(typeof NUMBER_PLACEHOLDERS)[number], string> = {
    contract: contract.id.value,
    period,
    yyyy: String(year).padStart(4, '0'),
    mm: String(month).padStart(2, '0'),
    q: String(quarter),
    version: String(contract.version.value),
  };
  const template = decl.number?.value ?? '{contract}-{period}';
  const number = template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? values[key as keyof typeof values] : whole);
  // The month after the period: a month's own ordinal + 1, a quarter's last month + 1.
  const lastMonth = kind === 'month' ? ord : year * 12 + (quarter - 1) * 3 + 2;
  const next = lastMonth + 1;
  const issueYear = Math.floor(next / 12);
  const issueMonth = next % 12; // 0-based
  const lastDay = new Date(Date.UTC(issueYear, issueMonth + 1, 0)).getUTCDate();
  const issue = Date.UTC(issueYear, issueMonth, Math.min(decl.issueDay, lastDay));
  const due = issue + decl.dueDays * 86_400_000;
  // Frozen: the same object is handed to every evaluation of this contract and period.
  return Object.freeze({ number, issueDate: isoDate(issue), dueDate: isoDate(due) });
}

function isoDate(ms: number): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
