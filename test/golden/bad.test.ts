// Golden tests for diagnostics: one small bad input per diagnostic code in test/golden/bad/.
// Each fixture's header says what it must produce (`# expect: E041 15:13`, several allowed,
// `file:line:col` for a position in another file), how to run it (`# mode: validate` (default),
// `evaluate <period>`, `test`, `sources <period>` with the sources file as its `with:`), its data (`# data: <file>`) and extra files (`# with: <file>`).
// The pretty rendering is compared with `<name>.expected.txt` (a missing one fails); UPDATE_GOLDEN=1
// re-records it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { renderPretty } from '../../src/diagnostics/render.js';
import type { SourceFile } from '../../src/diagnostics/source.js';
import { locate } from '../../src/diagnostics/locate.js';
import { evaluateFiles } from '../../src/pipeline/evaluate-files.js';
import { testPaths } from '../../src/pipeline/contract-tests/test-paths.js';
import { validatePaths } from '../../src/pipeline/validate/validate.js';
import { expectGolden } from '../helpers/golden.js';

const DIR = 'test/golden/bad';

/** Codes no input can produce, with the reason (checked: they must not have a fixture either). */
const UNREACHABLE = new Map<string, string>([
  ['E042', 'every money value is checked against the contract currency first (E052, E063), so two currencies never meet'],
  ['E015', 'fallback for JSON Schema keywords the mapper does not know; the shipped schema uses only mapped ones (E010-E014)'],
]);

interface Fixture {
  readonly name: string;
  readonly path: string;
  readonly expect: readonly { code: string; file: string; line: number; column: number }[];
  readonly mode: readonly string[];
  readonly data?: string;
  readonly with: readonly string[];
}

function readFixture(file: string): Fixture {
  const path = join(DIR, file);
  const text = readFileSync(path, 'utf8');
  const header = (key: string): string[] =>
    [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((m) => (m[1] ?? '').trim());
  const expectations = header('expect').map((e) => {
    const [code = '', at = ''] = e.split(/\s+/);
    const parts = at.split(':');
    const col = Number(parts.pop());
    const line = Number(parts.pop());
    const where = parts.length > 0 ? join(DIR, parts.join(':')) : path;
    return { code, file: where, line, column: col };
  });
  const data = header('data')[0];
  return {
    name: file.replace(/\.ya?ml$/, ''),
    path,
    expect: expectations,
    mode: (header('mode')[0] ?? 'validate').split(/\s+/),
    ...(data === undefined ? {} : { data: join(DIR, data) }),
    with: header('with').map((w) => join(DIR, w)),
  };
}

async function run(f: Fixture): Promise<{ diagnostics: readonly Diagnostic[]; sources: ReadonlyMap<string, SourceFile> }> {
  switch (f.mode[0]) {
    case 'evaluate': {
      const period = f.mode[1];
      return evaluateFiles(f.path, f.data ?? join(DIR, 'missing.data.yaml'), period === undefined ? {} : { period });
    }
    case 'sources': {
      // `# mode: sources <period>`: evaluate the contract from `# with:` (the sources file) and `# data:`.
      const { evaluateFromSources } = await import('../../src/pipeline/evaluate-sourced.js');
      const period = f.mode[1];
      return evaluateFromSources(f.path, f.with[0] ?? '', f.data, period === undefined ? {} : { period });
    }
    case 'test': {
      const t = await testPaths([f.path]);
      return { diagnostics: [...t.outcomes.flatMap((o) => o.diagnostics), ...t.broken.flatMap((b) => b.diagnostics)], sources: t.sources };
    }
    default:
      return validatePaths([f.path, ...f.with, ...(f.data === undefined ? [] : [f.data])]);
  }
}

const fixtures = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f) && !f.includes('.data.') && !f.includes('.with.'))
  .sort()
  .map(readFixture);

describe('golden diagnostics', () => {
  for (const f of fixtures) {
    it(`${f.name} produces ${f.expect.map((e) => e.code).join(', ')}`, async () => {
      expect(f.expect.length, 'fixture has an "# expect:" header').toBeGreaterThan(0);
      const { diagnostics, sources } = await run(f);
      const found = diagnostics.map((d) => {
        const at = locate(d, (p) => sources.get(p));
        return `${d.code} ${d.span.file}:${at.line}:${at.column}`;
      });
      for (const e of f.expect) expect(found, found.join("; ")).toContain(`${e.code} ${e.file}:${e.line}:${e.column}`);
      const pretty = renderPretty(diagnostics, (p) => sources.get(p));
      expectGolden(join(DIR, `${f.name}.expected.txt`), pretty);
    });
  }

  it('every diagnostic code has a fixture (or is documented as unreachable)', () => {
    const covered = new Set(fixtures.flatMap((f) => f.expect.map((e) => e.code)));
    const missing = Object.keys(CODES).filter((c) => !covered.has(c) && !UNREACHABLE.has(c));
    expect(missing).toEqual([]);
    for (const c of UNREACHABLE.keys()) expect(covered.has(c), `${c} is listed as unreachable`).toBe(false);
  });

  it('has no expected file without its fixture', () => {
    const names = new Set(fixtures.map((f) => f.name));
    const orphans = readdirSync(DIR).filter((f) => f.endsWith('.expected.txt') && !names.has(f.slice(0, -'.expected.txt'.length)));
    expect(orphans).toEqual([]);
  });

  it('fixture names start with the first code they expect', () => {
    for (const f of fixtures) expect(basename(f.path).slice(0, 4)).toBe(f.expect[0]?.code);
  });
});
