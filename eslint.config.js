// ESLint (flat config): typescript-eslint's type-checked rules, and the stage order of
// ../shared/STYLE.md section 1 as import zones, so the layering is checked, not reviewed.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/, from the top of the pipeline to the ground. A folder may import only the
 * folders listed after it (plus those in EXTRA_ALLOWED); `numbers` imports nothing of ours.
 */
const LAYERS = [
  'cli',
  'api',
  'pipeline',
  'lsp',
  'report',
  'fmt',
  'jsonlogic',
  'taxes',
  'invoice',
  'evaluate',
  'compile',
  'check',
  'language',
  'sources',
  'data',
  'parser',
  'contract',
  'workspace',
  'numbers',
  'diagnostics',
];

/** Folders that import nothing of ours at all. */
const SELF_CONTAINED = new Set(['numbers']);

/** Third-party packages only some folders may import (STYLE section 1). */
const PACKAGE_OWNERS = {
  yaml: ['contract', 'data', 'sources', 'lsp'],
  chevrotain: ['parser'],
  '@duckdb/node-api': ['sources'],
  pg: ['sources'],
  'json-logic-js': ['jsonlogic', 'compile'],
  pdfkit: ['report'],
};

function zoneFor(folder) {
  const index = LAYERS.indexOf(folder);
  const above = LAYERS.slice(0, index + 1).filter((f) => f !== folder);
  const below = LAYERS.slice(index + 1);
  const forbidden = SELF_CONTAINED.has(folder) ? [...above, ...below] : above;
  const patterns = forbidden.map((f) => ({
    group: [`**/${f}/*`, `**/${f}/**`, `**/${f}/*.js`],
    message: SELF_CONTAINED.has(folder)
      ? `src/${folder} imports nothing of ours (STYLE section 1)`
      : `src/${folder} is below src/${f} in the stage order: imports point down the pipeline only (STYLE section 1)`,
  }));
  const paths = Object.entries(PACKAGE_OWNERS)
    .filter(([, owners]) => !owners.includes(folder))
    .map(([name, owners]) => ({
      name,
      message: `only ${owners.map((o) => `src/${o}`).join(', ')} may import ${name}`,
    }));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '**/*.generated.*', 'editors/*/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // YAML and JSON scalars are `unknown` by type; String() of them is the intended text.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read parsed JSON and reach into results on purpose; the type-unsafe rules would only
    // make them cast more.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The computing stages: exact numbers only (STYLE section 5). Display code (report/) may
    // round chart coordinates.
    files: ['src/{numbers,language,check,compile,evaluate,invoice,taxes,data,sources,contract,parser}/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'numbers are parsed from their text exactly (src/numbers)' },
        { selector: "MemberExpression[property.name='parseFloat']", message: 'numbers are parsed from their text exactly (src/numbers)' },
        { selector: "CallExpression[callee.name='eval']", message: 'no eval over any text' },
        { selector: "NewExpression[callee.name='Function']", message: 'no code generation' },
        { selector: "CallExpression[callee.property.name='toFixed']", message: 'rounding happens only in the named rounding functions (src/numbers/money.ts)' },
      ],
    },
  },
  ...LAYERS.map(zoneFor),
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The VS Code extension is CommonJS run by VS Code's Node (editors/vscode).
    files: ['editors/vscode/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
