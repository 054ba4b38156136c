// Stage 6 for KPI targets written as JSON Logic (`target: { jsonlogic: <rule> }`): check the
// rule against the contract (known operators, declared metrics, a condition as result) and keep
// it as data; src/compile/jsonlogic-target.ts runs it on json-logic-js.
//
// Safety: json-logic-js's `var` walks properties of the data object, and its operator lookup is a
// property lookup too. Only the standard operators pass the check (`log` is refused: it writes to
// the console); `var` must name a declared metric literally (no dots, no computed names), so no
// path can reach a prototype; the data object has a null prototype and holds declared metrics only.
//
// Precision: metric values are handed to json-logic-js as JS numbers (binary floats, the nearest
// double to the exact value), so a rule can decide a boundary differently from an attain
// expression (0.1 + 0.2 <= 0.3 is false in JSON Logic). Attainment is met-or-missed (100% / 0%)
// unless the KPI gives an explicit `attainment:` expression.
import type { JsonNode, KpiDecl } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { Expr } from '../parser/ast.js';
import type { CheckedJsonLogicTarget } from './checked-contract.js';
import { unknownName } from './resolve.js';
import type { Scope } from './resolve.js';
import { BOOLEAN } from '../language/value-types.js';
import { appendAll } from '../diagnostics/append-all.js';

/** The operators of json-logic-js 2.x (its standard set), with their argument counts. */
export const JSONLOGIC_OPERATORS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['==', [2, 2]], ['===', [2, 2]], ['!=', [2, 2]], ['!==', [2, 2]], ['>', [2, 2]], ['>=', [2, 2]],
  ['<', [2, 3]], ['<=', [2, 3]], ['!', [1, 1]], ['!!', [1, 1]], ['%', [2, 2]], ['log', [1, 1]],
  ['in', [2, 2]], ['cat', [0, Infinity]], ['substr', [2, 3]], ['+', [0, Infinity]], ['*', [1, Infinity]],
  ['-', [1, 2]], ['/', [2, 2]], ['min', [1, Infinity]], ['max', [1, Infinity]], ['merge', [0, Infinity]],
  ['var', [1, 2]], ['missing', [0, Infinity]], ['missing_some', [2, 2]], ['if', [1, Infinity]],
  ['?:', [1, Infinity]], ['and', [1, Infinity]], ['or', [1, Infinity]], ['filter', [2, 2]], ['map', [2, 2]],
  ['reduce', [2, 3]], ['all', [2, 2]], ['none', [2, 2]], ['some', [2, 2]],
]);

type Kind = 'boolean' | 'number' | 'string' | 'array' | 'null' | 'unknown';

const BOOLEAN_OPS = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', 'in', 'all', 'some', 'none']);
const NUMBER_OPS = new Set(['%', '+', '*', '-', '/', 'min', 'max']);
const ARRAY_OPS = new Set(['merge', 'missing', 'missing_some', 'map', 'filter']);
/** Operators whose second argument runs with each array element as its data. */
const SCOPED_OPS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

const FOUND: Readonly<Record<Kind, string>> = {
  boolean: 'a condition', number: 'a number', string: 'text', array: 'a list', null: 'an empty value', unknown: 'a value',
};

/** Where `var` names are looked up: the period's metrics, or an array element (map, reduce...). */
type VarScope = { readonly kind: 'data' } | { readonly kind: 'element'; readonly names: readonly string[] };

/** A JSON Logic rule as plain data (what json-logic-js takes). */
export type JsonLogic = null | boolean | number | string | readonly JsonLogic[] | { readonly [op: string]: JsonLogic };

/** The rule as json-logic-js data: objects with a null prototype, keys as written. */
export function jsonLogicValue(n: JsonNode): JsonLogic {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'array':
      return n.items.map(jsonLogicValue);
    case 'object': {
      const out = Object.create(null) as { [k: string]: JsonLogic };
      for (const e of n.entries) Object.defineProperty(out, e.key, { value: jsonLogicValue(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
  }
}

class RuleChecker {
  readonly diagnostics: Diagnostic[] = [];
  /** Metrics the rule reads with `var` (they must be present in the period). */
  readonly reads = new Map<string, Span>();

  constructor(private readonly metrics: ReadonlyMap<string, number>) {}

  check(n: JsonNode, scope: VarScope): Kind {
    switch (n.kind) {
      case 'scalar':
        return n.value === null ? 'null' : (typeof n.value as 'boolean' | 'number' | 'string');
      case 'array':
        n.items.forEach((i) => this.check(i, scope));
        return 'array';
      case 'object':
        return this.operation(n, scope);
    }
  }

  private operation(n: Extract<JsonNode, { kind: 'object' }>, scope: VarScope): Kind {
    const entry = n.entries[0];
    if (entry === undefined || n.entries.length !== 1) {
      const reason = `a JSON Logic operation is a mapping with exactly one key, the operator (found ${n.entries.length} keys)`;
      this.diagnostics.push(diag('E013', n.span, { reason }));
      return 'unknown';
    }
    const name = entry.key;
    const arity = JSONLOGIC_OPERATORS.get(name);
    if (arity === undefined) {
      this.diagnostics.push(unknownName(name, entry.keySpan, JSONLOGIC_OPERATORS.keys(), 'E033'));
      return 'unknown';
    }
    if (name === 'log') {
      this.diagnostics.push(diag('E036', entry.keySpan, { reason: 'the JSON Logic operator "log" writes to the console and is not allowed in a contract' }));
      return 'unknown';
    }
    const args = entry.value.kind === 'array' ? entry.value.items : [entry.value];
    if (args.length < arity[0] || args.length > arity[1]) {
      const expected = arity[0] === arity[1] ? String(arity[0]) : arity[1] === Infinity ? `at least ${arity[0]}` : `${arity[0]} to ${arity[1]}`;
      this.diagnostics.push(diag('E034', entry.keySpan, { name, expected, actual: args.length }));
      return 'unknown';
    }
    if (name === 'var') return this.readVar(args, scope, entry.keySpan);
    if (name === 'missing' || name === 'missing_some') {
      this.namesIn(name === 'missing' ? args : args.slice(1), scope);
      return 'array';
    }
    const kinds = args.map((a, i) => this.check(a, SCOPED_OPS.has(name) && i === 1 ? elementScope(name) : scope));
    return resultKind(name, kinds);
  }

  private readVar(args: readonly JsonNode[], scope: VarScope, at: Span): Kind {
    const [path, fallback] = args;
    if (fallback !== undefined && fallback.kind !== 'scalar') {
      this.diagnostics.push(diag('E036', fallback.span, { reason: 'the default of var must be a plain value' }));
    }
    if (path === undefined || path.kind !== 'scalar' || typeof path.value !== 'string') {
      this.diagnostics.push(diag('E036', path?.span ?? at, { reason: 'var must name a metric as text, not compute the name' }));
      return 'unknown';
    }
    return this.name(path.value, path.span, scope) ? (scope.kind === 'data' ? 'number' : 'unknown') : 'unknown';
  }

  /** `missing` / `missing_some` take metric names (or lists of them). */
  private namesIn(args: readonly JsonNode[], scope: VarScope): void {
    for (const a of args) {
      if (a.kind === 'array') this.namesIn(a.items, scope);
      else if (a.kind === 'scalar' && typeof a.value === 'string') this.name(a.value, a.span, scope, false);
      else this.diagnostics.push(diag('E036', a.span, { reason: 'missing takes metric names as text' }));
    }
  }

  private name(text: string, span: Span, scope: VarScope, read = true): boolean {
    const candidates = scope.kind === 'data' ? [...this.metrics.keys()] : scope.names;
    const known = scope.kind === 'data' ? this.metrics.has(text) : scope.names.includes(text);
    if (!known) {
      if (text === '' && scope.kind === 'data') {
        this.diagnostics.push(diag('E036', span, { reason: 'var "" reads the whole data object; name a metric' }));
      } else {
        this.diagnostics.push(unknownName(text, span, candidates));
      }
      return false;
    }
    if (read && scope.kind === 'data' && !this.reads.has(text)) this.reads.set(text, span);
    return true;
  }
}

function elementScope(op: string): VarScope {
  return { kind: 'element', names: op === 'reduce' ? ['current', 'accumulator'] : [''] };
}

function resultKind(name: string, args: readonly Kind[]): Kind {
  if (BOOLEAN_OPS.has(name)) return 'boolean';
  if (NUMBER_OPS.has(name)) return 'number';
  if (ARRAY_OPS.has(name)) return 'array';
  if (name === 'cat' || name === 'substr') return 'string';
  if (name === 'and' || name === 'or') return joinKinds(args);
  if (name === 'if' || name === '?:') return joinKinds(args.filter((_, i) => i % 2 === 1 || i === args.length - 1));
  return 'unknown';
}

/** The kind of a value that is one of `kinds` (and/or, if branches). */
function joinKinds(kinds: readonly Kind[]): Kind {
  if (kinds.every((k) => k === 'boolean' || k === 'unknown')) return kinds.includes('unknown') ? 'unknown' : 'boolean';
  return kinds.find((k) => k !== 'boolean' && k !== 'unknown') ?? 'unknown';
}

/**
 * Check a KPI's JSON Logic target; the checked rule (a condition) when it is valid. Diagnostics:
 * E013 (not an operation), E033 (unknown operator, did-you-mean), E034 (argument count), E030
 * (var not a declared metric, did-you-mean), E036 (computed var names, `log`), E043 (not a
 * condition).
 */
export function checkJsonLogicTarget(decl: KpiDecl, rule: JsonNode, scope: Scope, out: Diagnostic[]): CheckedJsonLogicTarget | undefined {
  const metrics = new Map<string, number>();
  for (const sym of scope.symbols.values()) if (sym.kind === 'metric') metrics.set(sym.name, sym.slot);
  const checker = new RuleChecker(metrics);
  const kind = checker.check(rule, { kind: 'data' });
  appendAll(out, checker.diagnostics);
  if (checker.diagnostics.length > 0) return undefined;
  if (kind !== 'boolean' && kind !== 'unknown') {
    out.push(diag('E043', rule.span, { what: `the JSON Logic target of KPI "${decl.id}"`, found: FOUND[kind] }));
    return undefined;
  }
  const span = decl.target.span;
  // The AST stand-in for a rule that is not an expression: `jsonlogic()` over the target's span.
  const expr: Expr = { kind: 'Call', callee: 'jsonlogic', calleeSpan: span, args: [], span };
  return { expr, type: BOOLEAN, span, jsonlogic: rule, metricSlots: metrics, reads: checker.reads };
}

/** The var names a rule reads from the period's data (not those inside map/reduce/...), in order. */
export function jsonLogicReads(n: JsonNode): string[] {
  const out = new Set<string>();
  const walk = (node: JsonNode): void => {
    if (node.kind === 'array') node.items.forEach(walk);
    if (node.kind !== 'object' || node.entries.length !== 1) return;
    const entry = node.entries[0] as { key: string; value: JsonNode };
    const args = entry.value.kind === 'array' ? entry.value.items : [entry.value];
    const first = args[0];
    if (entry.key === 'var' && first?.kind === 'scalar' && typeof first.value === 'string') out.add(first.value);
    else args.forEach((a, i) => (SCOPED_OPS.has(entry.key) && i === 1 ? undefined : walk(a)));
  };
  walk(n);
  return [...out];
}
