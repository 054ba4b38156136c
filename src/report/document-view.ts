// Report support: the contract's `document:` options (SPEC 10) as the documents for people apply
// them (Markdown, HTML, PDF; never JSON, CSV or xlsx). Input: an Evaluation; output: what to show.
import type { DocumentOptions } from '../contract/model.js';
import type { InvoiceLine } from '../evaluate/results.js';
import type { Evaluation } from './evaluation.js';

/** All true when the contract has no `document:`. */
export function documentView(e: Evaluation): DocumentOptions {
  return e.result.program.contract.document ?? { showIds: true, showExpressions: true, showUnapplied: true };
}

/** The invoice lines a document lists: without `show_unapplied`, only the lines that applied. */
export function shownLines(e: Evaluation, view: DocumentOptions): readonly InvoiceLine[] {
  return view.showUnapplied ? e.invoice.lines : e.invoice.lines.filter((l) => l.applied);
}

/**
 * How a KPI is named: its id, or without `show_ids` its description (the id only when it has
 * none, since a row must name its KPI somehow).
 */
export function kpiName(kpi: { readonly id: string; readonly description?: string }, view: DocumentOptions): string {
  return view.showIds ? kpi.id : (kpi.description ?? kpi.id);
}
