// `attain validate` on a contract's own tests: the metric values of their data and history are
// typed against the contract's metrics and every bad one is reported where it is written.
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../../../src/pipeline/validate/validate-file.js';
import { runCli } from '../../../helpers/cli.js';

const BAD = 'test/fixtures/contracts/bad/tests-data-values.yaml';

describe('validate: the data of a contract\'s own tests', () => {
  it('reports a percent written as 17.5, an unknown metric and a negative count, located', () => {
    const outcome = validateFile(BAD, true);
    const text = outcome.text ?? '';
    const found = outcome.diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
    expect(found).toEqual(['E060 17.5', 'E061 lead', 'E064 -1']);
  });

  it('leaves clean tests alone, and fails the run with exit 1', async () => {
    expect(validateFile('test/fixtures/contracts/acme-smm.yaml', true).diagnostics).toEqual([]);
    const r = await runCli('validate', BAD);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/tests-data-values\.yaml:23:26: error\[E060\]/);
  });
});
