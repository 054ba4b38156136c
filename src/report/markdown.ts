// Rendering (stage 9): an Evaluation -> a Markdown report (KPI table, invoice table) for people.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';
import { formatRationalMoney } from './json.js';

function pct(r: Rational | undefined): string {
  return r === undefined ? '—' : `${toDecimalString(r.mul(100), 2)}%`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderEvaluationMarkdown(e: Evaluation): string {
  const { result, invoice } = e;
  const c = result.program.contract;
  const cur = invoice.currency;
  const d = invoice.minorDigits;
  const out: string[] = [];
  out.push(`# ${cell(c.title ?? c.id.value)} — ${result.period}`, '');
  out.push(`Contract \`${c.id.value}\` version ${c.version.value}, period ${result.period} (index ${result.periodIndex}).`);
  if (c.parties !== undefined) out.push(`Agency: ${cell(c.parties.agency ?? '—')}; client: ${cell(c.parties.client ?? '—')}.`);
  out.push('', '## KPIs', '', '| KPI | Status | Weight | Attainment | Explanation |', '| --- | --- | ---: | ---: | --- |');
  result.program.kpis.forEach((k, i) => {
    const r = result.kpis[i];
    out.push(`| ${k.decl.id} | ${r?.status ?? 'no-data'} | ${pct(k.weight)} | ${pct(r?.attainment)} | ${cell(r?.explanation ?? '')} |`);
  });
  out.push('', `Score: **${pct(result.score)}**`, '', '## Invoice', '', '| Line | Applied | Quantity | Unit price | Amount |', '| --- | --- | ---: | ---: | ---: |');
  for (const l of invoice.lines) {
    const qty = l.quantity === undefined ? '' : toDecimalString(l.quantity);
    const unit = l.unitPrice === undefined ? '' : `${formatRationalMoney(l.unitPrice, d)} ${cur}`;
    out.push(`| ${cell(l.label)} (\`${l.id}\`) | ${l.applied ? 'yes' : 'no'} | ${qty} | ${unit} | ${formatMinor(l.amount, d)} ${cur} |`);
  }
  for (const a of invoice.adjustments) {
    out.push(`| ${cell(a.label)} (\`${a.id}\`) | | | | ${formatMinor(a.amount, d)} ${cur} |`);
  }
  out.push(`| **Total** | | | | **${formatMinor(invoice.total, d)} ${cur}** |`, '');
  out.push(`Contract sha-256: \`${e.inputs.contractSha256}\`  `, `Data sha-256: \`${e.inputs.dataSha256}\``, '');
  return out.join('\n');
}
