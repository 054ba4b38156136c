// Stages 1-3 together: SourceFile (or a path on disk) -> Contract model, via loadYaml ->
// validateShape -> buildModel. Stops before buildModel when the YAML or its shape has errors.
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic, StageResult } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import { createSourceFile } from '../diagnostics/source.js';
import type { SourceFile } from '../diagnostics/source.js';
import { buildModel } from './build-model.js';
import { DEFAULT_LIMITS, loadYaml } from './load-yaml.js';
import type { Contract } from './model.js';
import { validateShape } from './schema.js';

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
 * Read and load a contract file. I/O failures are E001 and an oversized file E004, both at offset
 * 0 of the path; the file is not read when it is larger than the YAML size limit.
 */
export async function readContractFile(path: string): Promise<StageResult<Contract>> {
  const at = { file: path, start: 0, end: 0 };
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { diagnostics: [diag('E001', at, { path, reason: 'it is a directory' })] };
    // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: larger files cannot fit the character limit.
    if (info.size > DEFAULT_LIMITS.maxChars * 3) {
      return { diagnostics: [diag('E004', at, { reason: `the file is larger than ${DEFAULT_LIMITS.maxChars} characters` }, { data: { limit: 'size' } })] };
    }
    const text = await readFile(path, 'utf8');
    return loadContract(createSourceFile(path, text));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : (e.message ?? String(error));
    return { diagnostics: [diag('E001', at, { path, reason }, { data: { errno: e.code ?? 'unknown' } })] };
  }
}
