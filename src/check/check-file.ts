// Stages 1-6 for one contract file (load YAML, shape, model, parse, resolve, check): SourceFile ->
// CheckedFile, and for `attain validate` and the language server the authoring advice (W050).
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { loadContract } from '../contract/load-contract.js';
import type { Contract } from '../contract/model.js';
import { checkContract } from './check-contract.js';
import type { CheckedContract } from './checked-contract.js';
import { singleMetricWarning } from './single-metric.js';

export interface CheckedFile {
  readonly file: SourceFile;
  readonly contract?: Contract;
  readonly checked?: CheckedContract;
  readonly diagnostics: readonly Diagnostic[];
}

/** Load and check one contract; `checked` is present only when no stage reported an error. */
export function checkContractFile(file: SourceFile): CheckedFile {
  return checkLoadedContract(file, loadContract(file));
}

/**
 * checkContractFile for a contract already loaded from `file` (stages 1-3 done once by a caller
 * that needed the model first, such as the monthly run's gathering): checks it without parsing again.
 */
export function checkLoadedContract(file: SourceFile, loaded: StageResult<Contract>): CheckedFile {
  if (loaded.value === undefined) return { file, diagnostics: loaded.diagnostics };
  const checked = checkContract(loaded.value);
  return {
    file,
    contract: loaded.value,
    ...(checked.value === undefined ? {} : { checked: checked.value }),
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}

/**
 * checkContractFile plus the advice `attain validate` gives on a contract without errors (W050:
 * every paid line depends on one metric). Advice is for authors: evaluation and the monthly run
 * do not repeat it.
 */
export function checkContractFileWithAdvice(file: SourceFile): CheckedFile {
  const first = checkContractFile(file);
  const advice = first.checked === undefined ? undefined : singleMetricWarning(first.checked);
  return advice === undefined ? first : { ...first, diagnostics: [...first.diagnostics, advice] };
}
