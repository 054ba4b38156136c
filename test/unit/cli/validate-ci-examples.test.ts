// The CI configurations in examples/ci are real YAML that run the commands and formats attain has,
// and `attain validate` over examples/ never takes them for contracts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEST_FORMATS } from '../../../src/cli/test.js';
import { VALIDATE_FORMATS } from '../../../src/cli/validate.js';
import { validatePaths } from '../../../src/pipeline/validate/validate.js';

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
  it('GitHub Actions: checkout, setup-node 20, npm ci, validate with annotations, test', () => {
    const wf = read('.github/workflows/attain.yml') as { jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npx attain validate contracts --format github',
      'npx attain test contracts',
    ]);
    expect(steps[1]?.with?.['node-version']).toBe(20);
    formatsExist(readFileSync('examples/ci/.github/workflows/attain.yml', 'utf8').split('\n'));
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
