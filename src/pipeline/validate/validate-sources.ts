// Pipeline for `attain validate`, sources files: schema, names, columns and aggregate kinds, and
// each definition's unit against every validated contract that declares the metric. No row is read.
import { diag } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from '../../diagnostics/suggest.js';
import type { SourceFile } from '../../diagnostics/source.js';
import type { Contract } from '../../contract/model.js';
import { checkColumns } from '../../sources/check.js';
import { checkForContract } from '../sources-units.js';
import { loadSourcesFile } from '../../sources/load-sources.js';
import type { SourcesFile } from '../../sources/model.js';

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
  return [...out, ...unknownNames(loaded.value, contracts)];
}

/**
 * W092: names of the sources file that no validated contract has (SPEC 9: validate checks the
 * sources' names against the contracts). Warnings, since a sources file may serve contracts that
 * this run does not validate; nothing is said when no contract is validated.
 */
function unknownNames(sources: SourcesFile, contracts: readonly Contract[]): Diagnostic[] {
  if (contracts.length === 0) return [];
  const out: Diagnostic[] = [];
  const declared = new Set(contracts.flatMap((c) => [...c.metrics.keys()]));
  const hint = (name: string, candidates: Iterable<string>): { hint?: string } => {
    const near = suggestName(name, candidates);
    return near === undefined ? {} : { hint: `did you mean "${near}"?` };
  };
  for (const [name, def] of sources.metrics) {
    if (declared.has(name)) continue;
    const reason = `metric "${name}" is declared by none of the ${contracts.length} validated contract(s)`;
    out.push(diag('W092', def.nameSpan ?? def.span, { reason }, hint(name, declared)));
  }
  const ids = new Map(contracts.map((c) => [c.id.value, c]));
  for (const [id, defs] of sources.overrides) {
    const contract = ids.get(id);
    if (contract === undefined) {
      const span = sources.overrideSpans?.get(id) ?? { file: sources.file.path, start: 0, end: 0 };
      out.push(diag('W092', span, { reason: `overrides: no validated contract has the id "${id}"` }, hint(id, ids.keys())));
      continue;
    }
    for (const [name, def] of defs) {
      if (contract.metrics.has(name)) continue;
      const reason = `overrides: contract "${id}" declares no metric "${name}"`;
      out.push(diag('W092', def.nameSpan ?? def.span, { reason }, hint(name, contract.metrics.keys())));
    }
  }
  return out;
}
