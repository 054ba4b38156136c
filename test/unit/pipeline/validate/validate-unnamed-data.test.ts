// `attain validate` of a data file that names no contract (a CSV without a contract column, SPEC 4):
// checked against the run's only contract, as evaluate reads it; W068 (ambiguous) beside several.
import { describe, expect, it } from 'vitest';
import { locate } from '../../../../src/diagnostics/locate.js';
import { validatePaths } from '../../../../src/pipeline/validate/validate.js';

const DIR = 'test/fixtures/unnamed-data';

async function found(paths: readonly string[]): Promise<{ codes: string[]; hints: (string | undefined)[] }> {
  const run = await validatePaths(paths);
  const codes = run.diagnostics.map((d) => {
    const at = locate(d, (p) => run.sources.get(p));
    return `${d.code} ${d.span.file}:${at.line}:${at.column}`;
  });
  return { codes, hints: run.diagnostics.map((d) => d.hint) };
}

describe('validate: data naming no contract', () => {
  it('is checked against the one contract named beside it (the negative count is found)', async () => {
    const { codes } = await found([`${DIR}/one/contract.yaml`, `${DIR}/one/metrics.csv`]);
    expect(codes).toEqual([`E064 ${DIR}/one/metrics.csv:3:9`]);
  });

  it('is checked against the one contract of its directory', async () => {
    const { codes } = await found([`${DIR}/one`]);
    expect(codes).toEqual([`E064 ${DIR}/one/metrics.csv:3:9`]);
  });

  it('is W068 beside several contracts, with a hint that says it is ambiguous and lists them', async () => {
    const { codes, hints } = await found([`${DIR}/two`]);
    expect(codes).toEqual([`W068 ${DIR}/two/metrics.csv:2:1`]);
    expect(hints[0]).toContain('the run has 2 contracts ("unnamed-a", "unnamed-b"), so which one it belongs to is ambiguous');
  });

  it('is W068 with the usual hint when validated without any contract', async () => {
    const { codes, hints } = await found([`${DIR}/one/metrics.csv`]);
    expect(codes).toEqual([`W068 ${DIR}/one/metrics.csv:2:1`]);
    expect(hints[0]).toContain('validate the data together with its contract');
  });
});
