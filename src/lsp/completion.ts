// Language server, completion: a position -> what may be written there. Inside an expression:
// metrics, defines, KPIs, built-ins (with argument snippets), keywords, `period.` fields, and
// units and the contract currency after a number. Outside: the schema's keys at the YAML path.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { Contract } from '../contract/model.js';
import { BUILTINS } from '../language/builtins.js';
import { exprAt, type NameIndex } from './analysis.js';
import { builtinHover, nameHover } from './hover.js';
import { isExpressionAt, keysAt } from './schema-keys.js';
import { KEYWORDS, prefixAt } from './words.js';
import { yamlPathAt } from './yaml-path.js';

/** The last model that loaded, and whether it was built from the current text. */
export interface CompletionModel {
  readonly contract: Contract;
  readonly index: NameIndex;
  readonly current: boolean;
}

const PERIOD_FIELDS: readonly (readonly [string, string])[] = [
  ['index', "1 for the contract's first period (effective.from), 2 for the next, ..."],
  ['month', 'calendar month 1-12 (for quarters: the first month of the quarter)'],
  ['year', 'calendar year of the period (2026 for 2026-10 and for 2026-Q4)'],
  ['days', 'days in the period by the calendar: 28-31 for a month, 90-92 for a quarter'],
];
const UNITS: readonly (readonly [string, string])[] = [
  ['%', 'percent: 20% is 0.2'],
  ['s', 'seconds'],
  ['min', 'minutes'],
  ['h', 'hours'],
  ['d', 'days'],
];

/** Completion items at `offset` of `text`. */
export function completeAt(text: string, offset: number, model: CompletionModel | undefined): CompletionItem[] {
  const inside = model?.current === true && exprAt(model.index, offset) !== undefined;
  const where = yamlPathAt(text, offset);
  const valuePath = where.valueKey === undefined ? where.path : [...where.path, where.valueKey];
  if (inside || isExpressionAt(valuePath)) return expressionItems(text, offset, model?.contract);
  if (where.valueKey !== undefined) return [];
  const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  if (where.path.length > 0 && ['define', 'metrics', 'kpis'].includes(where.path[where.path.length - 1] ?? '')) return [];
  return keysAt(where.path).map((k) => ({
    label: k.key,
    kind: CompletionItemKind.Property,
    insertText: /:\s*$/.test(line) ? k.key : `${k.key}: `,
    ...(k.description === '' ? {} : { documentation: { kind: MarkupKind.Markdown, value: k.description } }),
  }));
}

function expressionItems(text: string, offset: number, contract: Contract | undefined): CompletionItem[] {
  const lineBefore = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  if (/\bperiod\.[A-Za-z_]*$/.test(lineBefore)) {
    return PERIOD_FIELDS.map(([f, doc]) => ({ label: f, kind: CompletionItemKind.Field, detail: `period.${f}`, documentation: doc }));
  }
  const unit = /(?:^|[^A-Za-z0-9_.])[0-9][0-9_]*(?:\.[0-9_]+)?(\s*)([A-Za-z]*)$/.exec(lineBefore);
  if (unit !== null) {
    const items: CompletionItem[] = UNITS.map(([u, doc], i) => ({ label: u, kind: CompletionItemKind.Unit, documentation: doc, sortText: `0${i}` }));
    if (contract !== undefined) {
      const c = contract.currency.value;
      items.unshift({ label: c, kind: CompletionItemKind.Unit, documentation: `money in the contract currency (${c})`, sortText: '00', insertText: unit[1] === '' ? ` ${c}` : c });
    }
    return items;
  }
  const items: CompletionItem[] = [];
  const doc = (md: string | undefined): Pick<CompletionItem, 'documentation'> => (md === undefined ? {} : { documentation: { kind: MarkupKind.Markdown, value: md } });
  if (contract !== undefined) {
    for (const m of contract.metrics.values()) {
      items.push({ label: m.name, kind: CompletionItemKind.Variable, detail: `metric: ${m.unit.value}`, sortText: `1${m.name}`, ...doc(nameHover(m.name, contract, undefined)) });
    }
    for (const d of contract.defines.values()) {
      items.push({ label: d.name, kind: CompletionItemKind.Constant, detail: 'define', sortText: `1${d.name}`, ...doc(nameHover(d.name, contract, undefined)) });
    }
    for (const k of contract.kpis.values()) {
      items.push({ label: k.id, kind: CompletionItemKind.Event, detail: 'KPI (met or missed)', sortText: `2${k.id}`, ...doc(nameHover(k.id, contract, undefined)) });
    }
  }
  for (const b of BUILTINS.values()) {
    items.push({
      label: b.name,
      kind: CompletionItemKind.Function,
      detail: b.doc.split(':')[0] ?? b.name,
      insertText: snippet(b.name, b.doc, b.minArgs),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `3${b.name}`,
      ...doc(builtinHover(b.name)),
    });
  }
  items.push({ label: 'period', kind: CompletionItemKind.Module, detail: 'period.index, period.month, period.year, period.days', sortText: '4period' });
  items.push({ label: 'score', kind: CompletionItemKind.Variable, detail: 'the weighted score (percent)', sortText: '4score' });
  for (const k of KEYWORDS) items.push({ label: k, kind: CompletionItemKind.Keyword, sortText: `5${k}` });
  const typed = prefixAt(text, offset).text;
  return typed === '' ? items : items.filter((i) => i.label.startsWith(typed) || i.label.includes(typed));
}

/** `ctr(${1:clicks}, ${2:impressions})` from the doc line's signature `ctr(clicks, impressions) = ...`. */
export function snippet(name: string, doc: string, minArgs: number): string {
  const sig = new RegExp(`^${name}\\(([^)]*)\\)`).exec(doc);
  const params = (sig?.[1] ?? '')
    .split(',')
    .map((p) => p.trim().replace(/\s*=.*$/, ''))
    .filter((p) => p !== '' && p !== '...');
  const shown = params.length > 0 ? params.slice(0, Math.max(minArgs, 1)) : Array.from({ length: minArgs }, (_, i) => `arg${i + 1}`);
  return `${name}(${shown.map((p, i) => `\${${i + 1}:${p}}`).join(', ')})`;
}
