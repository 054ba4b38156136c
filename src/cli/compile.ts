// `attain compile <contract> --to jsonlogic`: the contract's defines, KPI targets and payment
// conditions as JSON Logic rules (deterministic JSON on stdout); diagnostics on stderr.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { compileToJsonLogic } from '../jsonlogic/export.js';
import { checkContractFile } from '../check/check-file.js';
import { readSource } from '../workspace/files.js';
import { stringifyJsonLogic } from '../jsonlogic/serialize.js';
import { EXIT, oneOf, type CliIo } from './io.js';

export const COMPILE_TARGETS = ['jsonlogic'] as const;

/** Exit 0 with the rules on stdout; 1 when the contract has errors; 2 for usage or I/O errors. */
export async function runCompile(path: string, opts: { to: string }, io: CliIo): Promise<number> {
  oneOf(opts.to, COMPILE_TARGETS, '--to');
  const read = await readSource(path);
  const file = read.file;
  if (file === undefined) {
    io.stderr(renderPretty(read.diagnostics, () => undefined, { color: false }));
    return EXIT.usage;
  }
  const checked = checkContractFile(file);
  const sources = (p: string): typeof file | undefined => (p === file.path ? file : undefined);
  if (checked.checked === undefined || hasErrors(checked.diagnostics)) {
    io.stderr(renderPretty(checked.diagnostics, sources, { color: false }));
    return EXIT.findings;
  }
  const compiled = compileToJsonLogic(checked.checked);
  if (compiled.value === undefined) {
    io.stderr(renderPretty(compiled.diagnostics, sources, { color: false }));
    return EXIT.findings;
  }
  // Numbers in plain decimals (JSON.stringify would write 10^21 as 1e+21).
  io.stdout(`${stringifyJsonLogic(compiled.value)}\n`);
  return EXIT.ok;
}
