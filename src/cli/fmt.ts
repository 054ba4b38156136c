// `attain fmt [paths] [--check]`: canonical formatting of the expressions in contract files.
// Lists the files changed (or, with --check, that would change) on stdout, one path a line;
// diagnostics and a one-line summary on stderr.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { displayLine } from '../diagnostics/safe-text.js';
import { formatPaths } from '../fmt/format-files.js';
import { EXIT, onlyIoErrors, type CliIo } from './io.js';

/**
 * Exit codes: 0 nothing (left) to change; 1 with --check when a file would change, or when a file
 * or expression could not be formatted (its diagnostics are shown); 2 when a path cannot be read.
 */
export async function runFmt(paths: readonly string[], opts: { check?: boolean }, io: CliIo): Promise<number> {
  const check = opts.check === true;
  const run = await formatPaths(paths, { check });
  if (run.diagnostics.length > 0) io.stderr(renderPretty(run.diagnostics, (p) => run.sources.get(p), { color: false }));
  for (const path of run.changed) io.stdout(`${displayLine(path)}\n`);
  const verb = check ? 'would be reformatted' : 'reformatted';
  io.stderr(`${run.files} contract(s), ${run.changed.length} ${verb}\n`);
  if (hasErrors(run.diagnostics)) return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
  return check && run.changed.length > 0 ? EXIT.findings : EXIT.ok;
}
