// Stage 6 (checkContract): the unit algebra of expressions. ValueType x ValueType -> ValueType or
// a UnitProblem (code + reason) that the checker turns into a located diagnostic.
//
// Rules (SPEC 3): count, number, ratio and percent are one dimensionless dimension and mix freely;
// duration and money (one dimension per currency) carry a dimension. The scalar *flavor* only
// decides how a value is displayed, so flavor merging is a best guess, never an error.
import type { Expr } from '../parser/ast.js';
import type { MetricUnit } from '../contract/model.js';
import { DURATION, describeType, isQuantity, money, sameDimension, scalar } from './value-types.js';
import type { ScalarFlavor, ValueType } from './value-types.js';

/** Why two types do not combine. `E040` boolean/number, `E041` dimensions, `E042` currencies. */
export interface UnitProblem {
  readonly code: 'E040' | 'E041' | 'E042';
  readonly reason: string;
  readonly hint?: string;
}

export type TypeOutcome = ValueType | UnitProblem;

export function isProblem(t: TypeOutcome): t is UnitProblem {
  return 'code' in t;
}

/** Static type of a declared metric. Money metrics are in the contract currency. */
export function metricType(unit: MetricUnit, currency: string): ValueType {
  switch (unit) {
    case 'duration':
      return DURATION;
    case 'money':
      return money(currency);
    default:
      return scalar(unit);
  }
}

/** Display flavor of a value combining two scalars additively (`count + count` stays a count). */
export function mergeFlavor(a: ScalarFlavor, b: ScalarFlavor): ScalarFlavor {
  if (a === b) return a;
  if (a === 'number') return b;
  if (b === 'number') return a;
  return a === 'percent' || b === 'percent' ? 'percent' : 'number';
}

/** The common type of two same-dimension values (branches of `if`, `??`, min/max arguments). */
export function mergeTypes(a: ValueType, b: ValueType): TypeOutcome {
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(mergeFlavor(a.flavor, b.flavor));
  const problem = dimensionProblem('combine', a, b);
  return problem ?? a;
}

/**
 * The problem with using `a` and `b` together where one dimension is needed, or undefined.
 * Booleans and strings only combine with their own kind.
 */
export function dimensionProblem(verb: string, a: ValueType, b: ValueType): UnitProblem | undefined {
  if (sameDimension(a, b)) return undefined;
  const what = `cannot ${verb} ${describeType(a)} and ${describeType(b)}`;
  if (a.kind === 'money' && b.kind === 'money') return { code: 'E042', reason: what };
  if (a.kind === 'boolean' || b.kind === 'boolean' || a.kind === 'string' || b.kind === 'string') {
    return { code: 'E040', reason: what };
  }
  return { code: 'E041', reason: what };
}

/** A number literal standing where a duration or money is needed: the literal the user meant. */
export function suggestQuantity(numberText: string, wanted: ValueType): string | undefined {
  if (wanted.kind === 'money') return `${numberText} ${wanted.currency}`;
  if (wanted.kind !== 'duration') return undefined;
  // Data stores durations in seconds, but people write thresholds in minutes: a bare number
  // below 60 is read as minutes (`>= 2` -> `2 min`), 60 and above as seconds (`>= 90` -> `90 s`).
  const digits = numberText.replace(/^-/, '');
  const small = /^\d{1,2}(\.\d+)?$/.test(digits) && Number(digits.split('.')[0]) < 60;
  return small ? `${numberText} min` : `${numberText} s`;
}

/** `did you mean 2 min?` when one side is a bare number literal and the other has a unit. */
export function quantityHint(left: Expr, lt: ValueType, right: Expr, rt: ValueType): string | undefined {
  const pick = (num: Expr, other: ValueType): string | undefined =>
    num.kind === 'Number' || (num.kind === 'Unary' && num.op === '-' && num.operand.kind === 'Number')
      ? suggestQuantity(literalText(num), other)
      : undefined;
  const s = (rt.kind === 'scalar' ? pick(right, lt) : undefined) ?? (lt.kind === 'scalar' ? pick(left, rt) : undefined);
  return s === undefined ? undefined : `did you mean ${s}?`;
}

function literalText(e: Expr): string {
  if (e.kind === 'Number') return e.value;
  if (e.kind === 'Unary' && e.operand.kind === 'Number') return `-${e.operand.value}`;
  return '';
}


function notNumeric(op: string, a: ValueType, b: ValueType): UnitProblem | undefined {
  const bad = !isQuantity(a) ? a : !isQuantity(b) ? b : undefined;
  return bad === undefined ? undefined : { code: 'E040', reason: `'${op}' needs numbers, found ${describeType(bad)}` };
}

/** Type of `a + b` / `a - b`: same dimension required. */
export function additiveType(op: '+' | '-', a: ValueType, b: ValueType): TypeOutcome {
  const nn = notNumeric(op, a, b);
  if (nn !== undefined) return nn;
  return mergeTypes(a, b);
}

/** Type of `a * b`: at most one side may carry a dimension. */
export function multiplyType(a: ValueType, b: ValueType): TypeOutcome {
  const nn = notNumeric('*', a, b);
  if (nn !== undefined) return nn;
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    if (a.flavor === 'number') return b;
    if (b.flavor === 'number') return a;
    return scalar('number');
  }
  if (a.kind === 'scalar') return b;
  if (b.kind === 'scalar') return a;
  return { code: 'E041', reason: `cannot multiply ${describeType(a)} by ${describeType(b)}` };
}

/**
 * Type of `a / b`: count/count ratio; money/count money; money/money (same currency) ratio;
 * duration/count duration; duration/duration ratio; a number divided by a unit is an error.
 */
export function divideType(a: ValueType, b: ValueType): TypeOutcome {
  const nn = notNumeric('/', a, b);
  if (nn !== undefined) return nn;
  if (b.kind === 'scalar') {
    if (a.kind !== 'scalar') return a;
    return b.flavor === 'number' ? a : scalar('ratio');
  }
  if (a.kind === b.kind) {
    const problem = dimensionProblem('divide', a, b);
    return problem ?? scalar('ratio');
  }
  return { code: 'E041', reason: `cannot divide ${describeType(a)} by ${describeType(b)}` };
}

/** The problem with comparing `a` and `b` with `op`, or undefined. */
export function comparisonProblem(op: string, a: ValueType, b: ValueType): UnitProblem | undefined {
  const ordering = op !== '==' && op !== '!=';
  if (ordering) {
    const nn = notNumeric(op, a, b);
    if (nn !== undefined) return nn;
  }
  return dimensionProblem('compare', a, b);
}

