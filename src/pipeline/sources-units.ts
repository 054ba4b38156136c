// Pipeline for sources, check against contracts (before any row is read): each definition's unit,
// from its aggregates' units and the contract language's unit algebra, against the contract
// metric's unit and currency (E094, located in sources.yaml with a label at the declaration).
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Contract } from '../contract/model.js';
import { additiveType, divideType, isProblem, mergeTypes, metricType, multiplyType, type TypeOutcome } from '../language/units.js';
import { DURATION, describeType, money, scalar, type ValueType } from '../language/value-types.js';
import type { Expr } from '../parser/ast.js';
import { checkAggregate, definitionFor, type AggregateUnit } from '../sources/check.js';
import type { SourcesFile } from '../sources/model.js';

/** An aggregate's unit as a contract-language type (money without a fixed currency: the contract's). */
function valueType(u: AggregateUnit, currency: string): ValueType {
  switch (u.kind) {
    case 'duration':
      return DURATION;
    case 'money':
      return money(u.currency ?? currency);
    default:
      return scalar(u.kind);
  }
}

/** Check every definition a contract uses (only metrics it declares). */
export function checkForContract(sources: SourcesFile, contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  const currency = contract.currency.value;
  for (const [name, decl] of contract.metrics) {
    const def = definitionFor(sources, contract.id.value, name);
    if (def === undefined) continue;
    const units = def.aggregates.map((a) => checkAggregate(sources, a, out));
    if (units.some((t) => t === undefined)) continue;
    const t = typeOf(def.expr, (units as AggregateUnit[]).map((u) => valueType(u, currency)), out);
    if (t === undefined) continue;
    const want = metricType(decl.unit.value, currency);
    const problem = unitProblem(t, want);
    if (problem !== undefined) {
      const reason = `"${name}" is defined as ${describeType(t)} but contract "${contract.id.value}" declares it as ${describeType(want)}${problem}`;
      const hint = unitHint(t, want, name);
      out.push(diag('E094', def.span, { reason }, { hint, labels: [{ span: decl.unit.span, message: `declared as ${decl.unit.value} here` }] }));
    }
  }
  return out;
}

/** What to do about a definition whose unit does not fit (SPEC 9: these errors come with a hint). */
function unitHint(t: ValueType, want: ValueType, name: string): string {
  if (t.kind === 'money' && want.kind === 'money') {
    return `the contract is in ${want.currency}: aggregate a money column in ${want.currency} (a column's currency comes from its header, "(${want.currency})", or its currency: key)`;
  }
  if (want.kind === 'scalar' && want.flavor === 'count' && t.kind === 'scalar') return `a count adds up rows: sum(<source>.<count column>) or count(<source> where ...)`;
  if (want.kind === 'scalar' && (want.flavor === 'percent' || want.flavor === 'ratio') && t.kind === 'scalar') {
    return `a share is a ratio of sums, sum(<source>.<part>) / sum(<source>.<whole>), or weighted_avg(<source>.<rate>, <source>.<weight>)`;
  }
  return `define ${name} from columns of the metric's unit (${describeType(want)}), or declare the metric with the unit its definition has (${describeType(t)})`;
}

/** Why a definition's type does not fit the metric's, or undefined when it fits. */
function unitProblem(t: ValueType, want: ValueType): string | undefined {
  if (t.kind === 'money' && want.kind === 'money') return t.currency === want.currency ? undefined : '';
  if (t.kind !== want.kind) return '';
  if (t.kind === 'scalar' && want.kind === 'scalar') {
    if (want.flavor === 'count' && (t.flavor === 'percent' || t.flavor === 'ratio')) return ': a share is not a count';
    if ((want.flavor === 'percent' || want.flavor === 'ratio') && t.flavor === 'count') return ': did you mean a ratio of two sums?';
  }
  return undefined;
}

/** Type of a definition over its aggregates' types (`$i` names). */
function typeOf(e: Expr, aggs: readonly ValueType[], out: Diagnostic[]): ValueType | undefined {
  const sub = (x: Expr): ValueType | undefined => typeOf(x, aggs, out);
  const done = (t: TypeOutcome, at: Expr): ValueType | undefined => {
    if (!isProblem(t)) return t;
    out.push(diag(t.code, at.span, { reason: t.reason }, t.hint === undefined ? {} : { hint: t.hint }));
    return undefined;
  };
  switch (e.kind) {
    case 'Number':
      return scalar('number');
    case 'Percent':
      return scalar('percent');
    case 'Duration':
      return DURATION;
    case 'Money':
      return money(e.currency);
    case 'Name':
      return aggs[Number(e.path[0]?.slice(1))];
    case 'Unary': {
      const t = sub(e.operand);
      return e.op === '-' ? t : undefined;
    }
    case 'Binary': {
      const l = sub(e.left);
      const r = sub(e.right);
      if (l === undefined || r === undefined) return undefined;
      switch (e.op) {
        case '+':
        case '-':
          return done(additiveType(e.op, l, r), e);
        case '*':
          return done(multiplyType(l, r), e);
        case '/':
          return done(divideType(l, r), e);
        case '??':
          return done(mergeTypes(l, r), e);
        default:
          break;
      }
      break;
    }
    case 'Call': {
      if ((e.callee === 'min' || e.callee === 'max') && e.args.length === 2) {
        const [a, b] = e.args.map(sub);
        if (a === undefined || b === undefined) return undefined;
        return done(mergeTypes(a, b), e);
      }
      if (e.callee === 'abs' && e.args.length === 1) return sub(e.args[0] as Expr);
      break;
    }
    default:
      break;
  }
  out.push(diag('E099', e.span, { reason: 'a definition is arithmetic over aggregates: + - * /, ??, numbers and quantities, min(a, b), max(a, b), abs(x)' }));
  return undefined;
}
