// Golden files for `attain fmt`: <name>.input.yaml formats to <name>.formatted.yaml, which is a
// fixed point. Re-record with UPDATE_GOLDEN=1 (npm run test:update-golden) and review the diff.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { formatContract } from '../../../src/fmt/format-contract.js';
import { expectGolden } from '../../helpers/golden.js';

const DIR = new URL('.', import.meta.url).pathname;
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.input.yaml'))
  .map((f) => f.slice(0, -'.input.yaml'.length))
  .sort();

describe('fmt golden files', () => {
  it('has cases', () => expect(NAMES.length).toBeGreaterThan(0));

  it('has no formatted file without its input', () => {
    const orphans = readdirSync(DIR).filter((f) => f.endsWith('.formatted.yaml') && !NAMES.includes(f.slice(0, -'.formatted.yaml'.length)));
    expect(orphans).toEqual([]);
  });

  for (const name of NAMES) {
    it(name, () => {
      const input = readFileSync(join(DIR, `${name}.input.yaml`), 'utf8');
      const result = formatContract(createSourceFile(`${name}.input.yaml`, input));
      expect(result.diagnostics).toEqual([]);
      const want = join(DIR, `${name}.formatted.yaml`);
      expectGolden(want, result.text);
      const again = formatContract(createSourceFile(`${name}.formatted.yaml`, result.text));
      expect(again.text).toBe(result.text);
    });
  }
});
