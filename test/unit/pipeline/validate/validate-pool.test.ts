// `attain validate` in worker threads must give exactly what one thread gives: the same outcome
// per file (diagnostics with their spans, text, contract id) in file order, and byte-identical CLI
// output in every format, data files and duplicate ids included.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPaths } from '../../../../src/workspace/files.js';
import { validatePaths } from '../../../../src/pipeline/validate/validate.js';
import { MIN_FILES_PER_THREAD, extraThreads, workerCount } from '../../../../src/pipeline/validate/validate-pool.js';

const ROOT = join(import.meta.dirname, '../../../..');
const DIST_POOL = join(ROOT, 'dist/src/pipeline/validate/validate-pool.js');

let work: string;
let paths: string[];

/** Every golden bad fixture (each diagnostic code, data files too), many clean contracts, and a duplicate id. */
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'attain-validate-pool-'));
  cpSync(join(ROOT, 'test/golden/bad'), join(work, 'bad'), { recursive: true, filter: (p) => !p.endsWith('.expected.txt') });
  const spec = readFileSync(join(ROOT, 'contracts/acme-smm.yaml'), 'utf8');
  mkdirSync(join(work, 'many'));
  for (let i = 0; i < 2 * MIN_FILES_PER_THREAD; i++) {
    writeFileSync(join(work, 'many', `c${String(i).padStart(3, '0')}.yaml`), spec.replace(/^contract: acme-smm$/m, `contract: acme-smm-${i}`));
  }
  writeFileSync(join(work, 'many', 'zz-duplicate.yaml'), spec.replace(/^contract: acme-smm$/m, 'contract: acme-smm-7'));
  paths = (await expandPaths([work], ['.yaml', '.yml', '.json', '.csv'])).files;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('validate thread count', () => {
  it('starts workers only for 64 files or more per thread, up to --jobs threads in all', () => {
    expect(extraThreads(63, 8)).toBe(0);
    expect(extraThreads(128, 1)).toBe(0);
    expect(extraThreads(128, 8)).toBe(1);
    expect(extraThreads(1000, 4)).toBe(3);
    expect(workerCount(1000, 4)).toBe(0); // from TypeScript sources there is no compiled worker
  });

  it('gives the same run from TypeScript sources whatever --jobs says (no compiled worker there)', async () => {
    const one = await validatePaths([work], { jobs: 1 });
    const four = await validatePaths([work], { jobs: 4 });
    expect(four.diagnostics).toEqual(one.diagnostics);
    expect([...four.sources.keys()]).toEqual([...one.sources.keys()]);
    expect(one.diagnostics.map((d) => d.code)).toContain('E056');
  });
});

// Worker threads need the compiled worker: dist/, built from src/ before the tests (test/setup/build-dist.ts).
describe('validate in worker threads (compiled)', () => {
  it('gives every file the outcome it gets in this thread, in file order', async () => {
    const pool = (await import(DIST_POOL)) as typeof import('../../../../src/pipeline/validate/validate-pool.js');
    const file = (await import(join(ROOT, 'dist/src/pipeline/validate/validate-file.js'))) as typeof import('../../../../src/pipeline/validate/validate-file.js');
    const named = new Set<string>();
    const here = paths.map((p) => file.validateFile(p, false));
    // Every file through a worker, so every outcome has crossed a thread.
    const there = await pool.validateInWorkers(paths, named, 2, { here: false });
    expect(there).toEqual(here);
    expect(there.some((o) => o.diagnostics.length > 0)).toBe(true);
  });

  it('the CLI prints byte-identical output with --jobs 1 and --jobs 3', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/attain.js'), 'validate', ...args], { cwd: work, encoding: 'utf8' });
    // The renderers are pure functions of diagnostics and sources: json and pretty show every
    // field and position, junit every file checked.
    for (const format of ['json', 'pretty', 'junit']) {
      const one = cli('--jobs', '1', '--format', format, '.');
      const three = cli('--jobs', '3', '--format', format, '.');
      expect(one.stderr).toBe('');
      expect(three.stdout, format).toBe(one.stdout);
      expect(three.status, format).toBe(one.status);
    }
    expect(readdirSync(join(work, 'many')).length).toBeGreaterThan(2 * MIN_FILES_PER_THREAD);
  }, 120_000);
});

describe('validate --jobs', () => {
  it('takes auto or 1-64, and says so otherwise (exit 2)', async () => {
    const { parseJobsOption } = await import('../../../../src/cli/jobs-option.js');
    const { availableParallelism } = await import('node:os');
    expect(parseJobsOption(undefined)).toBe(Math.max(1, availableParallelism() - 1));
    expect(parseJobsOption('auto')).toBe(parseJobsOption(undefined));
    expect(parseJobsOption('3')).toBe(3);
    for (const bad of ['0', '65', '1.5', 'two']) expect(() => parseJobsOption(bad)).toThrow(/--jobs must be auto or a whole number from 1 to 64/);
  });
});
