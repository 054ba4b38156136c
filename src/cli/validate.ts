// `attain validate [paths]`: every finding from every contract and data file, in one run, in one
// of the formats of render.ts; with `--format github` and $GITHUB_STEP_SUMMARY set, a Markdown job
// summary is appended to that file. Exit code: 0 clean or warnings only, 1 errors, 2 usage or I/O error.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { appendFile } from 'node:fs/promises';
import { renderDiagnostics, renderGithubSummary, type DiagnosticFormat } from '../diagnostics/render.js';
import { displayText } from '../diagnostics/safe-text.js';
import { validatePaths } from '../pipeline/validate/validate.js';
import { EXIT, oneOf, onlyIoErrors, type CliIo } from './io.js';
import { parseJobsOption } from './jobs-option.js';

export const VALIDATE_FORMATS: readonly DiagnosticFormat[] = ['pretty', 'json', 'github', 'junit', 'sarif'];

export async function runValidate(paths: readonly string[], opts: { format: string; jobs?: string }, io: CliIo): Promise<number> {
  const format = oneOf(opts.format, VALIDATE_FORMATS, '--format');
  const run = await validatePaths(paths, { jobs: parseJobsOption(opts.jobs) });
  const text = renderDiagnostics(format, run.diagnostics, (p) => run.sources.get(p), { color: io.color, files: [...run.sources.keys()] });
  if (text.length > 0) io.stdout(text);
  // GitHub Actions: every finding in the job summary, as annotations are capped per step.
  const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
  if (format === 'github' && summaryFile !== undefined && summaryFile !== '') {
    try {
      await appendFile(summaryFile, renderGithubSummary(run.diagnostics, (p) => run.sources.get(p), run.sources.size));
    } catch (e) {
      io.stderr(`attain: cannot write the job summary to ${displayText(summaryFile)}: ${displayText((e as Error).message)}\n`);
    }
  }
  if (format === 'pretty') {
    const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = run.diagnostics.length - errors;
    io.stdout(`${run.contracts} contract(s), ${run.dataFiles} data file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  }
  if (!hasErrors(run.diagnostics)) return EXIT.ok;
  return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
}
