// Fuzzer: hostile user strings (workflow commands after line breaks, ANSI/OSC sequences, other
// control characters, bidi overrides, spreadsheet formulas, raw HTML, bare carriage returns)
// through every human output of every command -> no unescaped control sequence, no line a CI
// runner reads as a command, no formula cell, no raw HTML, no broken Markdown table row.
// Seeded and short in CI; FUZZ_RUNS=2000 for a long local run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);
const dir = mkdtempSync(join(tmpdir(), 'attain-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAYLOADS = [
  '\n::error file=contracts/a.yaml,line=1::pwned',
  '\r\n::add-mask::x',
  '\n##[error]legacy',
  '\n##vso[task.setvariable variable=x]1',
  '\u001b[31mred\u001b[0m',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\u001b]0;title\u001b\\',
  '\u009b31m',
  '\u202eexe.txt',
  '\u2066\u2069\u200f',
  '\u2028\u2029\u0085',
  '\u0000\u0007\b\u007f',
  '\r',
  '=cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '+1',
  '@SUM(1+1)',
  '\t=1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '| cell |',
  '`code`',
  '&#60;b&#62;',
  'plain',
  ' ',
];

const hostile: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { minLength: 1, maxLength: 4 })
  .map((parts) => `x${parts.join('')}`);

/** A YAML double-quoted scalar holding exactly `s` (every code unit outside printable ASCII escaped). */
function yamlString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && s[i] !== '"' && s[i] !== '\\' ? s[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

interface Strings {
  readonly title: string;
  readonly agency: string;
  readonly client: string;
  readonly label: string;
  readonly testName: string;
  readonly metricKey: string;
}

function contractYaml(s: Strings): string {
  return [
    'contract: hostile',
    'version: 1',
    `title: ${yamlString(s.title)}`,
    `parties: { agency: ${yamlString(s.agency)}, client: ${yamlString(s.client)} }`,
    'currency: RUB',
    'effective: { from: 2026-01 }',
    'metrics:',
    '  leads: count',
    'kpis:',
    '  k:',
    `    description: ${yamlString(s.title)}`,
    '    target: leads >= 10',
    '    weight: 100%',
    'payments:',
    '  - id: fee',
    `    label: ${yamlString(s.label)}`,
    '    amount: 100 RUB',
    'tests:',
    `  - name: ${yamlString(s.testName)}`,
    '    period: 2026-10',
    '    data: { leads: 12 }',
    '    expect: { total: 200 RUB }',
    '',
  ].join('\n');
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A terminal or CI log output: no raw control sequence, no workflow command line. */
function expectHumanSafe(what: string, text: string): void {
  const bad = UNSAFE.exec(text.replace(/\r\n/g, '\n'));
  expect(bad, `${what}: raw U+${bad?.[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`).toBeNull();
  const command = text.split(/\r?\n/).find((l) => /^\s*(::|##\[|##vso\[)/.test(l));
  expect(command, `${what}: a workflow command line`).toBeUndefined();
}

function expectMarkdownSafe(text: string): void {
  expectHumanSafe('markdown', text);
  expect(text).not.toMatch(/<[A-Za-z/!?]/);
  expect(text).not.toMatch(/\r/);
  for (const line of text.split('\n').filter((l) => l.startsWith('|'))) {
    const pipes = line.replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? [];
    expect(pipes.length, line).toBe(6);
  }
}

/** RFC 4180 cells of a CSV document. */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

function expectCsvSafe(text: string, columns: number): void {
  for (const row of csvCells(text)) {
    expect(row).toHaveLength(columns);
    for (const cell of row) {
      if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
      expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r\n]/);
    }
  }
}

let run = 0;
async function check(s: Strings): Promise<void> {
  const here = join(dir, String(run++));
  mkdirSync(join(here, 'contracts'), { recursive: true });
  const contract = join(here, 'contracts', 'hostile.yaml');
  const data = join(here, 'data.yaml');
  const badData = join(here, 'bad-data.yaml');
  writeFileSync(contract, contractYaml(s));
  writeFileSync(data, 'contract: hostile\nperiods:\n  2026-10: { leads: 12 }\n');
  writeFileSync(badData, `contract: hostile\nperiods:\n  2026-10: { leads: 12, ${yamlString(s.metricKey)}: 3 }\n`);

  const test = await runCli('test', contract);
  expectHumanSafe('attain test', test.stdout + test.stderr);
  expect(test.stdout).toMatch(/^0 passed, 1 failed$/m);

  const validate = await runCli('validate', contract, badData);
  expectHumanSafe('attain validate', validate.stdout + validate.stderr);
  expect(validate.stdout).toContain('E061');

  const md = await runCli('evaluate', contract, '--data', data, '--period', '2026-10', '--format', 'md');
  expect(md.code, md.stderr).toBe(0);
  expectMarkdownSafe(md.stdout);

  const csv = await runCli('evaluate', contract, '--data', data, '--period', '2026-10', '--format', 'csv');
  expect(csv.code, csv.stderr).toBe(0);
  expectCsvSafe(csv.stdout, 9);

  const explain = await runCli('explain', contract, '--data', data, '--period', '2026-10');
  expectHumanSafe('attain explain', explain.stdout + explain.stderr);

  const out = join(here, 'out');
  const invoice = await runCli('invoice', '--contracts', join(here, 'contracts'), '--data', data, '--period', '2026-10', '--out', out);
  expect(invoice.code, invoice.stderr).toBe(0);
  expectHumanSafe('attain invoice', invoice.stdout + invoice.stderr);
  expectCsvSafe(readFileSync(join(out, 'summary.csv'), 'utf8'), 9);
  expectCsvSafe(readFileSync(join(out, 'hostile', 'invoice.csv'), 'utf8'), 9);
  expectMarkdownSafe(readFileSync(join(out, 'hostile', 'invoice.md'), 'utf8'));
}

describe('hostile strings through every human output', () => {
  it('the campaign payloads, one each in every field', async () => {
    for (const p of PAYLOADS) await check({ title: `t${p}`, agency: p, client: p, label: `l${p}`, testName: `n${p}`, metricKey: `m${p}` });
  }, 60_000);

  it('random mixes (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ title: hostile, agency: hostile, client: hostile, label: hostile, testName: hostile, metricKey: hostile }), check),
      { seed: 13, numRuns: RUNS },
    );
  }, 600_000);
});
