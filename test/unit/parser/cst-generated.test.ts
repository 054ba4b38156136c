import { readFileSync } from 'node:fs';
import { generateCstDts } from '../../../src/parser/chevrotain.js';
import { describe, expect, it } from 'vitest';
import { expressionGrammar } from '../../../src/parser/grammar.js';

describe('cst.generated.d.ts', () => {
  it('is fresh (regenerate with npm run gen)', () => {
    const committed = readFileSync(new URL('../../../src/parser/cst.generated.d.ts', import.meta.url), 'utf8');
    const body = generateCstDts(expressionGrammar().getGAstProductions(), { includeVisitorInterface: false });
    expect(committed.endsWith(body)).toBe(true);
  });
});
