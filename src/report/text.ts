// Rendering (stage 9): an Evaluation -> a plain terminal report (`--format text`): the same
// content as the Markdown report, laid out in aligned columns with no Markdown syntax.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';
import { formatRationalMoney } from './json.js';
import { kpiExplanationText } from './explain-sentence.js';
import { adjustmentLabel } from './line-detail.js';

/** How a column is aligned: text to the left, numbers and amounts to the right. */
type Align = 'left' | 'right';

interface Column {
  readonly title: string;
  readonly align: Align;
}

const GAP = '  ';
const INDENT = '  ';

function pct(r: Rational | undefined): string {
  return r === undefined ? '-' : `${toDecimalString(r.mul(100), 2)}%`;
}

/** One line of text: a value with line breaks would break the columns. */
function flat(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

/** Width in terminal columns, counted in code points (not UTF-16 units). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Rows under a header, every column as wide as its widest cell. Trailing spaces are trimmed, so
 * a last text column (an explanation) runs as long as it needs.
 */
export function alignColumns(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(width(c.title), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    (INDENT + columns.map((c, i) => pad(cells[i] ?? '', widths[i] ?? 0, c.align)).join(GAP)).trimEnd();
  return [line(columns.map((c) => c.title)), ...rows.map(line)];
}

export function renderEvaluationText(e: Evaluation): string {
  const { result, invoice } = e;
  const c = result.program.contract;
  const cur = invoice.currency;
  const d = invoice.minorDigits;
  const out: string[] = [];
  out.push(`${flat(c.title ?? c.id.value)} - ${result.period}`);
  out.push(`Contract ${c.id.value} version ${c.version.value}, period ${result.period} (index ${result.periodIndex})`);
  if (c.parties !== undefined) out.push(`Agency: ${flat(c.parties.agency?.name ?? '-')}; client: ${flat(c.parties.client?.name ?? '-')}`);
  out.push('', 'KPIs');
  const kpiRows = result.program.kpis.map((k, i) => {
    const r = result.kpis[i];
    return [k.decl.id, r?.status ?? 'no-data', pct(k.weight), pct(r?.attainment), flat(r === undefined ? '' : kpiExplanationText(r.explanation))];
  });
  out.push(
    ...alignColumns(
      [
        { title: 'KPI', align: 'left' },
        { title: 'Status', align: 'left' },
        { title: 'Weight', align: 'right' },
        { title: 'Attainment', align: 'right' },
        { title: 'Explanation', align: 'left' },
      ],
      kpiRows,
    ),
  );
  out.push('', `Score: ${pct(result.score)}`, '', 'Invoice');
  const money = (minor: bigint): string => `${formatMinor(minor, d)} ${cur}`;
  const lineRows: string[][] = invoice.lines.map((l) => [
    `${flat(l.label)} (${l.id})`,
    l.applied ? 'yes' : 'no',
    l.quantity === undefined ? '' : toDecimalString(l.quantity),
    l.unitPrice === undefined ? '' : `${formatRationalMoney(l.unitPrice, d)} ${cur}`,
    money(l.amount),
  ]);
  for (const a of invoice.adjustments) lineRows.push([`${flat(adjustmentLabel(a))} (${a.id})`, '', '', '', money(a.amount)]);
  if (e.taxed.taxes.length > 0) {
    lineRows.push(['Subtotal', '', '', '', money(e.taxed.subtotal)]);
    for (const t of e.taxed.taxes) lineRows.push([`${flat(t.label)} (${t.id})`, '', '', '', money(t.amount)]);
  }
  lineRows.push(['Total', '', '', '', money(e.taxed.total)]);
  out.push(
    ...alignColumns(
      [
        { title: 'Line', align: 'left' },
        { title: 'Applied', align: 'left' },
        { title: 'Quantity', align: 'right' },
        { title: 'Unit price', align: 'right' },
        { title: 'Amount', align: 'right' },
      ],
      lineRows,
    ),
  );
  out.push('', `Contract sha-256: ${e.inputs.contractSha256}`, `Data sha-256: ${e.inputs.dataSha256}`, '');
  return out.join('\n');
}
