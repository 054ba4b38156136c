// Stage 1 (loadYaml): SourceFile -> yaml Document + LineCounter. YAML syntax, duplicate keys,
// multiple documents, empty files and safety limits (size, nesting, aliases) become E00x diagnostics.
import { Composer, LineCounter, Parser, isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import type { SourceFile } from '../diagnostics/source.js';
import { withPlainEnv } from './yaml-env.js';

/** Safety limits for untrusted YAML. */
export interface YamlLimits {
  /** Maximum file length in UTF-16 code units (~bytes for ASCII). */
  readonly maxChars: number;
  /** Maximum nesting of collections, before and after alias expansion. */
  readonly maxDepth: number;
  /** Maximum number of alias nodes (`*name`) in the document. */
  readonly maxAliases: number;
  /** Maximum number of nodes once every alias is expanded (alias-bomb guard). */
  readonly maxExpandedNodes: number;
}

export const DEFAULT_LIMITS: YamlLimits = {
  maxChars: 5 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
  maxExpandedNodes: 100_000,
};

export interface LoadedYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Options that keep YAML parsing to the plain 1.2 core schema whatever the file's directives say. */
const PARSE_OPTIONS = {
  uniqueKeys: true,
  stringKeys: true,
  merge: false,
  schema: 'core',
  resolveKnownTags: false,
  prettyErrors: false,
} as const;

/**
 * Parse one YAML document. Returns the document only when it is free of E00x errors; an empty
 * file (no content at all) is E006, a second document E005, limits E004.
 */
export function loadYaml(file: SourceFile, limits: YamlLimits = DEFAULT_LIMITS): StageResult<LoadedYaml> {
  const at = (start: number, end = start): Span => ({ file: file.path, start, end: Math.min(end, file.text.length) });
  if (file.text.length > limits.maxChars) {
    const reason = `the file is larger than ${limits.maxChars} characters`;
    return { diagnostics: [diag('E004', at(0), { reason }, { data: { limit: 'size' } })] };
  }
  const lineCounter = new LineCounter();
  const tokens = withPlainEnv(() => Array.from(new Parser(lineCounter.addNewLine).parse(file.text)));
  // The composer recurses once per nesting level: check the depth on the (iterative) CST first.
  const deep = findDeepToken(tokens, limits.maxDepth);
  if (deep !== undefined) {
    const reason = `nesting deeper than ${limits.maxDepth} levels`;
    return { diagnostics: [diag('E004', at(deep), { reason }, { data: { limit: 'depth' } })] };
  }
  const docs = Array.from(new Composer(PARSE_OPTIONS).compose(tokens, true, file.text.length));
  const doc = docs[0];
  if (doc === undefined) return { diagnostics: [diag('E006', at(0))] };
  const diagnostics: Diagnostic[] = [];
  const second = docs[1];
  if (second !== undefined) diagnostics.push(diag('E005', at(second.range[0], second.range[1])));
  for (const e of [...doc.errors, ...doc.warnings]) diagnostics.push(yamlErrorToDiagnostic(file, e));
  if (diagnostics.length > 0) return { diagnostics };
  if (isEmptyDocument(doc)) return { diagnostics: [diag('E006', at(0))] };
  const limit = checkAliases(doc, limits, file.path);
  if (limit !== undefined) return { diagnostics: [limit] };
  return { value: { doc, lineCounter }, diagnostics: [] };
}

function isEmptyDocument(doc: Document.Parsed): boolean {
  const c = doc.contents;
  if (c === null) return true;
  return isScalar(c) && c.value === null && c.range[0] === c.range[1];
}

function yamlErrorToDiagnostic(file: SourceFile, e: YAMLError): Diagnostic {
  // yaml may place an error one past the end of the text; spans stay inside the file.
  const start = Math.min(e.pos[0], file.text.length);
  const span: Span = { file: file.path, start, end: Math.min(Math.max(start, e.pos[1]), file.text.length) };
  const data = { yamlCode: e.code };
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      // yaml points at the key's first character only: underline the whole key as written.
      const key = duplicateKeyText(file, span);
      const end = Math.min(file.text.length, Math.max(span.end, span.start + Math.max(1, key.length)));
      return diag('E003', { ...span, end }, { key }, { data });
    }
    case 'MULTIPLE_DOCS':
      return diag('E005', span, {}, { data });
    case 'RESOURCE_EXHAUSTION':
      return diag('E004', span, { reason: firstLine(e.message) }, { data });
    default:
      return diag('E002', span, { reason: firstLine(e.message) }, { data });
  }
}

/** The duplicate key as written, read from the key's start (quoted or plain, capped in length). */
function duplicateKeyText(file: SourceFile, span: Span): string {
  const rest = file.text.slice(span.start, span.start + 200);
  const m = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\n]*?))(?=\s*:(?:\s|$)|\s*$)/.exec(rest);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? rest.split('\n')[0] ?? '').trim();
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

interface CstLike {
  readonly offset?: number;
  readonly value?: unknown;
  readonly key?: unknown;
  readonly sep?: unknown;
  readonly items?: unknown;
  readonly type?: string;
}

const COLLECTION_TOKENS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Offset of the first CST collection nested deeper than `maxDepth`, walked without recursion.
 * The stack holds tokens and their depths side by side (no object per token visited).
 */
function findDeepToken(tokens: readonly unknown[], maxDepth: number): number | undefined {
  const stack: unknown[] = [...tokens];
  const depths: number[] = tokens.map(() => 0);
  while (stack.length > 0) {
    const token = stack.pop();
    const depth = depths.pop() as number;
    if (typeof token !== 'object' || token === null) continue;
    const t = token as CstLike;
    const d = t.type !== undefined && COLLECTION_TOKENS.has(t.type) ? depth + 1 : depth;
    if (d > maxDepth) return t.offset ?? 0;
    if (t.value !== undefined) {
      stack.push(t.value);
      depths.push(d);
    }
    if (Array.isArray(t.items)) {
      for (const item of t.items as CstLike[]) {
        if (item.key !== undefined && item.key !== null) {
          stack.push(item.key);
          depths.push(d);
        }
        if (item.value !== undefined) {
          stack.push(item.value);
          depths.push(d);
        }
      }
    }
  }
  return undefined;
}

interface Measure {
  readonly nodes: number;
  readonly depth: number;
}

/** A scalar, and what is not counted (after a failure, or past the recursion guard). */
const LEAF: Measure = { nodes: 1, depth: 0 };
const NOTHING: Measure = { nodes: 0, depth: 0 };

/**
 * Alias guards: the number of alias nodes, cycles through aliases, and the size and depth of the
 * document once every alias is expanded (memoised per node, so an alias bomb is measured in linear
 * time instead of being expanded).
 */
function checkAliases(doc: Document.Parsed, limits: YamlLimits, path: string): Diagnostic | undefined {
  const memo = new Map<Node, Measure>();
  const active = new Set<Node>();
  let aliases = 0;
  let failure: { reason: string; limit: string; node: Node } | undefined;
  const measure = (node: unknown, level: number): Measure => {
    if (failure !== undefined || level > limits.maxDepth * 2) return NOTHING;
    let target = node;
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) failure ??= { reason: `more than ${limits.maxAliases} aliases`, limit: 'aliases', node };
      target = node.resolve(doc);
    }
    if (!isCollection(target)) return LEAF;
    const known = memo.get(target);
    if (known !== undefined) return known;
    if (active.has(target)) {
      failure ??= { reason: 'an alias refers to the collection that contains it', limit: 'alias-cycle', node: node as Node };
      return NOTHING;
    }
    active.add(target);
    let nodes = 1;
    let depth = 0;
    const add = (m: Measure): void => {
      nodes += m.nodes;
      depth = Math.max(depth, m.depth);
    };
    for (const item of target.items) {
      if (isPair(item)) {
        add(measure(item.key, level + 1));
        add(measure(item.value, level + 1));
      } else {
        add(measure(item, level + 1));
      }
    }
    active.delete(target);
    const result = { nodes, depth: depth + 1 };
    memo.set(target, result);
    if (nodes > limits.maxExpandedNodes) {
      failure ??= { reason: `more than ${limits.maxExpandedNodes} values once aliases are expanded`, limit: 'expansion', node: node as Node };
    } else if (result.depth > limits.maxDepth) {
      failure ??= { reason: `nesting deeper than ${limits.maxDepth} levels once aliases are expanded`, limit: 'depth', node: node as Node };
    }
    return result;
  };
  measure(doc.contents, 0);
  if (failure === undefined) return undefined;
  const range = failure.node.range ?? [0, 0, 0];
  return diag('E004', { file: path, start: range[0], end: range[1] }, { reason: failure.reason }, { data: { limit: failure.limit } });
}
