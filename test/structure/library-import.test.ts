// What `import('attain')` loads (src/index.ts and every module it imports for values): the whole-run
// pipelines, ajv's schema compiler and json-logic-js load on first use, not at import (issue 18).
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../src');

/** Value imports only (`import type` and `export type` load nothing at run time). */
const IMPORT = /^\s*(import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

/** The source files and packages loaded when `entry` is imported, following static value imports. */
export function loadedBy(entry: string, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of read(file).matchAll(IMPORT)) {
      const spec = m[2] ?? m[3] ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe("import('attain')", () => {
  it('follows value imports and skips type imports (the walker itself can fail)', () => {
    const texts: Record<string, string> = {
      '/a.ts': "import { x } from './b.js';\nimport type { T } from './c.js';\nimport 'pkg-side-effect';\n",
      '/b.ts': "export { y } from 'pkg';\nexport type { Z } from './d.js';\n",
    };
    const found = loadedBy('/a.ts', (f) => texts[f] ?? '');
    expect(found.packages).toEqual(['pkg', 'pkg-side-effect']);
    expect(found.files.map((f) => f.replace(/^.*\//, ''))).toEqual(['a.ts', 'b.ts']);
  });

  it('does not load the whole-run pipelines, the CLI, the language server, ajv or json-logic-js', () => {
    const { files, packages } = loadedBy(resolve(ROOT, 'index.ts'));
    const heavy = files.filter((f) => /^(cli|lsp|pipeline\/(monthly|validate)|workspace\/lock)\//.test(f) || f === 'pipeline/evaluate-files.ts' || f === 'fmt/format-files.ts');
    expect(heavy).toEqual([]);
    expect(packages.filter((p) => p === 'ajv' || p.startsWith('ajv/dist/20') || p === 'json-logic-js' || p.startsWith('@duckdb') || p === 'pg' || p.startsWith('vscode-'))).toEqual([]);
    // The library API itself is there.
    expect(files).toContain('api/compile-contract.ts');
    expect(files).toContain('api/compile-rule.ts');
  });
});
