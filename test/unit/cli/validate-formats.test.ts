// `attain validate --format <f>`: the exit code is the same in every format (0 clean or warnings
// only, 1 errors, 2 usage or I/O error), and each format's output is well formed.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { jenkinsJunitProblems, parseXml } from '../diagnostics/xml-check.js';

const DIR = 'test/golden/formats';
const CLEAN = `${DIR}/clean.yaml`;
const WARNINGS = [`${DIR}/warnings-only.yaml`, `${DIR}/warnings-only.data.yaml`];
const ERRORS = `${DIR}/bad-types.yaml`;
const MISSING = `${DIR}/no-such-file.yaml`;
const FORMATS = ['pretty', 'json', 'github', 'junit', 'sarif'] as const;

const ajv = new Ajv({ allErrors: true, strictRequired: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/.test(s));
const validateSarif = ajv.compile(JSON.parse(readFileSync('test/unit/diagnostics/sarif-2.1.0-subset.schema.json', 'utf8')) as object);

function wellFormed(format: (typeof FORMATS)[number], stdout: string): void {
  switch (format) {
    case 'json':
      expect(() => JSON.parse(stdout)).not.toThrow();
      break;
    case 'sarif':
      expect(validateSarif(JSON.parse(stdout)), JSON.stringify(validateSarif.errors)).toBe(true);
      break;
    case 'junit':
      expect(parseXml(stdout).name).toBe('testsuites');
      expect(jenkinsJunitProblems(parseXml(stdout))).toEqual([]);
      break;
    case 'github':
      for (const line of stdout.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^::(error|warning) file=/);
      break;
    case 'pretty':
      break;
  }
}

describe('attain validate --format', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      it('exits 0 for a clean contract', async () => {
        const r = await runCli('validate', CLEAN, '--format', format);
        expect(r.code).toBe(0);
        wellFormed(format, r.stdout);
      });

      it('exits 0 when there are warnings only, and still reports them', async () => {
        const r = await runCli('validate', ...WARNINGS, '--format', format);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('W060');
        wellFormed(format, r.stdout);
      });

      it('exits 1 when there are errors', async () => {
        const r = await runCli('validate', ERRORS, CLEAN, '--format', format);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('E041');
        wellFormed(format, r.stdout);
      });

      it('exits 2 when a file cannot be read, and reports it in the format', async () => {
        const r = await runCli('validate', MISSING, '--format', format);
        expect(r.code).toBe(2);
        expect(r.stdout).toContain('E001');
        wellFormed(format, r.stdout);
      });
    });
  }

  it('exits 2 for an unknown format, naming the formats', async () => {
    const r = await runCli('validate', CLEAN, '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pretty, json, github, junit, sarif/);
    expect(r.stdout).toBe('');
  });

  it('lists every format in the help', async () => {
    const r = await runCli('validate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pretty \| json \| github \| junit \| sarif/);
  });
});
