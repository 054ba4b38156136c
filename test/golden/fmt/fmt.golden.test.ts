// Golden files for `attain fmt`: <name>.input.yaml formats to <name>.formatted.yaml, which is a
// fixed point. Re-record with UPDATE_GOLDEN=1 (npm run test:update-golden) and review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { formatContract } from '../../../src/fmt/format-contract.js';

const DIR = new URL('.', import.meta.url).pathname;
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.input.yaml'))
  .map((f) => f.slice(0, -'.input.yaml'.length))
  .sort();

describe('fmt golden files', () => {
  it('has cases', () => expect(NAMES.length).toBeGreaterThan(0));

  for (const name of NAMES) {
    it(name, () => {
      const input = readFileSync(join(DIR, `${name}.input.yaml`), 'utf8');
      const result = formatContract(createSourceFile(`${name}.input.yaml`, input));
      expect(result.diagnostics).toEqual([]);
      const want = join(DIR, `${name}.formatted.yaml`);
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(want)) writeFileSync(want, result.text);
      expect(result.text).toBe(readFileSync(want, 'utf8'));
      const again = formatContract(createSourceFile(`${name}.formatted.yaml`, result.text));
      expect(again.text).toBe(result.text);
    });
  }
});
