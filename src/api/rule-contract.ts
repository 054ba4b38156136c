// Library API, expressions: expression text + metric units -> the text of a one-define contract
// that the contract checker compiles, and its diagnostics mapped back onto the expression text.
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { MetricUnit } from '../contract/model.js';

/** The contract made for an expression and where the expression's lines sit in it. */
export interface RuleContract {
  readonly yaml: string;
  /** The define holding the expression. */
  readonly name: string;
  /** Per expression line: its offset in the expression text and in `yaml`. */
  readonly lines: readonly { readonly at: number; readonly yamlAt: number; readonly length: number }[];
}

const INDENT = '    ';

/**
 * A contract with the metrics and the expression as its one define, in a literal block scalar
 * (`|-`): the expression's characters are copied unchanged, so every span maps back by line.
 */
export function ruleContract(text: string, options: { readonly metrics: Readonly<Record<string, MetricUnit>>; readonly currency?: string }): RuleContract {
  const metrics = Object.entries(options.metrics ?? {});
  let name = 'rule_value';
  while (metrics.some(([m]) => m === name)) name += '_';
  const currency = options.currency ?? /\d\s*([A-Z]{3})\b/.exec(text)?.[1] ?? 'USD';
  const head = [
    'contract: rule',
    'version: 1',
    `currency: ${JSON.stringify(currency)}`,
    'effective: { from: 2026-01 }',
    metrics.length === 0 ? 'metrics: {}' : 'metrics:',
    ...metrics.map(([m, unit]) => `  ${JSON.stringify(m)}: ${JSON.stringify(unit)}`),
    'define:',
    `  ${name}: |-`,
  ].join('\n');
  let yaml = `${head}\n`;
  const lines: { at: number; yamlAt: number; length: number }[] = [];
  const pattern = /\r?\n/g;
  let at = 0;
  for (;;) {
    const m = pattern.exec(text);
    const end = m === null ? text.length : m.index;
    const line = text.slice(at, end);
    lines.push({ at, yamlAt: yaml.length + INDENT.length, length: line.length });
    yaml += `${INDENT}${line}\n`;
    if (m === null) break;
    at = m.index + m[0].length;
  }
  return { yaml, name, lines };
}

/** A diagnostic of the made contract as one about the expression (`path`). */
export function toExpressionDiagnostic(d: Diagnostic, made: RuleContract, path: string): Diagnostic {
  const labels = d.labels?.map((l) => ({ ...l, span: toExpressionSpan(l.span, made, path) }));
  return { ...d, span: toExpressionSpan(d.span, made, path), ...(labels === undefined ? {} : { labels }) };
}

/** A span in the made contract -> the same characters of the expression (outside it: its start). */
function toExpressionSpan(span: Span, made: RuleContract, path: string): Span {
  return { file: path, start: offsetOf(span.start, made), end: offsetOf(span.end, made) };
}

function offsetOf(yamlOffset: number, made: RuleContract): number {
  const first = made.lines[0];
  if (first === undefined || yamlOffset < first.yamlAt) return 0;
  let line = first;
  for (const l of made.lines) if (l.yamlAt <= yamlOffset + INDENT.length) line = l;
  return line.at + Math.min(Math.max(0, yamlOffset - line.yamlAt), line.length);
}
