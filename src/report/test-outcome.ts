// What `attain test` reports render: the outcome of one of a contract's own `tests:`. Built by
// the pipeline (src/pipeline/contract-tests/); reports only read it.
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface TestOutcome {
  readonly contract: string;
  /** Path of the contract file the test belongs to. */
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  /** Failed expectations (E080), invalid expectations (E081) and evaluation errors. */
  readonly diagnostics: readonly Diagnostic[];
}
