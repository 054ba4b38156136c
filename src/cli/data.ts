// `attain data --sources <file> --period P [--contracts <dir>] [--format] [--out]`: the sources
// aggregated into section 4 metric data. On any error nothing is printed or written.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { dataFromSources, type DataFormat } from '../pipeline/data-from-sources.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { EXIT, oneOf, onlyIoErrors, type CliIo } from './io.js';
import { checkPeriodOption } from './period-option.js';

export interface DataOptions {
  readonly sources: string;
  readonly period: string;
  readonly contracts: string;
  readonly format: string;
  readonly out?: string;
}

const FORMATS: readonly DataFormat[] = ['yaml', 'json', 'csv'];

export async function runData(opts: DataOptions, io: CliIo): Promise<number> {
  const format = oneOf(opts.format, FORMATS, '--format');
  checkPeriodOption(opts.period);
  const run = await dataFromSources(opts.sources, opts.contracts, opts.period, format);
  if (run.diagnostics.length > 0) io.stderr(renderPretty(run.diagnostics, (p) => run.sources.get(p), { color: false }));
  if (run.text === undefined || hasErrors(run.diagnostics)) return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
  if (opts.out === undefined) io.stdout(run.text);
  else await writeFileAtomic(opts.out, run.text);
  return EXIT.ok;
}
