// What the reports render: one evaluated period of one contract with its invoice and the
// digests of its inputs. Built by the pipeline; reports only read it.
import type { PeriodResult, Invoice } from '../evaluate/results.js';
import type { InvoiceDocument } from '../taxes/invoice-document.js';
import type { TaxedInvoice } from '../taxes/taxed-invoice.js';

export interface Evaluation {
  readonly result: PeriodResult;
  readonly invoice: Invoice;
  /** Stage 9: taxes, net and the amount payable. */
  readonly taxed: TaxedInvoice;
  /** Number and dates, when the contract has `invoice:`. */
  readonly document?: InvoiceDocument;
  readonly inputs: { readonly contractSha256: string; readonly dataSha256: string };
}
