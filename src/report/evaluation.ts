// What the reports render: one evaluated period of one contract with its invoice and the
// digests of its inputs. Built by the pipeline; reports only read it.
import type { PeriodResult, Invoice } from '../evaluate/results.js';
import type { InvoiceDocument } from '../taxes/invoice-document.js';
import type { TaxedInvoice } from '../taxes/taxed-invoice.js';
import type { InputProvenance, ValueProvenance } from '../sources/provenance.js';

/** Where the metric values came from when they were aggregated from a sources file. */
export interface SourcesInputs {
  /** The sources file, as given, and its sha-256. */
  readonly file: string;
  readonly sha256: string;
  /** Every file (with its sha-256) or table read. */
  readonly inputs: readonly InputProvenance[];
  /** SQL run by databases or DuckDB (parameters bound separately). */
  readonly queries: readonly string[];
  /** Each sourced value of the contract, per period, with its aggregates. */
  readonly values: readonly (ValueProvenance & { readonly period: string; readonly value: string })[];
  /** `period:metric` values taken from --data instead of the sources. */
  readonly fromData: readonly string[];
}

export interface Evaluation {
  readonly result: PeriodResult;
  readonly invoice: Invoice;
  /** Stage 9: taxes, net and the amount payable. */
  readonly taxed: TaxedInvoice;
  /** Number and dates, when the contract has `invoice:`. */
  readonly document?: InvoiceDocument;
  readonly inputs: { readonly contractSha256: string; readonly dataSha256: string; readonly sources?: SourcesInputs };
}
