// Pipeline for `attain test`: each of a contract's own `tests:` evaluated (stages 7-8) on its
// data and history, and compared with its `expect:` (KPI statuses, line amounts, total, score).
import { applyTaxes } from '../../taxes/apply-taxes.js';
import { diag } from '../../diagnostics/codes.js';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Spanned, TestDecl } from '../../contract/model.js';
import { bindTestData } from '../../data/bind.js';
import type { CheckedContract } from '../../check/checked-contract.js';
import { compileProgram } from '../../compile/compile-program.js';
import type { Program } from '../../compile/program.js';
import { evaluatePeriod } from '../../evaluate/evaluate-period.js';
import { priceInvoice } from '../../invoice/price-invoice.js';
import { formatMinor, minorToRational } from '../../numbers/money.js';
import { toDecimalString, type Rational } from '../../numbers/rational.js';
import type { Invoice, PeriodResult } from '../../evaluate/results.js';
import type { TestOutcome } from '../../report/test-outcome.js';
import { kpiExplanationText } from '../../report/explain-sentence.js';
import { decimalPlaces } from '../../numbers/decimal-places.js';
import { readExpectedLiteral } from './expectation.js';
import { appendAll } from '../../diagnostics/append-all.js';

export type { TestOutcome };


const STATUSES = new Set(['met', 'missed', 'excluded', 'no-data']);

/**
 * Run every test of a checked contract. `start`: the contract's first period when `checked` is an
 * amendment (its tests count `period.index` and grace windows from there).
 */
export function runContractTests(checked: CheckedContract, start?: string): TestOutcome[] {
  if (checked.contract.tests.length === 0) return [];
  const program = compileProgram(checked);
  return checked.contract.tests.map((t) => runOne(program, t, start));
}

function runOne(checked: Program, test: TestDecl, start: string | undefined): TestOutcome {
  const contract = checked.contract.id.value;
  const file = checked.contract.file.path;
  const done = (diagnostics: readonly Diagnostic[]): TestOutcome => ({ contract, file, name: test.name, passed: !hasErrors(diagnostics), diagnostics });
  const bound = bindTestData(checked.contract, test);
  if (bound.value === undefined || hasErrors(bound.diagnostics)) return done(bound.diagnostics);
  const evaluated = evaluatePeriod(checked, bound.value, test.period.value, start);
  const result = evaluated.value;
  if (result === undefined) return done([...bound.diagnostics, ...evaluated.diagnostics]);
  // A KPI the test expects to have no data fails the evaluation with E070 by design: that E070 is
  // the expected outcome, not a failure. Any other error still fails the test.
  const expectsNoData = (d: Diagnostic): boolean => {
    const kpi = d.data?.['kpi'];
    return d.code === 'E070' && typeof kpi === 'string' && test.expect.kpis?.get(kpi)?.value === 'no-data';
  };
  const unexpected = evaluated.diagnostics.filter((d) => !expectsNoData(d));
  if (hasErrors(unexpected)) return done([...bound.diagnostics, ...unexpected]);
  if (result.kpis.some((k) => k.status === 'no-data')) return done(compareWithoutInvoice(test, result));
  const invoice = priceInvoice(result);
  if (invoice.value === undefined || hasErrors(invoice.diagnostics)) return done([...evaluated.diagnostics, ...invoice.diagnostics]);
  return done(compare(test, result, invoice.value));
}

/** With a KPI in no-data no invoice can be priced: compare the KPIs; expected amounts fail. */
function compareWithoutInvoice(test: TestDecl, result: PeriodResult): Diagnostic[] {
  const out = compareKpis(test, result);
  const amounts = [...(test.expect.lines?.values() ?? []), ...(test.expect.total === undefined ? [] : [test.expect.total])];
  const missing = result.kpis.filter((k) => k.status === 'no-data').map((k) => k.id).join(', ');
  for (const want of amounts) out.push(diag('E080', want.span, { test: test.name, reason: `no invoice can be priced while KPI ${missing} has no data` }));
  return out;
}

function compareKpis(test: TestDecl, result: PeriodResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [id, want] of test.expect.kpis ?? new Map<string, Spanned<string>>()) {
    const got = result.kpis.find((k) => k.id === id);
    if (got === undefined) out.push(diag('E081', want.span, { test: test.name, reason: `no KPI "${id}" in the contract` }));
    else if (!STATUSES.has(want.value)) out.push(diag('E081', want.span, { test: test.name, reason: `"${want.value}" is not a KPI status (met, missed, excluded, no-data)` }));
    else if (got.status !== want.value) out.push(diag('E080', want.span, { test: test.name, reason: `KPI ${id}: expected ${want.value}, got ${got.status} (${kpiExplanationText(got.explanation)})` }));
  }
  return out;
}

function compare(test: TestDecl, result: PeriodResult, invoice: Invoice): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fail = (at: Spanned<string>, reason: string): void => {
    out.push(diag('E080', at.span, { test: test.name, reason }));
  };
  const invalid = (at: Spanned<string>, reason: string): void => {
    out.push(diag('E081', at.span, { test: test.name, reason }));
  };
  const currency = invoice.currency;
  const digits = invoice.minorDigits;

  appendAll(out, compareKpis(test, result));

  const money = (want: Spanned<string>, what: string, actual: bigint): void => {
    const expected = readExpectedLiteral(want);
    if ('problem' in expected) return invalid(want, `${what}: ${expected.problem}`);
    if (expected.kind === 'money' && expected.currency !== currency) return invalid(want, `${what}: ${want.value} is not in the contract currency ${currency}`);
    if (!expected.value.equals(minorToRational(actual, digits))) {
      fail(want, `${what}: expected ${toDecimalString(expected.value)} ${currency}, got ${formatMinor(actual, digits)} ${currency}`);
    }
  };
  for (const [id, want] of test.expect.lines ?? new Map<string, Spanned<string>>()) {
    const line = invoice.lines.find((l) => l.id === id);
    const adjustment = invoice.adjustments.find((a) => a.id === id);
    const amount = line?.amount ?? adjustment?.amount;
    if (amount === undefined) invalid(want, `no payment line "${id}" in the invoice`);
    else money(want, `line ${id}`, amount);
  }
  // The total is the amount payable (SPEC 10), as in the JSON.
  if (test.expect.total !== undefined) money(test.expect.total, 'total', applyTaxes(invoice, result.program.contract).total);
  if (test.expect.score !== undefined) compareScore(test.expect.score, result.score, fail, invalid);
  return out;
}

/** A score matches when the actual score rounded to the expectation's decimals equals it. */
function compareScore(
  want: Spanned<string>,
  actual: Rational | undefined,
  fail: (at: Spanned<string>, reason: string) => void,
  invalid: (at: Spanned<string>, reason: string) => void,
): void {
  const expected = readExpectedLiteral(want);
  if ('problem' in expected || expected.kind !== 'number') {
    return invalid(want, `score: "${want.value}" must be a percentage or a ratio such as 54.5% or 0.545`);
  }
  if (actual === undefined) return fail(want, `score: expected ${want.value}, but no weighted KPI counted this period`);
  // Decimal places as written: `100%` checks the ratio to 2 places (1.00), `54.5%` to 3, `0.545` to 3;
  // the actual score is rounded half-up to them (fraction.js round), as a person would read it.
  const written = expected.percent ? expected.value.mul(100) : expected.value;
  const places = (decimalPlaces(written) ?? 10) + (expected.percent ? 2 : 0);
  const rounded = actual.round(places);
  if (!rounded.equals(expected.value)) {
    const shown = expected.percent ? `${toDecimalString(actual.mul(100), 6)}%` : toDecimalString(actual, 8);
    fail(want, `score: expected ${want.value}, got ${shown}`);
  }
}
