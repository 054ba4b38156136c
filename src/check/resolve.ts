// Stage 5 (resolveNames): the contract's names -> symbols (metrics, defines, KPIs, reserved
// names), name conflicts, unknown-name diagnostics with did-you-mean, and the dependency order of
// evaluation steps with cycle diagnostics. Maps only: `__proto__` is an ordinary unknown name.
import type { Contract } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';
import type { ValueType } from '../language/value-types.js';
import type { StepRef } from './typed-tree.js';
import { metricType } from '../language/units.js';
import { postOrder } from './post-order.js';

export type NameSymbol =
  | { readonly kind: 'metric'; readonly name: string; readonly slot: number; readonly type: ValueType; readonly span: Span }
  | { readonly kind: 'define'; readonly name: string; readonly slot: number; readonly span: Span }
  | { readonly kind: 'kpi'; readonly name: string; readonly slot: number; readonly span: Span };

/** Names of the language itself: they cannot be used for metrics, defines or KPIs. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['score', 'period']);
/** Dotted names of the language (`period.index`). */
export const PERIOD_NAMES: readonly string[] = ['period.index', 'period.month', 'period.year', 'period.days'];

export interface Scope {
  readonly symbols: ReadonlyMap<string, NameSymbol>;
  /** Metric names by slot (declaration order). */
  readonly metricNames: readonly string[];
}

const WHAT: Record<NameSymbol['kind'], string> = { metric: 'a metric', define: 'a define', kpi: 'a KPI id' };

/** Symbol table of a contract. The first declaration of a name wins; later ones get E035. */
export function buildScope(contract: Contract): { scope: Scope; diagnostics: Diagnostic[] } {
  const symbols = new Map<string, NameSymbol>();
  const diagnostics: Diagnostic[] = [];
  const add = (sym: NameSymbol): void => {
    const existing = symbols.get(sym.name);
    if (RESERVED_NAMES.has(sym.name)) {
      diagnostics.push(diag('E035', sym.span, { name: sym.name, what: 'a built-in name' }));
    } else if (existing !== undefined) {
      diagnostics.push(
        diag('E035', sym.span, { name: sym.name, what: WHAT[existing.kind] }, { labels: [{ span: existing.span, message: 'declared here' }] }),
      );
    } else {
      symbols.set(sym.name, sym);
    }
  };
  const metricNames: string[] = [];
  for (const m of contract.metrics.values()) {
    const type = metricType(m.unit.value, contract.currency.value);
    add({ kind: 'metric', name: m.name, slot: metricNames.length, type, span: m.nameSpan });
    metricNames.push(m.name);
  }
  let slot = 0;
  for (const d of contract.defines.values()) add({ kind: 'define', name: d.name, slot: slot++, span: d.nameSpan });
  slot = 0;
  for (const k of contract.kpis.values()) add({ kind: 'kpi', name: k.id, slot: slot++, span: k.idSpan });
  return { scope: { symbols, metricNames }, diagnostics };
}

/** Every name an expression may use (for did-you-mean). */
export function namesInScope(scope: Scope): string[] {
  return [...scope.symbols.keys(), 'score', ...PERIOD_NAMES];
}

/** E030 for an unknown name, with `did you mean "x"?` over the names in scope. */
export function unknownName(name: string, span: Span, candidates: Iterable<string>, code: 'E030' | 'E033' = 'E030'): Diagnostic {
  const best = suggestName(name, candidates);
  return diag(code, span, { name }, best === undefined ? {} : { hint: `did you mean "${best}"?` });
}

/** Step keys: `define:<name>`, `kpi:<id>`, `score`. */
export function defineStep(name: string): string {
  return `define:${name}`;
}
export function kpiStep(id: string): string {
  return `kpi:${id}`;
}
export const SCORE_STEP = 'score';

function displayStep(step: string): string {
  return step.replace(/^(define|kpi):/, '');
}

/**
 * Steps in dependency order (each after the steps it refers to) and one E031 per cycle, located
 * at the reference from the cycle's first step to the next, with the path `a -> b -> a`.
 * References to steps not in `steps` (failed expressions) are ignored.
 */
export function orderSteps(steps: ReadonlyMap<string, readonly StepRef[]>): { order: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seenCycles = new Set<string>();
  const order = postOrder(steps, (ref) => ref.step, (path, ref) => reportCycle(path, ref, steps, seenCycles, diagnostics));
  return { order, diagnostics };
}

function reportCycle(
  members: readonly string[],
  closing: StepRef,
  steps: ReadonlyMap<string, readonly StepRef[]>,
  seen: Set<string>,
  out: Diagnostic[],
): void {
  const key = [...members].sort().join('\u0000');
  if (seen.has(key)) return;
  seen.add(key);
  const first = members[0] ?? closing.step;
  const second = members[1] ?? first;
  const span = (steps.get(first) ?? []).find((r) => r.step === second)?.span ?? closing.span;
  const path = [...members, first].map(displayStep).join(' -> ');
  out.push(diag('E031', span, { path }));
}
