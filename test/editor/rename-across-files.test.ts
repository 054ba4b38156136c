// `attain lsp` over stdio with several open files (test/editor/fixtures/rename): references and
// rename of a metric reach every open contract declaring it, the data keys of those contracts and
// the sources definitions; define and KPI ids stay inside one contract id and its versions.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { positionAt } from '../../src/lsp/positions.js';
import { startLsp, uriOf, type LspClient, type Position, type Range } from '../helpers/lsp-client.js';

const DIR = 'test/editor/fixtures/rename';
const FILES = readdirSync(DIR).sort().map((f) => join(DIR, f));
const TEXTS = new Map(FILES.map((f) => [f, readFileSync(f, 'utf8')]));
const text = (f: string): string => TEXTS.get(join(DIR, f)) ?? '';

interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
type WorkspaceEdit = { readonly changes: Record<string, readonly TextEdit[]> };

/** Where `needle` is in a fixture (its n-th occurrence), moved `delta` characters. */
function pos(f: string, needle: string, delta = 0, nth = 0): { textDocument: { uri: string }; position: Position } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text(f).indexOf(needle, i + 1);
  expect(i, `"${needle}" in ${f}`).toBeGreaterThanOrEqual(0);
  return { textDocument: { uri: uriOf(join(DIR, f)) }, position: positionAt(createSourceFile(f, text(f)), i + delta) };
}

function apply(source: string, edits: readonly TextEdit[]): string {
  const file = createSourceFile('x', source);
  const offset = (p: Position): number => (file.lineStarts[p.line] ?? source.length) + p.character;
  let out = source;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The renamed text of every file an edit touches, by file name. */
function renamed(edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of FILES) {
    const edits = edit.changes[uriOf(f)];
    if (edits !== undefined) out.set(f.slice(DIR.length + 1), apply(TEXTS.get(f) ?? '', edits));
  }
  return out;
}

let lsp: LspClient;
beforeAll(async () => {
  lsp = await startLsp();
  for (const [f, t] of TEXTS) lsp.openOnly(f, t);
  // Two versions of alpha are versions, not duplicates: every file is clean, as for validate.
  for (const f of FILES) expect(await lsp.diagnostics(resolve(f), 1), f).toEqual([]);
});
afterAll(async () => {
  await lsp.stop();
});

describe('names across open files', () => {
  it('renames a metric in every contract declaring it, in their data keys and in the sources definitions', async () => {
    const edit = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...pos('alpha-v1.yaml', 'leads >= 10'), newName: 'qualified_leads' });
    const after = renamed(edit);
    expect([...after.keys()].sort()).toEqual(['alpha-data.yaml', 'alpha-v1.yaml', 'alpha-v2.yaml', 'beta.csv', 'beta.yaml', 'sources.yaml']);
    for (const [f, t] of after) expect(t.replace(/^#.*$/gm, '').replace(/enough_leads/g, ''), f).not.toMatch(/\bleads\b/);
    expect(after.get('beta.csv')).toBe('period,qualified_leads\n2026-01,7\n2026-02,9\n');
    expect(after.get('sources.yaml')).toContain("  qualified_leads: 'count(crm where status");
    expect(after.get('sources.yaml')).toContain('    qualified_leads: count(crm)');
    // gamma's leads is a define of its own: untouched.
    expect(edit.changes[uriOf(join(DIR, 'gamma.yaml'))]).toBeUndefined();
    // Applied (contracts first, so the data is checked against the renamed ones), the files are as clean as before.
    const contractsFirst = [...after].sort(([a], [b]) => Number(/data|csv|sources/.test(a)) - Number(/data|csv|sources/.test(b)));
    const versions = contractsFirst.map(([f, t]) => [join(DIR, f), lsp.replace(join(DIR, f), t)] as const);
    for (const [f, v] of versions) expect(await lsp.diagnostics(resolve(f), v), f).toEqual([]);
    for (const [f] of versions) await lsp.diagnostics(resolve(f), lsp.replace(f, TEXTS.get(f) ?? ''));
  });

  it('starts a metric rename from a data key too, and finds its references in every file', async () => {
    const fromData = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...pos('beta.csv', 'leads', 1), newName: 'l2' });
    expect(Object.keys(fromData.changes).sort()).toEqual(['alpha-data.yaml', 'alpha-v1.yaml', 'alpha-v2.yaml', 'beta.csv', 'beta.yaml', 'sources.yaml'].map((f) => uriOf(join(DIR, f))).sort());
    const def = await lsp.request<{ uri: string }>('textDocument/definition', pos('beta.csv', 'leads', 1));
    expect(def.uri).toBe(uriOf(join(DIR, 'alpha-v1.yaml')));
    const refs = await lsp.request<{ uri: string }[]>('textDocument/references', { ...pos('beta.yaml', 'leads >= 5'), context: { includeDeclaration: true } });
    // Declared in three files, five uses in expressions, three data keys (a CSV header once), two sources keys.
    expect(refs).toHaveLength(13);
    expect(refs[0]?.uri).toBe(uriOf(join(DIR, 'beta.yaml')));
  });

  it('renames a KPI or define id in every version of its contract only', async () => {
    const kpi = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...pos('alpha-v2.yaml', 'enough_leads'), newName: 'lead_volume' });
    const after = renamed(kpi);
    expect([...after.keys()].sort()).toEqual(['alpha-v1.yaml', 'alpha-v2.yaml']);
    for (const t of after.values()) expect(t).toContain('  lead_volume: { target:');
    const define = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...pos('alpha-v1.yaml', 'answered >= 50%'), newName: 'answer_rate' });
    const defined = renamed(define);
    expect([...defined.keys()].sort()).toEqual(['alpha-v1.yaml', 'alpha-v2.yaml']);
    for (const t of defined.values()) expect(t.match(/answer_rate/g)).toHaveLength(2);
    // gamma's define named leads is gamma's alone.
    const own = await lsp.request<WorkspaceEdit>('textDocument/rename', { ...pos('gamma.yaml', 'leads >= 5'), newName: 'doubled' });
    expect(Object.keys(own.changes)).toEqual([uriOf(join(DIR, 'gamma.yaml'))]);
  });

  it('refuses a name taken in another file in scope, built-ins and keywords', async () => {
    await expect(lsp.request('textDocument/rename', { ...pos('beta.yaml', 'leads >= 5'), newName: 'calls' })).rejects.toThrow(/"calls" is already declared in .*alpha-v1\.yaml/);
    await expect(lsp.request('textDocument/rename', { ...pos('alpha-v1.yaml', 'leads >= 10'), newName: 'and' })).rejects.toThrow(/keyword/);
    await expect(lsp.request('textDocument/prepareRename', pos('alpha-v1.yaml', 'and answered', 1))).rejects.toThrow(/"and" is a keyword/);
    const ok = await lsp.request<{ placeholder: string }>('textDocument/prepareRename', pos('alpha-v1.yaml', 'leads >= 10', 2));
    expect(ok.placeholder).toBe('leads');
    expect(await lsp.request('textDocument/prepareRename', pos('alpha-v1.yaml', 'currency', 2))).toBeNull();
  });
});
