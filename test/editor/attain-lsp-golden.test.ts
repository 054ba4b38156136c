// `attain lsp` reports exactly what `attain validate` reports: for every golden bad file (with
// its data and extra files opened beside it), the same codes at the same ranges, per file, as the
// real server publishes them over stdio.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { rangeOf } from '../../src/lsp/positions.js';
import { validatePaths } from '../../src/pipeline/validate/validate.js';
import { startLsp, type LspClient, type LspDiagnostic } from '../helpers/lsp-client.js';

const DIR = 'test/golden/bad';

function filesOf(name: string): string[] {
  const path = join(DIR, name);
  const text = readFileSync(path, 'utf8');
  const header = (key: string): string[] => [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((m) => join(DIR, (m[1] ?? '').trim()));
  return [path, ...header('with'), ...header('data')];
}

const key = (code: string | number | undefined, r: LspDiagnostic['range']): string =>
  `${String(code)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

// Every golden bad file, versions of one contract across files (E037-E039, SPEC 11) included.
/** Golden files the editor cannot see as validate does, with the reason. */
const NOT_COMPARED = new Map([
  ['E001-invalid-utf8.yaml', 'an editor sends decoded text: the invalid byte arrives as U+FFFD, never as a byte'],
]);

const fixtures = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f) && !f.includes('.data.') && !f.includes('.with.') && !NOT_COMPARED.has(f))
  .sort();

/** Files an editor opens (a `# data:` directory is validated as a directory, not opened). */
const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

let lsp: LspClient;
let compared = 0;
beforeAll(async () => {
  lsp = await startLsp();
});
afterAll(async () => {
  await lsp.stop();
});

describe('attain lsp diagnostics = attain validate diagnostics', () => {
  it('has golden files to compare', () => {
    expect(fixtures.length).toBeGreaterThan(50);
  });
  for (const name of fixtures) {
    it(name, async () => {
      const files = filesOf(name).filter(isFile);
      const run = await validatePaths(filesOf(name));
      const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
      for (const [f, text] of texts) lsp.openOnly(f, text);
      try {
        for (const [f, text] of texts) {
          const source = createSourceFile(f, text);
          const wanted = run.diagnostics.filter((d) => d.span.file === f).map((d) => key(d.code, rangeOf(source, d.span))).sort();
          const got = (await lsp.diagnostics(resolve(f), 1)).map((d) => key(d.code, d.range)).sort();
          expect(got, f).toEqual(wanted);
          compared += wanted.length;
        }
      } finally {
        for (const f of files) lsp.close(f);
      }
    });
  }
  it('compared diagnostics, not only empty lists', () => {
    // 48 when written: the evaluate- and test-mode files are clean for validate.
    expect(compared).toBeGreaterThan(40);
  });
});
