// `attain test --format junit`: a testsuite per contract, a testcase per test, failures with
// what was expected and what came out; exit codes 0 / 1 / 2 as in the other formats.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { jenkinsJunitProblems, parseXml, type XmlElement } from '../diagnostics/xml-check.js';

const DIR = 'test/golden/formats';

const suite = (root: XmlElement, name: string): XmlElement | undefined => root.children.find((s) => s.attributes['name'] === name);

describe('attain test --format junit', () => {
  it('exits 0 and writes passing testcases when every test passes', async () => {
    const r = await runCli('test', `${DIR}/clean.yaml`, '--format', 'junit');
    expect(r.code).toBe(0);
    const root = parseXml(r.stdout);
    expect(jenkinsJunitProblems(root)).toEqual([]);
    expect(root.attributes).toMatchObject({ name: 'attain test', tests: '1', failures: '0', errors: '0' });
    const clean = suite(root, 'formats-clean');
    expect(clean?.attributes).toMatchObject({ tests: '1', failures: '0', file: `${DIR}/clean.yaml` });
    expect(clean?.children[0]?.attributes).toMatchObject({ classname: 'formats-clean', name: 'a good month' });
    expect(clean?.children[0]?.children).toEqual([]);
  });

  it('exits 1; a failed expectation is a <failure> saying expected and got, an evaluation error an <error>', async () => {
    const r = await runCli('test', `${DIR}/failing-tests.yaml`, '--format', 'junit');
    expect(r.code).toBe(1);
    expect(jenkinsJunitProblems(parseXml(r.stdout))).toEqual([]);
    const s = suite(parseXml(r.stdout), 'formats-tests');
    expect(s?.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    const [good, failing, broken] = s?.children ?? [];
    expect(good?.children).toEqual([]);
    expect(failing?.attributes['name']).toBe('a month that "should" pay more');
    const failure = failing?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes['type']).toBe('E080');
    expect(failure?.attributes['message']).toMatch(/total: expected 35000 RUB, got 0\.00 RUB/);
    expect(failure?.attributes['message']).toMatch(/KPI many_leads: expected met, got missed/);
    expect(failure?.text).toContain('error[E080]');
    const error = broken?.children[0];
    expect(error?.name).toBe('error');
    expect(error?.attributes['type']).toBe('E070');
  });

  it('exits 1 for a contract with errors: one <error> testcase for the whole contract', async () => {
    const r = await runCli('test', `${DIR}/bad-structure.yaml`, `${DIR}/clean.yaml`, '--format', 'junit');
    expect(r.code).toBe(1);
    const s = suite(parseXml(r.stdout), `${DIR}/bad-structure.yaml`);
    expect(s?.attributes).toMatchObject({ tests: '1', errors: '1' });
    expect(s?.children[0]?.attributes['name']).toBe('contract checks');
    expect(s?.children[0]?.children[0]?.attributes['message']).toMatch(/the tests cannot run/);
  });

  it('exits 2 when nothing can be read', async () => {
    const r = await runCli('test', `${DIR}/no-such-file.yaml`, '--format', 'junit');
    expect(r.code).toBe(2);
    expect(parseXml(r.stdout).children[0]?.children[0]?.children[0]?.attributes['type']).toBe('E001');
  });

  it('exits 2 for an unknown format', async () => {
    const r = await runCli('test', `${DIR}/clean.yaml`, '--format', 'sarif');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pretty, json, junit/);
  });

  it('is deterministic', async () => {
    const a = await runCli('test', `${DIR}/failing-tests.yaml`, `${DIR}/clean.yaml`, '--format', 'junit');
    const b = await runCli('test', `${DIR}/clean.yaml`, `${DIR}/failing-tests.yaml`, '--format', 'junit');
    expect(a.stdout).toBe(b.stdout);
  });
});
