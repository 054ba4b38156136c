import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextOrigin } from '../../src/diagnostics/source.js';
import { parseExpression } from '../../src/parser/parse.js';
import { printExpression } from '../../src/parser/print.js';
import { exprArb, stripSpans } from './arbitraries.js';

const ORIGIN: TextOrigin = { file: 'contract.yaml', base: 1000 };

/** Text that looks like expressions: tokens and fragments glued together, plus noise. */
const expressionishArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'period.index', '(', ')', '[', ']', ',', '-', 'not', 'and', 'or', '??', '<', '==', 'between', 'in'),
      fc.constantFrom('if', 'then', 'else', '1_500', '20%', '2 min', '15 s', '500 RUB', '"x\\"', '"', '.5', '1.', ' ', '@', '\uD800'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

describe('parseExpression properties', () => {
  it('parse(print(t)) equals t, ignoring spans', () => {
    fc.assert(
      fc.property(exprArb, (tree) => {
        const text = printExpression(tree);
        const parsed = parseExpression(text, ORIGIN);
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.value && stripSpans(parsed.value)).toEqual(stripSpans(tree));
      }),
    );
  });

  it('print is idempotent on parse', () => {
    fc.assert(
      fc.property(exprArb, (tree) => {
        const once = printExpression(tree);
        const parsed = parseExpression(once, ORIGIN).value;
        expect(parsed && printExpression(parsed)).toBe(once);
      }),
    );
  });

  it('every node span lies inside the text and covers its children', () => {
    fc.assert(
      fc.property(exprArb, (tree) => {
        const text = printExpression(tree);
        const parsed = parseExpression(text, ORIGIN).value;
        if (parsed === undefined) throw new Error('did not parse');
        const visit = (node: unknown, outer: { start: number; end: number }): void => {
          if (typeof node !== 'object' || node === null) return;
          const span = (node as { span?: { start: number; end: number } }).span;
          const inner = span ?? outer;
          if (span) {
            expect(span.start).toBeGreaterThanOrEqual(outer.start);
            expect(span.end).toBeLessThanOrEqual(outer.end);
            expect(span.start).toBeLessThan(span.end);
          }
          for (const [key, child] of Object.entries(node)) if (key !== 'span') visit(child, inner);
        };
        visit(parsed, { start: ORIGIN.base, end: ORIGIN.base + text.length });
      }),
    );
  });

  it('never throws, and every diagnostic span lies inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string(), expressionishArb), (text) => {
        const result = parseExpression(text, ORIGIN);
        for (const d of result.diagnostics) {
          expect(d.span.start).toBeLessThanOrEqual(d.span.end);
          expect(d.span.start).toBeGreaterThanOrEqual(ORIGIN.base);
          expect(d.span.end).toBeLessThanOrEqual(ORIGIN.base + text.length);
          expect(d.code).toMatch(/^E02[0-5]$/);
        }
        expect(result.value === undefined).toBe(result.diagnostics.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('text that parses prints to a fixed point', () => {
    fc.assert(
      fc.property(expressionishArb, (text) => {
        const parsed = parseExpression(text, ORIGIN).value;
        if (parsed === undefined) return;
        const printed = printExpression(parsed);
        const again = parseExpression(printed, ORIGIN).value;
        expect(again && stripSpans(again)).toEqual(stripSpans(parsed));
        expect(again && printExpression(again)).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });
});
