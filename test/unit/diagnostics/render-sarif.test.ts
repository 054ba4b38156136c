// SARIF output is checked against a JSON Schema of SARIF 2.1.0 with ajv. No package in
// node_modules ships the official OASIS schema (node-sarif-builder and @types/sarif do not), so
// sarif-2.1.0-subset.schema.json is written from the specification for the objects attain writes
// (see its description); the region rules the schema cannot express are asserted here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { Log, Region } from 'sarif';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../../src/diagnostics/codes.js';
import { diag } from '../../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { renderSarif, sarifUri } from '../../../src/diagnostics/render-sarif.js';
import { createSourceFile, type SourceFile } from '../../../src/diagnostics/source.js';
import { ATTAIN_VERSION } from '../../../src/diagnostics/tool-info.js';

const SCHEMA = JSON.parse(readFileSync('test/unit/diagnostics/sarif-2.1.0-subset.schema.json', 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s) && URL.canParse(s));
// RFC 3986 URI reference: no spaces, backslashes or other characters that must be percent-encoded.
ajv.addFormat('uri-reference', (s: string) => /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/.test(s));
const validateSarif = ajv.compile(SCHEMA);

const ROOT = resolve('/repo');
const A = createSourceFile('contracts/a b.yaml', 'contract: a\nkpis:\n  k:\n    target: t >= 2\n    weight: 100%\n');
const B = createSourceFile(resolve(ROOT, 'data/b.yaml'), 'periods:\n  2026-01: { t: 17.5 }\n');
const FILES = new Map<string, SourceFile>([
  [A.path, A],
  [B.path, B],
]);
const lookup = (p: string): SourceFile | undefined => FILES.get(p);
const span = (f: SourceFile, needle: string) => ({ file: f.path, start: f.text.indexOf(needle), end: f.text.indexOf(needle) + needle.length });

const FINDINGS: Diagnostic[] = [
  diag('E041', span(A, 't >= 2'), { reason: 'cannot compare duration and number' }, {
    hint: 'did you mean 2 min?',
    labels: [{ span: span(A, 't >='), message: 'duration' }],
  }),
  diag('W060', span(B, '17.5'), { value: '17.5', name: 't', percent: '1750%', fraction: '0.175' }),
  diag('E013', { file: A.path, start: A.text.indexOf('kpis'), end: A.text.indexOf('    weight') }, { reason: 'a span over lines' }),
];

function render(findings: readonly Diagnostic[] = FINDINGS): Log {
  return JSON.parse(renderSarif(findings, lookup, { root: ROOT })) as Log;
}

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0', () => {
    const log = render();
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('has regions whose end does not come before their start', () => {
    const regions: Region[] = render().runs.flatMap((r) =>
      (r.results ?? []).flatMap((res) => [...(res.locations ?? []), ...(res.relatedLocations ?? [])].map((l) => l.physicalLocation?.region ?? {})),
    );
    expect(regions.length).toBe(4);
    for (const g of regions) {
      expect(g.endLine!).toBeGreaterThanOrEqual(g.startLine!);
      if (g.endLine === g.startLine) expect(g.endColumn!).toBeGreaterThanOrEqual(g.startColumn!);
    }
  });

  it('names rules by code with the title from the registry, and levels by severity', () => {
    const run = render().runs[0]!;
    expect(run.tool.driver.name).toBe('attain');
    expect(run.tool.driver.version).toBe(ATTAIN_VERSION);
    expect(run.tool.driver.informationUri).toBe('https://attain.dev');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.tool.driver.rules?.map((r) => [r.id, r.name, r.shortDescription?.text, r.defaultConfiguration?.level])).toEqual([
      ['E013', 'InvalidValue', `${CODES.E013.title}.`, 'error'],
      ['E041', 'UnitMismatch', `${CODES.E041.title}.`, 'error'],
      ['W060', 'PercentAsNumber', `${CODES.W060.title}.`, 'warning'],
    ]);
    const results = run.results ?? [];
    // Results in the order of the findings (file, then offset); rules sorted by code.
    expect(results.map((r) => [r.ruleId, r.level, r.ruleIndex])).toEqual([
      ['W060', 'warning', 2],
      ['E013', 'error', 0],
      ['E041', 'error', 1],
    ]);
  });

  it('gives every rule a full description, help (text and Markdown) and a help URI into docs/diagnostics.md', () => {
    const rule = render().runs[0]!.tool.driver.rules!.find((r) => r.id === 'E041')!;
    expect(rule.fullDescription?.text).toBe('Unit mismatch, for example: avg_time_on_site >= 2 (hint: did you mean 2 min?); ad_spend * ad_spend.');
    expect(rule.helpUri).toBe('https://attain.dev/docs/diagnostics.md#e041');
    expect(rule.help?.text).toContain('See https://attain.dev/docs/diagnostics.md#e041');
    expect(rule.help?.markdown).toContain('Example: `avg_time_on_site >= 2`');
    expect(rule.help?.markdown).toContain('[E041 in the diagnostics reference](https://attain.dev/docs/diagnostics.md#e041)');
    const docs = readFileSync('docs/diagnostics.md', 'utf8');
    for (const code of Object.keys(CODES)) expect(docs, code).toContain(`<a id="${code.toLowerCase()}"></a>${code}`);
  });

  it('fingerprints results by code, file, line text and message, not by line number', () => {
    const fp = (log: Log): string | undefined => log.runs[0]?.results?.find((r) => r.ruleId === 'E041')?.partialFingerprints?.['attain/v1'];
    const moved = createSourceFile(A.path, `# a comment\n${A.text}`);
    const movedLookup = (p: string): SourceFile | undefined => (p === A.path ? moved : FILES.get(p));
    const movedFinding = diag('E041', { file: A.path, start: moved.text.indexOf('t >= 2'), end: moved.text.indexOf('t >= 2') + 6 }, { reason: 'cannot compare duration and number' });
    const a = fp(render());
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(fp(JSON.parse(renderSarif([movedFinding], movedLookup, { root: ROOT })) as Log)).toBe(a);
  });

  it('locates results with 1-based regions (end column exclusive) and relative artifact URIs', () => {
    const results = render().runs[0]?.results ?? [];
    const e041 = results.find((r) => r.ruleId === 'E041');
    expect(e041?.message.text).toBe('cannot compare duration and number\nhint: did you mean 2 min?');
    expect(e041?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'contracts/a%20b.yaml', index: 1 },
      region: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 19, snippet: { text: 't >= 2' } },
      contextRegion: { startLine: 4, endLine: 4, snippet: { text: '    target: t >= 2' } },
    });
    expect(e041?.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'duration' },
        physicalLocation: { artifactLocation: { uri: 'contracts/a%20b.yaml' }, region: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 17 } },
      },
    ]);
    const multiLine = results.find((r) => r.ruleId === 'E013');
    expect(multiLine?.locations?.[0]?.physicalLocation?.region).toMatchObject({ startLine: 2, startColumn: 1, endLine: 5, endColumn: 1 });
    const w060 = results.find((r) => r.ruleId === 'W060');
    expect(w060?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('data/b.yaml');
  });

  it('is deterministic and independent of the order of the findings', () => {
    const a = renderSarif(FINDINGS, lookup, { root: ROOT });
    expect(renderSarif([...FINDINGS].reverse(), lookup, { root: ROOT })).toBe(a);
    expect(a).not.toMatch(/Time|time"|guid/);
  });

  it('writes a valid log with no results when nothing is found', () => {
    const log = render([]);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
  });

  it('makes URIs relative, with forward slashes and percent-encoding', () => {
    expect(sarifUri('contracts/acme.yaml', ROOT)).toBe('contracts/acme.yaml');
    expect(sarifUri('./contracts/acme.yaml', ROOT)).toBe('contracts/acme.yaml');
    expect(sarifUri(resolve(ROOT, 'x/y z#.yaml'), ROOT)).toBe('x/y%20z%23.yaml');
    expect(sarifUri('a\\b.yaml', ROOT)).toBe('a/b.yaml');
    expect(sarifUri(resolve(ROOT, '../elsewhere/c.yaml'), ROOT)).toBe('../elsewhere/c.yaml');
  });
});
