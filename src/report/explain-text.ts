// Rendering (stage 9): the step-by-step trace of an evaluation (defines, KPIs with every
// comparison, score) followed by how each invoice line and limit was computed.
import type { Contract, LocaleId } from '../contract/model.js';
import { displayLine } from '../diagnostics/safe-text.js';
import type { ExplainNode, ExplainSide, Outcome } from '../evaluate/explanation.js';
import type { ExplainTrace } from '../evaluate/trace.js';
import { describeType, scalar } from '../language/value-types.js';
import { formatMinor } from '../numbers/money.js';
import type { Rational } from '../numbers/rational.js';
import type { Evaluation, SourcesInputs } from './evaluation.js';
import { explainValueText, kpiExplanationText, opaqueText, outcomeWord } from './explain-sentence.js';
import { lineDetailText } from './line-detail.js';
import { provenanceFormulaText, provenanceValueText } from './provenance-text.js';
import { formatDecimal, formatMoneyText } from './locale/format.js';
import { translator, type MessageKey } from './locale/messages.js';

const PERCENT = scalar('percent');

function node(n: ExplainNode, depth: number, out: string[], locale: LocaleId): void {
  const pad = '    '.repeat(depth);
  const v = (s: ExplainSide): string => explainValueText(s.value, s.type, locale);
  const to = (o: Outcome): string => `  -> ${outcomeWord(o, locale)}`;
  switch (n.kind) {
    case 'comparison':
      out.push(`${pad}${n.left.text ?? ''} ${v(n.left)} ${n.op} ${n.right.text === undefined ? '' : n.right.text + ' '}${v(n.right)}${to(n.outcome)}`.replace(/ {2,}(?=\S)/g, (m, i: number) => (i === 0 ? m : ' ')));
      return;
    case 'between':
      out.push(`${pad}${n.value.text ?? ''} ${v(n.value)} between ${v(n.low)} and ${v(n.high)}${to(n.outcome)}`);
      return;
    case 'membership': {
      const items = n.items.map((i) => (i.text === undefined ? v(i) : `${i.text} ${v(i)}`)).join(', ');
      out.push(`${pad}${n.value.text ?? ''} ${v(n.value)} in [${items}]${to(n.outcome)}`);
      return;
    }
    case 'logical':
      out.push(`${pad}${n.op}${to(n.outcome)}`);
      for (const o of n.operands) node(o, depth + 1, out, locale);
      return;
    case 'not':
      out.push(`${pad}not${to(n.outcome)}`);
      node(n.operand, depth + 1, out, locale);
      return;
    case 'condition':
      out.push(`${pad}${n.text} = ${typeof n.value === 'boolean' ? outcomeWord(n.outcome, locale) : explainValueText(n.value, n.type, locale)}${to(n.outcome)}`);
      return;
    case 'opaque':
      out.push(`${pad}${opaqueText(n)} (${outcomeWord(n.outcome, locale)})`);
      return;
  }
}

/**
 * The `attain explain` text in `locale` (default `en`): labels, values and outcomes in the
 * locale; names, operators, expressions and contract keywords as written.
 */
export function renderExplainText(trace: ExplainTrace, e: Evaluation, locale: LocaleId = 'en'): string {
  const t = translator(locale);
  const pct = (r: Rational): string => explainValueText(r, PERCENT, locale);
  const out: string[] = [t('explain.header', { contract: trace.contract, period: trace.period, index: trace.periodIndex }), ''];
  let step = 0;
  for (const s of trace.steps) {
    step++;
    switch (s.kind) {
      case 'define':
        out.push(`${step}. ${t('explain.define')} ${s.name} = ${explainValueText(s.value, s.type, locale)}  (${describeType(s.type)})`);
        break;
      case 'kpi': {
        const attainment = s.attainment === undefined ? undefined : pct(s.attainment);
        const counted = s.cappedAttainment === undefined ? undefined : pct(s.cappedAttainment);
        const parts = [
          s.weight === undefined ? undefined : t('explain.weight', { value: pct(s.weight) }),
          attainment === undefined ? undefined : t('explain.attainment', { value: attainment }),
          counted === undefined || counted === attainment ? undefined : t('explain.counted', { value: counted }),
        ].filter((p) => p !== undefined);
        out.push(`${step}. ${t('explain.kpi')} ${s.id}: ${t(`status.${s.status}` as MessageKey)}${parts.length > 0 ? `  (${parts.join(', ')})` : ''}`);
        // A window exclusion and a target that is no expression tree are one sentence.
        const x = s.explanation;
        if (x.kind === 'target' && x.target.kind !== 'opaque') node(x.target, 1, out, locale);
        else out.push(`    ${kpiExplanationText(x, locale)}`);
        break;
      }
      case 'score':
        out.push(`${step}. ${t('explain.score')} = ${explainValueText(s.value, PERCENT, locale)}`);
        break;
    }
  }
  const { invoice } = e;
  const d = invoice.minorDigits;
  const amount = (minor: bigint): string => formatDecimal(formatMinor(minor, d), locale);
  out.push('', t('explain.invoice', { currency: invoice.currency, rounding: e.result.program.contract.rounding.value }));
  for (const l of invoice.lines) {
    out.push(`  ${l.id}: ${l.applied ? lineDetailText(l, invoice, locale) : t('explain.not_applied')} = ${amount(l.amount)}`);
  }
  for (const a of invoice.adjustments) out.push(`  ${a.id}: ${amount(a.amount)}`);
  out.push(`  ${t('explain.total')} = ${formatMoneyText(formatMinor(invoice.total, d), invoice.currency, locale)}`, '');
  if (e.inputs.sources !== undefined) out.push(...provenanceLines(e.inputs.sources, trace.period, e.result.program.contract, locale));
  // Explanations, line details and provenance quote user text (labels, names, paths): one escaped line each.
  return out.map(displayLine).join('\n');
}

/** `sessions 5000 = sum(metrica.visits) over 5 rows of exports/metrica/acme-smm-2026-10.csv` (provenance-text.ts). */
function provenanceLines(s: SourcesInputs, period: string, contract: Contract, locale: LocaleId): string[] {
  const out = [`metric sources (${s.file}):`];
  for (const v of s.values.filter((x) => x.period === period)) {
    const formula = v.aggregates.length === 1 && v.aggregates[0]?.aggregate === v.definition ? '' : ` (${v.definition})`;
    out.push(`  ${v.metric} ${provenanceValueText(v, contract, locale)}${formula} = ${provenanceFormulaText(v)}`);
  }
  for (const m of s.fromData.filter((x) => x.startsWith(`${period}:`))) out.push(`  ${m.slice(period.length + 1)}: from --data (the sources' value is not used)`);
  for (const i of s.inputs) {
    const skipped = Object.entries(i.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
    out.push(`  read ${i.path}${i.sha256 === undefined ? '' : ` (sha-256 ${i.sha256.slice(0, 12)}...)`}: ${i.rows} data rows${skipped === '' ? '' : `; skipped ${skipped}`}`);
  }
  out.push('');
  return out;
}
