// Rendering (stage 10) for corrections of issued invoices: a Correction -> JSON (machine; its
// `new` amounts are what the next correction starts from) and Markdown (people).
import type { Correction, CorrectionLine } from '../invoice/correction.js';
import { formatMinor } from '../numbers/money.js';

function lineJson(l: CorrectionLine, digits: number): Record<string, string> {
  return { id: l.id, label: l.label, issued: formatMinor(l.issued, digits), new: formatMinor(l.now, digits), difference: formatMinor(l.difference, digits) };
}

/** JSON with a fixed key order: amounts as decimal strings with the currency's minor digits. */
export function renderCorrectionJson(c: Correction): string {
  const d = c.digits;
  const json = {
    correction: c.name,
    corrects: c.corrects,
    contract: c.contract,
    period: c.period,
    currency: c.currency,
    versions: { issued: c.versions.issued, new: c.versions.now },
    lines: c.lines.map((l) => lineJson(l, d)),
    taxes: c.taxes.map((l) => lineJson(l, d)),
    total: { issued: formatMinor(c.total.issued, d), new: formatMinor(c.total.now, d), difference: formatMinor(c.total.difference, d) },
    inputs: { issued: c.inputs.issued, new: c.inputs.now },
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function signed(minor: bigint, digits: number): string {
  return minor > 0n ? `+${formatMinor(minor, digits)}` : formatMinor(minor, digits);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown: what is corrected, a table of the lines that changed (and taxes), the total. */
export function renderCorrectionMarkdown(c: Correction): string {
  const d = c.digits;
  const out: string[] = [];
  out.push(`# Correction ${c.name}`, '');
  out.push(`Corrects invoice **${c.corrects}** (contract ${c.contract}, period ${c.period}), amounts in ${c.currency}.`);
  if (c.versions.issued !== c.versions.now) out.push(`Issued under contract version ${c.versions.issued ?? '?'}, now version ${c.versions.now ?? '?'}.`);
  out.push('', '| line | issued | new | difference |', '| --- | ---: | ---: | ---: |');
  for (const l of [...c.lines, ...c.taxes]) {
    if (l.difference === 0n) continue;
    out.push(`| ${escapeCell(l.label)} | ${formatMinor(l.issued, d)} | ${formatMinor(l.now, d)} | ${signed(l.difference, d)} |`);
  }
  out.push(`| **Total** | **${formatMinor(c.total.issued, d)}** | **${formatMinor(c.total.now, d)}** | **${signed(c.total.difference, d)}** |`, '');
  const unchanged = [...c.lines, ...c.taxes].filter((l) => l.difference === 0n).length;
  if (unchanged > 0) out.push(`${unchanged} other line(s) unchanged.`, '');
  return out.join('\n');
}
