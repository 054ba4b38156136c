// fast-check arbitraries shared by the property tests: expression trees (Expr) and helpers.
// Seeded from FC_SEED (default 42) so CI runs are reproducible; fast-check prints the seed on failure.
import fc from 'fast-check';
import type { DurationUnit, Expr } from '../../src/parser/ast.js';
import type { Span } from '../../src/diagnostics/diagnostic.js';

export const FC_SEED = Number(process.env.FC_SEED ?? 42);
fc.configureGlobal({ seed: FC_SEED, numRuns: 200 });

const NO_SPAN: Span = { file: '<generated>', start: 0, end: 0 };

const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'in', 'if', 'then', 'else', 'true', 'false']);

/** A simple name that is not a keyword (`leads`, `index`, `notes`, `_x1`). */
export const identifierArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('leads', 'index', 'notes', 'android', 'impressions', 'score', 'min', 's', 'RUB', 'iffy'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/),
  )
  .filter((name) => !KEYWORDS.has(name));

/** Canonical decimal text, as the parser produces it (`0`, `1500`, `12.50`, `0.5`). */
export const decimalArb: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,20}$/)), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)))
  .map(([whole, fraction]) => (fraction === null ? whole : `${whole}.${fraction}`));

const durationUnitArb: fc.Arbitrary<DurationUnit> = fc.constantFrom('s', 'min', 'h', 'd');

/** Any string, including quotes, backslashes, newlines and lone surrogates. */
export const stringValueArb: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('"', '\\', 'a', ' ', '\n', '\uD800', '\uDC00', '😀') }),
  fc.string({ unit: 'binary' }),
);

const literalArb: fc.Arbitrary<Expr> = fc.oneof(
  decimalArb.map((value) => ({ kind: 'Number', value, span: NO_SPAN }) as const),
  decimalArb.map((value) => ({ kind: 'Percent', value, span: NO_SPAN }) as const),
  fc
    .array(fc.record({ value: decimalArb, unit: durationUnitArb }), { minLength: 1, maxLength: 3 })
    .map((parts) => ({ kind: 'Duration', parts, span: NO_SPAN }) as const),
  fc
    .tuple(decimalArb, fc.stringMatching(/^[A-Z]{3}$/))
    .map(([value, currency]) => ({ kind: 'Money', value, currency, span: NO_SPAN }) as const),
  stringValueArb.map((value) => ({ kind: 'String', value, span: NO_SPAN }) as const),
  fc.boolean().map((value) => ({ kind: 'Boolean', value, span: NO_SPAN }) as const),
  fc
    .array(identifierArb, { minLength: 1, maxLength: 3 })
    .map((path) => ({ kind: 'Name', path, span: NO_SPAN }) as const),
);

const binaryOpArb = fc.constantFrom<'??' | 'or' | 'and' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '+' | '-' | '*' | '/'>(
  '??', 'or', 'and', '<', '<=', '>', '>=', '==', '!=', '+', '-', '*', '/',
);

/**
 * Expression trees as the parser would build them (spans are placeholders: compare with
 * {@link stripSpans}). Depth is bounded so trees stay well inside the parser's limits.
 */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 5 },
    literalArb,
    fc.record({ op: binaryOpArb, left: tie('expr'), right: tie('expr') }).map((b) => ({ kind: 'Binary', ...b, span: NO_SPAN }) as const),
    fc.record({ op: fc.constantFrom<'-' | 'not'>('-', 'not'), operand: tie('expr') })
      .map((u) => ({ kind: 'Unary', ...u, span: NO_SPAN }) as const),
    fc.record({ value: tie('expr'), low: tie('expr'), high: tie('expr') })
      .map((b) => ({ kind: 'Between', ...b, span: NO_SPAN }) as const),
    fc.record({ value: tie('expr'), items: fc.array(tie('expr'), { maxLength: 3 }) })
      .map((i) => ({ kind: 'In', ...i, span: NO_SPAN }) as const),
    fc.record({ cond: tie('expr'), then: tie('expr'), else: tie('expr') })
      .map((i) => ({ kind: 'If', ...i, span: NO_SPAN }) as const),
    fc.record({ callee: identifierArb, args: fc.array(tie('expr'), { maxLength: 3 }) })
      .map((c) => ({ kind: 'Call', ...c, calleeSpan: NO_SPAN, span: NO_SPAN }) as const),
  ),
})).expr;

/** The tree without `span`/`calleeSpan`, for structural comparison. */
export function stripSpans(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value: unknown) => (key === 'span' || key === 'calleeSpan' ? undefined : value)));
}
