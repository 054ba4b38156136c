// Packages the VS Code extension (editors/vscode) into a .vsix, offline: esbuild bundles
// extension.js with vscode-languageclient into dist/extension.js, then `vsce package
// --no-dependencies` zips the manifest, README, LICENSE and the bundle.
// Usage: node scripts/package-vscode.mjs [out.vsix]   (default editors/vscode/attain-contracts.vsix)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ext = resolve(root, 'editors/vscode');
const out = resolve(process.argv[2] ?? resolve(ext, 'attain-contracts.vsix'));

await build({
  entryPoints: [resolve(ext, 'extension.js')],
  outfile: resolve(ext, 'dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: true,
  logLevel: 'warning',
});

const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: ext, stdio: ['ignore', 'inherit', 'inherit'] });
console.log(out);
