// The quick YAML reader (src/contract/yaml-subset.ts) against yaml itself. The safety property:
// whenever the quick reader gives a document, yaml reads the same text without a finding and
// composes the same tree (node kinds, values and their JS types, scalar styles and formats, flow
// or block, scalar spans, collection starts). Inputs: a fixed list of corners where YAML readers
// often differ, documents yaml writes in random styles with comments and blank lines spliced in,
// and the project's contracts with random edits around YAML's special characters.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { checkContractFile } from '../../src/check/check-file.js';
import { agreesWithYaml, quickReadingFindings } from '../helpers/quick-yaml.js';
import './arbitraries.js';

/** YAML_SUBSET_RUNS=N multiplies the runs, for a long search before changing the subset. */
const SCALE = Number(process.env['YAML_SUBSET_RUNS'] ?? 1);

/** Strings a contract holds, and the plain scalars whose core-schema type is easy to get wrong. */
const scalarText = fc.oneof(
  fc.constantFrom('1', '-1', '+1', '1.0', '1.50', '.5', '1e3', '1E-3', '0x1F', '0o17', '017', '.inf', '-.Inf', '.NaN', 'true', 'False', 'TRUE', 'yes', 'null', 'Null', '~', ''),
  fc.constantFrom('2026-10', '2026-Q1', '17.5%', '500 RUB', 'bounce_rate <= 20% and x >= 2 min', 'a: b', 'a #b', 'a#b', '- a', '[x]', '{y}', "it's", 'say "hi"', '@x', '`x`', '%x', '!x', '&x', '*x', '|', '>', '?', 'é', '𝄞'),
  fc.stringMatching(/^[ -~]{0,12}$/),
);

const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('seq'), tie('map')),
  scalar: fc.oneof(scalarText, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
  seq: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(scalarText, tie('value'), { maxKeys: 4 }),
})).value;

const styleArb = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  flowCollectionPadding: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
} as const);

/** Comments and blank lines spliced in after some line breaks, indented like the next line or not. */
function withComments(text: string, picks: readonly number[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    const pick = picks[i % picks.length] ?? 0;
    const indent = /^ */.exec(lines[i + 1] ?? '')?.[0] ?? '';
    if (pick === 1) out.push(`${indent}# note ${i}`);
    if (pick === 2) out.push('');
    if (pick === 3) out[out.length - 1] = `${line}  # trailing`;
  });
  return out.join('\n');
}

/** Corners where YAML readers often differ: flow indentation, separators, comments, reserved characters. */
const CORNERS = [
  'a: [1,\n2]\n', 'a:\n  - [1,\n  2]\n', 'a:\n  - [1,\n    2]\n', 'a: {b: 1,\nc: 2}\n', 'a:\n  b: {c: 1,\n  d: 2}\n', 'a:\n  b: [1,\n  ]\n', 'a:\n  b: [1\n ]\n', 'a: [1\n]\n',
  '{a:1}\n', '{"a":1}\n', "{'a':1}\n", '[a:1]\n', 'a\n: b\n', '[a, , b]\n', '[, a]\n', 'a: 1#c\n', 'a: "x"#c\n', "a: 'x'#c\n", 'a: [x]#c\n', 'a: {x: 1}#c\n',
  'a: "x" y\n', 'a: [x] y\n', 'a: 1\n b: 2\n', 'a:\n  - 1\n - 2\n', 'a:\n - 1\n  - 2\n', '- a\nb: 1\n', 'a: b: c\n', 'a: - b\n', '- - a\n  - b\n', '- a: 1\n  b: 2\n', '-  a: 1\n   b: 2\n',
  'key: value\n  more: x\n', '"a" : 1\n', 'a : 1\n', '? a\n', 'a: 1\n? b\n', '[a]: 1\n', '{a: 1}: 2\n', 'a: { b }\n', 'a: { b, c: 1 }\n', 'a: [ b: 1 ]\n', 'a: ]\n', 'a: }\n', 'a: ,\n', 'a: -\n', '- \n', '-\n',
  'a: x\n# c\n  b: y\n', 'a:\n  # c\n  b: y\n', 'a: "x\n', "a: 'x\n", 'a: @x\n', 'a: `x\n', 'a: %x\n', 'a: |x\n', 'a: !\n', 'a: &\n', 'a: *\n', '"a\nb": 1\n', 'a: \u0007\n', 'a: \u0085x\n', 'a: x\u2028y\n', 'a: -1\n', 'a: - 1\n',
  'a: [1, 2]]\n', 'a: [1, 2]}\n', 'a: {b: 1}}\n', '[1]\n[2]\n', '{a: 1}\n{b: 2}\n', 'a: 1\n...x\n', 'a: 1\n--- x\n', 'a:\n  [1, 2]\n', 'a:\n{b: 1}\n', 'a:\n[1]\n', '- [1,\n2]\n', '- {a: 1,\nb: 2}\n',
];

describe('quick YAML reader against yaml', () => {
  it('agrees on the corners where YAML readers often differ', () => {
    for (const text of CORNERS) agreesWithYaml(text);
  });

  it('agrees on every document yaml writes, in any style, with comments spliced in', () => {
    let taken = 0;
    fc.assert(
      fc.property(valueArb, styleArb, fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 }), (value, style, picks) => {
        const text = new Document(value, { schema: 'core' }).toString(style);
        if (agreesWithYaml(text)) taken++;
        // A comment can make the text invalid YAML (after a plain scalar that continues); yaml then
        // reports it, and the quick reader must not have taken it: agreesWithYaml() checks both ways.
        agreesWithYaml(withComments(text, picks));
      }),
      { numRuns: 400 * SCALE },
    );
    // Most generated documents are in the subset: the property above is not vacuous.
    expect(taken).toBeGreaterThan(100);
  }, 30_000 * SCALE);

  const contracts = ['acme-smm', 'terra-lead-tiers', 'helix-er-scorecard', 'polaris-retainer-penalty'].map((name) =>
    readFileSync(new URL(`../../contracts/${name}.yaml`, import.meta.url), 'utf8'),
  );
  const edits = ['', ':', '-', ' ', '  ', '\n', '\n  ', '\n- ', '#', ' #', '{', '}', '[', ']', ',', "'", '"', "''", '&a ', '*a', '!', '!!str ', '?', '? ', '|', '>', '%', '@', '`', '~', '\\', '---', '...', '0x', '.inf', 'null', 'True', '\u00a0', '\u0085', '\u2028', '\ufeff', '\u0007', 'é'];

  /** A contract with up to three random edits from `edits`. */
  const editedContract = fc
    .tuple(fc.constantFrom(...contracts), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...edits), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 3 }))
    .map(([contract, changes]) => {
      let text = contract;
      for (const [at, insert, remove] of changes) {
        const pos = at % (text.length + 1);
        text = text.slice(0, pos) + insert + text.slice(pos + remove);
      }
      return text;
    });

  it('gives an edited contract the verdict yaml gives, through every stage', () => {
    let clean = 0;
    fc.assert(
      fc.property(editedContract, (text) => {
        const file = createSourceFile('edited.yaml', text);
        const quick = quickReadingFindings(file);
        if (quick === undefined) return;
        const full = checkContractFile(file);
        expect(quick.length === 0, text).toBe(full.diagnostics.length === 0);
        if (quick.length === 0) clean++;
      }),
      { numRuns: 300 * SCALE },
    );
    expect(clean).toBeGreaterThan(20);
  }, 30_000 * SCALE);

  it('never takes an edited contract that yaml reads differently or rejects', () => {
    let taken = 0;
    fc.assert(
      fc.property(editedContract, (text) => {
        if (agreesWithYaml(text)) taken++;
      }),
      { numRuns: 1500 * SCALE },
    );
    expect(taken).toBeGreaterThan(300);
  }, 30_000 * SCALE);
});
