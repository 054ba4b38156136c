// Rendering (stage 10) for corrections of issued invoices: a Correction -> JSON (machine; its
// `new` amounts are what the next correction starts from) and Markdown (people).
import type { LocaleId } from '../contract/model.js';
import type { Correction, CorrectionLine } from '../invoice/correction.js';
import { formatMinor } from '../numbers/money.js';
import { formatDecimal } from './locale/format.js';
import { translator } from './locale/messages.js';

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

function signed(minor: bigint, digits: number, locale: LocaleId): string {
  const text = formatDecimal(formatMinor(minor, digits), locale);
  return minor > 0n ? `+${text}` : text;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Markdown: what is corrected, a table of the lines that changed (and taxes), the total. A
 * document for people, so in the contract's locale (SPEC 10; `en` keeps the plain decimals).
 */
export function renderCorrectionMarkdown(c: Correction, locale: LocaleId = 'en'): string {
  const d = c.digits;
  const t = translator(locale);
  const amount = (minor: bigint): string => formatDecimal(formatMinor(minor, d), locale);
  const out: string[] = [];
  out.push(`# ${t('correction.title', { name: c.name })}`, '');
  out.push(t('correction.corrects', { number: c.corrects, contract: c.contract, period: c.period, currency: c.currency }));
  if (c.versions.issued !== c.versions.now) out.push(t('correction.versions', { issued: c.versions.issued ?? '?', now: c.versions.now ?? '?' }));
  out.push('', t('correction.header'), '| --- | ---: | ---: | ---: |');
  for (const l of [...c.lines, ...c.taxes]) {
    if (l.difference === 0n) continue;
    out.push(`| ${escapeCell(l.label)} | ${amount(l.issued)} | ${amount(l.now)} | ${signed(l.difference, d, locale)} |`);
  }
  out.push(`| **${t('total')}** | **${amount(c.total.issued)}** | **${amount(c.total.now)}** | **${signed(c.total.difference, d, locale)}** |`, '');
  const unchanged = [...c.lines, ...c.taxes].filter((l) => l.difference === 0n).length;
  if (unchanged > 0) out.push(t('correction.unchanged', { count: unchanged }), '');
  return out.join('\n');
}
