// `attain validate`, one file: what a file is (contract, metric data, skipped, unread), its
// findings through stages 1-6, and the contract id kept for the duplicate-id check (E056).
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../../../src/pipeline/validate/validate-file.js';

describe('validateFile', () => {
  it('checks a clean contract and keeps its id with the span where it is written', () => {
    const outcome = validateFile('test/fixtures/contracts/acme-smm.yaml', true);
    expect(outcome.kind).toBe('contract');
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.id?.value).toBe('acme-smm');
    const span = outcome.id?.span;
    expect(outcome.text?.slice(span?.start, span?.end)).toBe('acme-smm');
  });

  it('reports a contract with a YAML error once, located in the file', () => {
    const outcome = validateFile('test/fixtures/contracts/bad/e003-duplicate-key.yaml', true);
    expect(outcome.kind).toBe('contract');
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['E003']);
    expect(outcome.diagnostics[0]?.span.file).toBe('test/fixtures/contracts/bad/e003-duplicate-key.yaml');
    expect(outcome.id).toBeUndefined();
  });

  it('takes metric data as data, whether named or found in a directory', () => {
    expect(validateFile('test/fixtures/data/good/acme.yaml', false).kind).toBe('data');
    expect(validateFile('test/fixtures/data/good/acme.csv', false).kind).toBe('data');
    expect(validateFile('test/fixtures/data/good/acme.json', true).kind).toBe('data');
  });

  it('skips JSON found in a directory that is not metric data, and reads it as data when named', () => {
    expect(validateFile('package.json', false).kind).toBe('skipped');
    expect(validateFile('package.json', true).kind).toBe('data');
  });

  it('reports a file that cannot be read as E001', () => {
    const outcome = validateFile('test/fixtures/contracts/no-such-file.yaml', true);
    expect(outcome.kind).toBe('unread');
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['E001']);
  });
});
