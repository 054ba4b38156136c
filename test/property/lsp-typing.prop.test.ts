// Property: the language server survives any text typed into a contract. Every line-prefix of
// every shipped contract (in process), random character prefixes (in process), and contracts typed
// character by character into the real server over stdio: no crash, hover and completion always
// answer, and the diagnostics published for the last version are those of `attain validate`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { analyse } from '../../src/lsp/analysis.js';
import { completeAt } from '../../src/lsp/completion.js';
import { hoverAt } from '../../src/lsp/hover.js';
import { positionAt, rangeOf } from '../../src/lsp/positions.js';
import { workspaceDiagnostics } from '../../src/lsp/workspace-diagnostics.js';
import { startLsp, uriOf, type LspClient } from '../helpers/lsp-client.js';
import './arbitraries.js';

const CONTRACTS = readdirSync('contracts')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ path: join('contracts', f), text: readFileSync(join('contracts', f), 'utf8') }));

/** Diagnostics of one document as `attain validate` of that file gives them: code and range. */
function expected(path: string, text: string): string[] {
  const a = analyse(path, text);
  const ds = workspaceDiagnostics(new Map([[path, a]])).get(path) ?? [];
  return ds.map((d) => `${d.code} ${JSON.stringify(rangeOf(a.file, d.span))}`).sort();
}

/** Everything the server does for a document at one cursor offset, in process. */
function exercise(path: string, text: string, offset: number): void {
  const a = analyse(path, text);
  workspaceDiagnostics(new Map([[path, a]]));
  const model = a.contract !== undefined && a.index !== undefined ? { contract: a.contract, index: a.index, current: true } : undefined;
  completeAt(text, offset, model);
  if (model !== undefined) hoverAt(text, offset, model.contract, model.index, a.checked, true);
}

describe('typing into a contract never breaks the server', () => {
  it('every line-prefix of every shipped contract is analysed, completed and hovered', () => {
    let prefixes = 0;
    for (const c of CONTRACTS) {
      for (let i = c.text.indexOf('\n'); i >= 0; i = c.text.indexOf('\n', i + 1)) {
        expect(() => exercise(c.path, c.text.slice(0, i + 1), i + 1)).not.toThrow();
        prefixes++;
      }
    }
    expect(prefixes).toBeGreaterThan(900);
  });

  it('any character prefix, with the cursor anywhere in it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTRACTS), fc.nat(), fc.nat(), (c, a, b) => {
        const cut = a % (c.text.length + 1);
        const text = c.text.slice(0, cut);
        exercise(c.path, text, b % (text.length + 1));
      }),
      { numRuns: 300 },
    );
  });
});

describe('typing character by character into the real server', () => {
  let lsp: LspClient;
  beforeAll(async () => {
    lsp = await startLsp();
  });
  afterAll(async () => {
    await lsp.stop();
  });

  it('publishes the diagnostics of the last version, never stale ones, and keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CONTRACTS), fc.nat(), fc.integer({ min: 1, max: 40 }), async (c, a, n) => {
        const start = a % c.text.length;
        const end = Math.min(c.text.length, start + n);
        const path = c.path;
        let text = c.text.slice(0, start);
        lsp.openOnly(path, text);
        let version = 1;
        for (let i = start; i < end; i++) {
          const file = createSourceFile(path, text);
          const at = positionAt(file, text.length);
          version = lsp.edit(path, { start: at, end: at }, c.text[i] as string);
          text += c.text[i] as string;
        }
        const got = (await lsp.diagnostics(path, version)).map((d) => `${String(d.code)} ${JSON.stringify(d.range)}`).sort();
        expect(got).toEqual(expected(path, text));
        const end2 = positionAt(createSourceFile(path, text), text.length);
        await lsp.request('textDocument/hover', { textDocument: { uri: uriOf(path) }, position: end2 });
        await lsp.request('textDocument/completion', { textDocument: { uri: uriOf(path) }, position: end2 });
        lsp.close(path);
        expect(lsp.exited()).toBe(false);
      }),
      { numRuns: 12 },
    );
  });

  it('types a whole contract into an empty document and ends clean', async () => {
    const c = CONTRACTS.reduce((s, x) => (x.text.length < s.text.length ? x : s));
    const path = 'test/editor/fixtures/typed.yaml';
    lsp.openOnly(path, '');
    let text = '';
    let version = 1;
    for (const ch of c.text) {
      const at = positionAt(createSourceFile(path, text), text.length);
      version = lsp.edit(path, { start: at, end: at }, ch);
      text += ch;
    }
    expect(await lsp.diagnostics(path, version)).toEqual([]);
    lsp.close(path);
  });
});
