// Rendering (stage 9): an Evaluation -> the stable JSON interface of SPEC section 5.
// Amounts are decimal strings with exactly the currency's minor digits; ratios are decimal strings.
import { formatMinor } from '../numbers/money.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { Evaluation } from './evaluation.js';

function ratio(r: Rational | undefined): string | null {
  return r === undefined ? null : toDecimalString(r);
}

/** The JSON object (key order fixed, so serialisation is byte-identical for the same inputs). */
export function evaluationToJson(e: Evaluation): Record<string, unknown> {
  const { result, invoice } = e;
  const contract = result.program.contract;
  const digits = invoice.minorDigits;
  const money = (r: Rational | undefined): string | null =>
    r === undefined ? null : formatRationalMoney(r, digits);
  return {
    contract: contract.id.value,
    version: contract.version.value,
    period: result.period,
    period_index: result.periodIndex,
    currency: invoice.currency,
    kpis: result.program.kpis.map((k, i) => {
      const r = result.kpis[i];
      return {
        id: k.decl.id,
        status: r?.status ?? 'no-data',
        target: k.decl.target.text,
        weight: ratio(k.weight),
        attainment: ratio(r?.attainment),
        capped_attainment: ratio(r?.cappedAttainment),
        explanation: r?.explanation ?? '',
      };
    }),
    score: ratio(result.score),
    lines: invoice.lines.map((l) => ({
      id: l.id,
      label: l.label,
      applied: l.applied,
      quantity: ratio(l.quantity),
      unit_price: money(l.unitPrice),
      amount: formatMinor(l.amount, digits),
      ...(l.bound === undefined ? {} : { bound: l.bound }),
      detail: l.detail,
    })),
    adjustments: invoice.adjustments.map((a) => ({ id: a.id, label: a.label, amount: formatMinor(a.amount, digits) })),
    total: formatMinor(invoice.total, digits),
    inputs: { contract_sha256: e.inputs.contractSha256, data_sha256: e.inputs.dataSha256 },
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
