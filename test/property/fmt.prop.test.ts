// fmt properties: formatting is idempotent, leaves everything but expression scalars byte for
// byte, writes canonical expressions, and never changes what a contract evaluates to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { isNoData } from '../../src/check/checked-contract.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import { toDecimalString } from '../../src/numbers/rational.js';
import { expressionScalars } from '../../src/fmt/expression-scalars.js';
import { formatContract } from '../../src/fmt/format-contract.js';
import { doubleQuoted, plainIsSafe } from '../../src/fmt/yaml-scalar.js';
import { parseExpression } from '../../src/parser/parse.js';
import { printExpression } from '../../src/parser/print.js';
import { check, series } from '../helpers/engine.js';
import { dataArb, unitFree } from './unit-free-arb.js';

type Style = 'plain' | 'single' | 'double' | 'block';
const styleArb = fc.constantFrom<Style>('plain', 'single', 'double', 'block');

/** `text` as a YAML scalar in `style` (plain only where YAML reads it back as the same text). */
function scalar(text: string, style: Style, indent: string, flow: boolean): string {
  if (style === 'plain' && plainIsSafe(text, flow ? '' : text)) return text;
  if (style === 'single') return `'${text.replace(/'/g, "''")}'`;
  if (style === 'block' && !flow) return `>-\n${indent}  ${text}`;
  return doubleQuoted(text);
}

const contractArb = fc
  .record({ num: unitFree.num, bool: unitFree.bool, target: unitFree.bool, flow: unitFree.bool, styles: fc.array(styleArb, { minLength: 4, maxLength: 4 }) })
  .map(({ num, bool, target, flow, styles }) => {
    const [s0, s1, s2, s3] = styles as [Style, Style, Style, Style];
    return [
      '# generated contract: comments, key order and other scalars must survive fmt',
      'contract: prop',
      'version: 1',
      "currency: 'RUB'    # quoted on purpose",
      'effective: { from: 2026-01 }',
      'metrics: { a: number, b: number, c: number }',
      'define:',
      '  # a number, then a condition',
      `  n: ${scalar(num, s0, '  ', false)}`,
      `  p: ${scalar(bool, s1, '  ', false)}`,
      'kpis:',
      '  k:',
      `    target: ${scalar(target, s2, '    ', false)}`,
      '    on_no_data: missed',
      `  f: { target: ${scalar(flow, s3, '', true)}, on_no_data: excluded }`,
      '',
    ].join('\n');
  });

function format(text: string): { text: string; changed: boolean } {
  const r = formatContract(createSourceFile('prop.yaml', text));
  expect(r.diagnostics).toEqual([]);
  return r;
}

/** The file with every expression scalar cut out: what fmt must not touch. */
function skeleton(text: string): string[] {
  const loaded = loadContract(createSourceFile('prop.yaml', text)).value;
  if (loaded === undefined) throw new Error('does not load');
  const parts: string[] = [];
  let at = 0;
  for (const et of expressionScalars(loaded)) {
    parts.push(text.slice(at, et.span.start));
    at = et.span.end;
  }
  parts.push(text.slice(at));
  return parts;
}

/** Define values and KPI statuses of period 2026-03 for the data, as comparable text. */
function outcome(text: string, data: Record<string, string>): string[] {
  const c = check(text, 'prop.yaml');
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  const r = evaluatePeriod(c.program, series(c.contract, { '2026-03': data }), '2026-03').value;
  if (r === undefined) throw new Error('no result');
  const show = (v: unknown): string => (isNoData(v as never) ? 'no-data' : typeof v === 'object' ? toDecimalString(v as never, 30) : String(v));
  return [...r.defines.map((d) => `${d.name}=${show(d.value)}`), ...r.kpis.map((k) => `${k.id}:${k.status}`)];
}

describe('attain fmt properties', () => {
  it('is idempotent: fmt(fmt(x)) == fmt(x)', () => {
    fc.assert(
      fc.property(contractArb, (text) => {
        const once = format(text);
        const twice = format(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.changed).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('rewrites only expression scalars, each to its canonical text', () => {
    fc.assert(
      fc.property(contractArb, (text) => {
        const formatted = format(text).text;
        expect(skeleton(formatted)).toEqual(skeleton(text));
        const contract = loadContract(createSourceFile('prop.yaml', formatted)).value;
        for (const et of expressionScalars(contract ?? (undefined as never))) {
          const parsed = parseExpression(et.text, et.origin).value;
          expect(parsed && printExpression(parsed)).toBe(et.text);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never changes meaning: defines and KPI statuses evaluate the same before and after', () => {
    fc.assert(
      fc.property(contractArb, dataArb, (text, data) => {
        expect(outcome(format(text).text, data)).toEqual(outcome(text, data));
      }),
      { numRuns: 100 },
    );
  });
});
