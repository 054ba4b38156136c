// `attain evaluate <contract> --data <path> [--period] [--format]`: one contract, one period.
// On failure nothing is printed to stdout (no partial invoice); located errors go to stderr.
// `--format html` is the monthly run's report.html (SPEC section 5's HTML report) on stdout.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { evaluateFiles } from '../pipeline/evaluate-files.js';
import { evaluateFromSources } from '../pipeline/evaluate-sourced.js';
import { evaluateHistory } from '../pipeline/history.js';
import { CSV_DIALECTS, renderEvaluationCsv, type CsvDialect } from '../report/csv.js';
import type { LocaleId } from '../contract/model.js';
import { LOCALES } from '../report/locale/messages.js';
import { renderEvaluationHtml } from '../report/html.js';
import { renderEvaluationJson } from '../report/json.js';
import { renderEvaluationMarkdown } from '../report/markdown.js';
import { renderEvaluationXlsx } from '../report/xlsx/evaluation-xlsx.js';
import { renderEvaluationPdf } from '../report/pdf/invoice-pdf.js';
import { renderEvaluationText } from '../report/text.js';
import type { Evaluation } from '../report/evaluation.js';
import { EXIT, oneOf, onlyIoErrors, UsageError, type CliIo } from './io.js';
import { checkPeriodOption } from './period-option.js';

export const EVALUATE_FORMATS = ['json', 'md', 'text', 'csv', 'xlsx', 'pdf', 'html'] as const;
type EvaluateFormat = (typeof EVALUATE_FORMATS)[number];

/** Document options of `evaluate`: `--locale` and `--csv-dialect`. */
export interface RenderChoice {
  readonly locale?: LocaleId;
  readonly dialect?: CsvDialect;
}

export function renderEvaluation(e: Evaluation, format: Exclude<EvaluateFormat, 'xlsx' | 'pdf' | 'html'>, choice: RenderChoice = {}): string {
  const locale = choice.locale === undefined ? {} : { locale: choice.locale };
  switch (format) {
    case 'json':
      return renderEvaluationJson(e);
    case 'md':
      return renderEvaluationMarkdown(e, locale);
    case 'text':
      return renderEvaluationText(e);
    case 'csv':
      return renderEvaluationCsv(e, { ...locale, ...(choice.dialect === undefined ? {} : { dialect: choice.dialect }) });
  }
}

/** `--locale` checked against the locales attain writes (usage error otherwise). */
export function localeOption(value: string | undefined): LocaleId | undefined {
  return value === undefined ? undefined : oneOf(value, LOCALES, '--locale');
}

export async function runEvaluate(
  contract: string | readonly string[],
  opts: { data?: string; sources?: string; period?: string; format: string; locale?: string; csvDialect?: string },
  io: CliIo,
): Promise<number> {
  const format = oneOf(opts.format, EVALUATE_FORMATS, '--format');
  const locale = localeOption(opts.locale);
  const dialect = opts.csvDialect === undefined ? undefined : oneOf(opts.csvDialect, CSV_DIALECTS, '--csv-dialect');
  checkPeriodOption(opts.period);
  const run = await evaluateEither(contract, opts);
  if (run.usage !== undefined) {
    io.stderr(`attain: ${run.usage}\n`);
    return EXIT.usage;
  }
  if (run.diagnostics.length > 0) io.stderr(renderPretty(run.diagnostics, (p) => run.sources.get(p), { color: false }));
  if (run.value === undefined || hasErrors(run.diagnostics)) {
    return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
  }
  const choice = { ...(locale === undefined ? {} : { locale }), ...(dialect === undefined ? {} : { dialect }) };
  if (format === 'xlsx' || format === 'pdf') {
    const bytes = format === 'xlsx' ? renderEvaluationXlsx(run.value, choice) : renderEvaluationPdf(run.value, choice);
    if (io.stdoutBytes !== undefined) io.stdoutBytes(bytes);
    else io.stdout(Buffer.from(bytes).toString('latin1'));
    return EXIT.ok;
  }
  if (format === 'html') {
    // The history charts show every period of the data the evaluation was bound to, up to this one.
    const history = run.bound === undefined ? { points: [] } : evaluateHistory(run.bound, run.value.result.period);
    io.stdout(renderEvaluationHtml(run.value, history, locale === undefined ? {} : { locale }));
    return EXIT.ok;
  }
  io.stdout(renderEvaluation(run.value, format, choice));
  return EXIT.ok;
}

/** `--data`, `--sources`, or both (data wins); at least one is required. */
export function evaluateEither(contract: string | readonly string[], opts: { data?: string; sources?: string; period?: string }): ReturnType<typeof evaluateFiles> {
  const period = opts.period === undefined ? {} : { period: opts.period };
  if (opts.sources !== undefined) {
    return evaluateFromSources(contract, opts.sources, opts.data, period);
  }
  if (opts.data === undefined) throw new UsageError('give --data <path> or --sources <file> (or both)');
  return evaluateFiles(contract, opts.data, period);
}
