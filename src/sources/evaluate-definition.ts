// Sources, definitions: a checked definition (arithmetic over aggregates `$i`) + the aggregates'
// exact values -> the metric's value, or undefined when any part has none (a division by zero, an
// average over no rows). Exact rationals throughout; `??` takes the right side when the left has none.
import { compareRationals, isZero, type Rational } from '../numbers/rational.js';
import { parseDecimal } from '../numbers/rational.js';
import type { Expr } from '../parser/ast.js';

const SECONDS: Readonly<Record<string, number>> = { s: 1, min: 60, h: 3600, d: 86400 };

/** Evaluate a definition expression over its aggregate values. */
export function evaluateDefinition(e: Expr, aggs: readonly (Rational | undefined)[]): Rational | undefined {
  const ev = (x: Expr): Rational | undefined => evaluateDefinition(x, aggs);
  switch (e.kind) {
    case 'Number':
    case 'Money':
      return parseDecimal(e.value);
    case 'Percent':
      return parseDecimal(e.value)?.div(100);
    case 'Duration': {
      let total: Rational | undefined = parseDecimal('0');
      for (const p of e.parts) {
        const v = parseDecimal(p.value);
        total = v === undefined || total === undefined ? undefined : total.add(v.mul(SECONDS[p.unit] ?? 1));
      }
      return total;
    }
    case 'Name':
      return aggs[Number(e.path[0]?.slice(1))];
    case 'Unary':
      return e.op === '-' ? ev(e.operand)?.neg() : undefined;
    case 'Binary': {
      if (e.op === '??') return ev(e.left) ?? ev(e.right);
      const l = ev(e.left);
      const r = ev(e.right);
      if (l === undefined || r === undefined) return undefined;
      switch (e.op) {
        case '+':
          return l.add(r);
        case '-':
          return l.sub(r);
        case '*':
          return l.mul(r);
        case '/':
          return isZero(r) ? undefined : l.div(r);
        default:
          return undefined;
      }
    }
    case 'Call': {
      const args = e.args.map(ev);
      if (args.some((a) => a === undefined)) return undefined;
      const [a, b] = args as Rational[];
      if (e.callee === 'abs' && a !== undefined) return a.abs();
      if (a === undefined || b === undefined) return undefined;
      if (e.callee === 'min') return compareRationals(a, b) <= 0 ? a : b;
      if (e.callee === 'max') return compareRationals(a, b) >= 0 ? a : b;
      return undefined;
    }
    default:
      return undefined;
  }
}
