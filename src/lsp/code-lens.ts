// Language server, code lenses: a checked contract -> one lens on each `tests:` entry (passed, or
// failed with expected vs actual) and one on each KPI (met/missed in each test's period). Tests
// run through an injected runner (the one `attain test` uses; src/cli/lsp.ts passes it in).
import type { CheckedContract } from '../check/checked-contract.js';
import { compileProgram } from '../compile/compile-program.js';
import { bindTestData } from '../data/bind.js';
import type { Span } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { evaluatePeriod } from '../evaluate/evaluate-period.js';
import type { TestOutcome } from '../report/test-outcome.js';

/** Runs a checked contract's own tests (src/pipeline/contract-tests in the CLI). */
export type TestRunner = (checked: CheckedContract) => readonly TestOutcome[];

/** A lens: where it sits and what it says. */
export interface Lens {
  readonly span: Span;
  readonly title: string;
}

/** Lenses of a checked contract: each test's outcome, then each KPI's status per test. */
export function contractLenses(checked: CheckedContract, runTests: TestRunner | undefined): Lens[] {
  const contract = checked.contract;
  const lenses: Lens[] = [];
  if (runTests !== undefined) {
    const outcomes = runTests(checked);
    contract.tests.forEach((t, i) => {
      const o = outcomes[i];
      if (o === undefined) return;
      lenses.push({ span: t.nameSpan, title: o.passed ? `✓ passed` : `✗ failed: ${failureText(o)}` });
    });
  }
  const statuses = new Map<string, string[]>();
  const program = contract.tests.length === 0 ? undefined : compileProgram(checked);
  for (const t of contract.tests) {
    const bound = bindTestData(contract, t);
    if (bound.value === undefined || hasErrors(bound.diagnostics)) continue;
    const result = program === undefined ? undefined : evaluatePeriod(program, bound.value, t.period.value).value;
    if (result === undefined) continue;
    for (const k of result.kpis) {
      const want = t.expect.kpis?.get(k.id)?.value;
      const note = want === undefined || want === k.status ? '' : ` (expected ${want})`;
      const list = statuses.get(k.id) ?? [];
      list.push(`${k.status} in "${t.name}"${note}`);
      statuses.set(k.id, list);
    }
  }
  for (const k of contract.kpis.values()) {
    const list = statuses.get(k.id);
    lenses.push({ span: k.idSpan, title: list === undefined ? 'no test evaluates this KPI' : list.join(' · ') });
  }
  return lenses;
}

/** Expected vs actual of a failed test, from its first finding ("KPI x: expected met, got missed"). */
function failureText(o: TestOutcome): string {
  const d = o.diagnostics.find((x) => x.severity === 'error') ?? o.diagnostics[0];
  if (d === undefined) return 'failed';
  const reason = d.data?.['reason'];
  return typeof reason === 'string' ? reason : d.message.replace(/^test "[^"]*": /, '');
}
