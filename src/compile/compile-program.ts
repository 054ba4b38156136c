// Stage 6b, compileProgram: CheckedContract (typed trees, data) -> Program (closures). Runs once
// per contract; every expression of the contract is compiled exactly once (a KPI's attainment
// form compiles the two sides of its target on their own, for attainment = x / t).
import { assertNever } from '../diagnostics/diagnostic.js';
import { isJsonLogicTarget } from '../check/checked-contract.js';
import type { AttainmentForm as CheckedForm, CheckedContract, CheckedExpr, CheckedKpi, CheckedPayment, CheckedPricing, CheckedStep } from '../check/checked-contract.js';
import { compileExpr, type CompileEnv } from './compile-expression.js';
import { compileJsonLogicTarget } from './jsonlogic-target.js';
import type { AttainmentForm, CompiledExpr, EvalStep, Program, ProgramDefine, ProgramKpi, ProgramPayment, ProgramPricing } from './program.js';

/** Options of compileProgram. */
export interface CompileOptions {
  /** The fast path on JS numbers (default true); false runs every expression on exact rationals only. */
  readonly fastPath?: boolean;
}

/** Compile a checked contract into a Program. Pure: the checked contract is not changed. */
export function compileProgram(checked: CheckedContract, options: CompileOptions = {}): Program {
  const defineSlots = new Map<string, number>();
  for (const name of checked.contract.defines.keys()) defineSlots.set(name, defineSlots.size);
  const env: CompileEnv = { text: checked.contract.file.text, defineSlots, ...(options.fastPath === undefined ? {} : { fastPath: options.fastPath }) };
  const expr = (e: CheckedExpr): CompiledExpr => compileExpr(e.typed, env);
  const defines = new Map<string, ProgramDefine>(checked.defines.map((d) => [d.name, { name: d.name, compiled: expr(d.compiled) }]));
  const step = (s: CheckedStep): EvalStep => {
    if (s.kind !== 'define') return s;
    const define = defines.get(s.define.name) ?? { name: s.define.name, compiled: expr(s.define.compiled) };
    return { kind: 'define', slot: s.slot, define };
  };
  return {
    checked,
    contract: checked.contract,
    defines: checked.defines.map((d) => defines.get(d.name) ?? { name: d.name, compiled: expr(d.compiled) }),
    kpis: checked.kpis.map((k) => compileKpi(k, expr)),
    payments: checked.payments.map((p) => compilePayment(p, expr)),
    ...(checked.limits === undefined ? {} : { limits: { ...bounds(checked.limits, expr), span: checked.limits.span } }),
    ...(checked.steps === undefined ? {} : { steps: checked.steps.map(step) }),
  };
}

type Compile = (e: CheckedExpr) => CompiledExpr;

function compileKpi(k: CheckedKpi, expr: Compile): ProgramKpi {
  const target = isJsonLogicTarget(k.target) ? compileJsonLogicTarget(k.target) : expr(k.target);
  return {
    decl: k.decl,
    target,
    ...(k.weight === undefined ? {} : { weight: k.weight }),
    cap: k.cap,
    form: compileForm(k.form, expr),
  };
}

function compileForm(form: CheckedForm<CheckedExpr>, expr: Compile): AttainmentForm {
  switch (form.kind) {
    case 'met-or-missed':
      return form;
    case 'explicit':
      return { kind: 'explicit', attainment: expr(form.attainment) };
    case 'higher-is-better':
    case 'lower-is-better':
      return { kind: form.kind, value: expr(form.value), threshold: expr(form.threshold), strict: form.strict };
    default:
      return assertNever(form, 'attainment form');
  }
}

function compilePayment(p: CheckedPayment, expr: Compile): ProgramPayment {
  return {
    decl: p.decl,
    pricing: compilePricing(p.pricing, expr),
    ...(p.when === undefined ? {} : { when: expr(p.when) }),
    ...bounds(p, expr),
  };
}

function compilePricing(p: CheckedPricing, expr: Compile): ProgramPricing {
  switch (p.form) {
    case 'amount':
      return { form: 'amount', amount: expr(p.amount) };
    case 'price':
      return { form: 'price', quantity: expr(p.quantity), price: expr(p.price) };
    case 'tiers':
      return {
        form: 'tiers',
        quantity: expr(p.quantity),
        mode: p.mode,
        tiers: p.tiers.map((t) => ({
          ...(t.upTo === undefined ? {} : { upTo: t.upTo }),
          ...(t.price === undefined ? {} : { price: expr(t.price) }),
          ...(t.flat === undefined ? {} : { flat: expr(t.flat) }),
          span: t.span,
        })),
      };
    case 'package':
      return { form: 'package', quantity: expr(p.quantity), size: p.size, price: expr(p.price), freeUnits: p.freeUnits };
    default:
      return assertNever(p, 'pricing form');
  }
}

/** The compiled `min`/`max` of a payment line or of the limits, where given. */
function bounds(b: { readonly min?: CheckedExpr; readonly max?: CheckedExpr }, expr: Compile): { readonly min?: CompiledExpr; readonly max?: CompiledExpr } {
  return { ...(b.min === undefined ? {} : { min: expr(b.min) }), ...(b.max === undefined ? {} : { max: expr(b.max) }) };
}
