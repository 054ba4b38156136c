// Language server, names: a position -> the metric, define or KPI id there, its declaration, every
// use (expressions and test data keys), and the edits that rename it everywhere in the contract.
import type { Span } from '../diagnostics/diagnostic.js';
import { RESERVED_NAMES } from '../check/resolve.js';
import { BUILTINS } from '../language/builtins.js';
import type { DeclaredName, NameIndex } from './analysis.js';
import { KEYWORDS } from './words.js';

/** The declared name whose declaration or one of whose uses covers `offset`. */
export function symbolAt(index: NameIndex, offset: number): DeclaredName | undefined {
  const covers = (s: Span): boolean => s.start <= offset && offset <= s.end;
  for (const d of index.declared.values()) if (covers(d.span)) return d;
  const use = index.uses.find((u) => covers(u.span));
  return use === undefined ? undefined : index.declared.get(use.name);
}

/** Spans of every use of a declared name (declaration excluded). */
export function usesOf(index: NameIndex, name: string): Span[] {
  return index.uses.filter((u) => u.name === name).map((u) => u.span);
}

/** Why a new name cannot be used, or undefined when it can. */
export function renameProblem(index: NameIndex, symbol: DeclaredName, newName: string): string | undefined {
  if (!/^[a-z_][a-z0-9_]*$/.test(newName)) return `"${newName}" is not an id: lower-case letters, digits and _, not starting with a digit`;
  const builtIn = builtInKind(newName);
  if (builtIn !== undefined) return `"${newName}" is ${builtIn}`;
  if (newName !== symbol.name && index.declared.has(newName)) return `"${newName}" is already declared in this contract`;
  return undefined;
}

/** The spans to replace with the new name: the declaring key and every use. */
export function renameSpans(index: NameIndex, symbol: DeclaredName): Span[] {
  return [symbol.span, ...usesOf(index, symbol.name)];
}

/** What a built-in word is (a keyword, a built-in name or function), or undefined for any other word. */
export function builtInKind(word: string): string | undefined {
  if (KEYWORDS.includes(word)) return 'a keyword';
  if (RESERVED_NAMES.has(word)) return 'a built-in name';
  if (BUILTINS.has(word)) return 'a built-in function';
  return undefined;
}
