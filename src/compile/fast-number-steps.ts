// Stage 6b (compileProgram), fast path: an arithmetic code and its operands' slots or constant
// -> a closure of one step (fast-number.ts's `binary`), one function literal per operation.
//
// Why per operation: V8 inlines a fast closure's step into the caller's loop only while the
// bytecode inlined there stays within a budget, which counts every case of an inlined switch
// (`apply` in numbers/safe-fraction.ts), taken or not; and a step passed in as a value would
// make one call site serve every operation (polymorphic) in closures compiled on their own.
// Here each literal calls one step, directly. docs/performance.md, "Library API".
import type { Frame } from './frame.js';
import { ADD, DIV, MUL, SUB, addFractions, divFractions, lastDen, mulFractions, subFractions } from '../numbers/safe-fraction.js';

/** A fast closure (fast-number.ts's FastFn, restated: that file imports this one). */
type Fast = (f: Frame) => number;

/** `metric op metric` (slot offsets i, j), or undefined for a comparison (`apply` then). */
export function metricStepMetric(code: number, i: number, j: number): Fast | undefined {
  switch (code) {
    case ADD:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt;
        return addFractions(s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
      };
    case SUB:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt;
        return subFractions(s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
      };
    case MUL:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt;
        return mulFractions(s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
      };
    case DIV:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt;
        return divFractions(s[o + i] as number, s[o + i + 1] as number, s[o + j] as number, s[o + j + 1] as number);
      };
    default:
      return undefined;
  }
}

/** `metric op constant` (slot offset i, constant n/d), or undefined for a comparison. */
export function metricStepConstant(code: number, i: number, n: number, d: number): Fast | undefined {
  switch (code) {
    case ADD:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt + i;
        return addFractions(s[o] as number, s[o + 1] as number, n, d);
      };
    case SUB:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt + i;
        return subFractions(s[o] as number, s[o + 1] as number, n, d);
      };
    case MUL:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt + i;
        return mulFractions(s[o] as number, s[o + 1] as number, n, d);
      };
    case DIV:
      return (f) => {
        const s = f.fast;
        const o = f.fastAt + i;
        return divFractions(s[o] as number, s[o + 1] as number, n, d);
      };
    default:
      return undefined;
  }
}

/** `x op metric` (x any fast closure, then slot offset j), or undefined for a comparison. */
export function stepMetric(code: number, x: Fast, j: number): Fast | undefined {
  switch (code) {
    case ADD:
      return (f) => {
        const xn = x(f);
        const xd = lastDen();
        const s = f.fast;
        const o = f.fastAt + j;
        return addFractions(xn, xd, s[o] as number, s[o + 1] as number);
      };
    case SUB:
      return (f) => {
        const xn = x(f);
        const xd = lastDen();
        const s = f.fast;
        const o = f.fastAt + j;
        return subFractions(xn, xd, s[o] as number, s[o + 1] as number);
      };
    case MUL:
      return (f) => {
        const xn = x(f);
        const xd = lastDen();
        const s = f.fast;
        const o = f.fastAt + j;
        return mulFractions(xn, xd, s[o] as number, s[o + 1] as number);
      };
    case DIV:
      return (f) => {
        const xn = x(f);
        const xd = lastDen();
        const s = f.fast;
        const o = f.fastAt + j;
        return divFractions(xn, xd, s[o] as number, s[o + 1] as number);
      };
    default:
      return undefined;
  }
}
