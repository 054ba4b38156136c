// Rendering (stage 9): the sentence of a KPI's explanation (evaluate/explanation.ts data) -> one
// line of text: `bounce_rate 17.5% <= 20% (met) and avg_time_on_site 2 min 15 s >= 2 min (met)`.
import type { ExplainNode, ExplainSide, KpiExplanation, Outcome } from '../evaluate/explanation.js';
import { formatValue } from '../language/format-value.js';
import type { Value } from '../language/values.js';
import type { ValueType } from '../language/value-types.js';

/** A value of an explanation in its display unit (`17.5%`, `2 min 15 s`, `no data (...)`). */
export function explainValueText(value: Value, type: ValueType): string {
  return formatValue(value, type);
}

/** One side of a comparison: `bounce_rate 17.5%`, or the value alone for a constant. */
export function explainSideText(s: ExplainSide): string {
  const value = explainValueText(s.value, s.type);
  return s.text === undefined ? value : `${s.text} ${value}`;
}

function outcomeText(o: Outcome): string {
  return `(${o})`;
}

/** The one-line sentence of an explanation tree. */
export function explainNodeText(e: ExplainNode): string {
  switch (e.kind) {
    case 'comparison':
      return `${explainSideText(e.left)} ${e.op} ${explainSideText(e.right)} ${outcomeText(e.outcome)}`;
    case 'between':
      return `${explainSideText(e.value)} between ${explainSideText(e.low)} and ${explainSideText(e.high)} ${outcomeText(e.outcome)}`;
    case 'logical':
      return e.operands.map((o) => (o.kind === 'logical' ? `(${explainNodeText(o)})` : explainNodeText(o))).join(` ${e.op} `);
    case 'not':
      return `not (${explainNodeText(e.operand)})`;
    case 'condition':
      return typeof e.value === 'boolean' ? `${e.text} ${outcomeText(e.outcome)}` : `${e.text} ${explainValueText(e.value, e.type)}`;
    case 'opaque':
      return `${opaqueText(e)} ${outcomeText(e.outcome)}`;
  }
}

/** The text of a target that is not an expression tree: `JSON Logic {...}` or as written. */
export function opaqueText(e: Extract<ExplainNode, { kind: 'opaque' }>): string {
  return e.jsonlogic ? `JSON Logic ${e.text}` : e.text;
}

/**
 * The sentence of a KPI's explanation, as JSON `explanation`, the text, Markdown, HTML and
 * spreadsheet reports show it: the target's comparisons, or why the period window excluded it.
 */
export function kpiExplanationText(e: KpiExplanation): string {
  if (e.kind === 'target') return explainNodeText(e.target);
  const window = `${e.from === undefined ? '' : `from period ${e.from}`}${e.until === undefined ? '' : ` until period ${e.until}`}`.trim();
  return `excluded: applies ${window} (this is period ${e.periodIndex})`;
}
