// Stage 6 -> JSON Logic (used by to-jsonlogic.ts): the JSON Logic value type, operation builders,
// and conditions simplified as they are built (flattened and/or, duplicates and constants dropped).
import { InternalError } from '../diagnostics/diagnostic.js';
import type { Rational } from '../numbers/rational.js';
import { toDecimalString } from '../numbers/rational.js';

/** A JSON Logic rule or value: JSON data where a one-key object is an operation. */
export type JsonLogic = null | boolean | number | string | readonly JsonLogic[] | { readonly [op: string]: JsonLogic };

/** `{ op: [args] }`. Operation names are attain's own constants, never user text. */
export function op(name: string, ...args: JsonLogic[]): JsonLogic {
  return { [name]: args };
}

/**
 * A JS number for an exact rational. JSON Logic computes in binary floats: this is where attain's
 * exact values become floats (the nearest double to the decimal; 20 digits are kept before that).
 */
export function jsonNumber(r: Rational): number {
  const n = Number(toDecimalString(r, 20));
  if (!Number.isFinite(n)) throw new InternalError(`jsonlogic: ${toDecimalString(r)} is not a finite float`);
  return n;
}

function operands(c: JsonLogic, name: 'and' | 'or'): readonly JsonLogic[] | undefined {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return undefined;
  const keys = Object.keys(c);
  const args = (c as { readonly [op: string]: JsonLogic })[name];
  return keys.length === 1 && Array.isArray(args) ? (args as readonly JsonLogic[]) : undefined;
}

function junction(name: 'and' | 'or', conds: readonly JsonLogic[]): JsonLogic {
  const unit = name === 'and';
  const seen = new Set<string>();
  const out: JsonLogic[] = [];
  const add = (c: JsonLogic): boolean => {
    if (c === unit) return true;
    if (c === !unit) return false;
    const inner = operands(c, name);
    if (inner !== undefined) return inner.every(add);
    const key = JSON.stringify(c);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
    return true;
  };
  if (!conds.every(add)) return !unit;
  if (out.length === 0) return unit;
  return out.length === 1 ? (out[0] as JsonLogic) : { [name]: out };
}

/** Conjunction of conditions (truthiness), simplified; `true` when empty. */
export function allOf(...conds: JsonLogic[]): JsonLogic {
  return junction('and', conds);
}

/** Disjunction of conditions (truthiness), simplified; `false` when empty. */
export function anyOf(...conds: JsonLogic[]): JsonLogic {
  return junction('or', conds);
}

/** Negation of a condition; constants folded. */
export function notOf(c: JsonLogic): JsonLogic {
  return c === true ? false : c === false ? true : op('!', c);
}

/**
 * Number of nodes the rule has once written out (shared sub-rules counted every time they occur).
 * Linear in the number of distinct objects: counts are memoised by identity.
 */
export function ruleSize(rule: JsonLogic, memo = new Map<object, number>()): number {
  if (typeof rule !== 'object' || rule === null) return 1;
  const known = memo.get(rule);
  if (known !== undefined) return known;
  const children: readonly JsonLogic[] = Array.isArray(rule) ? rule : Object.values(rule);
  let n = 1;
  for (const c of children) n += ruleSize(c, memo);
  memo.set(rule, n);
  return n;
}
