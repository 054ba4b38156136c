// Stage 1 (loadYaml): SourceFile -> yaml Document + LineCounter. YAML syntax, duplicate keys,
// multiple documents, empty files and safety limits (size, nesting, aliases) become E00x diagnostics.
import { Composer, LineCounter, Parser, isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { CST, Document, Node, YAMLError } from 'yaml';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import type { SourceFile } from '../diagnostics/source.js';
import { withPlainEnv } from './yaml-env.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Safety limits for untrusted YAML. */
export interface YamlLimits {
  /** Maximum file length in UTF-16 code units (~bytes for ASCII). */
  readonly maxChars: number;
  /** Maximum nesting of collections, before and after alias expansion. */
  readonly maxDepth: number;
  /** Maximum number of alias nodes (`*name`) in the document. */
  readonly maxAliases: number;
  /**
   * Maximum number of values aliases add once expanded (alias-bomb guard): the values written
   * in the file itself are not counted (their number is bounded by the file size).
   */
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
  const tokens = parseTokens(file.text, lineCounter);
  if (tokens === undefined) {
    // yaml's parser recurses once per block nesting level: a file nested thousands of levels deep
    // overflows the stack before the depth check below can run.
    const reason = `nesting deeper than ${limits.maxDepth} levels`;
    return { diagnostics: [diag('E004', at(deepLineStart(file.text, limits.maxDepth)), { reason }, { data: { limit: 'depth' } })] };
  }
  // The composer recurses once per nesting level: check the depth on the (iterative) CST first.
  const deep = findDeepToken(tokens, limits.maxDepth);
  if (deep !== undefined) {
    const reason = `nesting deeper than ${limits.maxDepth} levels`;
    return { diagnostics: [diag('E004', at(deep), { reason }, { data: { limit: 'depth' } })] };
  }
  // Duplicate keys are found by findDuplicateKeys (linear); yaml's own check compares every key of
  // a map with every other (40 000 keys took 40 s).
  const docs = Array.from(new Composer({ ...PARSE_OPTIONS, uniqueKeys: false }).compose(tokens, true, file.text.length));
  const doc = docs[0];
  if (doc === undefined) return { diagnostics: [diag('E006', at(0))] };
  const diagnostics: Diagnostic[] = [];
  const second = docs[1];
  if (second !== undefined) diagnostics.push(diag('E005', at(second.range[0], second.range[1])));
  for (const e of [...doc.errors, ...doc.warnings]) diagnostics.push(yamlErrorToDiagnostic(file, e));
  appendAll(diagnostics, findDuplicateKeys(doc, file));
  if (diagnostics.length > 0) return { diagnostics };
  if (isEmptyDocument(doc)) return { diagnostics: [diag('E006', at(0))] };
  const limit = checkAliases(doc, limits, file.path);
  if (limit !== undefined) return { diagnostics: [limit] };
  return { value: { doc, lineCounter }, diagnostics: [] };
}

/** yaml's CST tokens, or undefined when the parser ran out of stack (nesting far too deep). */
function parseTokens(text: string, lineCounter: LineCounter): CST.Token[] | undefined {
  try {
    return withPlainEnv(() => Array.from(new Parser(lineCounter.addNewLine).parse(text)));
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * Where block nesting first goes deeper than `maxDepth`, estimated from the text alone (the
 * parser could not read it): indentation levels still open, plus the `- ` and `key: ` indicators
 * that open a collection on the same line. Only locates the E004; the start of the file otherwise.
 */
export function deepLineStart(text: string, maxDepth: number): number {
  const indents: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const content = line.slice(indent);
    if (content !== '' && !content.startsWith('#')) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      const inline = (content.match(/(?:^|\s)-(?=\s)|:(?=\s|$)/g) ?? []).length;
      if (indents.length + inline > maxDepth) return offset + indent;
    }
    offset += line.length + 1;
  }
  return 0;
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
    case 'DUPLICATE_KEY':
      return duplicateKeyDiagnostic(file, span);
    case 'MULTIPLE_DOCS':
      return diag('E005', span, {}, { data });
    case 'RESOURCE_EXHAUSTION':
      return diag('E004', span, { reason: firstLine(e.message) }, { data });
    default:
      return diag('E002', span, { reason: firstLine(e.message) }, { data });
  }
}

/** E003 for the duplicate key starting at `span.start`: the whole key as written is underlined. */
function duplicateKeyDiagnostic(file: SourceFile, span: Span): Diagnostic {
  const key = duplicateKeyText(file, span);
  const end = Math.min(file.text.length, Math.max(span.end, span.start + Math.max(1, key.length)));
  return diag('E003', { ...span, end }, { key }, { data: { yamlCode: 'DUPLICATE_KEY' } });
}

/**
 * E003 for every key that repeats an earlier key of the same map (keys are strings: stringKeys),
 * in document order. One set per map and an explicit stack: linear in the document's size.
 */
function findDuplicateKeys(doc: Document.Parsed, file: SourceFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = new Set<string>();
    const children: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) {
        if (isScalar(item.key) && item.key.range !== undefined && item.key.range !== null) {
          const text = String(item.key.value);
          if (seen.has(text)) found.push(duplicateKeyDiagnostic(file, { file: file.path, start: item.key.range[0], end: item.key.range[0] }));
          seen.add(text);
        } else {
          children.push(item.key);
        }
        children.push(item.value);
      } else {
        children.push(item);
      }
    }
    // Reversed onto the stack, so maps are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found.sort((a, b) => a.span.start - b.span.start);
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
  // Values added by expanding aliases (each alias adds its target's expanded size).
  let added = 0;
  let failure: { reason: string; limit: string; node: Node } | undefined;
  const measure = (node: unknown, level: number): Measure => {
    if (failure !== undefined || level > limits.maxDepth * 2) return NOTHING;
    let target = node;
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) failure ??= { reason: `more than ${limits.maxAliases} aliases`, limit: 'aliases', node };
      target = node.resolve(doc);
      if (isCollection(target)) {
        const expanded = measure(target, level);
        added += expanded.nodes;
        if (added > limits.maxExpandedNodes) {
          failure ??= { reason: `aliases add more than ${limits.maxExpandedNodes} values once expanded`, limit: 'expansion', node };
        }
        return expanded;
      }
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
    if (result.depth > limits.maxDepth) {
      failure ??= { reason: `nesting deeper than ${limits.maxDepth} levels once aliases are expanded`, limit: 'depth', node: node as Node };
    }
    return result;
  };
  measure(doc.contents, 0);
  if (failure === undefined) return undefined;
  const range = failure.node.range ?? [0, 0, 0];
  return diag('E004', { file: path, start: range[0], end: range[1] }, { reason: failure.reason }, { data: { limit: failure.limit } });
}
