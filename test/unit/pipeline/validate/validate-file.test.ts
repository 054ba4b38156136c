// `attain validate` reads contracts with the quick YAML reader first (src/contract/yaml-subset.ts)
// and reads any file with a finding again with yaml. Whatever the reader, a file's outcome must be
// what yaml alone gives: the same diagnostics with the same spans, and the same contract id.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkContractFile } from '../../../../src/check/check-file.js';
import { readSourceSync } from '../../../../src/workspace/files.js';
import { validateFile } from '../../../../src/pipeline/validate/validate-file.js';
import { quickReadingFindings } from '../../../helpers/quick-yaml.js';

/** Every contract in the project, good and bad (metric data files are not read as contracts). */
const contracts = execFileSync('git', ['ls-files', 'contracts/*.yaml', 'test/golden/bad/*.yaml', 'test/golden/good/*.yaml', 'test/fixtures/contracts/*.yaml', 'test/fixtures/contracts/bad/*.yaml'], { encoding: 'utf8' })
  .trim()
  .split('\n');

describe('validateFile', () => {
  it('gives every contract the outcome yaml alone gives', () => {
    let quick = 0;
    let readAgain = 0;
    for (const path of contracts) {
      const outcome = validateFile(path, true);
      if (outcome.kind !== 'contract') continue;
      const file = readSourceSync(path).file;
      if (file === undefined) throw new Error(`cannot read ${path}`);
      const full = checkContractFile(file);
      expect(outcome.diagnostics, path).toEqual(full.diagnostics);
      expect(outcome.id, path).toEqual(full.contract === undefined ? undefined : { value: full.contract.id.value, span: full.contract.id.span });
      const findings = quickReadingFindings(file);
      if (findings !== undefined) {
        quick++;
        if (findings.length > 0) readAgain++;
      }
    }
    // The comparison covers both paths: clean files read quickly, files with findings read again.
    expect(quick).toBeGreaterThan(20);
    expect(readAgain).toBeGreaterThan(20);
  });

  it('reads a clean contract in the subset only once, with the quick reader', () => {
    const file = readSourceSync('contracts/acme-smm.yaml').file;
    if (file === undefined) throw new Error('cannot read contracts/acme-smm.yaml');
    const first = checkContractFile(file, { quick: true });
    expect(first.yamlReader).toBe('subset');
    expect(first.diagnostics).toEqual([]);
    expect(first.checked).toBeDefined();
  });
});
