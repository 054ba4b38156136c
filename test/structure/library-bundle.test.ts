// The library bundle (dist/lib/, scripts/bundle-lib.mjs) that `import('attain')` resolves to: the
// same exports and the same evaluation JSON as src/, and nothing but Node's built-ins loaded at import.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as attain from '../../src/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'dist/lib');
const CONTRACT = 'contracts/acme-smm.yaml';
const MONTHS = [
  { period: '2026-10', data: { sessions: 13070, bounce_rate: 0.175, avg_time_on_site: 135, direct_sessions: 7580, leads: 103, followers: 7510, ad_spend: '35000 RUB', reach: 91175 }, history: { '2026-09': { followers: 6676 } } },
  { period: '2026-11', data: { sessions: 14210, bounce_rate: '16.8%', avg_time_on_site: '2 min 24 s', direct_sessions: 8950, leads: 121, followers: 8330, ad_spend: 35000, reach: 118400 } },
  { period: '2026-12', data: { sessions: 11870, bounce_rate: 20.6, leads: -74 } },
];

/** A program run by `node` in `cwd` that imports 'attain' and prints what `body` returns as JSON. */
function runImporting(cwd: string, body: string): unknown {
  const code = `const attain = await import('attain');\nprocess.stdout.write(JSON.stringify(await (async () => { ${body} })()));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

/** Every file the bundle's entry loads when imported (static imports, followed) and the packages it names. */
function staticGraph(entry: string): { files: string[]; specifiers: string[] } {
  const files = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm)) {
      const spec = m[1] ?? '';
      if (spec.startsWith('.')) visit(resolve(file, '..', spec));
      else specifiers.add(spec);
    }
  };
  visit(entry);
  return { files: [...files], specifiers: [...specifiers] };
}

const fresh = mkdtempSync(join(tmpdir(), 'attain-fresh-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe("the library bundle (import('attain'))", () => {
  it('exports what src/index.ts exports and evaluates to the same JSON', () => {
    const body = `
      const { value: program } = attain.compileContract(${JSON.stringify(readFileSync(join(ROOT, CONTRACT), 'utf8'))}, { path: ${JSON.stringify(CONTRACT)} });
      return { names: Object.keys(attain).sort(), months: ${JSON.stringify(MONTHS)}.map((m) => program.evaluate(m)) };`;
    const { value: program } = attain.compileContract(readFileSync(join(ROOT, CONTRACT), 'utf8'), { path: CONTRACT });
    expect(runImporting(ROOT, body)).toEqual({ names: Object.keys(attain).sort(), months: JSON.parse(JSON.stringify(MONTHS.map((m) => program?.evaluate(m)))) as unknown });
  });

  it('resolves from a project that installed the package (node_modules/attain)', () => {
    mkdirSync(join(fresh, 'node_modules'));
    symlinkSync(ROOT, join(fresh, 'node_modules/attain'), 'dir');
    const rule = runImporting(fresh, "return attain.compileExpression('bounce_rate < 20%', { metrics: { bounce_rate: 'percent' } }).value.evaluate({ bounce_rate: 0.1 });");
    expect(rule).toBe(true);
  });

  it('loads only Node built-ins at import: yaml, chevrotain and fraction.js are inside, the rest stays lazy', () => {
    const { files, specifiers } = staticGraph(join(LIB, 'index.js'));
    expect(specifiers.filter((s) => !s.startsWith('node:'))).toEqual([]);
    // The whole-run functions are chunks of their own, loaded on first call.
    const entryText = readFileSync(join(LIB, 'index.js'), 'utf8');
    expect(entryText).toMatch(/import\("\.\/monthly-[A-Z0-9]+\.js"\)/);
    expect(files.some((f) => /[\\/]monthly-[A-Z0-9]+\.js$/.test(f))).toBe(false);
  });

  it('has the worker entries next to its chunks, where the pools start them', () => {
    for (const worker of ['validate-worker.js', 'monthly-worker.js']) expect(readFileSync(join(LIB, worker), 'utf8')).toContain('import');
  });
});
