import { describe, expect, it } from 'vitest';
import { diag } from '../../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { escapeXml, junitClassname, renderJunit } from '../../../src/diagnostics/render-junit.js';
import { renderDiagnostics } from '../../../src/diagnostics/render.js';
import { createSourceFile, type SourceFile } from '../../../src/diagnostics/source.js';
import { jenkinsJunitProblems, parseXml } from './xml-check.js';

const BAD = createSourceFile('contracts/bad.yaml', 'contract: bad\nkpis:\n  k:\n    taget: x\n');
const GOOD = createSourceFile('contracts/good.v2.yaml', 'contract: good\n');
const FILES = new Map<string, SourceFile>([
  [BAD.path, BAD],
  [GOOD.path, GOOD],
]);
const lookup = (p: string): SourceFile | undefined => FILES.get(p);
const at = (needle: string, file = BAD) => ({ file: file.path, start: file.text.indexOf(needle), end: file.text.indexOf(needle) + needle.length });

// Literal diagnostics: the renderer's shape is under test, not the registry's wording.
const FINDINGS: Diagnostic[] = [
  { code: 'E010', severity: 'error', message: 'unknown key "taget"', span: at('taget'), hint: 'did you mean "target"?' },
  { code: 'E013', severity: 'error', message: 'contract id "bad" <is> & \'odd\'', span: at('bad') },
  { code: 'W060', severity: 'warning', message: 'a warning', span: at('k:') },
];

describe('renderJunit', () => {
  it('writes a testsuite per file, a failing testcase per error, a passing one per warning and for a clean file', () => {
    const root = parseXml(renderJunit(FINDINGS, lookup, { files: [GOOD.path, BAD.path] }));
    expect(jenkinsJunitProblems(root)).toEqual([]);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '4', failures: '2', errors: '0' });
    expect(root.children.map((s) => s.attributes['name'])).toEqual(['contracts/bad.yaml', 'contracts/good.v2.yaml']);

    const [bad, good] = root.children;
    expect(bad?.attributes).toMatchObject({ tests: '3', failures: '2', file: 'contracts/bad.yaml' });
    expect(bad?.children.map((c) => c.attributes['name'])).toEqual(['E013 Invalid value (1:11)', 'W060 Percent given as a plain number above 1 (3:3)', 'E010 Unknown key (4:5)']);
    const unknownKey = bad?.children[2];
    expect(unknownKey?.attributes).toEqual({ classname: 'contracts.bad', name: 'E010 Unknown key (4:5)' });
    const failure = unknownKey?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes).toMatchObject({ type: 'E010', message: 'error: unknown key "taget"' });
    expect(failure?.text).toContain('4 |     taget: x');
    expect(failure?.text).toContain('hint: did you mean "target"?');
    const warning = bad?.children[1]?.children[0];
    expect(warning?.name).toBe('system-out');
    expect(warning?.text).toContain('warning[W060]: a warning');

    expect(good?.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(good?.children).toHaveLength(1);
    expect(good?.children[0]?.attributes).toMatchObject({ name: 'valid', classname: 'contracts.good_v2' });
    expect(good?.children[0]?.children).toEqual([]);
  });

  it('a warnings-only run reports no failure (it exits 0)', () => {
    const root = parseXml(renderJunit([FINDINGS[2]!], lookup, { files: [BAD.path] }));
    expect(root.attributes).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    expect(root.children[0]?.attributes).toMatchObject({ failures: '0' });
    expect(jenkinsJunitProblems(root)).toEqual([]);
  });

  it('escapes markup in attributes and text', () => {
    const xml = renderJunit(FINDINGS, lookup);
    const root = parseXml(xml);
    const failure = root.children[0]?.children[0]?.children[0];
    expect(failure?.attributes['message']).toBe('error: contract id "bad" <is> & \'odd\'');
    expect(xml).toContain('message="error: contract id &quot;bad&quot; &lt;is&gt; &amp; &apos;odd&apos;"');
  });

  it('makes control characters, lone surrogates and non-characters representable', () => {
    const nasty = 'a\u0000b\u0001c\u001bd\te\r\nf\ud800g\udc00h\ufffe\uffff \u2028 \ud83d\ude00 ]]>';
    const escaped = escapeXml(nasty);
    expect(escaped).toBe('a\\u0000b\\u0001c\\u001Bd&#9;e&#13;&#10;f\\uD800g\\uDC00h\\uFFFE\\uFFFF \u2028 \ud83d\ude00 ]]&gt;');
    const d = diag('E010', at('taget'), { key: nasty });
    const root = parseXml(renderJunit([d], lookup));
    const failure = root.children[0]?.children[0]?.children[0];
    expect(failure?.attributes['message']).toContain('d\te\r\nf');
    expect(failure?.attributes['message']).toContain('\\u0001');
  });

  it('is deterministic: the order of the input does not matter', () => {
    const a = renderJunit(FINDINGS, lookup, { files: [GOOD.path, BAD.path] });
    const b = renderJunit([...FINDINGS].reverse(), lookup, { files: [BAD.path, GOOD.path] });
    expect(a).toBe(b);
    expect(renderDiagnostics('junit', FINDINGS, lookup, { files: [GOOD.path, BAD.path] })).toBe(a);
  });

  it('lists a finding in a file that could not be read', () => {
    const missing = diag('E001', { file: 'nope.yaml', start: 0, end: 0 }, { path: 'nope.yaml', reason: 'no such file' });
    const root = parseXml(renderJunit([missing], lookup));
    expect(root.children[0]?.attributes['name']).toBe('nope.yaml');
    expect(root.children[0]?.children[0]?.attributes['name']).toBe('E001 File cannot be read (1:1)');
  });

  it('writes an empty report when nothing was checked', () => {
    expect(parseXml(renderJunit([], lookup)).attributes).toMatchObject({ tests: '0', failures: '0' });
  });

  it('turns paths into Jenkins-friendly class names', () => {
    expect(junitClassname('contracts/acme-smm.yaml')).toBe('contracts.acme-smm');
    expect(junitClassname('./a/b.c/d.e.yml')).toBe('a.b_c.d_e');
    expect(junitClassname('C:\\repo\\x.yaml')).toBe('C:.repo.x');
  });
});
