// Language server, step 1: one open document's text -> Analysis (what kind of file it is, its
// contract model and checked contract when they could be built, and an index of its names).
// Everything comes from the same stages `attain validate` runs (check/check-file.ts).
import type { Contract, ExprText, RawRecord } from '../contract/model.js';
import type { CheckedContract } from '../check/checked-contract.js';
import { checkContractFileWithAdvice } from '../check/check-file.js';
import { isSourcesText, looksLikeDataFile } from '../data/data-owner.js';
import { loadMetricFile } from '../data/load-metrics.js';
import type { RawDataSet } from '../data/metric-data.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { createSourceFile, type SourceFile } from '../diagnostics/source.js';
import { expressionScalars } from '../fmt/expression-scalars.js';
import type { Expr } from '../parser/ast.js';
import { parseExpression } from '../parser/parse.js';

export type SymbolKind = 'metric' | 'define' | 'kpi';

/** A metric, define or KPI id as declared: the span is the declaring key. */
export interface DeclaredName {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly span: Span;
}

/** A use of a declared name: a name in an expression, or a metric key in a test's data. */
export interface NameUse {
  readonly name: string;
  readonly span: Span;
}

/** One expression scalar of the contract and its syntax tree when it parses. */
export interface ExprSite {
  readonly text: ExprText;
  /** Absent (undefined) when the text does not parse. */
  readonly expr?: Expr | undefined;
}

export interface NameIndex {
  /** Declarations by name (the first one wins, as in check/resolve.ts). */
  readonly declared: ReadonlyMap<string, DeclaredName>;
  readonly uses: readonly NameUse[];
  readonly exprs: readonly ExprSite[];
}

export type FileKind = 'contract' | 'data' | 'sources';

export interface Analysis {
  readonly file: SourceFile;
  readonly kind: FileKind;
  /** The contract model (stages 1-3), when it could be built. */
  readonly contract?: Contract;
  /** Present only when no stage reported an error. */
  readonly checked?: CheckedContract;
  /** Findings of stages 1-6 for a contract (data files are checked with their contract later). */
  readonly diagnostics: readonly Diagnostic[];
  readonly index?: NameIndex;
  /** A data file as read (once per change; bound to its contract in workspace-diagnostics.ts). */
  readonly data?: StageResult<RawDataSet>;
}

/** Analyse one document's text; `path` is the file path every span names. Never throws for bad input. */
export function analyse(path: string, text: string): Analysis {
  const file = createSourceFile(path, text);
  const yaml = /\.ya?ml$/i.test(path);
  // The same order as validate-file.ts: a sources file (SPEC 9), metric data, else a contract.
  if (yaml && isSourcesText(text)) return { file, kind: 'sources', diagnostics: [] };
  if (!yaml || looksLikeDataFile(path, text)) return { file, kind: 'data', diagnostics: [], data: loadMetricFile(file) };
  const checked = checkContractFileWithAdvice(file);
  const contract = checked.contract;
  return {
    file,
    kind: 'contract',
    diagnostics: checked.diagnostics,
    ...(contract === undefined ? {} : { contract, index: indexNames(contract) }),
    ...(checked.checked === undefined ? {} : { checked: checked.checked }),
  };
}

/**
 * Declarations and uses of every metric, define and KPI id of a contract. The expressions' syntax
 * trees and the uses are built on first access (hover, completion, names), not on every keystroke:
 * publishing diagnostics reads only the declarations and where the expressions are.
 */
export function indexNames(contract: Contract): NameIndex {
  const declared = new Map<string, DeclaredName>();
  const declare = (d: DeclaredName): void => {
    if (!declared.has(d.name)) declared.set(d.name, d);
  };
  for (const m of contract.metrics.values()) declare({ kind: 'metric', name: m.name, span: m.nameSpan });
  for (const d of contract.defines.values()) declare({ kind: 'define', name: d.name, span: d.nameSpan });
  for (const k of contract.kpis.values()) declare({ kind: 'kpi', name: k.id, span: k.idSpan });
  const exprs = expressionScalars(contract).map(lazySite);
  let uses: NameUse[] | undefined;
  return {
    declared,
    exprs,
    get uses(): readonly NameUse[] {
      uses ??= usesIn(contract, exprs);
      return uses;
    },
  };
}

/** An expression scalar whose syntax tree is parsed when first asked for. */
function lazySite(text: ExprText): ExprSite {
  let parsed: { value?: Expr } | undefined;
  return {
    text,
    get expr(): Expr | undefined {
      parsed ??= parseExpression(text.text, text.origin);
      return parsed.value;
    },
  };
}

/** Every use of a name: in expressions, as a metric key of tests' data, as a KPI key of tests' expectations. */
function usesIn(contract: Contract, exprs: readonly ExprSite[]): NameUse[] {
  const uses: NameUse[] = [];
  for (const site of exprs) {
    if (site.expr === undefined) continue;
    walk(site.expr, (e) => {
      if (e.kind === 'Name' && e.path.length === 1) uses.push({ name: e.path[0] ?? '', span: e.span });
    });
  }
  const dataKeys = (record: RawRecord): void => {
    for (const [name, v] of record) uses.push({ name, span: v.keySpan });
  };
  for (const t of contract.tests) {
    dataKeys(t.data);
    for (const h of t.history.values()) dataKeys(h.value);
    for (const [id, want] of t.expect.kpis ?? []) {
      const key = keyBefore(contract.file.text, id, want.span.start);
      if (key !== undefined) uses.push({ name: id, span: { file: want.span.file, start: key, end: key + id.length } });
    }
  }
  return uses;
}

/**
 * Offset of the key `id` written just before a value at `valueStart` (`id: met`, `"id": met`):
 * the model keeps the span of an expected KPI status, not of its key.
 */
function keyBefore(text: string, id: string, valueStart: number): number | undefined {
  const at = text.lastIndexOf(id, valueStart);
  if (at < 0) return undefined;
  const between = text.slice(at + id.length, valueStart);
  return /^["']?\s*:\s*$/.test(between) && !/[A-Za-z0-9_]/.test(text[at - 1] ?? '') ? at : undefined;
}

/** Every node of an expression, parents before children. */
export function walk(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'Unary':
      walk(e.operand, visit);
      break;
    case 'Binary':
      walk(e.left, visit);
      walk(e.right, visit);
      break;
    case 'Between':
      walk(e.value, visit);
      walk(e.low, visit);
      walk(e.high, visit);
      break;
    case 'In':
      walk(e.value, visit);
      for (const i of e.items) walk(i, visit);
      break;
    case 'If':
      walk(e.cond, visit);
      walk(e.then, visit);
      walk(e.else, visit);
      break;
    case 'Call':
      for (const a of e.args) walk(a, visit);
      break;
    default:
      break;
  }
}

/** The expression scalar whose span holds `offset` (its end included: the cursor after the last character). */
export function exprAt(index: NameIndex, offset: number): ExprSite | undefined {
  return index.exprs.find((s) => s.text.span.start <= offset && offset <= s.text.span.end);
}

/** The smallest node of an expression whose span holds `offset`. */
export function nodeAt(expr: Expr, offset: number): Expr | undefined {
  let found: Expr | undefined;
  walk(expr, (e) => {
    if (e.span.start <= offset && offset <= e.span.end) {
      if (found === undefined || e.span.end - e.span.start <= found.span.end - found.span.start) found = e;
    }
  });
  return found;
}

/**
 * Whether a span is a whole expression scalar whose characters could not be mapped (then every
 * diagnostic inside it covers the scalar, and the editor says so).
 */
export function coversUnmappedScalar(index: NameIndex | undefined, span: Span): boolean {
  return (index?.exprs ?? []).some((s) => {
    const o = s.text.origin;
    return o.unmapped === true && o.scalar?.start === span.start && o.scalar.end === span.end;
  });
}
