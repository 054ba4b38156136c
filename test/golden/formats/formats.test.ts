// Golden output of every CI format, end to end through the CLI (main() with captured output):
// `attain validate --format <f>` over the fixtures here, and `attain test --format junit`.
// Expected files sit beside the fixtures: validate.<format>.<ext>, test.junit.xml.
// Re-record with UPDATE_GOLDEN=1 (npm run test:update-golden) and review the diff.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import { expectGolden } from '../../helpers/golden.js';

const DIR = 'test/golden/formats';

const VALIDATED = ['bad-structure.yaml', 'bad-types.yaml', 'warnings-only.yaml', 'warnings-only.data.yaml', 'clean.yaml'].map((f) => join(DIR, f));
const TESTED = ['failing-tests.yaml', 'clean.yaml', 'bad-structure.yaml'].map((f) => join(DIR, f));

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function golden(name: string, actual: string): void {
  expectGolden(join(DIR, name), actual);
}

describe('golden CI formats', () => {
  const cases = [
    ['pretty', 'validate.pretty.txt'],
    ['json', 'validate.json'],
    ['github', 'validate.github.txt'],
    ['junit', 'validate.junit.xml'],
    ['sarif', 'validate.sarif.json'],
  ] as const;
  for (const [format, expected] of cases) {
    it(`attain validate --format ${format}`, async () => {
      const r = await cli(['validate', ...VALIDATED, '--format', format]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      golden(expected, r.stdout);
    });
  }

  it('attain test --format junit', async () => {
    const r = await cli(['test', ...TESTED, '--format', 'junit']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    golden('test.junit.xml', r.stdout);
  });
});
