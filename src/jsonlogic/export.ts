// `attain compile --to jsonlogic`: CheckedContract -> JSON Logic rules (jsonlogic.com) for every
// define, KPI target and payment `when`, with units resolved to base numbers and a data mapping
// saying which vars a host must supply. The lowering itself is in jsonlogic-lower.ts.
//
// Data mapping (decisions):
// - `{"var": "<metric>"}`: the metric in base units (percent/ratio as a fraction, duration in
//   seconds, money in currency units such as 12.5, counts and numbers as they are).
// - `{"var": "previous.<metric>"}`: the metric one period earlier (previous(), growth()).
// - Defines are inlined into every rule that uses them (each rule runs on metric data alone).
// - `{"var": "kpi.<id>"}`: a KPI used as a condition: true when met or excluded, false when
//   missed (the host evaluates the KPI rules first and applies grace windows and on_no_data).
// - `{"var": "attainment.<id>"}`, `{"var": "score"}`: fractions (1 = 100%).
// - `{"var": "status.<id>"}`: "met", "missed" or "excluded" (status(kpi)), after on_no_data.
// - `{"var": "period.index"}` (1 = the contract's first period), `{"var": "period.month"}`,
//   `{"var": "period.year"}`, `{"var": "period.days"}` (days in the period, 28-92).
// - "No value" (a null or absent var, a zero divisor) makes a rule null, as attain's no-data; `??`
//   takes its right side there. JSON Logic has no null-propagation, so rules carry guards.
import type { Contract } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { InternalError } from '../diagnostics/diagnostic.js';
import { CheckSession } from '../check/session.js';
import type { CheckedContract } from '../check/checked-contract.js';
import { ruleSize } from './build.js';
import type { JsonLogic } from './build.js';
import { finishRule, lowerNode } from './lower.js';
import type { Lowered, LowerEnv } from './lower.js';
import { jsonLogicReads, jsonLogicValue } from '../check/jsonlogic-target.js';
import type { TypedNode } from '../check/typed-tree.js';
import { appendAll } from '../diagnostics/append-all.js';

/** Largest rule written (nodes, after inlining defines): beyond it the contract is E023. */
export const MAX_RULE_NODES = 100_000;

/** Largest output in all (nodes of every rule together, about 25 bytes each): beyond it, E023. */
export const MAX_TOTAL_NODES = 2_000_000;

/** Object keyed by user text (ids, var paths): no prototype, so `__proto__` is an ordinary key. */
export type Keyed<T> = { [key: string]: T };

export interface JsonLogicProgram {
  readonly contract: string;
  readonly version: number;
  readonly data_mapping: {
    readonly units: string;
    readonly defines: string;
    readonly no_value: string;
    readonly vars: Keyed<string>;
  };
  readonly defines: Keyed<JsonLogic>;
  readonly kpis: Keyed<JsonLogic>;
  readonly payments: Keyed<JsonLogic>;
}

function keyed<T>(entries: readonly (readonly [string, T])[]): Keyed<T> {
  const out = Object.create(null) as Keyed<T>;
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const UNIT_TEXT: Readonly<Record<string, string>> = {
  count: 'count',
  number: 'number',
  percent: 'percent, as a fraction (20% = 0.2)',
  ratio: 'ratio, as a fraction',
  duration: 'duration, in seconds',
};

/**
 * JSON Logic rules for a checked contract. Deterministic: sections in contract order, vars sorted.
 * Errors: E023 when a rule would be too large, E035 when a metric's name is one of the data
 * namespaces the rules use (`kpi`, `previous`, `attainment`).
 */
export function compileToJsonLogic(checked: CheckedContract): StageResult<JsonLogicProgram> {
  const contract = checked.contract;
  const session = new CheckSession(contract);
  const vars = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const memo = new Map<string, Lowered>();
  const reported = new Set<string>();
  const env: LowerEnv = {
    useVar: (path) => vars.add(path),
    inexact: (span, exact, float) => {
      const key = `${span.file}:${span.start}`;
      if (reported.has(key)) return;
      reported.add(key);
      diagnostics.push(
        diag('E023', span, { reason: `the constant ${exact} has no exact JSON Logic number: JSON Logic computes in 64-bit floats, which hold it as ${float}` }, { hint: 'keep constants within 15 significant digits to compile this contract to JSON Logic' }),
      );
    },
    define: (name) => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const l = lowerNode(typedOrFail(session.defineTyped(name)?.typed, `define ${name}`), env);
      memo.set(name, l);
      return l;
    },
  };
  let total = 0;
  let overBudget = false;
  const rule = (t: TypedNode, span: Span): JsonLogic => {
    // Past the budget nothing more is lowered: the run fails anyway, and fast.
    if (overBudget) return null;
    const r = finishRule(lowerNode(t, env), t.type.kind === 'boolean');
    const size = ruleSize(r);
    if (size > MAX_RULE_NODES) {
      diagnostics.push(diag('E023', span, { reason: `the JSON Logic rule would have ${size} nodes once defines are inlined (the limit is ${MAX_RULE_NODES})` }));
      return null;
    }
    total += size;
    if (total > MAX_TOTAL_NODES) {
      overBudget = true;
      diagnostics.push(diag('E023', span, { reason: `the JSON Logic rules would have more than ${MAX_TOTAL_NODES} nodes in all once defines are inlined (here the limit is crossed)` }));
      return null;
    }
    return r;
  };
  const defines = [...contract.defines.values()].map((d) => [d.name, rule(typedOrFail(session.defineTyped(d.name)?.typed, d.name), d.expr.span)] as const);
  const kpis = [...contract.kpis.values()].map((k) => {
    if (k.jsonlogic !== undefined) {
      for (const m of jsonLogicReads(k.jsonlogic)) vars.add(m);
      return [k.id, jsonLogicValue(k.jsonlogic)] as const;
    }
    return [k.id, rule(typedOrFail(session.typed(k.target, []), k.id), k.target.span)] as const;
  });
  const payments = contract.payments.map((p) => [p.id, p.when === undefined ? true : rule(typedOrFail(session.typed(p.when, []), p.id), p.when.span)] as const);
  appendAll(diagnostics, namespaceConflicts(contract, vars));
  if (diagnostics.length > 0) return { diagnostics };
  return {
    value: {
      contract: contract.id.value,
      version: contract.version.value,
      data_mapping: {
        units: `base units: percent and ratio as fractions (20% = 0.2), durations in seconds, money in ${contract.currency.value} currency units (not minor units)`,
        defines: 'inlined into every rule that uses them',
        no_value: 'a rule is null where attain has no value (a var that is null or absent, a zero divisor); ?? takes its right side there',
        vars: keyed([...vars].sort().map((v) => [v, describeVar(contract, v)] as const)),
      },
      defines: keyed(defines),
      kpis: keyed(kpis),
      payments: keyed(payments),
    },
    diagnostics,
  };
}

function typedOrFail(t: TypedNode | undefined, what: string): TypedNode {
  if (t === undefined) throw new InternalError(`jsonlogic: ${what} did not type-check again`);
  return t;
}

function describeVar(contract: Contract, path: string): string {
  const [head = '', rest = ''] = path.includes('.') ? [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)] : [path];
  const unitOf = (name: string): string => {
    const unit = contract.metrics.get(name)?.unit.value ?? 'number';
    return unit === 'money' ? `money, in ${contract.currency.value}` : (UNIT_TEXT[unit] ?? unit);
  };
  if (path === 'score') return 'weighted score of the weighted KPIs, as a fraction (1 = 100%)';
  if (path === 'period.index') return "period index: 1 for the contract's first period";
  if (path === 'period.month') return 'month of the period, 1-12';
  if (path === 'period.year') return 'calendar year of the period (2026)';
  if (path === 'period.days') return 'days in the period: 28-31 for a month, 90-92 for a quarter';
  switch (head) {
    case 'previous':
      return `metric ${rest} one period earlier: ${unitOf(rest)}`;
    case 'kpi':
      return `KPI ${rest}: true when met or excluded, false when missed, null when it has no data`;
    case 'attainment':
      return `attainment of KPI ${rest}, capped, as a fraction (1 = 100%)`;
    case 'status':
      return `status of KPI ${rest}: "met", "missed" or "excluded", null when it has no data`;
    default:
      return `metric ${path}: ${unitOf(path)}`;
  }
}

/** E035 for a metric named like a namespace the rules read (`kpi.x` next to a metric `kpi`). */
function namespaceConflicts(contract: Contract, vars: ReadonlySet<string>): Diagnostic[] {
  const heads = new Set([...vars].filter((v) => v.includes('.')).map((v) => v.slice(0, v.indexOf('.'))));
  return [...contract.metrics.values()]
    .filter((m) => heads.has(m.name))
    .map((m) => diag('E035', m.nameSpan, { name: m.name, what: `a JSON Logic data namespace (${m.name}.<name>) in the compiled rules` }, { hint: 'rename the metric to compile this contract to JSON Logic' }));
}
