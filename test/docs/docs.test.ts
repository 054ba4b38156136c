// The documentation's examples are tests: every fenced block of docs/*.md and README.md that the
// engine can read is checked here, so the docs cannot drift from the engine.
//
// - ```yaml with a top-level `contract:` key and `metrics:`: a contract. It must load and check with
//   no errors, and every one of its `tests:` must pass. A ```yaml block that is metric data
//   (top-level `periods:` / `contracts:`, no `metrics:`) must load as data with no errors; so must
//   a ```csv block with a `period` header.
// - ```yaml-error: a contract that must fail. A `# expect: E041` line in it names the code(s) that
//   must be among the errors (from loading, checking or running its tests).
// - ```expr: one expression per line. Each must parse without errors. A trailing `# => value`
//   is checked by evaluating the line as a define (value shown in its unit as `formatValue` does:
//   `65%`, `2 min 15 s`, `500 RUB`, `true`; `no data` matches any no-data value);
//   `# => error E041` expects that error code instead. Comment lines at the top of a block set the
//   context: `# metrics: { likes: count }` (added to DOC_METRICS), `# data: { likes: 10 }`,
//   `# history: { 2026-09: { followers: 4800 } }`, `# currency: USD`, `# period: 2026-10`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadMetricFile } from '../../src/data/load-metrics.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { formatValue } from '../../src/language/format-value.js';
import { parseExpression } from '../../src/parser/parse.js';
import { checkContractFile } from '../../src/check/check-file.js';
import { looksLikeDataFile } from '../../src/data/data-owner.js';
import { runContractTests } from '../../src/pipeline/contract-tests/contract-tests.js';
import { evaluateSources } from '../../src/pipeline/evaluate-contract.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One fenced code block of a Markdown file. */
interface Block {
  /** `docs/language.md:123`: the line of the opening fence. */
  readonly name: string;
  readonly tag: string;
  readonly text: string;
  /** 1-based line of the block's first content line in its file. */
  readonly firstLine: number;
}

/** Every fenced block (``` or ~~~, any indentation) with its tag (the first word of the info). */
function extractBlocks(path: string, markdown: string): Block[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  let open: { fence: string; indent: number; tag: string; line: number; body: string[] } | undefined;
  lines.forEach((line, i) => {
    if (open === undefined) {
      const m = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (m !== null) open = { fence: m[2] ?? '```', indent: (m[1] ?? '').length, tag: m[3] ?? '', line: i + 1, body: [] };
      return;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close !== null && (close[1] ?? '').startsWith(open.fence[0] ?? '`') && (close[1] ?? '').length >= open.fence.length) {
      blocks.push({ name: `${path}:${open.line}`, tag: open.tag, text: open.body.join('\n') + '\n', firstLine: open.line + 1 });
      open = undefined;
      return;
    }
    open.body.push(open.indent > 0 ? line.replace(new RegExp(`^ {0,${open.indent}}`), '') : line);
  });
  return blocks;
}

function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => `docs/${n}`);
  return [...docs, 'README.md'];
}

function shown(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code} ${d.message}${d.hint === undefined ? '' : ` (hint: ${d.hint})`}`).join('\n');
}

function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

const isContract = (text: string): boolean => /^contract\s*:/m.test(text) && /^metrics\s*:/m.test(text);

/** Load, check and run the tests of a contract block; every error found, and the test count. */
function runContractBlock(block: Block): { errors: Diagnostic[]; tests: number } {
  const checked = checkContractFile(createSourceFile(block.name, block.text));
  const errors = errorsOf(checked.diagnostics);
  if (checked.checked === undefined) return { errors, tests: 0 };
  const outcomes = runContractTests(checked.checked);
  for (const o of outcomes) errors.push(...errorsOf(o.diagnostics).map((d) => ({ ...d, message: `[test "${o.name}"] ${d.message}` })));
  return { errors, tests: outcomes.length };
}

// ---------------------------------------------------------------------------------------------
// ```expr blocks

/** Metrics every ```expr block may use (a block adds its own with `# metrics:`). */
const DOC_METRICS: Readonly<Record<string, string>> = {
  sessions: 'count',
  direct_sessions: 'count',
  leads: 'count',
  followers: 'count',
  clicks: 'count',
  impressions: 'count',
  likes: 'count',
  comments: 'count',
  shares: 'count',
  reach: 'count',
  bounce_rate: 'percent',
  pages_per_session: 'number',
  avg_time_on_site: 'duration',
  ad_spend: 'money',
};

interface ExprContext {
  metrics: Record<string, string>;
  data: Record<string, unknown>;
  history: Record<string, Record<string, unknown>>;
  currency: string;
  period: string;
}

interface ExprLine {
  readonly expr: string;
  readonly want?: string;
  readonly line: number;
}

/** Split an ```expr block into its context directives and expression lines. */
function readExprBlock(block: Block): { context: ExprContext; lines: ExprLine[] } {
  const context: ExprContext = { metrics: { ...DOC_METRICS }, data: {}, history: {}, currency: 'RUB', period: '2026-10' };
  const lines: ExprLine[] = [];
  block.text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const directive = /^#\s*(metrics|data|history|currency|period)\s*:\s*(.*)$/.exec(line);
    if (directive !== null) {
      const [, key, value = ''] = directive;
      if (key === 'metrics') Object.assign(context.metrics, parseYaml(value) as Record<string, string>);
      else if (key === 'data') Object.assign(context.data, parseYaml(value) as Record<string, unknown>);
      else if (key === 'history') Object.assign(context.history, parseYaml(value) as Record<string, Record<string, unknown>>);
      else if (key === 'currency') context.currency = value.trim();
      else context.period = value.trim();
      return;
    }
    if (line.startsWith('#')) return;
    const arrow = line.indexOf('# =>');
    const expr = (arrow < 0 ? line : line.slice(0, arrow)).trim();
    const want = arrow < 0 ? undefined : line.slice(arrow + 4).trim();
    lines.push({ expr, line: block.firstLine + i, ...(want === undefined ? {} : { want }) });
  });
  return { context, lines };
}

function yamlQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function flow(record: Record<string, unknown>): string {
  return `{ ${Object.entries(record).map(([k, v]) => `${k}: ${yamlQuoted(String(v))}`).join(', ')} }`;
}

/** Evaluate one expression as the define `value` of a small contract; its value as shown, or the error codes. */
function evaluateLine(expr: string, c: ExprContext, name: string): { shown?: string; codes: string[]; messages: string } {
  const contract = [
    'contract: docs-expr',
    'version: 1',
    `currency: ${c.currency}`,
    'effective: { from: 2026-01 }',
    'metrics:',
    ...Object.entries(c.metrics).map(([k, v]) => `  ${k}: ${v}`),
    'define:',
    `  value: ${yamlQuoted(expr)}`,
    '',
  ].join('\n');
  const periods = { ...c.history, [c.period]: c.data };
  const data = ['periods:', ...Object.entries(periods).map(([p, r]) => `  ${p}: ${flow(r)}`), ''].join('\n');
  const run = evaluateSources(createSourceFile(`${name}.yaml`, contract), [createSourceFile(`${name}.data.yaml`, data)], { period: c.period });
  const errors = errorsOf(run.diagnostics);
  const define = run.value?.result.defines.find((d) => d.name === 'value');
  if (errors.length > 0 || define === undefined) return { codes: errors.map((d) => d.code), messages: shown(errors) };
  return { shown: formatValue(define.value, define.type), codes: [], messages: '' };
}

// ---------------------------------------------------------------------------------------------

const blocks = docFiles().flatMap((path) => extractBlocks(path, readFileSync(join(ROOT, path), 'utf8')));
const contracts = blocks.filter((b) => b.tag === 'yaml' && isContract(b.text));
const dataBlocks = blocks.filter(
  (b) => (b.tag === 'yaml' && !isContract(b.text) && looksLikeDataFile('block.yaml', b.text)) || (b.tag === 'csv' && /^period\b|,period\b/m.test(b.text.split('\n')[0] ?? '')),
);
const errorBlocks = blocks.filter((b) => b.tag === 'yaml-error');
const exprBlocks = blocks.filter((b) => b.tag === 'expr');

describe('documentation examples', () => {
  it('finds the examples (the extraction itself works)', () => {
    expect(contracts.length).toBeGreaterThanOrEqual(30);
    expect(exprBlocks.length).toBeGreaterThanOrEqual(10);
    expect(errorBlocks.length).toBeGreaterThanOrEqual(5);
  });

  describe('contracts (```yaml): zero errors, every test passes', () => {
    for (const block of contracts) {
      it(block.name, () => {
        const { errors } = runContractBlock(block);
        expect(errors, shown(errors)).toEqual([]);
      });
    }
  });

  describe('metric data (```yaml / ```csv): loads without errors', () => {
    for (const block of dataBlocks) {
      it(block.name, () => {
        const ext = block.tag === 'csv' ? 'csv' : 'yaml';
        const loaded = loadMetricFile(createSourceFile(`${block.name}.${ext}`, block.text));
        expect(errorsOf(loaded.diagnostics), shown(loaded.diagnostics)).toEqual([]);
      });
    }
  });

  describe('failing contracts (```yaml-error): the documented error', () => {
    for (const block of errorBlocks) {
      it(block.name, () => {
        const { errors } = runContractBlock(block);
        expect(errors.length, `${block.name} should fail`).toBeGreaterThan(0);
        const wanted = [...block.text.matchAll(/#\s*expect:\s*([EW]\d{3}(?:[ ,]+[EW]\d{3})*)/g)].flatMap((m) => (m[1] ?? '').split(/[ ,]+/));
        for (const code of wanted) expect(errors.map((d) => d.code), shown(errors)).toContain(code);
      });
    }
  });

  describe('expressions (```expr): parse, and evaluate to the documented value', () => {
    for (const block of exprBlocks) {
      const { context, lines } = readExprBlock(block);
      for (const l of lines) {
        const name = `${block.name.replace(/:\d+$/, '')}:${l.line}: ${l.expr}`;
        it(name, () => {
          const wantError = l.want === undefined ? undefined : /^error\s+([EW]\d{3})$/.exec(l.want)?.[1];
          const parsed = parseExpression(l.expr, { file: name, base: 0 });
          if (wantError !== undefined && wantError.startsWith('E02')) {
            expect(parsed.diagnostics.map((d) => d.code)).toContain(wantError);
            return;
          }
          expect(errorsOf(parsed.diagnostics), shown(parsed.diagnostics)).toEqual([]);
          if (l.want === undefined) return;
          const got = evaluateLine(l.expr, context, name);
          if (wantError !== undefined) {
            expect(got.codes, got.messages).toContain(wantError);
          } else if (l.want.startsWith('no data')) {
            expect(got.shown ?? got.messages).toMatch(/^no data/);
          } else {
            expect(got.shown ?? got.messages).toBe(l.want);
          }
        });
      }
    }
  });
});
