// Language server, step 2: the open documents' analyses -> each document's diagnostics, the same
// codes and spans `attain validate` reports when given those files: stages 1-6 per contract,
// duplicate contract ids (E056) across open contracts, and metric data bound to its contract.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadContract } from '../contract/load-contract.js';
import type { Contract } from '../contract/model.js';
import { bindData } from '../data/bind.js';
import { contractIdByName, looksLikeDataFile } from '../data/data-owner.js';
import { loadMetricFile } from '../data/load-metrics.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import type { Analysis } from './analysis.js';

/**
 * Diagnostics of every open document, by path. Contracts are taken in path order (as `validate`
 * walks a directory): a later contract with an id already used gets E056. A data file belongs to
 * the contract it names (or is named after); open contracts come first, then contract files
 * beside the data file on disk. A sources file is checked against the open contracts by
 * `checkSources` (validate's, which lives in src/pipeline: src/cli/lsp.ts passes it in).
 */
/** Checks a sources file against contracts (src/pipeline/validate in the CLI, injected). */
export type SourcesChecker = (file: SourceFile, contracts: readonly Contract[]) => Diagnostic[];

export function workspaceDiagnostics(docs: ReadonlyMap<string, Analysis>, checkSources?: SourcesChecker): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const byId = new Map<string, Contract>();
  const paths = [...docs.keys()].sort();
  for (const path of paths) {
    const a = docs.get(path) as Analysis;
    const own = [...a.diagnostics];
    out.set(path, own);
    if (a.kind !== 'contract' || a.contract === undefined) continue;
    const id = a.contract.id;
    const other = byId.get(id.value);
    if (other !== undefined) own.push(diag('E056', id.span, { id: id.value, other: other.file.path }));
    else byId.set(id.value, a.contract);
  }
  for (const path of paths) {
    const a = docs.get(path) as Analysis;
    if (a.kind === 'data') out.set(path, dataDiagnostics(a, byId));
    if (a.kind === 'sources' && checkSources !== undefined) out.set(path, checkSources(a.file, [...byId.values()]));
  }
  return out;
}

function dataDiagnostics(a: Analysis, open: ReadonlyMap<string, Contract>): Diagnostic[] {
  const loaded = loadMetricFile(a.file);
  const out: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.value === undefined) return out;
  const onDisk = lazyDiskContracts(a.file.path);
  const known = (id: string): Contract | undefined => open.get(id) ?? onDisk().get(id);
  for (const [named, periods] of loaded.value.contracts) {
    const id = named === '' ? (contractIdByName(a.file.path, (c) => known(c) !== undefined) ?? '') : named;
    const contract = known(id);
    const at = periods[0]?.span ?? { file: a.file.path, start: 0, end: 0 };
    if (contract === undefined) {
      out.push(diag('W068', at, { id: id === '' ? '(none named)' : id }));
      continue;
    }
    out.push(...bindData(contract, periods, a.file.sha256).diagnostics);
  }
  return out;
}

/** Contracts in the data file's directory and its parent, read from disk only when asked for. */
function lazyDiskContracts(dataPath: string): () => ReadonlyMap<string, Contract> {
  let found: Map<string, Contract> | undefined;
  return () => {
    if (found !== undefined) return found;
    found = new Map();
    const dir = dirname(dataPath);
    for (const d of [dir, dirname(dir)]) {
      for (const path of yamlFiles(d)) {
        if (path === dataPath) continue;
        try {
          const text = readFileSync(path, 'utf8');
          if (looksLikeDataFile(path, text)) continue;
          const c = loadContract(createSourceFile(path, text)).value;
          if (c !== undefined && !found.has(c.id.value)) found.set(c.id.value, c);
        } catch {
          // An unreadable neighbour is not this file's problem: validate reports it on its own.
        }
      }
    }
    return found;
  };
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort()
      .map((n) => join(dir, n))
      .filter((p) => statSync(p).isFile());
  } catch {
    return [];
  }
}
