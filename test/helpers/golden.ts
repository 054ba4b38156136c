// Golden files for the test runners: compare an output with its expected file, or record it.
// A missing expected file fails like a wrong one; only UPDATE_GOLDEN=1 writes expected files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** UPDATE_GOLDEN=1 (npm run test:update-golden): record expected files instead of comparing. */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/**
 * Expect `actual` to be the content of the golden file at `path`, byte for byte. With
 * UPDATE_GOLDEN=1 the file is written instead (review the diff); without it a missing file fails,
 * so a runner never compares an output with itself.
 */
export function expectGolden(path: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `missing golden file ${path} (record it with UPDATE_GOLDEN=1 and review it)`).toBe(true);
  expect(actual, path).toBe(readFileSync(path, 'utf8'));
}
