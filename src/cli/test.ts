// `attain test [paths]`: run the contracts' own tests; the closing line is `N passed, N failed`.
// Formats: pretty, json, junit (src/report/test-junit.ts). Exit code: 0 all passed, 1 a test
// failed or a contract has errors, 2 usage or I/O error.
import { renderPretty } from '../diagnostics/render.js';
import { displayLine } from '../diagnostics/safe-text.js';
import { testPaths, type TestRun } from '../pipeline/contract-tests/test-paths.js';
import { renderTestJunit } from '../report/test-junit.js';
import { EXIT, oneOf, type CliIo } from './io.js';

export const TEST_FORMATS = ['pretty', 'json', 'junit'] as const;

export async function runTest(paths: readonly string[], opts: { format: string }, io: CliIo): Promise<number> {
  const format = oneOf(opts.format, TEST_FORMATS, '--format');
  const run = await testPaths(paths);
  const lookup = (p: string) => run.sources.get(p);
  const passed = run.outcomes.filter((o) => o.passed).length;
  const failed = run.outcomes.length - passed + run.broken.length;
  if (format === 'junit') {
    io.stdout(renderTestJunit({ outcomes: run.outcomes, broken: run.broken, contractFiles: contractFiles(run), sources: lookup }));
  } else if (format === 'json') {
    const doc = {
      tests: run.outcomes.map((o) => ({ contract: o.contract, name: o.name, passed: o.passed, failures: o.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message })) })),
      broken: run.broken.map((b) => ({ path: b.path, errors: b.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message })) })),
      passed,
      failed,
    };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else {
    for (const o of run.outcomes) {
      io.stdout(`${o.passed ? 'PASS' : 'FAIL'} ${displayLine(o.contract)} > ${displayLine(o.name)}\n`);
      if (!o.passed) io.stdout(indent(renderPretty(o.diagnostics, lookup)));
    }
    for (const b of run.broken) {
      io.stdout(`FAIL ${displayLine(b.path)}: the contract has errors, its tests cannot run\n`);
      io.stdout(indent(renderPretty(b.diagnostics, lookup)));
    }
    io.stdout(`${passed} passed, ${failed} failed\n`);
  }
  if (run.outcomes.length === 0 && run.broken.every((b) => b.diagnostics.every((d) => d.code === 'E001')) && run.broken.length > 0) return EXIT.usage;
  return failed > 0 ? EXIT.findings : EXIT.ok;
}

/** Contract id -> file, for every contract whose tests ran. */
function contractFiles(run: TestRun): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of run.outcomes) if (!out.has(o.contract)) out.set(o.contract, o.file);
  return out;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? `    ${l}` : l))
    .join('\n');
}
