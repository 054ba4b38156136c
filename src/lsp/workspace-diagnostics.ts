// Language server, step 2: the open documents' analyses -> each document's diagnostics, the same
// codes and spans `attain validate` reports when given those files: stages 1-6 per contract, the
// versions of one contract id across files (SPEC 11), and metric data bound to its contract.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadContract } from '../contract/load-contract.js';
import type { Contract } from '../contract/model.js';
import { checkVersions } from '../contract/versions.js';
import { checkDataFile, type ContractsById } from '../data/check-data-file.js';
import { isNotContractFile } from '../data/data-owner.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import type { Analysis } from './analysis.js';

/** Checks a sources file against contracts (src/pipeline/validate in the CLI, injected). */
export type SourcesChecker = (file: SourceFile, contracts: readonly Contract[]) => Diagnostic[];

/**
 * Diagnostics of every open document, by path. Contracts are taken in path order (as `validate`
 * walks a directory); several with one id are versions of one contract, checked together as
 * `validate` checks them (contract/versions.ts: E037-E039, E056 for a repeated version number),
 * each finding given to the file it points into. A data file belongs to the contract it names (or
 * is named after, or, naming none, the only open contract): the open versions of that id, else the
 * contract files beside the data file on disk. A sources file is checked against every open version by `checkSources` (validate's, which
 * lives in src/pipeline: src/cli/lsp.ts passes it in).
 */
export function workspaceDiagnostics(docs: ReadonlyMap<string, Analysis>, checkSources?: SourcesChecker): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const paths = [...docs.keys()].sort();
  const byId = new Map<string, Contract[]>();
  for (const path of paths) {
    const a = docs.get(path) as Analysis;
    out.set(path, [...a.diagnostics]);
    if (a.kind !== 'contract' || a.contract === undefined) continue;
    byId.set(a.contract.id.value, [...(byId.get(a.contract.id.value) ?? []), a.contract]);
  }
  const versions = new Map<string, readonly Contract[]>();
  for (const [id, group] of byId) {
    const checked = checkVersions(group);
    versions.set(id, checked.value);
    for (const d of checked.diagnostics) out.get(d.span.file)?.push(d);
  }
  const all = [...versions.values()].flat();
  for (const path of paths) {
    const a = docs.get(path) as Analysis;
    if (a.kind === 'data') out.set(path, unlessChanged(a, all, () => dataDiagnostics(a, versions)));
    if (a.kind === 'sources' && checkSources !== undefined) out.set(path, unlessChanged(a, all, () => checkSources(a.file, all)));
  }
  return out;
}

/** The last findings of a data or sources document and the open contracts they were found against. */
const crossFile = new WeakMap<Analysis, { readonly contracts: readonly Contract[]; readonly diagnostics: readonly Diagnostic[] }>();

/**
 * A data or sources document's findings, computed again only when it or an open contract changed
 * (a changed document is a new Analysis, a changed contract a new model): typing in one document
 * does not re-read and re-bind every other open file.
 */
function unlessChanged(a: Analysis, contracts: readonly Contract[], compute: () => Diagnostic[]): Diagnostic[] {
  const last = crossFile.get(a);
  if (last !== undefined && last.contracts.length === contracts.length && last.contracts.every((c, i) => c === contracts[i])) return [...last.diagnostics];
  const diagnostics = compute();
  crossFile.set(a, { contracts, diagnostics });
  return [...diagnostics];
}

/** Contracts on disk beside each data document, read once per version of the document. */
const onDiskFor = new WeakMap<Analysis, () => ReadonlyMap<string, readonly Contract[]>>();

function dataDiagnostics(a: Analysis, open: ReadonlyMap<string, readonly Contract[]>): Diagnostic[] {
  let onDisk = onDiskFor.get(a);
  if (onDisk === undefined) {
    onDisk = lazyDiskContracts(a.file.path);
    onDiskFor.set(a, onDisk);
  }
  const disk = onDisk;
  const contracts: ContractsById = {
    // The open contracts are the editor's run: with exactly one, a data document naming no
    // contract is checked against it, as `attain validate contract.yaml data.csv` does.
    ids: [...open.keys()].sort(),
    has: (id) => open.has(id) || disk().has(id),
    get: (id) => open.get(id) ?? disk().get(id),
  };
  return checkDataFile(a.file, contracts, a.data);
}

/** Contracts in the data file's directory and its parent, read from disk only when asked for. */
function lazyDiskContracts(dataPath: string): () => ReadonlyMap<string, readonly Contract[]> {
  let found: Map<string, readonly Contract[]> | undefined;
  return () => {
    if (found !== undefined) return found;
    const byId = new Map<string, Contract[]>();
    const dir = dirname(dataPath);
    for (const d of [dir, dirname(dir)]) {
      for (const path of yamlFiles(d)) {
        if (path === dataPath) continue;
        try {
          const text = readFileSync(path, 'utf8');
          if (isNotContractFile(path, text)) continue;
          const c = loadContract(createSourceFile(path, text)).value;
          if (c !== undefined) byId.set(c.id.value, [...(byId.get(c.id.value) ?? []), c]);
        } catch {
          // An unreadable neighbour is not this file's problem: validate reports it on its own.
        }
      }
    }
    found = new Map([...byId].map(([id, group]) => [id, checkVersions(group).value]));
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
