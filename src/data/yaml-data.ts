// Data stage, YAML/JSON reader: SourceFile -> RawDataSet (raw values with their source text and
// spans). JSON is read as YAML (a JSON document is a YAML flow mapping), so both share this file.
//
// Accepted shapes (anything else is E069; see src/data/README.md):
//   contract: <id>                       # optional; without it the data names no contract ('')
//   periods: { <period>: { <metric>: <value>, ... }, ... }
// or, for several contracts in one file:
//   contracts: { <id>: { periods: { <period>: { <metric>: <value> } } }, ... }
import { isAlias, isMap, isScalar } from 'yaml';
import type { Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import { suggestName } from '../diagnostics/suggest.js';
import { DEFAULT_LIMITS, loadYaml } from '../contract/load-yaml.js';
import type { RawRecord, RawValue } from '../contract/model.js';
import type { RawDataSet, RawPeriod } from './metric-data.js';
import { checkPeriodKey } from './period-key.js';

/** Largest data file read, in UTF-16 code units (hostile input must not exhaust memory). */
export const MAX_DATA_TEXT = 8 * 1024 * 1024;
/** Aliases dereferenced per file; data needs few, alias bombs need many. */
export const MAX_DATA_ALIASES = 100;

const TOP_KEYS = ['contract', 'periods', 'contracts'] as const;

interface Ctx {
  readonly file: SourceFile;
  readonly doc: Document.Parsed;
  readonly diagnostics: Diagnostic[];
  aliases: number;
}

/** Read a YAML or JSON metric data file. No value when the file is not readable as data at all. */
export function loadYamlData(file: SourceFile): StageResult<RawDataSet> {
  // The contract loader's guards (size, nesting measured before composing, alias expansion,
  // duplicate keys, one document) apply to data too; only the size limit is data's own.
  const loaded = loadYaml(file, { ...DEFAULT_LIMITS, maxChars: MAX_DATA_TEXT });
  if (loaded.value === undefined) return { diagnostics: loaded.diagnostics };
  const { doc } = loaded.value;
  if (doc.contents === null) return { diagnostics: [diag('E006', { file: file.path, start: 0, end: 0 })] };
  const ctx: Ctx = { file, doc, diagnostics: [], aliases: 0 };
  const root = deref(ctx, doc.contents);
  if (!isMap(root)) {
    const reason = 'a metric data file is a mapping with `contract` and `periods` (or `contracts`)';
    return { diagnostics: [diag('E069', spanOf(ctx, doc.contents), { reason })] };
  }
  const contracts = readRoot(ctx, root);
  return { value: { file, contracts }, diagnostics: ctx.diagnostics };
}

function readRoot(ctx: Ctx, root: YAMLMap): Map<string, RawPeriod[]> {
  const out = new Map<string, RawPeriod[]>();
  const found = new Map<string, Pair>();
  let unknown = 0;
  for (const pair of root.items) {
    const key = keyText(ctx, pair);
    if (key === undefined) continue;
    if ((TOP_KEYS as readonly string[]).includes(key)) {
      found.set(key, pair);
      continue;
    }
    unknown++;
    const guess = suggestName(key, TOP_KEYS);
    const hint = guess === undefined ? 'allowed keys: contract, periods, contracts' : `did you mean "${guess}"?`;
    ctx.diagnostics.push(diag('E069', keySpan(ctx, pair), { reason: `unknown key "${key}" in a metric data file` }, { hint }));
  }
  const many = found.get('contracts');
  const periods = found.get('periods');
  const contract = found.get('contract');
  if (many !== undefined && (periods !== undefined || contract !== undefined)) {
    const reason = 'use either `contract` + `periods` or `contracts`, not both';
    ctx.diagnostics.push(diag('E069', keySpan(ctx, many), { reason }));
    return out;
  }
  if (many !== undefined) return readContracts(ctx, many);
  if (periods === undefined) {
    // After an unknown key (likely a misspelt `periods`) the missing key is the same finding.
    if (unknown > 0) return out;
    ctx.diagnostics.push(diag('E069', spanOf(ctx, root), { reason: 'missing `periods` (or `contracts`)' }));
    return out;
  }
  const id = contract === undefined ? '' : contractId(ctx, contract);
  if (id !== undefined) out.set(id, readPeriods(ctx, periods));
  return out;
}

function readContracts(ctx: Ctx, pair: Pair): Map<string, RawPeriod[]> {
  const out = new Map<string, RawPeriod[]>();
  const map = deref(ctx, pair.value as YamlNode | null);
  if (!isMap(map)) {
    ctx.diagnostics.push(diag('E069', valueSpan(ctx, pair), { reason: '`contracts` maps contract ids to `{ periods: ... }`' }));
    return out;
  }
  for (const entry of map.items) {
    const id = keyText(ctx, entry);
    if (id === undefined) continue;
    const body = deref(ctx, entry.value as YamlNode | null);
    if (!isMap(body)) {
      ctx.diagnostics.push(diag('E069', valueSpan(ctx, entry), { reason: `contract "${id}" must hold \`periods\`` }));
      continue;
    }
    let periods: RawPeriod[] | undefined;
    for (const inner of body.items) {
      const key = keyText(ctx, inner);
      if (key === 'periods') periods = readPeriods(ctx, inner);
      else if (key !== undefined) {
        ctx.diagnostics.push(diag('E069', keySpan(ctx, inner), { reason: `unknown key "${key}" in contract "${id}" (only \`periods\`)` }));
      }
    }
    if (periods === undefined) {
      ctx.diagnostics.push(diag('E069', keySpan(ctx, entry), { reason: `contract "${id}" has no \`periods\`` }));
    } else {
      out.set(id, periods);
    }
  }
  return out;
}

function contractId(ctx: Ctx, pair: Pair): string | undefined {
  const node = deref(ctx, pair.value as YamlNode | null);
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
  ctx.diagnostics.push(diag('E069', valueSpan(ctx, pair), { reason: '`contract` must be a contract id' }));
  return undefined;
}

function readPeriods(ctx: Ctx, pair: Pair): RawPeriod[] {
  const map = deref(ctx, pair.value as YamlNode | null);
  if (!isMap(map)) {
    const reason = '`periods` maps period keys (2026-10) to metric values';
    ctx.diagnostics.push(diag('E069', valueSpan(ctx, pair), { reason }));
    return [];
  }
  const out: RawPeriod[] = [];
  for (const entry of map.items) {
    const period = keyText(ctx, entry);
    if (period === undefined) continue;
    const span = keySpan(ctx, entry);
    const bad = checkPeriodKey(period, span);
    if (bad !== undefined) {
      ctx.diagnostics.push(bad);
      continue;
    }
    const record = readRecord(ctx, entry, period);
    if (record !== undefined) out.push({ period, record, span });
  }
  return out;
}

function readRecord(ctx: Ctx, pair: Pair, period: string): RawRecord | undefined {
  const map = deref(ctx, pair.value as YamlNode | null);
  if (!isMap(map)) {
    const reason = `period ${period} must map metric names to values`;
    ctx.diagnostics.push(diag('E069', valueSpan(ctx, pair), { reason }));
    return undefined;
  }
  const record = new Map<string, RawValue>();
  for (const entry of map.items) {
    const name = keyText(ctx, entry);
    if (name === undefined) continue;
    const value = readValue(ctx, entry, name);
    if (value !== undefined) record.set(name, value);
  }
  return record;
}

function readValue(ctx: Ctx, pair: Pair, name: string): RawValue | undefined {
  const ks = keySpan(ctx, pair);
  const raw = pair.value as YamlNode | null;
  if (raw === null) return { value: null, source: '', span: ks, keySpan: ks };
  const node = deref(ctx, raw);
  if (node === undefined) return undefined;
  if (!isScalar(node)) {
    const reason = `the value of metric "${name}" must be a number or a quantity such as 17.5%, not a ${isMap(node) ? 'mapping' : 'list'}`;
    ctx.diagnostics.push(diag('E069', spanOf(ctx, node), { reason }));
    return undefined;
  }
  const span = spanOf(ctx, node);
  return { value: scalarValue(node), source: ctx.file.text.slice(span.start, span.end), span, keySpan: ks };
}

function scalarValue(node: Scalar): RawValue['value'] {
  const v: unknown = node.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** The key of a pair as text, or undefined (with E069) when it is not a scalar. */
function keyText(ctx: Ctx, pair: Pair): string | undefined {
  const key = deref(ctx, pair.key as YamlNode | null);
  if (isScalar(key) && key.value !== null && typeof key.value !== 'object') return String(key.value);
  ctx.diagnostics.push(diag('E069', keySpan(ctx, pair), { reason: 'keys in a metric data file must be plain names' }));
  return undefined;
}

/** Follow an alias to its node, counting aliases against the limit. */
function deref(ctx: Ctx, node: YamlNode | null | undefined): YamlNode | undefined {
  if (node === null || node === undefined) return undefined;
  if (!isAlias(node)) return node;
  ctx.aliases++;
  if (ctx.aliases === MAX_DATA_ALIASES + 1) {
    ctx.diagnostics.push(diag('E004', spanOf(ctx, node), { reason: `more than ${MAX_DATA_ALIASES} aliases in one data file` }));
  }
  if (ctx.aliases > MAX_DATA_ALIASES) return undefined;
  const target = node.resolve(ctx.doc);
  if (target === undefined) {
    ctx.diagnostics.push(diag('E002', spanOf(ctx, node), { reason: `unresolved alias *${node.source}` }));
    return undefined;
  }
  // A resolved alias is never itself an alias; the cast keeps yaml's node types simple here.
  return target;
}

function spanOf(ctx: Ctx, node: YamlNode | null | undefined): Span {
  const range = node?.range;
  if (range === undefined || range === null) return { file: ctx.file.path, start: 0, end: 0 };
  return { file: ctx.file.path, start: range[0], end: Math.max(range[0], range[1]) };
}

function keySpan(ctx: Ctx, pair: Pair): Span {
  return spanOf(ctx, pair.key as YamlNode | null);
}

function valueSpan(ctx: Ctx, pair: Pair): Span {
  const v = pair.value as YamlNode | null;
  const span = spanOf(ctx, v);
  return v === null || span.start === span.end ? keySpan(ctx, pair) : span;
}
