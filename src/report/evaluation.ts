// What the reports render: one evaluated period of one contract with its invoice and the
// digests of its inputs. Built by the pipeline; reports only read it.
import type { PeriodResult, Invoice } from '../evaluate/results.js';

export interface Evaluation {
  readonly result: PeriodResult;
  readonly invoice: Invoice;
  readonly inputs: { readonly contractSha256: string; readonly dataSha256: string };
}
