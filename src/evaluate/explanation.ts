// Stage 7 (evaluatePeriod): why a target came out as it did, as plain data (ExplainNode): every
// comparison with the exact values of both sides, their display types and source text, and the
// outcome, filled into a plan made once per node (explain-plan.ts). Sentences: report/explain-sentence.ts.
import type { Span } from '../diagnostics/diagnostic.js';
import type { Value } from '../language/values.js';
import type { CompiledNode } from '../compile/compile-expression.js';
import type { Frame } from '../compile/frame.js';
import { displayTypes, explainPlanOf, membershipTypes, type ExplainPlan, type SidePlan } from './explain-plan.js';
import type { ValueType } from '../language/value-types.js';

export type Outcome = 'met' | 'missed' | 'no-data';

/**
 * One side of a comparison: its exact value, the type it is shown in (percent wins: when either
 * side is a percent both are shown as percent), and where it is written (absent for constants).
 */
export interface ExplainSide {
  /** The source text of the side, absent for constants (the value says it all). */
  readonly text?: string;
  readonly span?: Span;
  readonly value: Value;
  readonly type: ValueType;
}

export type ExplainNode =
  | { readonly kind: 'comparison'; readonly op: string; readonly left: ExplainSide; readonly right: ExplainSide; readonly outcome: Outcome }
  | { readonly kind: 'between'; readonly value: ExplainSide; readonly low: ExplainSide; readonly high: ExplainSide; readonly outcome: Outcome }
  /** `x in [a, b, c]`: the value tested (SPEC 3 lists `in` among the comparisons) and each item. */
  | { readonly kind: 'membership'; readonly value: ExplainSide; readonly items: readonly ExplainSide[]; readonly outcome: Outcome }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly operands: readonly ExplainNode[]; readonly outcome: Outcome }
  | { readonly kind: 'not'; readonly operand: ExplainNode; readonly outcome: Outcome }
  /** Any other condition (a boolean define, a function call): its text and value. */
  | { readonly kind: 'condition'; readonly text: string; readonly span: Span; readonly value: Value; readonly type: ValueType; readonly outcome: Outcome }
  /** A target that is not an expression tree (a JSON Logic rule): its text and outcome only. */
  | { readonly kind: 'opaque'; readonly text: string; readonly jsonlogic: boolean; readonly outcome: Outcome };

/** Why a KPI has its status: its target explained, or the period window that excluded it. */
export type KpiExplanation =
  | { readonly kind: 'target'; readonly target: ExplainNode }
  | { readonly kind: 'window'; readonly from?: number; readonly until?: number; readonly periodIndex: number };

/** The outcome a target's value means. */
export function outcomeOf(v: Value): Outcome {
  return v === true ? 'met' : v === false ? 'missed' : 'no-data';
}

/**
 * Explain a boolean compiled node in `frame`. `text` is the file text the spans point into;
 * `value` is the node's value when the caller has it already (a KPI's target), so it is not
 * evaluated a second time. The shape comes from the node's plan (explain-plan.ts, made once);
 * only the values and outcomes are this evaluation's. Equal to explainNodeReference.
 */
export function explainNode(node: CompiledNode, frame: Frame, text: string, value?: Value): ExplainNode {
  return fill(explainPlanOf(node, text), node, frame, value);
}

function readSide(p: SidePlan, frame: Frame): ExplainSide {
  return p.kind === 'constant' ? p.side : { text: p.text, span: p.span, value: p.node.fn(frame), type: p.type };
}

/** A plan with this evaluation's values (object literals in the keys' documented order). */
function fill(p: ExplainPlan, node: CompiledNode, frame: Frame, value?: Value): ExplainNode {
  const own = value ?? node.fn(frame);
  const outcome = outcomeOf(own);
  switch (p.kind) {
    case 'comparison':
      return { kind: 'comparison', op: p.op, left: readSide(p.left, frame), right: readSide(p.right, frame), outcome };
    case 'between':
      return { kind: 'between', value: readSide(p.value, frame), low: readSide(p.low, frame), high: readSide(p.high, frame), outcome };
    case 'membership':
      return { kind: 'membership', value: readSide(p.value, frame), items: p.items.map((i) => readSide(i, frame)), outcome };
    case 'logical': {
      // An `and` that holds has every operand true, an `or` that fails every operand false
      // (compile/compile-expression.ts and/or): their values are known without evaluating them.
      const known = own === true && p.op === 'and' ? true : own === false && p.op === 'or' ? false : undefined;
      // Sized once (a push onto [] allocates room for 16).
      const count = p.operands.length;
      const operands = new Array<ExplainNode>(count);
      for (let i = 0; i < count; i++) {
        const o = p.operands[i];
        if (o !== undefined) operands[i] = fill(o.plan, o.node, frame, known);
      }
      return { kind: 'logical', op: p.op, operands, outcome };
    }
    case 'not':
      return { kind: 'not', operand: fill(p.operand.plan, p.operand.node, frame), outcome };
    case 'condition':
      return { kind: 'condition', text: p.text, span: p.span, value: own, type: p.type, outcome };
  }
}

function side(node: CompiledNode, type: ValueType, frame: Frame, text: string): ExplainSide {
  if (node.constant !== undefined) return { value: node.constant, type };
  const span = node.typed.expr.span;
  return { text: text.slice(span.start, span.end), span, value: node.fn(frame), type };
}

/**
 * explainNode worked out from the compiled node on every call, without a plan: the reference the
 * planned path must equal (test/property/explain-sentence.prop.test.ts). @internal
 */
export function explainNodeReference(node: CompiledNode, frame: Frame, text: string, value?: Value): ExplainNode {
  const t = node.typed;
  const own = value ?? node.fn(frame);
  const outcome = outcomeOf(own);
  const [c0, c1, c2] = node.children;
  if (t.kind === 'Compare' && c0 !== undefined && c1 !== undefined) {
    const [lt, rt] = displayTypes(t.left.type, t.right.type);
    return { kind: 'comparison', op: t.op, left: side(c0, lt, frame, text), right: side(c1, rt, frame, text), outcome };
  }
  if (t.kind === 'Between' && c0 !== undefined && c1 !== undefined && c2 !== undefined) {
    const [vt, bt] = displayTypes(t.value.type, t.low.type);
    return { kind: 'between', value: side(c0, vt, frame, text), low: side(c1, bt, frame, text), high: side(c2, bt, frame, text), outcome };
  }
  if (t.kind === 'In' && c0 !== undefined) {
    const types = membershipTypes(t.value.type, t.items.map((i) => i.type));
    const items = node.children.slice(1).map((c, i) => side(c, types.items[i] ?? c.typed.type, frame, text));
    return { kind: 'membership', value: side(c0, types.value, frame, text), items, outcome };
  }
  if (t.kind === 'Logical') {
    const operands: ExplainNode[] = [];
    for (const c of node.children) {
      const e = explainNodeReference(c, frame, text);
      if (e.kind === 'logical' && e.op === t.op) operands.push(...e.operands);
      else operands.push(e);
    }
    return { kind: 'logical', op: t.op, operands, outcome };
  }
  if (t.kind === 'Not' && c0 !== undefined) return { kind: 'not', operand: explainNodeReference(c0, frame, text), outcome };
  const span = t.expr.span;
  return { kind: 'condition', text: text.slice(span.start, span.end), span, value: own, type: t.type, outcome };
}
