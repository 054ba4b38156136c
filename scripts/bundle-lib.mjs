// Build step after `tsc` (npm run build): dist/src/index.js and the two worker entries -> dist/lib/,
// the library entry `import('attain')` resolves to, as one ES module plus lazily loaded chunks.
// Why: importing the unbundled entry resolves and loads about 85 of our modules, yaml's 20 CommonJS
// files and chevrotain; one file is most of that time saved (issue 18, docs/performance.md).
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'dist/src');
const out = join(root, 'dist/lib');

/**
 * Packages bundled into the library entry: what `import('attain')` loads. Every other package stays
 * an import of node_modules: the CommonJS ones our code loads on first use through createRequire
 * (ajv, json-logic-js, pdfkit, node-sarif-builder), native or large ones the whole-run chunks load
 * (DuckDB, pg, commander), and anything a future module adds until it is listed here.
 */
const BUNDLED = new Set(['yaml', 'fraction.js', 'chevrotain']);
/** ajv's small run-time helpers that the contract schema's generated validator imports statically. */
const AJV_RUNTIME = /^ajv\/dist\/runtime\//;

/** The package name of a bare import specifier (`@scope/name/sub` -> `@scope/name`). */
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * src/parser/chevrotain.ts finds chevrotain's single-file ESM bundle at run time (a path esbuild
 * cannot follow); in the bundle, the same file is imported statically instead.
 */
function chevrotainFile() {
  const bundled = join(dirname(createRequire(import.meta.url).resolve('chevrotain')), '..', 'chevrotain.mjs');
  if (!existsSync(bundled)) throw new Error(`bundle-lib: ${bundled} not found (chevrotain's layout changed?)`);
  return bundled;
}

/** @type {import('esbuild').Plugin} */
const packages = {
  name: 'attain-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !(BUNDLED.has(packageOf(args.path)) || AJV_RUNTIME.test(args.path))) return { path: args.path, external: true };
      return undefined;
    });
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]parser[\\/]chevrotain\.js$/ }, () => ({
      contents: `export { createToken, CstParser, EOF, generateCstDts, Lexer, NotAllInputParsedException } from ${JSON.stringify(chevrotainFile())};\n`,
      loader: 'js',
      resolveDir: dirname(chevrotainFile()),
    }));
  },
};

// Chunk names carry content hashes: a previous build's chunks would stay behind.
rmSync(out, { recursive: true, force: true });

await build({
  // The workers keep their file names: the pools start them as `new URL('./<name>.js', import.meta.url)`.
  entryPoints: {
    index: join(src, 'index.js'),
    'validate-worker': join(src, 'pipeline/validate/validate-worker.js'),
    'monthly-worker': join(src, 'pipeline/monthly/monthly-worker.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks next to the entry: import.meta.url in a chunk (the schema file, the worker files) resolves as from index.js.
  chunkNames: '[name]-[hash]',
  plugins: [packages],
  // yaml's CommonJS files, bundled into ES modules, require() Node's built-ins (process, buffer).
  banner: { js: "import { createRequire as __attainCreateRequire } from 'node:module'; const require = __attainCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
