// Rendering (stage 9): the step-by-step trace of an evaluation (defines, KPIs with every
// comparison, score) followed by how each invoice line and limit was computed.
import type { ExplainNode } from '../evaluate/explanation.js';
import type { ExplainTrace } from '../evaluate/trace.js';
import { formatMinor } from '../numbers/money.js';
import type { Evaluation } from './evaluation.js';

function node(n: ExplainNode, depth: number, out: string[]): void {
  const pad = '    '.repeat(depth);
  switch (n.kind) {
    case 'comparison':
      out.push(`${pad}${n.left.text ?? ''} ${n.left.value} ${n.op} ${n.right.text === undefined ? '' : n.right.text + ' '}${n.right.value}  -> ${n.outcome}`.replace(/ {2,}(?=\S)/g, (m, i: number) => (i === 0 ? m : ' ')));
      return;
    case 'between':
      out.push(`${pad}${n.value.text ?? ''} ${n.value.value} between ${n.low.value} and ${n.high.value}  -> ${n.outcome}`);
      return;
    case 'logical':
      out.push(`${pad}${n.op}  -> ${n.outcome}`);
      for (const o of n.operands) node(o, depth + 1, out);
      return;
    case 'not':
      out.push(`${pad}not  -> ${n.outcome}`);
      node(n.operand, depth + 1, out);
      return;
    case 'condition':
      out.push(`${pad}${n.text} = ${n.value}  -> ${n.outcome}`);
      return;
  }
}

export function renderExplainText(trace: ExplainTrace, e: Evaluation): string {
  const out: string[] = [`${trace.contract} ${trace.period} (period index ${trace.periodIndex})`, ''];
  let step = 0;
  for (const s of trace.steps) {
    step++;
    switch (s.kind) {
      case 'define':
        out.push(`${step}. define ${s.name} = ${s.value}  (${s.type})`);
        break;
      case 'kpi': {
        const parts = [s.weight === undefined ? undefined : `weight ${s.weight}`, s.attainment === undefined ? undefined : `attainment ${s.attainment}`, s.cappedAttainment === undefined || s.cappedAttainment === s.attainment ? undefined : `counted ${s.cappedAttainment}`].filter((p) => p !== undefined);
        out.push(`${step}. kpi ${s.id}: ${s.status}${parts.length > 0 ? `  (${parts.join(', ')})` : ''}`);
        if (s.target !== undefined) node(s.target, 1, out);
        else out.push(`    ${s.explanation}`);
        break;
      }
      case 'score':
        out.push(`${step}. score = ${s.value}`);
        break;
    }
  }
  const { invoice } = e;
  const d = invoice.minorDigits;
  out.push('', `invoice (${invoice.currency}, rounding ${e.result.program.contract.rounding.value}):`);
  for (const l of invoice.lines) {
    out.push(`  ${l.id}: ${l.applied ? l.detail : 'not applied (when is false)'} = ${formatMinor(l.amount, d)}`);
  }
  for (const a of invoice.adjustments) out.push(`  ${a.id}: ${formatMinor(a.amount, d)}`);
  out.push(`  total = ${formatMinor(invoice.total, d)} ${invoice.currency}`, '');
  return out.join('\n');
}
