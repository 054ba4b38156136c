// Pipeline for `attain validate`, sources files: schema, names, columns and aggregate kinds, and
// each definition's unit against every validated contract that declares the metric. No row is read.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { Contract } from '../../contract/model.js';
import { checkColumns } from '../../sources/check.js';
import { checkForContract } from '../sources-units.js';
import { loadSourcesFile } from '../../sources/load-sources.js';

/** Every finding of a sources file that can be found without reading its inputs. */
export function validateSourcesFile(file: SourceFile, contracts: readonly Contract[]): Diagnostic[] {
  const loaded = loadSourcesFile(file);
  if (loaded.value === undefined) return [...loaded.diagnostics];
  const out: Diagnostic[] = [...loaded.diagnostics, ...checkColumns(loaded.value)];
  const seen = new Set(out.map((d) => `${d.code}|${d.span.start}|${d.message}`));
  for (const c of contracts) {
    for (const d of checkForContract(loaded.value, c)) {
      const key = `${d.code}|${d.span.start}|${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(d);
      }
    }
  }
  return out;
}
