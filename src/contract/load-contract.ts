// Stages 1-3 together: SourceFile (or a path on disk) -> Contract model, via loadYaml ->
// validateShape -> buildModel. Stops before buildModel when the YAML or its shape has errors.
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { buildModel } from './build-model.js';
import { DEFAULT_LIMITS, loadYaml } from './load-yaml.js';
import type { Contract } from './model.js';
import { validateShape } from './schema.js';
import { readSourceSync } from '../workspace/files.js';

/** Load a contract from its text: YAML (E00x), shape (E01x), model (E032, E054, E058, E013). */
export function loadContract(file: SourceFile): StageResult<Contract> {
  const yaml = loadYaml(file);
  if (yaml.value === undefined) return { diagnostics: yaml.diagnostics };
  const shape = validateShape(yaml.value.doc, file);
  if (hasErrors(shape)) return { diagnostics: [...yaml.diagnostics, ...shape] };
  const model = buildModel(yaml.value.doc, file);
  const diagnostics: Diagnostic[] = [...yaml.diagnostics, ...shape, ...model.diagnostics];
  return model.value === undefined ? { diagnostics } : { value: model.value, diagnostics };
}

/**
 * Read and load a contract file (the workspace reader: I/O failures and invalid UTF-8 are E001,
 * a file larger than the YAML size limit E004 and not read).
 */
export function readContractFile(path: string): Promise<StageResult<Contract>> {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: larger files cannot fit the character limit.
  const read = readSourceSync(path, DEFAULT_LIMITS.maxChars * 3);
  return Promise.resolve(read.file === undefined ? { diagnostics: read.diagnostics } : loadContract(read.file));
}
