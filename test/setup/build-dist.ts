// Test setup (vitest globalSetup), once before any test file: dist/ compiled from the current src/,
// and the library bundle dist/lib/ (`import('attain')`); bin/attain.js and the workers run dist/src/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
/** Written after each build from this setup; dist/ is fresh when no input is newer than it. */
const STAMP = join(ROOT, 'dist/.built-for-tests');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/bundle-lib.mjs'].map((f) => join(ROOT, f));

/** The newest modification time among src/ and the build's configuration. */
function newestInput(): number {
  let newest = Math.max(...CONFIGS.map((f) => statSync(f).mtimeMs));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, 'src'));
  return newest;
}

/**
 * Build dist/ as `npm run build` does (`tsc -p tsconfig.build.json`, incremental, then
 * scripts/bundle-lib.mjs) unless it is newer than every input: a stale or absent dist/ would test
 * yesterday's code, or skip the worker-thread tests silently.
 */
export default function setup(): void {
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput()) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-lib.mjs')], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
