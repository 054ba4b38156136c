// Rendering (stage 10) for `attain diff --format md`: DiffReport -> Markdown ready to post as a
// pull-request comment (a summary table per contract, then the KPIs and lines that changed).
import { formatMinor } from '../numbers/money.js';
import type { ContractDiff, DiffReport, DiffSide, PeriodDiff } from './diff-model.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function signed(v: bigint, digits: number): string {
  return v > 0n ? `+${formatMinor(v, digits)}` : formatMinor(v, digits);
}

function sideText(s: DiffSide, digits: number): string {
  switch (s.kind) {
    case 'invoice':
      return `${formatMinor(s.total, digits)} (v${s.version})`;
    case 'absent':
      return '—';
    case 'failed':
      return '**failed**';
  }
}

function contractSection(c: ContractDiff): string[] {
  const out: string[] = [];
  const versions = (v: readonly number[]): string => (v.length === 0 ? 'none' : v.map((x) => `v${x}`).join(', '));
  out.push(`### \`${c.contract}\` — ${c.change}`, '');
  out.push(`Versions: ${versions(c.versions.old)} → ${versions(c.versions.new)}`, '');
  for (const e of c.errors) out.push(`- :x: \`${cell(e)}\``);
  if (c.errors.length > 0) out.push('');
  if (c.periods.length === 0) {
    out.push('No period with data to compare.', '');
    return out;
  }
  out.push('| period | old total | new total | difference | currency |', '| --- | ---: | ---: | ---: | --- |');
  for (const p of c.periods) out.push(`| ${p.period} | ${sideText(p.old, p.digits)} | ${sideText(p.new, p.digits)} | ${p.difference === 0n ? '0' : `**${signed(p.difference, p.digits)}**`} | ${p.currency} |`);
  out.push('');
  const detailed = c.periods.filter((p) => p.kpis.length > 0 || p.lines.length > 0 || p.old.kind === 'failed' || p.new.kind === 'failed');
  if (detailed.length > 0) {
    out.push('<details><summary>What changed, per period</summary>', '');
    for (const p of detailed) out.push(...periodDetail(p));
    out.push('</details>', '');
  }
  return out;
}

function periodDetail(p: PeriodDiff): string[] {
  const out: string[] = [`**${p.period}**`, ''];
  for (const s of [p.old, p.new]) if (s.kind === 'failed') out.push(`- :x: ${s === p.old ? 'old' : 'new'}: \`${cell(s.error)}\``);
  for (const k of p.kpis) {
    const show = (x: KpiChangeSide): string => (x === undefined ? '—' : `${x.status}${x.attainment === undefined ? '' : ` (${x.attainment})`}`);
    out.push(`- KPI \`${k.id}\`: ${show(k.old)} → ${show(k.new)}`);
  }
  for (const l of p.lines) {
    const m = (v: bigint | undefined): string => (v === undefined ? '—' : formatMinor(v, p.digits));
    out.push(`- ${cell(l.label)} (\`${l.id}\`): ${m(l.old)} → ${m(l.new)} (${signed(l.difference, p.digits)})`);
  }
  out.push('');
  return out;
}

type KpiChangeSide = PeriodDiff['kpis'][number]['old'];

/** The pull-request comment: a heading, one section per added/removed/changed contract. */
export function renderDiffMarkdown(r: DiffReport): string {
  const out: string[] = ['## attain diff', ''];
  if (r.contracts.length === 0) {
    out.push(`No contract changed against \`${r.base}\` (${r.unchanged} compared).`, '');
    return out.join('\n');
  }
  const failed = r.contracts.filter((c) => c.errors.length > 0 || c.periods.some((p) => p.old.kind === 'failed' || p.new.kind === 'failed')).length;
  out.push(`Against \`${r.base}\`: ${r.contracts.length} contract(s) added, removed or changed; ${r.unchanged} unchanged.${failed > 0 ? ` :x: ${failed} with failed evaluations.` : ''}`, '');
  for (const c of r.contracts) out.push(...contractSection(c));
  return out.join('\n');
}
