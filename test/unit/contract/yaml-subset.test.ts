// The quick YAML reader's subset: what it takes (and then reads exactly as yaml does), what it
// leaves to yaml, and that `loadYaml({ quick })` says which reader composed the document.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document } from 'yaml';
import { DEFAULT_LIMITS, loadYaml } from '../../../src/contract/load-yaml.js';
import { readYamlSubset } from '../../../src/contract/yaml-subset.js';
import { agreesWithYaml } from '../../helpers/quick-yaml.js';
import { source } from './helpers.js';

const quick = (text: string): Document.Parsed | undefined => readYamlSubset(text, DEFAULT_LIMITS);

/** The quick reader takes `text` and composes what yaml composes. */
function expectSameAsYaml(text: string): void {
  expect(agreesWithYaml(text), text).toBe(true);
}

describe('readYamlSubset', () => {
  it('reads block and flow collections, comments and the three single-line scalar styles as yaml does', () => {
    expectSameAsYaml('a: 1  # c\nb:\n  - x # y\n  - [p, q ,  ]\n  # z\nc: {k: v,\n  m: "n" }  # w\n\n');
    expectSameAsYaml("s: 'it''s'\nd: \"say 'hi'\"\n'k': \"\"\n");
    expectSameAsYaml('- [a, [b, {c: d}], {}]\n- {e: [], f: {g: h}}\n');
    expectSameAsYaml('top\n');
    expectSameAsYaml(`${'k'.repeat(999)}: ${'v'.repeat(5000)}\n`);
  });

  it('gives plain scalars yaml core-schema values, keys always strings', () => {
    const text = 'i: 12\nneg: -3\noct: 0o17\nhex: 0x1F\nf: 1.50\ne: 1e3\ninf: -.inf\nnan: .NaN\nt: True\nn: ~\nnull2: NULL\ns: 2026-10\np: 17.5%\n1: one\ntrue: two\n"7": "8"\n';
    expectSameAsYaml(text);
    const js = quick(text)?.toJS() as Record<string, unknown>;
    expect(js).toMatchObject({ i: 12, neg: -3, oct: 15, hex: 31, f: 1.5, e: 1000, inf: -Infinity, t: true, n: null, null2: null, s: '2026-10', p: '17.5%', '1': 'one', true: 'two', '7': '8' });
    expect(Number.isNaN(js['nan'])).toBe(true);
  });

  it('reads every contract the project ships, the same as yaml', () => {
    const files = execFileSync('git', ['ls-files', 'contracts/*.yaml', 'examples/*.yaml'], { encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      if (path.startsWith('contracts/')) expect(quick(text), path).toBeDefined();
      if (quick(text) !== undefined) expectSameAsYaml(text);
    }
  });

  // Each of these is left to yaml: it reports the errors, or composes what the subset leaves out.
  it.each([
    ['a YAML syntax error', 'a: [1, 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate quoted key', 'a: 1\n"a": 2\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a document start marker', '---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an anchor', 'a: &x 1\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a tag on a collection', 'a: !!map {b: 1}\n'],
    ['a literal block scalar', 'a: |\n  text\n'],
    ['a folded block scalar', 'a: >-\n  text\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['an escape in a double-quoted scalar', 'a: "tab\\there"\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a collection as a key', '? [a]\n: 1\n'],
    ['a single-pair map inside a flow sequence', '[a: 1]\n'],
    ['a comment inside a flow collection', '{ a: 1\n# c\n}\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark inside the text', '# c\n\ufeff# d\na: 1\n'],
    ['a key of 1 000 characters or more', `${'k'.repeat(1000)}: 1\n`],
    ['a quoted key of 1 000 characters or more', `x: { "${'k'.repeat(998)}": 1 }\n`],
    ['an empty file', ''],
    ['only comments', '# nothing here\n'],
  ])('leaves %s to yaml', (_what, text) => {
    expect(quick(text)).toBeUndefined();
  });

  it('leaves files over the size limit, or nested near the depth limit, to yaml', () => {
    expect(readYamlSubset('a: 1\n', { ...DEFAULT_LIMITS, maxChars: 4 })).toBeUndefined();
    const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
    expect(readYamlSubset(nested(3), { ...DEFAULT_LIMITS, maxDepth: 4 })).toBeDefined();
    expect(readYamlSubset(nested(4), { ...DEFAULT_LIMITS, maxDepth: 4 })).toBeUndefined();
    const deep = loadYaml(source(nested(4)), { ...DEFAULT_LIMITS, maxDepth: 4 }, { quick: true });
    expect(deep.diagnostics).toEqual([]);
    expect(deep.value?.reader).toBe('yaml');
  });
});

describe('loadYaml with quick', () => {
  it('says which reader composed the document', () => {
    expect(loadYaml(source('a: 1\n'), DEFAULT_LIMITS, { quick: true }).value?.reader).toBe('subset');
    expect(loadYaml(source('a: &x 1\n'), DEFAULT_LIMITS, { quick: true }).value?.reader).toBe('yaml');
    expect(loadYaml(source('a: 1\n')).value?.reader).toBe('yaml');
  });

  it('gives the same line counter as yaml', () => {
    for (const text of ['a: 1\n\nb: [x,\n  y]\n# end', 'a: 1\n\n', 'a']) {
      const quickRead = loadYaml(source(text), DEFAULT_LIMITS, { quick: true }).value;
      expect(quickRead?.reader).toBe('subset');
      expect(quickRead?.lineCounter.lineStarts).toEqual(loadYaml(source(text)).value?.lineCounter.lineStarts);
    }
  });

  it('reports a file outside the subset exactly as without it', () => {
    for (const text of ['a: 1\na: 2\n', 'a: [1\n', '', 'a: 1\n---\nb: 2\n']) {
      expect(loadYaml(source(text), DEFAULT_LIMITS, { quick: true })).toEqual(loadYaml(source(text)));
    }
  });
});
