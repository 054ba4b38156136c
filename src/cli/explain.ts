// `attain explain <contract> --data <path> [--period] [--locale]`: the evaluation trace, step by
// step, in the contract's locale (or --locale).
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { explainPeriod } from '../evaluate/trace.js';
import { evaluateEither, localeOption } from './evaluate.js';
import { documentLocale } from '../report/locale/document-text.js';
import { renderExplainText } from '../report/explain-text.js';
import { EXIT, onlyIoErrors, type CliIo } from './io.js';
import { checkPeriodOption } from './period-option.js';

export async function runExplain(contract: string | readonly string[], opts: { data?: string; sources?: string; period?: string; locale?: string }, io: CliIo): Promise<number> {
  const locale = localeOption(opts.locale);
  checkPeriodOption(opts.period);
  const run = await evaluateEither(contract, opts);
  if (run.usage !== undefined) {
    io.stderr(`attain: ${run.usage}\n`);
    return EXIT.usage;
  }
  if (run.diagnostics.length > 0) io.stderr(renderPretty(run.diagnostics, (p) => run.sources.get(p)));
  if (run.value === undefined || hasErrors(run.diagnostics)) {
    return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
  }
  io.stdout(renderExplainText(explainPeriod(run.value.result), run.value, documentLocale(run.value, locale)));
  return EXIT.ok;
}
