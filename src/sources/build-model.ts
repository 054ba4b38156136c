// Sources, stage 3: a schema-valid sources.yaml Document -> SourcesFile (presets resolved to
// typed columns, definitions parsed), every field with the span of its YAML node.
import { isScalar, type Document } from 'yaml';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { toPlainData, type PlainData } from '../contract/plain-data.js';
import { exprOrigin, nodeAtPath, nodeSpan, type YamlPath } from '../contract/yaml-spans.js';
import { parseDefinition } from './definition.js';
import type { ColumnDecl, ColumnType, ConnectionDecl, ContractRule, DateFormat, MetricDefinition, SourceDecl, SourcesFile, Spanned, TextFormat } from './model.js';
import { PRESETS } from './presets/index.js';
import type { Preset, PresetColumn } from './presets/preset.js';
import { appendAll } from '../diagnostics/append-all.js';

type Obj = { readonly [key: string]: PlainData };

function isObj(v: PlainData | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Build the model; the document already passed the sources schema. */
export function buildSourcesModel(doc: Document, file: SourceFile): { value?: SourcesFile; diagnostics: Diagnostic[] } {
  const data = toPlainData(doc);
  const diagnostics: Diagnostic[] = [];
  if (!isObj(data)) return { diagnostics };
  const span = (path: YamlPath): Span => nodeSpan(file, nodeAtPath(doc, path).node);
  const keySpan = (path: YamlPath): Span => {
    const at = nodeAtPath(doc, path);
    return nodeSpan(file, at.key ?? at.node);
  };
  const connections = new Map<string, ConnectionDecl>();
  for (const [name, c] of Object.entries(isObj(data['connections']) ? data['connections'] : {})) {
    if (!isObj(c)) continue;
    connections.set(name, { name, engine: 'postgres', env: String(c['url']).slice('env:'.length), span: keySpan(['connections', name]) });
  }
  const sources = new Map<string, SourceDecl>();
  for (const [name, s] of Object.entries(isObj(data['sources']) ? data['sources'] : {})) {
    if (!isObj(s)) continue;
    const built = buildSource(name, s, ['sources', name], { span, keySpan }, connections, diagnostics);
    if (built !== undefined) sources.set(name, built);
  }
  const names = new Set(sources.keys());
  const definition = (metric: string, path: YamlPath, contract?: string): MetricDefinition | undefined => {
    const node = nodeAtPath(doc, path).node;
    if (!isScalar(node) || typeof node.value !== 'string') return undefined;
    const parsed = parseDefinition(metric, node.value, exprOrigin(node, file), nodeSpan(file, node), names, contract);
    appendAll(diagnostics, parsed.diagnostics);
    return parsed.value === undefined ? undefined : { ...parsed.value, nameSpan: keySpan(path) };
  };
  const metrics = new Map<string, MetricDefinition>();
  for (const metric of Object.keys(isObj(data['metrics']) ? data['metrics'] : {})) {
    const d = definition(metric, ['metrics', metric]);
    if (d !== undefined) metrics.set(metric, d);
  }
  const overrides = new Map<string, Map<string, MetricDefinition>>();
  const overrideSpans = new Map<string, Span>();
  for (const [contract, defs] of Object.entries(isObj(data['overrides']) ? data['overrides'] : {})) {
    overrideSpans.set(contract, keySpan(['overrides', contract]));
    const mine = new Map<string, MetricDefinition>();
    for (const metric of Object.keys(isObj(defs) ? defs : {})) {
      const d = definition(metric, ['overrides', contract, metric], contract);
      if (d !== undefined) mine.set(metric, d);
    }
    overrides.set(contract, mine);
  }
  return { value: { file, sources, connections, metrics, overrides, overrideSpans }, diagnostics };
}

interface Spans {
  readonly span: (path: YamlPath) => Span;
  readonly keySpan: (path: YamlPath) => Span;
}

function spanned<T>(value: T, span: Span): Spanned<T> {
  return { value, span };
}

function buildSource(name: string, s: Obj, path: YamlPath, at: Spans, connections: ReadonlyMap<string, ConnectionDecl>, diagnostics: Diagnostic[]): SourceDecl | undefined {
  const here = at.keySpan(path);
  const files = s['files'];
  const connection = s['connection'];
  const table = s['table'];
  let origin: SourceDecl['origin'];
  if (files !== undefined && connection === undefined && table === undefined) {
    const list = Array.isArray(files) ? files.map(String) : [String(files)];
    origin = { kind: 'files', patterns: list.map((p, i) => spanned(p, at.span(Array.isArray(files) ? [...path, 'files', i] : [...path, 'files']))) };
  } else if (files === undefined && typeof connection === 'string' && typeof table === 'string') {
    if (!connections.has(connection)) {
      diagnostics.push(diag('E091', at.span([...path, 'connection']), { reason: `unknown connection "${connection}"` }, { hint: `declare it under connections: { ${connection}: { engine: postgres, url: env:VAR } }` }));
      return undefined;
    }
    origin = { kind: 'table', connection: spanned(connection, at.span([...path, 'connection'])), table: spanned(table, at.span([...path, 'table'])) };
  } else {
    diagnostics.push(diag('E096', here, { reason: `source "${name}" needs either files: or connection: with table:` }));
    return undefined;
  }
  const presetName = typeof s['preset'] === 'string' ? s['preset'] : undefined;
  const preset = presetName === undefined ? undefined : PRESETS.get(presetName);
  if (origin.kind === 'table' && preset !== undefined) {
    diagnostics.push(diag('E096', at.span([...path, 'preset']), { reason: 'a preset describes an export file; a table declares its columns: instead' }));
  }
  const columns = new Map<string, ColumnDecl>();
  for (const c of preset?.columns ?? []) columns.set(c.name, presetColumn(c, at.keySpan([...path, 'preset'])));
  const declared = isObj(s['columns']) ? s['columns'] : undefined;
  for (const [col, spec] of Object.entries(declared ?? {})) {
    columns.set(col, declaredColumn(col, spec, at.keySpan([...path, 'columns', col]), origin.kind === 'table'));
  }
  if (preset === undefined && declared === undefined) {
    diagnostics.push(diag('E096', here, { reason: `source "${name}" has neither a preset: nor columns:` }, { hint: 'name a preset (ga4, yandex-metrica, vk-stats, meta-ads, google-ads) or declare columns: { name: { from: "Header", type: count } }' }));
    return undefined;
  }
  const rule = contractRule(isObj(s['contract']) ? s['contract'] : {}, at.span([...path, 'contract']));
  // The contract column is often a raw header (`community`, `client`) no preset knows: read it as text.
  if (rule.kind === 'column' && !columns.has(rule.column)) columns.set(rule.column, { name: rule.column, from: [rule.column], type: 'text', span: rule.span });
  const date = typeof s['date'] === 'string' ? spanned(s['date'], at.span([...path, 'date'])) : columns.has('date') && preset !== undefined ? spanned('date', here) : firstDate(columns, here);
  if (typeof s['timezone'] === 'string') {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: s['timezone'] });
    } catch {
      diagnostics.push(diag('E096', at.span([...path, 'timezone']), { reason: `timezone: "${s['timezone']}" is not an IANA time zone such as Europe/Moscow or UTC` }));
    }
  }
  const map = new Map<string, string>(Object.entries(isObj(s['map']) ? s['map'] : {}).map(([k, v]) => [k, String(v)]));
  return {
    name,
    span: here,
    origin,
    ...(presetName === undefined ? {} : { preset: spanned(presetName, at.span([...path, 'preset'])) }),
    contract: rule,
    ...(date === undefined ? {} : { date }),
    ...(typeof s['timezone'] === 'string' ? { timezone: spanned(s['timezone'], at.span([...path, 'timezone'])) } : {}),
    map,
    format: textFormat(preset, isObj(s['format']) ? s['format'] : {}, at.span([...path, 'format', 'totals']), diagnostics),
    columns,
    declared: preset === undefined,
  };
}

/** The preset's date column, or the one declared date column. */
function firstDate(columns: ReadonlyMap<string, ColumnDecl>, span: Span): Spanned<string> | undefined {
  const dates = [...columns.values()].filter((c) => c.type === 'date');
  return dates.length === 1 && dates[0] !== undefined ? spanned(dates[0].name, span) : undefined;
}

function presetColumn(c: PresetColumn, span: Span): ColumnDecl {
  return {
    name: c.name,
    from: c.from,
    type: c.type,
    ...(c.dateFormat === undefined ? {} : { dateFormat: c.dateFormat }),
    ...(c.percent === undefined ? {} : { percent: c.percent }),
    ...(c.nonAdditive === true ? { nonAdditive: true } : {}),
    ...(c.sumWarns === true ? { sumWarns: true } : {}),
    ...(c.currencyColumn === undefined ? {} : { currencyColumn: c.currencyColumn }),
    ...(c.values === undefined ? {} : { values: c.values }),
    span,
  };
}

/** `name: count` or `name: { from, type, format, percent, currency }`. */
function declaredColumn(name: string, spec: PlainData, span: Span, table: boolean): ColumnDecl {
  if (typeof spec === 'string') return { name, from: [name], type: spec as ColumnType, span };
  const o = isObj(spec) ? spec : {};
  const from = typeof o['from'] === 'string' ? o['from'] : name;
  const type = String(o['type']) as ColumnType;
  // `Amount spent (RUB)`: the currency written in the header is the column's.
  const headerCurrency = /\(([A-Z]{3})\)\s*$/.exec(from)?.[1];
  const currency = typeof o['currency'] === 'string' ? o['currency'] : type === 'money' ? headerCurrency : undefined;
  return {
    name,
    from: [from],
    type,
    ...(typeof o['format'] === 'string' ? { dateFormat: o['format'] as DateFormat } : {}),
    ...(o['percent'] === 'units' || o['percent'] === 'fraction' ? { percent: o['percent'] } : table && type === 'percent' ? { percent: 'fraction' as const } : {}),
    ...(currency === undefined ? {} : { currency }),
    span,
  };
}

function contractRule(c: Obj, span: Span): ContractRule {
  if (typeof c['path'] === 'string') return { kind: 'path', pattern: c['path'], span };
  if (typeof c['column'] === 'string') return { kind: 'column', column: c['column'], span };
  return { kind: 'value', value: String(c['value']), span };
}

/** A user's `totals:` pattern, or E096 at it when it is not a valid regular expression. */
function totalsPattern(text: unknown, span: Span, diagnostics: Diagnostic[]): RegExp | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return new RegExp(text, 'u');
  } catch (e) {
    diagnostics.push(diag('E096', span, { reason: `totals: ${JSON.stringify(text)} is not a regular expression (${(e as Error).message})` }));
    return undefined;
  }
}

function textFormat(preset: Preset | undefined, f: Obj, totalsSpan: Span, diagnostics: Diagnostic[]): TextFormat {
  const pattern = totalsPattern(f['totals'], totalsSpan, diagnostics);
  const delimiter = typeof f['delimiter'] === 'string' ? f['delimiter'] : preset?.delimiter;
  const comment = typeof f['comment'] === 'string' ? f['comment'] : preset?.comment;
  return {
    ...(delimiter === undefined ? {} : { delimiter }),
    decimal: f['decimal'] === ',' || f['decimal'] === '.' ? f['decimal'] : (preset?.decimal ?? '.'),
    thousands: typeof f['thousands'] === 'string' ? f['thousands'] : '',
    skipLines: typeof f['skip_lines'] === 'number' ? f['skip_lines'] : (preset?.skipLines ?? 0),
    ...(comment === undefined ? {} : { comment }),
    totals: preset?.totals ?? [],
    totalsPrefixes: preset?.totalsPrefixes ?? [],
    ...(pattern === undefined ? {} : { totalsPattern: pattern }),
    noValue: preset?.noValue ?? [],
    firstTableOnly: preset?.firstTableOnly ?? false,
    startDateComment: preset?.startDateComment ?? false,
  };
}
