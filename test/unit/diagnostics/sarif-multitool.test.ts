// attain's SARIF checked by Microsoft's SARIF validator with its GitHub rules (what GitHub code
// scanning requires): no error, no warning, and rules with help and help URIs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { multitoolBinary, validateSarifLog } from '../../helpers/sarif-multitool.js';

const dir = mkdtempSync(join(tmpdir(), 'attain-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const binary = multitoolBinary();

describe('SARIF multitool', () => {
  it.skipIf(binary.path === undefined)(`validates attain validate --format sarif${binary.why === undefined ? '' : ` (skipped: ${binary.why})`}`, async () => {
    const run = await runCli('validate', 'test/golden/formats', '--format', 'sarif');
    expect(run.code).toBe(1);
    const findings = validateSarifLog(binary.path!, dir, run.stdout);
    const serious = findings.filter((f) => f.level === 'error' || f.level === 'warning');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    // SARIF2012: rules with help URIs and PascalCase names; SARIF2005: tool version and information URI.
    const notes = findings.filter((f) => f.ruleId.startsWith('SARIF2012') || f.ruleId.startsWith('SARIF2005'));
    expect(notes, JSON.stringify(notes, null, 2)).toEqual([]);
  }, 180_000);
});
