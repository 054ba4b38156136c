// GitHub shows 10 error and 10 warning annotations per step: the rest are counted in a notice,
// and every finding goes to the job summary ($GITHUB_STEP_SUMMARY) as a Markdown table.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { GITHUB_ANNOTATIONS_PER_STEP, renderGithub, renderGithubSummary } from '../../../src/diagnostics/render.js';
import { createSourceFile, type SourceFile } from '../../../src/diagnostics/source.js';
import { runCli } from '../../helpers/cli.js';

const F = createSourceFile('contracts/a.yaml', 'x\n'.repeat(40));
const lookup = (p: string): SourceFile | undefined => (p === F.path ? F : undefined);
const finding = (i: number, severity: 'error' | 'warning'): Diagnostic => ({
  code: severity === 'error' ? 'E010' : 'W060',
  severity,
  message: `finding ${i} <b>|x`,
  span: { file: F.path, start: i * 2, end: i * 2 + 1 },
});

const dir = mkdtempSync(join(tmpdir(), 'attain-gh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env['GITHUB_STEP_SUMMARY'];
});

describe('GitHub annotations per step', () => {
  it('writes 10 errors and 10 warnings, then a notice counting the rest', () => {
    const all = [...Array.from({ length: 25 }, (_, i) => finding(i, 'error')), ...Array.from({ length: 13 }, (_, i) => finding(25 + i, 'warning'))];
    const lines = renderGithub(all, lookup).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(GITHUB_ANNOTATIONS_PER_STEP);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(GITHUB_ANNOTATIONS_PER_STEP);
    expect(lines.at(-1)).toMatch(/^::notice title=attain::18 more finding\(s\) not shown as annotations/);
    expect(lines).toHaveLength(21);
  });

  it('adds no notice when everything fits', () => {
    expect(renderGithub([finding(0, 'error')], lookup)).not.toContain('::notice');
  });

  it('the job summary lists every finding, escaped for Markdown', () => {
    const md = renderGithubSummary([finding(0, 'error'), finding(1, 'warning')], lookup, 1);
    expect(md).toContain('1 file(s): 1 error(s), 1 warning(s).');
    expect(md).toContain('| `contracts/a.yaml:1:1` | error | E010 | finding 0 &lt;b>\\|x |');
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(2);
  });

  it('attain validate --format github appends the summary to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'before\n');
    process.env['GITHUB_STEP_SUMMARY'] = summary;
    const run = await runCli('validate', 'test/golden/formats', '--format', 'github');
    expect(run.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('before\n## attain validate\n')).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('| `')).length).toBe(run.stdout.trimEnd().split('\n').length);
  });

  it('writes no summary in other formats', async () => {
    const summary = join(dir, 'none.md');
    process.env['GITHUB_STEP_SUMMARY'] = summary;
    await runCli('validate', 'test/golden/formats', '--format', 'json');
    expect(() => readFileSync(summary)).toThrow();
  });
});
