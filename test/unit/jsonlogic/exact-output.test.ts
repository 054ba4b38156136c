// `attain compile --to jsonlogic` writes exact constants or refuses them (E023), numbers in plain
// decimals, and bounds the whole output (E023) instead of writing hundreds of megabytes.
import { describe, expect, it } from 'vitest';
import { compileToJsonLogic, MAX_TOTAL_NODES } from '../../../src/jsonlogic/export.js';
import { plainNumber, stringifyJsonLogic } from '../../../src/jsonlogic/serialize.js';
import { check } from '../../helpers/engine.js';

const HEAD = 'contract: t\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';

function compile(body: string): ReturnType<typeof compileToJsonLogic> {
  const c = check(`${HEAD}${body}`);
  if (c.checked === undefined) throw new Error(c.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return compileToJsonLogic(c.checked);
}

describe('plainNumber', () => {
  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [-2.5e25, '-25000000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-1e-7, '-0.0000001'],
    [123.45, '123.45'],
    [0, '0'],
  ])('%d -> %s', (n, text) => {
    expect(plainNumber(n)).toBe(text);
    expect(Number(text)).toBe(n);
  });
});

describe('stringifyJsonLogic', () => {
  it('is JSON.stringify(value, null, 2) but for exponents, and strings cannot pose as numbers', () => {
    const value = { a: [1e21, 0.5, 'x', null, true], b: { c: 1.5e-7, d: '\u00001e21' }, e: [] };
    const text = stringifyJsonLogic(value);
    expect(text).toBe(JSON.stringify(value, null, 2).replace('1e+21', '1000000000000000000000').replace('1.5e-7', '0.00000015'));
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('exact constants', () => {
  it('refuses a constant no float holds (9007199254740993), located, with the float it would become', () => {
    const r = compile('define:\n  big: leads + 9007199254740993\n');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E023', 'the constant 9007199254740993 has no exact JSON Logic number: JSON Logic computes in 64-bit floats, which hold it as 9007199254740992'],
    ]);
  });

  it('keeps 2^53, 10^21 and 0.00000015 exact, written plainly', () => {
    const r = compile('define:\n  a: leads + 9007199254740992\n  b: leads * 1000000000000000000000\n  c: leads * 0.00000015\n');
    expect(r.diagnostics).toEqual([]);
    const text = stringifyJsonLogic(r.value);
    expect(text).toContain('9007199254740992');
    expect(text).toContain('1000000000000000000000');
    expect(text).toContain('0.00000015');
    expect(text).not.toMatch(/\de[+-]?\d/);
  });
});

describe('output size', () => {
  it('3 000 defines each inlining a large define: E023 once the whole output passes the limit', () => {
    const chain = Array.from({ length: 9 }, (_, i) => `  d${i + 1}: d${i} + d${i} * 2\n`).join('');
    const wide = Array.from({ length: 3000 }, (_, i) => `  e${i}: d9 + ${i}\n`).join('');
    const r = compile(`define:\n  d0: leads + 1\n${chain}${wide}`);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E023']);
    expect(r.diagnostics[0]!.message).toContain(`more than ${MAX_TOTAL_NODES} nodes in all`);
  }, 60_000);
});
