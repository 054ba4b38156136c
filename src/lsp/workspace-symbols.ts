// Language server, names across files: a declared name in one document -> every place in the open
// documents that means the same thing (for references and rename). Metric ids are shared: every
// open contract declaring the metric, the keys of the data bound to those contracts and the
// sources files' definitions of it. Define and KPI ids belong to one contract id and its versions.
import { contractIdByName } from '../data/data-owner.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { loadSourcesFile } from '../sources/load-sources.js';
import type { Analysis, DeclaredName } from './analysis.js';
import { renameProblem, usesOf } from './symbols.js';

/** A declared name and the document it was found in. */
export interface HomeSymbol {
  readonly home: Analysis;
  readonly symbol: DeclaredName;
}

/** The open contracts where `symbol` means the same thing (the home document first). */
export function contractsInScope(docs: ReadonlyMap<string, Analysis>, { home, symbol }: HomeSymbol): Analysis[] {
  const id = home.contract?.id.value;
  const same = (a: Analysis): boolean => {
    if (a === home) return true;
    if (a.kind !== 'contract' || a.index?.declared.get(symbol.name)?.kind !== symbol.kind) return false;
    return symbol.kind === 'metric' || (id !== undefined && a.contract?.id.value === id);
  };
  return [home, ...[...docs.keys()].sort().map((p) => docs.get(p) as Analysis).filter((a) => a !== home && same(a))];
}

/**
 * Every span of the symbol in the open documents: declarations (when asked), uses in expressions
 * and test data, and for a metric the data keys and sources definitions that name it.
 */
export function occurrences(docs: ReadonlyMap<string, Analysis>, found: HomeSymbol, withDeclarations: boolean): Span[] {
  const scope = contractsInScope(docs, found);
  const name = found.symbol.name;
  const spans: Span[] = [];
  for (const a of scope) {
    const d = a.index?.declared.get(name);
    if (withDeclarations && d !== undefined) spans.push(d.span);
    if (a.index !== undefined) spans.push(...usesOf(a.index, name));
  }
  if (found.symbol.kind !== 'metric') return spans;
  const ids = new Set(scope.map((a) => a.contract?.id.value ?? ''));
  const openIds = new Set([...docs.values()].flatMap((a) => (a.kind === 'contract' && a.contract !== undefined ? [a.contract.id.value] : [])));
  for (const path of [...docs.keys()].sort()) {
    const a = docs.get(path) as Analysis;
    if (a.kind === 'data') spans.push(...dataKeys(a, name, ids, openIds));
    if (a.kind === 'sources') spans.push(...sourcesKeys(a, name, ids));
  }
  return spans;
}

/** Why the symbol cannot take `newName` in one of the contracts it lives in, or undefined. */
export function workspaceRenameProblem(docs: ReadonlyMap<string, Analysis>, found: HomeSymbol, newName: string): string | undefined {
  for (const a of contractsInScope(docs, found)) {
    if (a.index === undefined) continue;
    const problem = renameProblem(a.index, found.symbol, newName);
    if (problem !== undefined) return a === found.home ? problem : `${problem.replace(/ in this contract$/, '')} in ${a.file.path}`;
  }
  return undefined;
}

/** The metric's keys in a data file's periods of the contracts in scope (a CSV header once). */
function dataKeys(a: Analysis, name: string, ids: ReadonlySet<string>, openIds: ReadonlySet<string>): Span[] {
  const out = new Map<number, Span>();
  for (const [named, periods] of a.data?.value?.contracts ?? []) {
    const id = named === '' ? (contractIdByName(a.file.path, (c) => openIds.has(c)) ?? '') : named;
    if (!ids.has(id)) continue;
    for (const p of periods) {
      const key = p.record.get(name)?.keySpan;
      if (key !== undefined && key.end > key.start) out.set(key.start, key);
    }
  }
  return [...out.values()];
}

/** The keys of a sources file's definitions of the metric: `metrics:`, and overrides of contracts in scope. */
function sourcesKeys(a: Analysis, name: string, ids: ReadonlySet<string>): Span[] {
  const model = loadSourcesFile(a.file).value;
  if (model === undefined) return [];
  const defs = [model.metrics.get(name), ...[...model.overrides].filter(([id]) => ids.has(id)).map(([, m]) => m.get(name))];
  const out: Span[] = [];
  for (const d of defs) {
    if (d === undefined) continue;
    const at = keyBefore(a.file.text, name, d.span.start);
    if (at !== undefined) out.push({ file: a.file.path, start: at, end: at + name.length });
  }
  return out;
}

/** Offset of the key `name` written just before a value at `valueStart` (plain, quoted or block). */
function keyBefore(text: string, name: string, valueStart: number): number | undefined {
  const at = text.lastIndexOf(name, valueStart);
  if (at < 0) return undefined;
  const between = text.slice(at + name.length, valueStart);
  return /^["']?\s*:\s*([|>][-+0-9]*\s*)?["']?$/.test(between) && !/[A-Za-z0-9_]/.test(text[at - 1] ?? '') ? at : undefined;
}
