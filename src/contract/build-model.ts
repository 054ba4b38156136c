// Stage 3 (buildModel): schema-valid yaml Document -> Contract model. No semantics beyond what the
// schema cannot say about keys: period formats for the contract's kind (E058), effective dates
// (E054), duplicate payment ids (E032), exact decimal text for tier/package numbers (E013).
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import type { SourceFile } from '../diagnostics/source.js';
import type {
  Contract, DefineDecl, ExprText, JsonNode, KpiDecl, LimitsDecl, MetricDecl, MetricUnit, OnNoData, PaymentDecl,
  PeriodKind, PricingDecl, RawRecord, RawValue, RoundingMode, Spanned, TestDecl, TestExpect, TierDecl, TierMode,
} from './model.js';
import { comparePeriods, isPeriodKey } from './period.js';
import { exprOrigin, exprTextOf, keyText, nodeSpan, resolveNode, scalarSource } from './yaml-spans.js';

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/** Walks one document, collecting diagnostics. Assumes the document passed validateShape. */
class ModelBuilder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly doc: Document,
    readonly file: SourceFile,
  ) {}

  resolve(node: unknown): Node | undefined {
    return resolveNode(this.doc, node) ?? undefined;
  }

  span(node: Node | null | undefined): Span {
    return nodeSpan(this.file, node);
  }

  /** Pairs of a map in declaration order, with the value node resolved through aliases. */
  pairs(node: Node | null | undefined): { key: string; keyNode: Node; value: Node | null; pair: Pair }[] {
    const m = resolveNode(this.doc, node);
    if (!isMap(m)) return [];
    return m.items.map((pair) => ({ key: keyText(pair), keyNode: pair.key as Node, value: resolveNode(this.doc, pair.value), pair }));
  }

  get(node: Node | null | undefined, key: string): Node | undefined {
    const m = resolveNode(this.doc, node);
    if (!isMap(m)) return undefined;
    const pair = (m).items.find((p) => keyText(p) === key);
    return pair === undefined ? undefined : resolveNode(this.doc, pair.value) ?? undefined;
  }

  str(node: Node | undefined): Spanned<string> | undefined {
    if (!isScalar(node)) return undefined;
    return { value: typeof node.value === 'string' ? node.value : scalarSource(this.file, node), span: this.span(node) };
  }

  num(node: Node | undefined): Spanned<number> | undefined {
    if (!isScalar(node) || typeof node.value !== 'number') return undefined;
    return { value: node.value, span: this.span(node) };
  }

  expr(node: Node | undefined): ExprText | undefined {
    if (!isScalar(node)) return undefined;
    return { text: exprTextOf(this.file, node), origin: exprOrigin(node, this.file), span: this.span(node) };
  }

  /** Exact decimal text of a number scalar, from its source (never via a float). */
  decimal(node: Node | undefined, what: string): Spanned<string> | undefined {
    if (!isScalar(node)) return undefined;
    const text = typeof node.value === 'string' ? node.value : scalarSource(this.file, node);
    if (!DECIMAL.test(text)) {
      const reason = `${what} must be written as a plain decimal number such as 50 or 12.5, found ${JSON.stringify(text)}`;
      this.diagnostics.push(diag('E013', this.span(node), { reason }));
    }
    return { value: text, span: this.span(node) };
  }

  period(node: Node | undefined, kind: PeriodKind, what: string): Spanned<string> | undefined {
    const s = this.str(node);
    if (s !== undefined) this.checkPeriod(s, kind, what);
    return s;
  }

  checkPeriod(s: Spanned<string>, kind: PeriodKind, what: string): void {
    if (isPeriodKey(s.value, kind)) return;
    const expected = kind === 'month' ? 'YYYY-MM, e.g. 2026-10' : 'YYYY-Qn, e.g. 2026-Q1';
    const reason = `${what} "${s.value}" is not a ${kind} period (expected ${expected}; the contract's period is ${kind})`;
    this.diagnostics.push(diag('E058', s.span, { reason }));
  }
}

/**
 * Build the Contract model from a document that passed validateShape. Returns the model even when
 * it reports E058/E054/E032 (later stages can still check the rest); duplicate payments are dropped.
 */
export function buildModel(doc: Document, file: SourceFile): StageResult<Contract> {
  const b = new ModelBuilder(doc, file);
  const root = resolveNode(doc, doc.contents);
  const rootStart: Span = { file: file.path, start: root?.range?.[0] ?? 0, end: root?.range?.[0] ?? 0 };
  const periodNode = b.get(root, 'period');
  const periodValue: PeriodKind = isScalar(periodNode) && periodNode.value === 'quarter' ? 'quarter' : 'month';
  const roundingNode = b.get(root, 'rounding');
  const rounding: RoundingMode = isScalar(roundingNode) && roundingNode.value === 'half-up' ? 'half-up' : 'half-even';
  const effective = buildEffective(b, b.get(root, 'effective'), periodValue, rootStart);
  const title = b.str(b.get(root, 'title'));
  const parties = buildParties(b, b.get(root, 'parties'));
  const limits = buildLimits(b, b.get(root, 'limits'));
  const contract: Contract = {
    file,
    id: b.str(b.get(root, 'contract')) ?? { value: '', span: rootStart },
    version: b.num(b.get(root, 'version')) ?? { value: 0, span: rootStart },
    ...(title === undefined ? {} : { title: title.value }),
    ...(parties === undefined ? {} : { parties }),
    currency: b.str(b.get(root, 'currency')) ?? { value: '', span: rootStart },
    period: { value: periodValue, span: periodNode === undefined ? rootStart : b.span(periodNode) },
    effective,
    rounding: { value: rounding, span: roundingNode === undefined ? rootStart : b.span(roundingNode) },
    metrics: buildMetrics(b, b.get(root, 'metrics')),
    defines: buildDefines(b, b.get(root, 'define')),
    kpis: buildKpis(b, b.get(root, 'kpis')),
    payments: buildPayments(b, b.get(root, 'payments')),
    ...(limits === undefined ? {} : { limits }),
    tests: buildTests(b, b.get(root, 'tests'), periodValue),
  };
  return { value: contract, diagnostics: b.diagnostics };
}

function buildEffective(b: ModelBuilder, node: Node | undefined, kind: PeriodKind, fallback: Span): Contract['effective'] {
  const from = b.period(b.get(node, 'from'), kind, 'effective.from') ?? { value: '', span: fallback };
  const until = b.period(b.get(node, 'until'), kind, 'effective.until');
  if (until !== undefined && isPeriodKey(from.value, kind) && isPeriodKey(until.value, kind)) {
    if (comparePeriods(until.value, from.value, kind) < 0) {
      const reason = `effective.until ${until.value} is before effective.from ${from.value}`;
      b.diagnostics.push(diag('E054', until.span, { reason }, { labels: [{ span: from.span, message: 'the contract starts here' }] }));
    }
  }
  return until === undefined ? { from } : { from, until };
}

function buildParties(b: ModelBuilder, node: Node | undefined): Contract['parties'] | undefined {
  if (node === undefined) return undefined;
  const agency = b.str(b.get(node, 'agency'));
  const client = b.str(b.get(node, 'client'));
  return { ...(agency === undefined ? {} : { agency: agency.value }), ...(client === undefined ? {} : { client: client.value }) };
}

function buildMetrics(b: ModelBuilder, node: Node | undefined): Map<string, MetricDecl> {
  const out = new Map<string, MetricDecl>();
  for (const { key, keyNode, value } of b.pairs(node)) {
    const unitNode = isMap(value) ? b.get(value, 'unit') : (value ?? undefined);
    const unit = b.str(unitNode);
    const description = isMap(value) ? b.str(b.get(value, 'description')) : undefined;
    if (unit === undefined) continue;
    out.set(key, {
      name: key,
      nameSpan: b.span(keyNode),
      unit: { value: unit.value as MetricUnit, span: unit.span },
      ...(description === undefined ? {} : { description: description.value }),
    });
  }
  return out;
}

function buildDefines(b: ModelBuilder, node: Node | undefined): Map<string, DefineDecl> {
  const out = new Map<string, DefineDecl>();
  for (const { key, keyNode, value } of b.pairs(node)) {
    const expr = b.expr(value ?? undefined);
    if (expr !== undefined) out.set(key, { name: key, nameSpan: b.span(keyNode), expr });
  }
  return out;
}

function buildKpis(b: ModelBuilder, node: Node | undefined): Map<string, KpiDecl> {
  const out = new Map<string, KpiDecl>();
  for (const { key, keyNode, value } of b.pairs(node)) {
    const targetNode = b.get(value, 'target');
    const jsonlogic = isMap(targetNode) ? (buildJson(b, b.get(targetNode, 'jsonlogic'), 0) ?? { kind: 'scalar' as const, value: null, span: b.span(targetNode) }) : undefined;
    const target = isMap(targetNode) && jsonlogic !== undefined ? jsonTargetText(b, targetNode, jsonlogic) : b.expr(targetNode);
    if (target === undefined) continue;
    const onNoDataNode = b.get(value, 'on_no_data');
    const onNoData = b.str(onNoDataNode);
    const optional = {
      description: b.str(b.get(value, 'description'))?.value,
      weight: b.expr(b.get(value, 'weight')),
      fromPeriod: b.num(b.get(value, 'from_period')),
      untilPeriod: b.num(b.get(value, 'until_period')),
      onNoDataSpan: onNoData?.span,
      attainment: b.expr(b.get(value, 'attainment')),
      cap: b.expr(b.get(value, 'cap')),
      jsonlogic,
    };
    out.set(key, {
      id: key,
      idSpan: b.span(keyNode),
      target,
      onNoData: (onNoData?.value ?? 'error') as OnNoData,
      ...definedOnly(optional),
    });
  }
  return out;
}

/** Nesting guard for JSON Logic rules (the YAML depth limit already bounds them). */
const MAX_JSON_DEPTH = 128;

/** A YAML node as a JsonNode with spans (aliases resolved); undefined when absent. */
function buildJson(b: ModelBuilder, node: Node | undefined, depth: number): JsonNode | undefined {
  if (node === undefined || depth > MAX_JSON_DEPTH) return undefined;
  const span = b.span(node);
  if (isMap(node)) {
    const entries = b.pairs(node).map(({ key, keyNode, value }) => ({
      key,
      keySpan: b.span(keyNode),
      value: buildJson(b, value ?? undefined, depth + 1) ?? { kind: 'scalar' as const, value: null, span: b.span(keyNode) },
    }));
    return { kind: 'object', entries, span };
  }
  if (isSeq(node)) {
    const items = node.items.map((i) => buildJson(b, b.resolve(i), depth + 1) ?? { kind: 'scalar' as const, value: null, span });
    return { kind: 'array', items, span };
  }
  if (isScalar(node)) {
    const v = node.value;
    const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', value, span };
  }
  return undefined;
}

/** Compact JSON text of a JsonNode (object keys in source order). */
export function jsonNodeText(n: JsonNode): string {
  switch (n.kind) {
    case 'object':
      return `{${n.entries.map((e) => `${JSON.stringify(e.key)}:${jsonNodeText(e.value)}`).join(',')}}`;
    case 'array':
      return `[${n.items.map(jsonNodeText).join(',')}]`;
    case 'scalar':
      return JSON.stringify(n.value);
  }
}

/** The ExprText standing for a JSON Logic target: its JSON text, located at the `target` map. */
function jsonTargetText(b: ModelBuilder, targetNode: Node, rule: JsonNode): ExprText {
  const span = b.span(targetNode);
  return { text: jsonNodeText(rule), origin: { file: b.file.path, base: span.start, scalar: { start: span.start, end: span.end } }, span };
}

/** Drop undefined fields (exactOptionalPropertyTypes: absent, not undefined). */
function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function buildPayments(b: ModelBuilder, node: Node | undefined): PaymentDecl[] {
  const out: PaymentDecl[] = [];
  const seen = new Map<string, Span>();
  if (!isSeq(node)) return out;
  for (const item of node.items) {
    const n = b.resolve(item);
    const payment = buildPayment(b, n);
    if (payment === undefined) continue;
    const first = seen.get(payment.id);
    if (first !== undefined) {
      b.diagnostics.push(diag('E032', payment.idSpan, { what: 'payment', id: payment.id }, { labels: [{ span: first, message: 'first used here' }] }));
      continue;
    }
    seen.set(payment.id, payment.idSpan);
    out.push(payment);
  }
  return out;
}

function buildPayment(b: ModelBuilder, node: Node | undefined): PaymentDecl | undefined {
  const id = b.str(b.get(node, 'id'));
  const label = b.str(b.get(node, 'label'));
  const pricing = buildPricing(b, node);
  if (id === undefined || label === undefined || pricing === undefined) return undefined;
  const optional = { when: b.expr(b.get(node, 'when')), min: b.expr(b.get(node, 'min')), max: b.expr(b.get(node, 'max')) };
  return { id: id.value, idSpan: id.span, label: label.value, pricing, span: b.span(node), ...definedOnly(optional) };
}

function buildPricing(b: ModelBuilder, node: Node | undefined): PricingDecl | undefined {
  const amount = b.expr(b.get(node, 'amount'));
  if (amount !== undefined) return { form: 'amount', amount };
  const quantity = b.expr(b.get(node, 'quantity'));
  if (quantity === undefined) return undefined;
  const price = b.expr(b.get(node, 'price'));
  if (price !== undefined) return { form: 'price', quantity, price };
  const tiersNode = b.get(node, 'tiers');
  const mode = b.str(b.get(node, 'mode'));
  if (isSeq(tiersNode) && mode !== undefined) {
    const tiers = tiersNode.items.map((t) => buildTier(b, b.resolve(t)));
    return { form: 'tiers', quantity, mode: { value: mode.value as TierMode, span: mode.span }, tiers, tiersSpan: b.span(tiersNode) };
  }
  const pkg = b.get(node, 'package');
  const size = b.decimal(b.get(pkg, 'size'), 'package size');
  const pkgPrice = b.expr(b.get(pkg, 'price'));
  if (size === undefined || pkgPrice === undefined) return undefined;
  const freeUnits = b.decimal(b.get(pkg, 'free_units'), 'free_units');
  return { form: 'package', quantity, size, price: pkgPrice, ...(freeUnits === undefined ? {} : { freeUnits }) };
}

function buildTier(b: ModelBuilder, node: Node | undefined): TierDecl {
  const optional = { upTo: b.decimal(b.get(node, 'up_to'), 'up_to'), price: b.expr(b.get(node, 'price')), flat: b.expr(b.get(node, 'flat')) };
  return { span: b.span(node), ...definedOnly(optional) };
}

function buildLimits(b: ModelBuilder, node: Node | undefined): LimitsDecl | undefined {
  if (node === undefined) return undefined;
  const optional = { min: b.expr(b.get(node, 'min')), max: b.expr(b.get(node, 'max')) };
  return { span: b.span(node), ...definedOnly(optional) };
}

function buildTests(b: ModelBuilder, node: Node | undefined, kind: PeriodKind): TestDecl[] {
  if (!isSeq(node)) return [];
  const out: TestDecl[] = [];
  for (const item of node.items) {
    const n = b.resolve(item);
    const name = b.str(b.get(n, 'name'));
    const period = b.period(b.get(n, 'period'), kind, 'test period');
    if (name === undefined || period === undefined) continue;
    const dataNode = b.get(n, 'data');
    out.push({
      name: name.value,
      nameSpan: name.span,
      period,
      data: buildRecord(b, dataNode),
      dataSpan: dataNode === undefined ? b.span(n) : b.span(dataNode),
      history: buildHistory(b, b.get(n, 'history'), kind),
      expect: buildExpect(b, b.get(n, 'expect')),
      span: b.span(n),
    });
  }
  return out;
}

function buildRecord(b: ModelBuilder, node: Node | undefined): RawRecord {
  const out = new Map<string, RawValue>();
  for (const { key, keyNode, value } of b.pairs(node)) {
    if (!isScalar(value)) continue;
    const v = value.value;
    const typed = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    const source = typeof v === 'string' ? v : scalarSource(b.file, value);
    out.set(key, { value: typed, source, span: b.span(value), keySpan: b.span(keyNode) });
  }
  return out;
}

function buildHistory(b: ModelBuilder, node: Node | undefined, kind: PeriodKind): Map<string, Spanned<RawRecord>> {
  const out = new Map<string, Spanned<RawRecord>>();
  for (const { key, keyNode, value } of b.pairs(node)) {
    b.checkPeriod({ value: key, span: b.span(keyNode) }, kind, 'history period');
    out.set(key, { value: buildRecord(b, value ?? undefined), span: b.span(keyNode) });
  }
  return out;
}

function buildExpect(b: ModelBuilder, node: Node | undefined): TestExpect {
  const textMap = (n: Node | undefined): Map<string, Spanned<string>> | undefined => {
    if (n === undefined) return undefined;
    const m = new Map<string, Spanned<string>>();
    for (const { key, value } of b.pairs(n)) {
      const s = b.str(value ?? undefined);
      if (s !== undefined) m.set(key, s);
    }
    return m;
  };
  const optional = {
    kpis: textMap(b.get(node, 'kpis')),
    total: b.str(b.get(node, 'total')),
    lines: textMap(b.get(node, 'lines')),
    score: b.str(b.get(node, 'score')),
  };
  return { span: b.span(node), ...definedOnly(optional) };
}
