// parseExpression reuses the CST of a text that parsed cleanly before: the result must be exactly
// what a fresh parse gives at the new origin, and texts with findings are never reused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseExpression } from '../../../src/parser/parse.js';
import type { TextOrigin } from '../../../src/diagnostics/source.js';

/** The same limits in another object: parseExpression does not use its cache with them. */
const FRESH = { ...DEFAULT_LIMITS };

const origins: TextOrigin[] = [
  { file: 'a.yaml', base: 10 },
  { file: 'b.yaml', base: 400 },
  { file: 'c.yaml', base: 7, map: Array.from({ length: 40 }, (_, i) => 7 + 2 * i), scalar: { start: 5, end: 90 } },
];

describe('parseExpression CST reuse', () => {
  it.each([
    'bounce_rate < 20% and avg_time_on_site >= 2 min 15 s',
    'if leads > 10 then min(leads * 500 RUB, 150000 RUB) else 0 RUB',
    'growth(followers) >= 10% ?? false',
  ])('gives a fresh parse result at every origin: %s', (text) => {
    for (let round = 0; round < 2; round++) {
      for (const origin of origins) {
        expect(parseExpression(text, origin)).toEqual(parseExpression(text, origin, FRESH));
      }
    }
  });

  it('reports the findings of a text every time, at each origin', () => {
    const text = 'a + + b';
    const first = parseExpression(text, origins[0] as TextOrigin);
    const second = parseExpression(text, origins[1] as TextOrigin);
    expect(first.value).toBeUndefined();
    expect(first.diagnostics.length).toBeGreaterThan(0);
    expect(second.diagnostics.map((d) => d.span.start - 390)).toEqual(first.diagnostics.map((d) => d.span.start));
    expect(second.diagnostics.map((d) => d.span.file)).toEqual(first.diagnostics.map(() => 'b.yaml'));
  });
});
