// fast-check arbitraries for fmt and JSON Logic properties: well-typed, unit-free expressions over
// the metrics a, b, c (numbers), written fully parenthesised with random spacing (so they are
// valid but not canonical), and metric data with integers, decimals and zeros.
import fc from 'fast-check';
import './arbitraries.js';

export const METRICS = ['a', 'b', 'c'] as const;

const sp = fc.constantFrom('', ' ', '  ');
const ws = fc.constantFrom(' ', '  ');
const literal = fc.constantFrom('0', '1', '2', '3', '10', '0.1', '0.2', '0.3', '0.5', '1.5', '20%', '30%', '1_000');

/** A numeric expression, then a boolean one (comparisons, between, in, and/or/not, ??, if). */
export const unitFree = fc.letrec<{ num: string; bool: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    literal,
    fc.constantFrom(...METRICS),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num'), sp).map(([x, o, y, s]) => `(${x}${s}${o}${s}${y})`),
    tie('num').map((x) => `(-${x})`),
    fc.tuple(fc.constantFrom('min', 'max', 'share'), tie('num'), tie('num'), sp).map(([f, x, y, s]) => `${f}(${s}${x},${s}${y})`),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([x, lo, hi]) => `clamp(${x}, ${lo}, ${hi})`),
    tie('num').map((x) => `abs(${x})`),
    fc.tuple(tie('num'), tie('num'), ws).map(([x, y, s]) => `(${x}${s}??${s}${y})`),
    fc.tuple(tie('bool'), tie('num'), tie('num'), ws).map(([c, x, y, s]) => `(if${s}${c}${s}then ${x} else${s}${y})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num'), sp).map(([x, o, y, s]) => `(${x}${s}${o}${s}${y})`),
    fc.tuple(tie('num'), tie('num'), tie('num'), ws).map(([x, lo, hi, s]) => `(${x}${s}between ${lo}${s}and ${hi})`),
    fc.tuple(tie('num'), fc.array(tie('num'), { maxLength: 3 })).map(([x, items]) => `(${x} in [${items.join(',')}])`),
    fc.tuple(tie('bool'), fc.constantFrom('and', 'or'), tie('bool'), ws).map(([p, o, q, s]) => `(${p}${s}${o}${s}${q})`),
    tie('bool').map((p) => `(not ${p})`),
    fc.constantFrom('true', 'false'),
  ),
}));

/** Metric values as data text: integers and decimals, zeros often. */
export const valueArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '0', '1', '2', '3', '10', '0.1', '0.2', '0.3', '0.5', '1.5', '100'),
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 })).map(([i, f]) => `${i}.${String(f).padStart(3, '0')}`),
);

export const dataArb = fc.record({ a: valueArb, b: valueArb, c: valueArb });
