// Library API, expressions (SPEC 13): expression text + metric units -> a Rule checked and
// compiled once, whose evaluate() reads a plain record on the engine's fast path (exact).
import type { Diagnostic, Span, StageResult } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { createSourceFile } from '../diagnostics/source.js';
import type { MetricDecl, MetricUnit } from '../contract/model.js';
import type { DataValue } from '../data/metric-data.js';
import { typeValue } from '../data/type-value.js';
import { isNoData, type Value } from '../language/values.js';
import { isCompiledTree, type CompiledNode } from '../compile/compile-expression.js';
import { compileProgram } from '../compile/compile-program.js';
import { compileFast, lastDen, type FastFn } from '../compile/fast-number.js';
import { createFrame, type Frame } from '../compile/frame.js';
import { typedNumbers } from './record-numbers.js';
import { ZERO, fromSafeIntegers, isRational, parseDecimal, toDecimalString, type Rational } from '../numbers/rational.js';
import { checkContractFile } from '../check/check-file.js';
import { rawValueOf, type PlainRecord } from './plain-data.js';
import { ruleContract, toExpressionDiagnostic } from './rule-contract.js';
import { decimalPlaces } from '../numbers/decimal-places.js';
import { ANY, COUNT, NON_NEGATIVE, PERCENT, fillCountDens, type ReadPlan } from './record-admit.js';
import { takeRuleMakers } from './record-reader.js';
import type { RuleValue } from './rule-parts.js';

export interface CompileExpressionOptions {
  /** The metrics the expression may name, with their units (SPEC 2: count, percent, ...). */
  readonly metrics: Readonly<Record<string, MetricUnit>>;
  /** Currency of money metrics and literals; default: the first `<amount> XYZ` in the text, else USD. */
  readonly currency?: string;
  /** The name diagnostics give the expression text. Default `expression`. */
  readonly path?: string;
}

export type { RuleValue } from './rule-parts.js';

/** The value with what `evaluate` says only as null: findings about the input, or why no value. */
export interface RuleCheck {
  readonly value: RuleValue;
  /** Findings about the record (unit, sign, not a number), located in `Rule.recordText`. */
  readonly diagnostics: readonly Diagnostic[];
  /** Why there is no value (`metric "leads" missing`, `division by zero: sessions is 0`). */
  readonly reason?: string;
}

/** The kind of value a rule gives. */
export type RuleType = 'boolean' | 'number' | 'duration' | 'money' | 'string';

/** An expression checked and compiled once; evaluate it on as many records as needed. */
export interface Rule {
  readonly type: RuleType;
  /**
   * The value on one record (metric name -> JS number at its shortest decimal, or a decimal or
   * quantity string such as `"17.5%"`); `previous`: the record of the period before, for
   * `growth()` and `previous()`. Only the metrics the expression reads are read (and checked):
   * other names are ignored. Never throws.
   */
  evaluate(record: PlainRecord, previous?: PlainRecord): RuleValue;
  /** As evaluate, with the diagnostics about the record and the reason for a null. */
  check(record: PlainRecord, previous?: PlainRecord): RuleCheck;
}

/** Check and compile an expression once. No value when anything is in error. */
export function compileExpression(text: string, options: CompileExpressionOptions): StageResult<Rule> {
  const path = options.path ?? 'expression';
  const made = ruleContract(text, options);
  const checked = checkContractFile(createSourceFile(`${path}.attain-rule.yaml`, made.yaml));
  const diagnostics = checked.diagnostics.map((d) => toExpressionDiagnostic(d, made, path));
  if (checked.checked === undefined || hasErrors(diagnostics)) return { diagnostics };
  const define = compileProgram(checked.checked).defines.find((d) => d.name === made.name);
  if (define === undefined || !isCompiledTree(define.compiled)) return { diagnostics };
  const metrics = [...checked.checked.contract.metrics.values()];
  return { value: makeRule(define.compiled.node, metrics, checked.checked.contract.currency.value, path), diagnostics };
}

function makeRule(node: CompiledNode, metrics: readonly MetricDecl[], currency: string, path: string): Rule {
  const kind = node.typed.type.kind;
  const type: RuleType = kind === 'scalar' ? 'number' : kind;
  const count = metrics.length;
  // Only the metrics the expression reads are read from a record (a wide record costs nothing more).
  const used = usedSlots(node);
  const names = used.map((slot) => (metrics[slot] as MetricDecl).name);
  const plan: ReadPlan = {
    names,
    offsets: used.map((slot) => 2 * slot),
    checks: used.map((slot) => {
      const unit = (metrics[slot] as MetricDecl).unit.value;
      return unit === 'count' ? COUNT : unit === 'duration' ? NON_NEGATIVE : unit === 'percent' ? PERCENT : ANY;
    }),
  };
  const { read, makeEvaluate } = takeRuleMakers(plan);
  const readCount = used.length;
  const slow = node.fn;
  const fast: FastFn | undefined = compileFast(node);
  const span: Span = { file: `${path} record`, start: 0, end: 0 };
  // The fast slots (compile/fast-slots.ts): num, den per metric for the record, then for `previous`.
  const slots = new Float64Array(4 * count);
  fillCountDens(plan, slots, 0);
  fillCountDens(plan, slots, 2 * count);
  const frame = createFrame({
    period: 'the record', periodIndex: 0, periodMonth: 0, periodIndexValue: ZERO, periodMonthValue: ZERO, periodYearValue: ZERO, periodDaysValue: ZERO, periodSpan: undefined,
    metrics: [], previousPeriod: undefined, previous: undefined, fast: slots, fastAt: 0, fastPreviousAt: 2 * count,
    defines: [], kpiMet: [], kpiAttainment: [], kpiStatus: [], score: ZERO,
  });

  // Whether the expression reads the period before at all (previous(), growth()): if not, the
  // previous slots are never read and need no writing.
  const readsPrevious = hasPreviousRead(node);
  const noPrevious = (): void => {
    for (let i = 0; i < readCount; i++) {
      const o = 2 * count + (plan.offsets[i] as number);
      slots[o] = NaN;
      slots[o + 1] = 1;
    }
  };

  const frameOf = (current: readonly (DataValue | undefined)[], before: readonly (DataValue | undefined)[] | undefined): Frame =>
    createFrame({
      period: 'the record', periodIndex: 0, periodMonth: 0, periodIndexValue: ZERO, periodMonthValue: ZERO, periodYearValue: ZERO, periodDaysValue: ZERO, periodSpan: undefined,
      metrics: current, previousPeriod: before === undefined ? undefined : 'the previous record', previous: before,
      fast: slots, fastAt: 0, fastPreviousAt: 2 * count, defines: [], kpiMet: [], kpiAttainment: [], kpiStatus: [], score: ZERO,
    });

  const full = (record: PlainRecord, previous: PlainRecord | undefined): RuleCheck => {
    const diagnostics: Diagnostic[] = [];
    const current = typed(record, metrics, used, currency, span, diagnostics);
    const before = previous === undefined || !readsPrevious ? undefined : typed(previous, metrics, used, currency, span, diagnostics);
    if (hasErrors(diagnostics)) return { value: null, diagnostics };
    const v = slow(frameOf(current, before));
    return isNoData(v) ? { value: null, diagnostics, reason: v.reason } : { value: fromValue(v), diagnostics };
  };

  // Records of plain numbers the fast path gave up on (a zero divisor, a product beyond 2^53, a
  // count beyond 2^53): the rational closures on values read as typing reads them, without its
  // text parsing and findings (there are none for such values). Undefined: typing is needed.
  const quickly = (record: PlainRecord, previous: PlainRecord | undefined): RuleValue | undefined => {
    const current = typedNumbers(record, plan, count, span);
    if (current === undefined) return undefined;
    const before = previous === undefined || !readsPrevious ? undefined : typedNumbers(previous, plan, count, span);
    if (before === undefined && previous !== undefined && readsPrevious) return undefined;
    const v = slow(frameOf(current, before));
    return isNoData(v) ? null : fromValue(v);
  };

  const slowly = (record: PlainRecord, previous?: PlainRecord): RuleValue => {
    const quick = quickly(record, previous);
    return quick !== undefined ? quick : full(record ?? {}, previous).value;
  };
  // `previous` into its slots when the expression reads it; false when it needs the full typing.
  const readPrevious = (previous: PlainRecord | undefined): boolean => {
    if (previous === undefined) {
      noPrevious();
      return true;
    }
    return typeof previous === 'object' && previous !== null && read(previous, slots, 2 * count);
  };
  // A numeric result from the fast path. Den 1: an integer; den 0: a value read as given (a
  // double standing for its shortest decimal); -0 (a negated zero) is 0, as in rationals.
  const numeric = (x: number): RuleValue => {
    const d = lastDen();
    return d === 1 || d === 0 ? (x === 0 ? 0 : x) : fromValue(fromSafeIntegers(x, d));
  };
  // Small on purpose: a caller's hot loop inlines it, with the reader and the fast closure, within
  // V8's inlining budget (bytecode size); everything rare is a call. Generated per rule (its own
  // feedback): record-readers.generated.ts.
  const evaluate =
    fast === undefined
      ? slowly
      : makeEvaluate({ read, slots, fast, frame, boolean: type === 'boolean', readsPrevious, readPrevious, numeric, slowly });

  return {
    type,
    evaluate,
    check: (record, previous) => full(typeof record === 'object' && record !== null ? record : {}, previous),
  };
}

/** The metric slots an expression reads (metrics, and previous() / growth() of them), in order. */
function usedSlots(node: CompiledNode): number[] {
  const slots = new Set<number>();
  const visit = (n: CompiledNode): void => {
    const t = n.typed;
    if (t.kind === 'Metric' || (t.kind === 'RefCall' && t.builtin.ref === 'metric')) slots.add(t.slot);
    n.children.forEach(visit);
  };
  visit(node);
  return [...slots].sort((a, b) => a - b);
}

function hasPreviousRead(node: CompiledNode): boolean {
  return node.typed.kind === 'RefCall' || node.children.some(hasPreviousRead);
}

/** Type a record's values of the `used` metrics (as data files are typed); the rest: undefined. */
function typed(record: PlainRecord, metrics: readonly MetricDecl[], used: readonly number[], currency: string, span: Span, diagnostics: Diagnostic[]): (DataValue | undefined)[] {
  return metrics.map((m, slot) => {
    if (!used.includes(slot)) return undefined;
    const x = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[m.name] : undefined;
    if (x === undefined) return undefined;
    // Anything but a number or a string (null, a boolean, an object) is typed as not a number.
    const raw = typeof x === 'number' || typeof x === 'string' ? rawValueOf(x, span) : { value: typeof x === 'boolean' ? x : null, source: typeof x, span, keySpan: span };
    const t = typeValue(raw, m, currency);
    diagnostics.push(...t.diagnostics);
    return t.value === undefined ? undefined : { value: t.value, span };
  });
}

/** A runtime value as a RuleValue (numbers as documented on RuleValue). */
function fromValue(v: Value): RuleValue {
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (!isRational(v)) return null;
  return numberOrDecimal(v);
}

function numberOrDecimal(r: Rational): number | string {
  const digits = decimalPlaces(r);
  const text = toDecimalString(r, digits ?? 12);
  if (digits === undefined) return text;
  const n = Number(text);
  // The number stands for exactly r only when its shortest decimal reads back as r.
  const back = parseDecimal(String(n));
  return back !== undefined && back.equals(r) ? n : text;
}
