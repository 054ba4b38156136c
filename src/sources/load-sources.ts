// Sources, stages 1-3: a sources.yaml SourceFile -> SourcesFile. The project's YAML reader (limits,
// duplicate keys, spans), then schema/sources.schema.json with ajv (compiled on first use: only
// commands that read a sources file pay for it), then the model with parsed definitions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { loadYaml } from '../contract/load-yaml.js';
import { validateShapeWith } from '../contract/schema.js';
import { buildSourcesModel } from './build-model.js';
import type { SourcesFile } from './model.js';
import { appendAll } from '../diagnostics/append-all.js';

let compiled: ValidateFunction | undefined;

/** The sources JSON Schema (draft 2020-12), as shipped in `schema/`. */
export function readSourcesSchema(): Record<string, unknown> {
  for (const rel of ['../../schema/sources.schema.json', '../../../schema/sources.schema.json']) {
    try {
      return JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as Record<string, unknown>;
    } catch {
      // try the next location (src/ or dist/src/)
    }
  }
  throw new Error('schema/sources.schema.json not found');
}

function validator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  // ajv's compiler is loaded here, not at import: `import('attain')` does not pay for it.
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  compiled = new Ajv2020({ allErrors: true, verbose: true, strictTypes: false, ownProperties: true }).compile(readSourcesSchema());
  return compiled;
}

/** Read and check a sources file. No value when anything is in error. */
export function loadSourcesFile(file: SourceFile): { value?: SourcesFile; diagnostics: readonly Diagnostic[] } {
  const loaded = loadYaml(file);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const shape = validateShapeWith(validator(), loaded.value.doc, file);
  appendAll(diagnostics, shape);
  if (hasErrors(diagnostics)) return { diagnostics };
  const model = buildSourcesModel(loaded.value.doc, file);
  appendAll(diagnostics, model.diagnostics);
  if (model.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  return { value: model.value, diagnostics };
}
