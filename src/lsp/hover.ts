// Language server, hover: a position in a contract -> Markdown about what is there. A name's kind,
// unit and description (metric; define with its expression and type; KPI with its target), a
// built-in's signature and doc line, a literal's value in base units. Uses the last good model.
import type { Contract } from '../contract/model.js';
import type { CheckedContract } from '../check/checked-contract.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { BUILTINS } from '../language/builtins.js';
import { describeType } from '../language/value-types.js';
import { minorDigits } from '../numbers/currency.js';
import { parseDecimal, rational, toDecimalString } from '../numbers/rational.js';
import type { Expr } from '../parser/ast.js';
import { exprAt, nodeAt, type NameIndex } from './analysis.js';
import { wordAt } from './words.js';

/** What a hover shows: Markdown and the span it is about. */
export interface HoverInfo {
  readonly markdown: string;
  readonly span: Span;
}

const SECONDS: Record<string, bigint> = { s: 1n, min: 60n, h: 3600n, d: 86400n };

/**
 * Hover at `offset` of `text`. `contract`/`index` may come from an earlier version of the text
 * (the last one that loaded): then only the word under the cursor is looked up, by name.
 */
export function hoverAt(
  text: string,
  offset: number,
  contract: Contract,
  index: NameIndex,
  checked: CheckedContract | undefined,
  current: boolean,
): HoverInfo | undefined {
  const site = current ? exprAt(index, offset) : undefined;
  const node = site?.expr === undefined ? undefined : nodeAt(site.expr, offset);
  if (node !== undefined) {
    const literal = literalHover(node, contract);
    if (literal !== undefined) return { markdown: literal, span: node.span };
    if (node.kind === 'Call' && node.calleeSpan.start <= offset && offset <= node.calleeSpan.end) {
      const md = builtinHover(node.callee);
      if (md !== undefined) return { markdown: md, span: node.calleeSpan };
    }
  }
  const word = wordAt(text, offset);
  if (word === undefined) return undefined;
  const span = { file: contract.file.path, start: word.start, end: word.end };
  const md = nameHover(word.text, contract, checked) ?? builtinHover(word.text);
  return md === undefined ? undefined : { markdown: md, span };
}

/** Markdown for a metric, define or KPI id of the contract. */
export function nameHover(name: string, contract: Contract, checked: CheckedContract | undefined): string | undefined {
  const metric = contract.metrics.get(name);
  if (metric !== undefined) {
    const unit = metric.unit.value === 'money' ? `money (${contract.currency.value})` : metric.unit.value;
    return [`**metric** \`${name}\`: ${unit}`, metric.description].filter(Boolean).join('\n\n');
  }
  const define = contract.defines.get(name);
  if (define !== undefined) {
    const typed = checked?.defines.find((d) => d.name === name)?.compiled.type;
    const type = typed === undefined ? '' : `: ${describeType(typed)}`;
    return `**define** \`${name}\`${type}\n\n\`\`\`attain\n${define.expr.text.trim()}\n\`\`\``;
  }
  const kpi = contract.kpis.get(name);
  if (kpi !== undefined) {
    const lines = [`**KPI** \`${name}\` (met or missed; a condition in expressions)`];
    if (kpi.description !== undefined) lines.push(kpi.description);
    lines.push(`target:\n\`\`\`attain\n${kpi.target.text.trim()}\n\`\`\``);
    if (kpi.weight !== undefined) lines.push(`weight: ${kpi.weight.text.trim()}`);
    return lines.join('\n\n');
  }
  if (name === 'score') return '**score**: the weighted attainment of the weighted KPIs (percent)';
  if (name === 'period') return '**period**: `period.index` (1 for the first period of the contract), `period.month` (1-12), `period.year`, `period.days` (days in the period)';
  return undefined;
}

/** Markdown for a built-in function: its signature line and doc. */
export function builtinHover(name: string): string | undefined {
  const b = BUILTINS.get(name);
  if (b === undefined) return undefined;
  const arity = b.maxArgs === Infinity ? `${b.minArgs} or more arguments` : b.minArgs === b.maxArgs ? `${b.minArgs} argument${b.minArgs === 1 ? '' : 's'}` : `${b.minArgs} to ${b.maxArgs} arguments`;
  return `**built-in** \`${b.name}\` (${arity})\n\n${b.doc}`;
}

/** A literal's value in base units: percent as a fraction, durations in seconds, money in minor units. */
function literalHover(node: Expr, contract: Contract): string | undefined {
  switch (node.kind) {
    case 'Number':
      return `**number** ${node.value}`;
    case 'Percent': {
      const v = parseDecimal(node.value);
      return v === undefined ? undefined : `**percent** ${node.value}% = ${toDecimalString(v.div(rational(100)), 20)}`;
    }
    case 'Duration': {
      let total = rational(0);
      for (const p of node.parts) {
        const v = parseDecimal(p.value);
        if (v === undefined) return undefined;
        total = total.add(v.mul(rational(SECONDS[p.unit] ?? 1n)));
      }
      return `**duration** = ${toDecimalString(total, 20)} s`;
    }
    case 'Money': {
      const v = parseDecimal(node.value);
      if (v === undefined) return undefined;
      const digits = minorDigits(node.currency);
      const minor = v.mul(rational(10n ** BigInt(digits)));
      const note = node.currency === contract.currency.value ? '' : ` (the contract currency is ${contract.currency.value})`;
      return `**money** ${node.value} ${node.currency} = ${toDecimalString(minor, 20)} minor units${note}`;
    }
    case 'String':
      return `**text** ${JSON.stringify(node.value)}`;
    case 'Boolean':
      return `**condition** ${String(node.value)}`;
    default:
      return undefined;
  }
}
