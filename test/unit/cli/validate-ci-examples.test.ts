// The CI configurations in examples/ci are real YAML that run the commands and formats attain has,
// and `attain validate` over examples/ never takes them for contracts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { load as jsYamlLoad } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEST_FORMATS } from '../../../src/cli/test.js';
import { VALIDATE_FORMATS } from '../../../src/cli/validate.js';
import { validatePaths } from '../../../src/pipeline/validate/validate.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const read = (path: string): unknown => parse(readFileSync(`examples/ci/${path}`, 'utf8'));

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

/** Every `--format x` of every attain command in the text is a format that command accepts. */
function formatsExist(commands: readonly string[]): void {
  for (const c of commands) {
    const m = /attain (validate|test)\b.*--format (\w+)/.exec(c);
    if (m === null) continue;
    const allowed: readonly string[] = m[1] === 'validate' ? VALIDATE_FORMATS : TEST_FORMATS;
    expect(allowed, c).toContain(m[2]);
  }
}

describe('examples/ci', () => {
  it('GitHub Actions: checkout, setup-node 24, npm ci, validate with annotations, test', () => {
    const wf = read('.github/workflows/attain.yml') as { jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v6',
      'actions/setup-node@v6',
      'npm ci',
      'npx attain validate contracts --format github',
      'npx attain test contracts',
    ]);
    expect(steps[1]?.with?.['node-version']).toBe(24);
    formatsExist(readFileSync('examples/ci/.github/workflows/attain.yml', 'utf8').split('\n'));
  });

  it('GitHub Actions: the workflow passes action-validator (GitHub\'s workflow schema), the commented SARIF upload too', () => {
    const text = readFileSync('examples/ci/.github/workflows/attain.yml', 'utf8');
    expect(validateWorkflow(text).errors).toEqual([]);
    // Uncomment the optional SARIF steps (lines `      # - ...` / `      #   ...` after the marker).
    const marker = text.indexOf('# Optional: findings');
    const withSarif = text.slice(0, marker) + text.slice(marker).replace(/^(\s*)# ( *-? ?\S)/gm, (m, pad: string, rest: string) => (/^ *(- |[a-z])/.test(rest) ? `${pad}${rest}` : m));
    expect(withSarif).toContain('      - uses: github/codeql-action/upload-sarif@v4');
    const wf = parse(withSarif) as { jobs: Record<string, { steps: Step[] }> };
    expect(Object.values(wf.jobs)[0]?.steps.map((s) => s.uses ?? s.run)).toContain('github/codeql-action/upload-sarif@v4');
    expect(validateWorkflow(withSarif).errors).toEqual([]);
  });

  it('GitLab CI: every script line is a string (a line with ": " quoted), in every YAML reader', () => {
    const text = readFileSync('examples/ci/.gitlab-ci.yml', 'utf8');
    for (const doc of [parse(text, { strict: true, uniqueKeys: true }), jsYamlLoad(text)] as Record<string, { script?: unknown[] }>[]) {
      for (const [name, job] of Object.entries(doc)) {
        for (const line of job.script ?? []) expect(typeof line, `${name}: ${JSON.stringify(line)}`).toBe('string');
      }
    }
    const script = (parse(text) as Record<string, { script: string[]; image: string }>)['attain'];
    expect(script?.script.at(-1)).toBe('exit $(( ${validate_rc:-0} > ${test_rc:-0} ? ${validate_rc:-0} : ${test_rc:-0} ))');
    expect(script?.image).toBe('node:24');
  });

  it.skipIf(!preCommit)(`pre-commit accepts the example config and the repository's .pre-commit-hooks.yaml${preCommit ? '' : ' (skipped: pre-commit is not installed; apt-get install pre-commit)'}`, () => {
    for (const [verb, file] of [
      ['validate-config', 'examples/ci/.pre-commit-config.yaml'],
      ['validate-manifest', '.pre-commit-hooks.yaml'],
    ] as const) {
      const run = spawnSync('pre-commit', [verb, file], { encoding: 'utf8' });
      expect(run.status, `${verb} ${file}: ${run.stdout}${run.stderr}`).toBe(0);
    }
  });

  it('.pre-commit-hooks.yaml: attain validate, test and fmt --check on contract files, installed by npm', () => {
    const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['attain-validate', 'attain validate', 'node'],
      ['attain-test', 'attain test', 'node'],
      ['attain-fmt', 'attain fmt --check', 'node'],
    ]);
    for (const h of hooks) expect(new RegExp(h.files).test('contracts/acme-smm.yaml')).toBe(true);
  });

  it('GitLab CI: JUnit reports of validate and test, kept even when the job fails', () => {
    const job = (read('.gitlab-ci.yml') as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string[] } } }>)['attain'];
    expect(job?.artifacts.when).toBe('always');
    expect(job?.artifacts.reports.junit).toEqual(['attain-validate.junit.xml', 'attain-test.junit.xml']);
    const script = job?.script ?? [];
    expect(script.some((l) => l.startsWith('npx attain validate contracts --format junit > attain-validate.junit.xml'))).toBe(true);
    expect(script.some((l) => l.startsWith('npx attain test contracts --format junit > attain-test.junit.xml'))).toBe(true);
    formatsExist(script);
  });

  it('pre-commit: a local hook validating the changed contract files', () => {
    const cfg = read('.pre-commit-config.yaml') as { repos: { repo: string; hooks: { id: string; entry: string; language: string; files: string }[] }[] };
    const local = cfg.repos.find((r) => r.repo === 'local');
    const hook = local?.hooks.find((h) => h.id === 'attain-validate');
    expect(hook?.entry).toBe('npx --no-install attain validate');
    expect(hook?.language).toBe('system');
    const files = new RegExp(hook?.files ?? '$^');
    expect(files.test('contracts/acme-smm.yaml')).toBe(true);
    expect(files.test('contracts/nested/a.yml')).toBe(true);
    expect(files.test('docs/readme.yaml')).toBe(false);
  });

  it('is never validated as contracts (dot-files are skipped)', async () => {
    const run = await validatePaths(['examples/ci']);
    expect(run.contracts).toBe(0);
    expect(run.diagnostics).toEqual([]);
  });
});
