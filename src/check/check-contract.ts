// Stages 4-6: Contract -> CheckedContract (the only creator of the brand). Parses every
// expression, resolves names, checks types, units and field rules, derives attainment forms and
// orders defines/KPIs/score by dependency (cycles are E031). The result is data (typed trees);
// compileProgram (src/compile/) makes closures of it. All independent errors are reported.
import type { Contract, KpiDecl } from '../contract/model.js';
import type { Span, StageResult } from '../diagnostics/diagnostic.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { checkLimits, checkPayment } from './payments.js';
import { booleanRule, checkContractCurrency, checkGraceWindow, checkPaymentIds, checkWeightSum, constantOf, scalarRule } from './field-rules.js';
import { CheckSession } from './session.js';
import { checkLineTaxIds } from './tax-rules.js';
import type { CheckedContract, CheckedDefine, CheckedKpi, CheckedPayment, CheckedStep } from './checked-contract.js';
import { isJsonLogicTarget } from './checked-contract.js';
import { checkJsonLogicTarget } from './jsonlogic-target.js';
import { deriveForm } from './kpi-form.js';
import { ONE } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';
import { SCORE_STEP, defineStep, kpiStep, orderSteps } from './resolve.js';
import type { StepRef } from './typed-tree.js';
import { appendAll } from '../diagnostics/append-all.js';

/**
 * Check a contract (stages 4-6). The value is present only when no error was found; the
 * diagnostics are sorted (file, offset, code).
 */
export function checkContract(contract: Contract): StageResult<CheckedContract> {
  const s = new CheckSession(contract);
  checkContractCurrency(contract, s.diagnostics);
  checkPaymentIds(contract, s.diagnostics);
  checkLineTaxIds(contract, s.diagnostics);
  const steps = new Map<string, StepRef[]>();
  s.typeDefines();
  const defines = checkDefines(s, steps);
  const kpis = checkKpis(s, steps);
  const payments: CheckedPayment[] = [];
  let paymentsOk = true;
  for (const p of contract.payments) {
    const checked = checkPayment(s, p);
    if (checked === undefined) paymentsOk = false;
    else payments.push(checked);
  }
  const limits = checkLimits(s, contract.limits);
  const ordered = orderSteps(steps);
  appendAll(s.diagnostics, ordered.diagnostics);
  const diagnostics = sortDiagnostics(s.diagnostics);
  if (hasErrors(diagnostics) || !paymentsOk || limits === 'failed' || kpis.includes(undefined)) return { diagnostics };
  const okKpis = kpis.filter((k): k is CheckedKpi => k !== undefined);
  const plan = planSteps(ordered.order, contract, defines, okKpis);
  const checked = {
    contract,
    defines: plan.defines,
    kpis: okKpis,
    payments,
    ...(limits === undefined ? {} : { limits }),
    steps: plan.steps,
  };
  // The brand has no runtime form: this function is the one place that asserts it.
  return { value: checked as unknown as CheckedContract, diagnostics };
}

function checkDefines(s: CheckSession, steps: Map<string, StepRef[]>): Map<string, CheckedDefine> {
  const out = new Map<string, CheckedDefine>();
  for (const name of s.contract.defines.keys()) {
    const d = s.defineTyped(name);
    steps.set(defineStep(name), [...(d?.refs ?? [])]);
    if (d?.typed !== undefined) out.set(name, { name, compiled: s.checked(d.typed) });
  }
  return out;
}

function checkKpis(s: CheckSession, steps: Map<string, StepRef[]>): (CheckedKpi | undefined)[] {
  const weights: { value: Rational; span: Span }[] = [];
  const scoreRefs: StepRef[] = [];
  let weightsOk = true;
  const kpis = [...s.contract.kpis.values()].map((decl) => {
    const refs: StepRef[] = [];
    const kpi = checkKpi(s, decl, refs);
    steps.set(kpiStep(decl.id), refs);
    if (decl.weight !== undefined) {
      scoreRefs.push({ step: kpiStep(decl.id), span: decl.weight.span });
      if (kpi?.weight !== undefined) weights.push({ value: kpi.weight, span: decl.weight.span });
      else weightsOk = false;
    }
    return kpi;
  });
  steps.set(SCORE_STEP, scoreRefs);
  if (weightsOk) checkWeightSum(weights, s.diagnostics);
  return kpis;
}

function constantField(s: CheckSession, decl: KpiDecl, key: 'weight' | 'cap'): Rational | undefined | 'failed' {
  const et = decl[key];
  if (et === undefined) return undefined;
  const what = `the ${key} of KPI "${decl.id}"`;
  const c = s.field(et, scalarRule(what));
  if (c === undefined) return 'failed';
  return constantOf(c, what, s.diagnostics) ?? 'failed';
}

function checkKpi(s: CheckSession, decl: KpiDecl, refs: StepRef[]): CheckedKpi | undefined {
  const target =
    decl.jsonlogic === undefined
      ? s.field(decl.target, booleanRule(`the target of KPI "${decl.id}"`), refs)
      : checkJsonLogicTarget(decl, decl.jsonlogic, s.scope, s.diagnostics);
  const attainment = s.field(decl.attainment, scalarRule(`the attainment of KPI "${decl.id}"`), refs);
  const weight = constantField(s, decl, 'weight');
  const cap = constantField(s, decl, 'cap');
  checkGraceWindow(decl, s.diagnostics);
  if (target === undefined || (decl.attainment !== undefined && attainment === undefined)) return undefined;
  if (weight === 'failed' || cap === 'failed') return undefined;
  return {
    decl,
    target,
    ...(weight === undefined ? {} : { weight }),
    cap: cap ?? ONE,
    form: !isJsonLogicTarget(target)
      ? deriveForm(target, attainment, (t) => s.checked(t))
      : attainment !== undefined
        ? { kind: 'explicit', attainment }
        : { kind: 'met-or-missed' },
  };
}

function planSteps(
  order: readonly string[],
  contract: Contract,
  defines: ReadonlyMap<string, CheckedDefine>,
  kpis: readonly CheckedKpi[],
): { steps: CheckedStep[]; defines: CheckedDefine[] } {
  const defineSlots = new Map<string, number>();
  for (const name of contract.defines.keys()) defineSlots.set(name, defineSlots.size);
  const kpiSlots = new Map<string, number>(kpis.map((k, i) => [k.decl.id, i]));
  const steps: CheckedStep[] = [];
  const ordered: CheckedDefine[] = [];
  for (const step of order) {
    if (step === SCORE_STEP) {
      steps.push({ kind: 'score' });
    } else if (step.startsWith('define:')) {
      const name = step.slice('define:'.length);
      const define = defines.get(name);
      const slot = defineSlots.get(name);
      if (define !== undefined && slot !== undefined) {
        steps.push({ kind: 'define', slot, define });
        ordered.push(define);
      }
    } else {
      const slot = kpiSlots.get(step.slice('kpi:'.length));
      if (slot !== undefined) steps.push({ kind: 'kpi', slot });
    }
  }
  return { steps, defines: ordered };
}
