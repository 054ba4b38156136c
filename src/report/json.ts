// Rendering (stage 9): an Evaluation -> the stable JSON interface of SPEC section 5.
// Amounts are decimal strings with exactly the currency's minor digits; ratios are decimal strings.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { Program } from '../compile/program.js';
import type { Evaluation, SourcesInputs } from './evaluation.js';
import type { EvaluationJson } from './evaluation-json.js';
import { kpiExplanationText } from './explain-sentence.js';
import { adjustmentLabel, lineDetailText } from './line-detail.js';
import { identityMemo, type IdentityMemo } from './identity-memo.js';

function ratio(r: Rational | undefined): string | null {
  return r === undefined ? null : toDecimalString(r);
}

/** What a KPI's JSON takes from the contract: the same texts on every evaluation. */
interface KpiHead {
  readonly id: string;
  readonly target: string;
  readonly weight: string | null;
}

/** Each compiled program's KPI heads, written once (one lookup per evaluation, not one per KPI). */
const heads = new WeakMap<Program, readonly KpiHead[]>();

function kpiHeads(program: Program): readonly KpiHead[] {
  let made = heads.get(program);
  if (made === undefined) {
    made = program.kpis.map((k) => ({ id: k.decl.id, target: k.decl.target.text, weight: ratio(k.weight) }));
    heads.set(program, made);
  }
  return made;
}

/** Unit prices as text by minor digits: a price written in the contract is one object on every evaluation. */
const priceTexts = new Map<number, IdentityMemo<Rational>>();

function unitPriceTexts(digits: number): IdentityMemo<Rational> {
  let memo = priceTexts.get(digits);
  if (memo === undefined) {
    memo = identityMemo<Rational>(8);
    priceTexts.set(digits, memo);
  }
  return memo;
}

/** The JSON object (key order fixed, so serialisation is byte-identical for the same inputs). */
export function evaluationToJson(e: Evaluation): EvaluationJson {
  const { result, invoice, taxed, document } = e;
  const contract = result.program.contract;
  const digits = invoice.minorDigits;
  const prices = unitPriceTexts(digits);
  const priceText = (p: Rational): string => formatRationalMoney(p, digits);
  const money = (r: Rational | undefined): string | null => (r === undefined ? null : prices.text(r, priceText));
  const subtotal = formatMinor(taxed.subtotal, digits);
  const kpis = kpiHeads(result.program).map((k, i) => {
    const r = result.kpis[i];
    const attainment = ratio(r?.attainment);
    return {
      id: k.id,
      status: r?.status ?? 'no-data',
      target: k.target,
      weight: k.weight,
      attainment,
      // Below the cap the capped attainment is the same value (often the same object).
      capped_attainment: r?.cappedAttainment === r?.attainment ? attainment : ratio(r?.cappedAttainment),
      explanation: r === undefined ? '' : kpiExplanationText(r.explanation),
    };
  });
  // Two literals rather than a spread of the optional `bound` (V8 makes that spread costly);
  // the keys keep their documented order.
  const lines = invoice.lines.map((l) => {
    const quantity = ratio(l.quantity);
    const unitPrice = money(l.unitPrice);
    const amount = formatMinor(l.amount, digits);
    const detail = lineDetailText(l, invoice);
    return l.bound === undefined
      ? { id: l.id, label: l.label, applied: l.applied, quantity, unit_price: unitPrice, amount, detail }
      : { id: l.id, label: l.label, applied: l.applied, quantity, unit_price: unitPrice, amount, bound: l.bound, detail };
  });
  const adjustments = invoice.adjustments.map((a) => ({ id: a.id, label: adjustmentLabel(a), amount: formatMinor(a.amount, digits) }));
  // A rate on every line has the subtotal as its base, and without inclusive prices the net is
  // the subtotal: the same text, written once.
  const taxes = taxed.taxes.map((t) => ({ id: t.id, label: t.label, rate: t.rate, base: t.base === taxed.subtotal ? subtotal : formatMinor(t.base, digits), amount: formatMinor(t.amount, digits) }));
  const net = taxed.net === taxed.subtotal ? subtotal : formatMinor(taxed.net, digits);
  const total = formatMinor(taxed.total, digits);
  const score = ratio(result.score);
  const inputs = e.inputs.sources === undefined
    ? { contract_sha256: e.inputs.contractSha256, data_sha256: e.inputs.dataSha256 }
    : { contract_sha256: e.inputs.contractSha256, data_sha256: e.inputs.dataSha256, sources: sourcesJson(e.inputs.sources) };
  // One literal with the keys in their documented order (`invoice` added afterwards would give
  // every result a separate property store); two rather than a spread of the optional `invoice`
  // (V8 makes that spread costly).
  return document === undefined
    ? { contract: contract.id.value, version: contract.version.value, period: result.period, period_index: result.periodIndex, currency: invoice.currency, kpis, score, lines, adjustments, subtotal, taxes, net, total, inputs }
    : {
      contract: contract.id.value, version: contract.version.value, period: result.period, period_index: result.periodIndex, currency: invoice.currency, kpis, score, lines, adjustments, subtotal, taxes, net, total,
      invoice: { number: document.number, issue_date: document.issueDate, due_date: document.dueDate },
      inputs,
    };
}

/** `inputs.sources`: the sources file, every file read with its digest, each value's provenance. */
function sourcesJson(s: SourcesInputs): Record<string, unknown> {
  return {
    file: s.file,
    sha256: s.sha256,
    files: s.inputs.map((i) => ({ source: i.source, path: i.path, ...(i.sha256 === undefined ? {} : { sha256: i.sha256 }), rows: i.rows, skipped: i.skipped })),
    queries: s.queries,
    values: s.values.map((v) => ({ period: v.period, metric: v.metric, value: v.value, definition: v.definition, aggregates: v.aggregates })),
    from_data: s.fromData,
  };
}

/** A unit price is shown with the currency's minor digits when exact, else with all its digits. */
export function formatRationalMoney(r: Rational, digits: number): string {
  const exact = toDecimalString(r, 12);
  const [whole, frac = ''] = exact.split('.');
  if (frac.length >= digits) return exact;
  return digits === 0 ? (whole ?? '0') : `${whole ?? '0'}.${frac.padEnd(digits, '0')}`;
}

export function renderEvaluationJson(e: Evaluation): string {
  return JSON.stringify(evaluationToJson(e), null, 2) + '\n';
}
