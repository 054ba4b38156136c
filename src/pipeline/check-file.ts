// Pipeline: one contract file through stages 1-6 (load YAML, shape, model, parse, resolve, check).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { loadContract } from '../contract/load-contract.js';
import type { Contract } from '../contract/model.js';
import { checkContract } from '../check/check-contract.js';
import type { CheckedContract } from '../check/checked-contract.js';

export interface CheckedFile {
  readonly file: SourceFile;
  readonly contract?: Contract;
  readonly checked?: CheckedContract;
  readonly diagnostics: readonly Diagnostic[];
}

/** Load and check one contract; `checked` is present only when no stage reported an error. */
export function checkContractFile(file: SourceFile): CheckedFile {
  const loaded = loadContract(file);
  if (loaded.value === undefined) return { file, diagnostics: loaded.diagnostics };
  const checked = checkContract(loaded.value);
  return {
    file,
    contract: loaded.value,
    ...(checked.value === undefined ? {} : { checked: checked.value }),
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}
