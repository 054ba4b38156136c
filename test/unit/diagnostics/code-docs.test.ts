// The SARIF rule help comes from docs/diagnostics.md: every code has a documented example and an
// anchor there, the generated table is current, and the tool version matches package.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_EXAMPLES } from '../../../src/diagnostics/code-docs.generated.js';
import { CODES } from '../../../src/diagnostics/codes.js';
import { ATTAIN_VERSION } from '../../../src/diagnostics/tool-info.js';

describe('code docs', () => {
  it('has a documented example for every code, and none for an unknown code', () => {
    expect(Object.keys(CODE_EXAMPLES).sort()).toEqual(Object.keys(CODES).sort());
  });
  it('is generated from the current docs/diagnostics.md', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-code-docs.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  it('names the version of package.json', () => {
    expect(ATTAIN_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
