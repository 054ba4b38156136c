// Stages 1-6 for one contract file (load YAML, shape, model, parse, resolve, check): SourceFile ->
// CheckedFile. Shared by validate, evaluate, test, compile and the language server (src/lsp).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { loadContract } from '../contract/load-contract.js';
import type { LoadYamlOptions, YamlReader } from '../contract/load-yaml.js';
import type { Contract } from '../contract/model.js';
import { checkContract } from './check-contract.js';
import type { CheckedContract } from './checked-contract.js';

export interface CheckedFile {
  readonly file: SourceFile;
  readonly contract?: Contract;
  readonly checked?: CheckedContract;
  readonly diagnostics: readonly Diagnostic[];
  /** Which reader composed the YAML, when it was read without errors. */
  readonly yamlReader?: YamlReader;
}

/**
 * Load and check one contract; `checked` is present only when no stage reported an error.
 * `quick`: try the quick YAML reader first (see LoadYamlOptions). Its reading is kept only when
 * every stage found nothing; a file with any finding is read again with yaml, so every diagnostic
 * and span comes from the same reader as without `quick`.
 */
export function checkContractFile(file: SourceFile, options: LoadYamlOptions = {}): CheckedFile {
  const first = checkStages(file, options);
  return first.yamlReader === 'subset' && first.diagnostics.length > 0 ? checkStages(file, {}) : first;
}

function checkStages(file: SourceFile, options: LoadYamlOptions): CheckedFile {
  const loaded = loadContract(file, options);
  const yamlReader = loaded.yamlReader === undefined ? {} : { yamlReader: loaded.yamlReader };
  if (loaded.value === undefined) return { file, diagnostics: loaded.diagnostics, ...yamlReader };
  const checked = checkContract(loaded.value);
  return {
    file,
    ...yamlReader,
    contract: loaded.value,
    ...(checked.value === undefined ? {} : { checked: checked.value }),
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}
