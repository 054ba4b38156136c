// Stage 7 (evaluatePeriod) support: a boolean compiled node -> the shape of its explanation, worked
// out once per compiled node (kinds, operators, source texts, display types, flattened operands).
import type { Span } from '../diagnostics/diagnostic.js';
import type { CompiledNode } from '../compile/compile-expression.js';
import { scalar } from '../language/value-types.js';
import type { ValueType } from '../language/value-types.js';
import type { Value } from '../language/values.js';

/** A constant side as explanation.ts's ExplainSide has it (no text or span: the value says it all). */
export interface ConstantSide {
  readonly value: Value;
  readonly type: ValueType;
}

/**
 * One side of a comparison: a constant is one ExplainSide for every evaluation (its value is the
 * compiled node's own object); any other side is read from the frame and shown with its text.
 */
export type SidePlan =
  | { readonly kind: 'constant'; readonly side: ConstantSide }
  | { readonly kind: 'read'; readonly node: CompiledNode; readonly text: string; readonly span: Span; readonly type: ValueType };

/** A boolean node's explanation without this evaluation's values (see explainNode). */
export type ExplainPlan =
  | { readonly kind: 'comparison'; readonly op: string; readonly left: SidePlan; readonly right: SidePlan }
  | { readonly kind: 'between'; readonly value: SidePlan; readonly low: SidePlan; readonly high: SidePlan }
  /** `x in [a, b, c]`: the value tested and each item of the list. */
  | { readonly kind: 'membership'; readonly value: SidePlan; readonly items: readonly SidePlan[] }
  /** `operands` are already flattened: `a and (b and c)` has three. */
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly operands: readonly OperandPlan[] }
  | { readonly kind: 'not'; readonly operand: OperandPlan }
  | { readonly kind: 'condition'; readonly text: string; readonly span: Span; readonly type: ValueType };

/** An operand of `and`/`or`/`not`: the node whose value gives its outcome, and its plan. */
export interface OperandPlan {
  readonly node: CompiledNode;
  readonly plan: ExplainPlan;
}

/** A root's plan and the file text its source texts were cut from. */
interface Planned {
  readonly source: string;
  readonly plan: ExplainPlan;
}

/**
 * Plans by compiled node (a KPI's target), with the text they were cut from: the slices, display
 * types and flattening are constants of the compiled node, so they are made on first use and not
 * on every evaluation. The entry goes with the program.
 */
const plans = new WeakMap<CompiledNode, Planned>();

/** The plan of `node` whose spans point into `source` (made once per node and text). */
export function explainPlanOf(node: CompiledNode, source: string): ExplainPlan {
  const known = plans.get(node);
  if (known !== undefined && known.source === source) return known.plan;
  const plan = planOf(node, source);
  plans.set(node, { source, plan });
  return plan;
}

/** The percent type of explanations, one object (types are read-only). */
const PERCENT: ValueType = scalar('percent');

/** Percent wins: when either side of a comparison is a percent, both are shown as percent. */
export function displayTypes(a: ValueType, b: ValueType): [ValueType, ValueType] {
  if (a.kind === 'scalar' && b.kind === 'scalar' && (a.flavor === 'percent' || b.flavor === 'percent')) {
    return [PERCENT, PERCENT];
  }
  return [a, b];
}

/**
 * The display types of `x in [a, b, c]`: as for a comparison, percent wins, here over the value
 * and every item (one percent among them shows every number of the sentence as a percent).
 */
export function membershipTypes(value: ValueType, items: readonly ValueType[]): { value: ValueType; items: ValueType[] } {
  const isPercent = (t: ValueType): boolean => t.kind === 'scalar' && t.flavor === 'percent';
  if (!isPercent(value) && !items.some(isPercent)) return { value, items: [...items] };
  const shown = (t: ValueType): ValueType => (t.kind === 'scalar' ? PERCENT : t);
  return { value: shown(value), items: items.map(shown) };
}

function sidePlan(node: CompiledNode, type: ValueType, source: string): SidePlan {
  if (node.constant !== undefined) return { kind: 'constant', side: { value: node.constant, type } };
  const span = node.typed.expr.span;
  return { kind: 'read', node, text: source.slice(span.start, span.end), span, type };
}

/** The operands of a logical node, with those of nested nodes of the same operator in line. */
function operandsOf(node: CompiledNode, op: 'and' | 'or', source: string, into: OperandPlan[]): OperandPlan[] {
  for (const c of node.children) {
    const t = c.typed;
    if (t.kind === 'Logical' && t.op === op) operandsOf(c, op, source, into);
    else into.push({ node: c, plan: planOf(c, source) });
  }
  return into;
}

/** The same cases, in the same order, as explainNodeReference (evaluate/explanation.ts). */
function planOf(node: CompiledNode, source: string): ExplainPlan {
  const t = node.typed;
  const [c0, c1, c2] = node.children;
  if (t.kind === 'Compare' && c0 !== undefined && c1 !== undefined) {
    const [lt, rt] = displayTypes(t.left.type, t.right.type);
    return { kind: 'comparison', op: t.op, left: sidePlan(c0, lt, source), right: sidePlan(c1, rt, source) };
  }
  if (t.kind === 'Between' && c0 !== undefined && c1 !== undefined && c2 !== undefined) {
    const [vt, bt] = displayTypes(t.value.type, t.low.type);
    return { kind: 'between', value: sidePlan(c0, vt, source), low: sidePlan(c1, bt, source), high: sidePlan(c2, bt, source) };
  }
  if (t.kind === 'In' && c0 !== undefined) {
    const types = membershipTypes(t.value.type, t.items.map((i) => i.type));
    const items = node.children.slice(1).map((c, i) => sidePlan(c, types.items[i] ?? c.typed.type, source));
    return { kind: 'membership', value: sidePlan(c0, types.value, source), items };
  }
  if (t.kind === 'Logical') return { kind: 'logical', op: t.op, operands: operandsOf(node, t.op, source, []) };
  if (t.kind === 'Not' && c0 !== undefined) return { kind: 'not', operand: { node: c0, plan: planOf(c0, source) } };
  const span = t.expr.span;
  return { kind: 'condition', text: source.slice(span.start, span.end), span, type: t.type };
}
