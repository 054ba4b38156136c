// Stage 7 (evaluatePeriod): why a target came out as it did, as data (ExplainNode) and as one
// line of text: `bounce_rate 17.5% <= 20% (met) and avg_time_on_site 2 min 15 s >= 2 min (met)`.
// Both sides of every comparison are shown in their own unit (percent sides as percent).
import { isNoData, type Value } from '../language/values.js';
import type { CompiledNode } from '../compile/compile-expression.js';
import type { Frame } from '../compile/frame.js';
import { formatValue } from '../language/format-value.js';
import { scalar } from '../language/value-types.js';
import type { ValueType } from '../language/value-types.js';

export type Outcome = 'met' | 'missed' | 'no-data';

/** One side of a comparison: the source text (absent for constants) and the formatted value. */
export interface ExplainSide {
  readonly text?: string;
  readonly value: string;
}

export type ExplainNode =
  | { readonly kind: 'comparison'; readonly op: string; readonly left: ExplainSide; readonly right: ExplainSide; readonly outcome: Outcome }
  | { readonly kind: 'between'; readonly value: ExplainSide; readonly low: ExplainSide; readonly high: ExplainSide; readonly outcome: Outcome }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly operands: readonly ExplainNode[]; readonly outcome: Outcome }
  | { readonly kind: 'not'; readonly operand: ExplainNode; readonly outcome: Outcome }
  | { readonly kind: 'condition'; readonly text: string; readonly value: string; readonly outcome: Outcome };

function outcomeOf(v: Value): Outcome {
  return v === true ? 'met' : v === false ? 'missed' : 'no-data';
}

/** Percent wins: when either side of a comparison is a percent, both are shown as percent. */
function displayTypes(a: ValueType, b: ValueType): [ValueType, ValueType] {
  if (a.kind === 'scalar' && b.kind === 'scalar' && (a.flavor === 'percent' || b.flavor === 'percent')) {
    return [scalar('percent'), scalar('percent')];
  }
  return [a, b];
}

function side(node: CompiledNode, type: ValueType, frame: Frame, text: string): ExplainSide {
  const value = formatValue(node.fn(frame), type);
  if (node.constant !== undefined) return { value };
  return { text: text.slice(node.typed.expr.span.start, node.typed.expr.span.end), value };
}

/** Explain a boolean compiled node in `frame`. `text` is the file text the spans point into. */
export function explainNode(node: CompiledNode, frame: Frame, text: string): ExplainNode {
  const t = node.typed;
  const outcome = outcomeOf(node.fn(frame));
  const [c0, c1, c2] = node.children;
  if (t.kind === 'Compare' && c0 !== undefined && c1 !== undefined) {
    const [lt, rt] = displayTypes(t.left.type, t.right.type);
    return { kind: 'comparison', op: t.op, left: side(c0, lt, frame, text), right: side(c1, rt, frame, text), outcome };
  }
  if (t.kind === 'Between' && c0 !== undefined && c1 !== undefined && c2 !== undefined) {
    const [vt, bt] = displayTypes(t.value.type, t.low.type);
    return { kind: 'between', value: side(c0, vt, frame, text), low: side(c1, bt, frame, text), high: side(c2, bt, frame, text), outcome };
  }
  if (t.kind === 'Logical') {
    const operands: ExplainNode[] = [];
    for (const c of node.children) {
      const e = explainNode(c, frame, text);
      if (e.kind === 'logical' && e.op === t.op) operands.push(...e.operands);
      else operands.push(e);
    }
    return { kind: 'logical', op: t.op, operands, outcome };
  }
  if (t.kind === 'Not' && c0 !== undefined) return { kind: 'not', operand: explainNode(c0, frame, text), outcome };
  const v = node.fn(frame);
  return {
    kind: 'condition',
    text: text.slice(t.expr.span.start, t.expr.span.end),
    value: isNoData(v) ? formatValue(v, t.type) : typeof v === 'boolean' ? outcomeOf(v) : formatValue(v, t.type),
    outcome,
  };
}

function renderSide(s: ExplainSide): string {
  return s.text === undefined ? s.value : `${s.text} ${s.value}`;
}

function renderOutcome(o: Outcome): string {
  return `(${o})`;
}

/** One line of text for an explanation tree. */
export function renderExplanation(e: ExplainNode): string {
  switch (e.kind) {
    case 'comparison':
      return `${renderSide(e.left)} ${e.op} ${renderSide(e.right)} ${renderOutcome(e.outcome)}`;
    case 'between':
      return `${renderSide(e.value)} between ${renderSide(e.low)} and ${renderSide(e.high)} ${renderOutcome(e.outcome)}`;
    case 'logical':
      return e.operands.map((o) => (o.kind === 'logical' ? `(${renderExplanation(o)})` : renderExplanation(o))).join(` ${e.op} `);
    case 'not':
      return `not (${renderExplanation(e.operand)})`;
    case 'condition':
      return e.value === e.outcome ? `${e.text} (${e.value})` : `${e.text} ${e.value}`;
  }
}
