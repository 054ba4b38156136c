// JUnit XML for `attain test --format junit`: a <testsuite> per contract, a <testcase> per test of
// its `tests:`. A test whose expectations are not met has a <failure> whose message says what was
// expected and what came out; a test that could not be evaluated (invalid expectation, missing
// data) has an <error>; a contract that cannot be checked is a suite with one <error> testcase.
// Only elements and attributes of the Jenkins xunit JUnit schema (the file is on the testsuite).
// Deterministic: suites sorted by file, tests in declaration order, no timestamps or durations.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderPretty, type SourceLookup } from '../diagnostics/render.js';
import { escapeXmlText, junitClassname, xmlAttributes, XML_DECLARATION } from '../diagnostics/render-junit.js';
import type { TestOutcome } from './test-outcome.js';

export interface TestJunitInput {
  readonly outcomes: readonly TestOutcome[];
  readonly broken: readonly { readonly path: string; readonly diagnostics: readonly Diagnostic[] }[];
  /** Contract id -> the file it was read from (contracts without tests included). */
  readonly contractFiles: ReadonlyMap<string, string>;
  readonly sources: SourceLookup;
}

interface Suite {
  readonly name: string;
  readonly file: string;
  readonly cases: string[];
  tests: number;
  failures: number;
  errors: number;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function renderTestJunit(input: TestJunitInput): string {
  const suites = new Map<string, Suite>();
  const suite = (id: string, file: string): Suite => {
    const found = suites.get(id);
    if (found !== undefined) return found;
    const created: Suite = { name: id, file, cases: [], tests: 0, failures: 0, errors: 0 };
    suites.set(id, created);
    return created;
  };
  for (const [id, file] of input.contractFiles) suite(id, file);

  for (const o of input.outcomes) {
    const s = suite(o.contract, input.contractFiles.get(o.contract) ?? o.diagnostics[0]?.span.file ?? '');
    s.tests++;
    const attrs = xmlAttributes([['classname', o.contract], ['name', o.name]]);
    const errors = o.diagnostics.filter((d) => d.severity === 'error');
    const body = escapeXmlText(renderPretty(o.diagnostics, input.sources).replace(/\n+$/, '\n'));
    if (o.passed) {
      s.cases.push(o.diagnostics.length === 0 ? `    <testcase${attrs}/>\n` : `    <testcase${attrs}>\n      <system-out>${body}</system-out>\n    </testcase>\n`);
      continue;
    }
    const failed = errors.every((d) => d.code === 'E080');
    if (failed) s.failures++;
    else s.errors++;
    const element = failed ? 'failure' : 'error';
    const message = errors.map((d) => d.message).join('; ');
    const type = failed ? 'E080' : (errors.find((d) => d.code !== 'E080')?.code ?? 'error');
    s.cases.push(`    <testcase${attrs}>\n      <${element}${xmlAttributes([['message', message], ['type', type]])}>${body}</${element}>\n    </testcase>\n`);
  }

  for (const b of input.broken) {
    const s = suite(b.path, b.path);
    s.tests++;
    s.errors++;
    const errors = b.diagnostics.filter((d) => d.severity === 'error');
    const body = escapeXmlText(renderPretty(b.diagnostics, input.sources).replace(/\n+$/, '\n'));
    const first = errors[0]?.message ?? 'the contract has errors';
    const message = errors.length > 1 ? `${first} (and ${errors.length - 1} more error(s)); the tests cannot run` : `${first}; the tests cannot run`;
    s.cases.push(
      `    <testcase${xmlAttributes([['classname', junitClassname(b.path)], ['name', 'contract checks']])}>\n` +
        `      <error${xmlAttributes([['message', message], ['type', errors[0]?.code ?? 'error']])}>${body}</error>\n` +
        '    </testcase>\n',
    );
  }

  const ordered = [...suites.values()].sort((a, b) => compare(a.file, b.file) || compare(a.name, b.name));
  const total = (key: 'tests' | 'failures' | 'errors'): number => ordered.reduce((n, s) => n + s[key], 0);
  return (
    XML_DECLARATION +
    `<testsuites${xmlAttributes([['name', 'attain test'], ['tests', total('tests')], ['failures', total('failures')], ['errors', total('errors')]])}>\n` +
    ordered
      .map(
        (s) =>
          `  <testsuite${xmlAttributes([['name', s.name], ['tests', s.tests], ['failures', s.failures], ['errors', s.errors], ['skipped', 0], ...(s.file === '' ? [] : [['file', s.file] as const])])}>\n` +
          s.cases.join('') +
          '  </testsuite>\n',
      )
      .join('') +
    '</testsuites>\n'
  );
}
