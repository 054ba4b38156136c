// `attain evaluate <contract> --data <path> [--period] [--format]`: one contract, one period.
// On failure nothing is printed to stdout (no partial invoice); located errors go to stderr.
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderPretty } from '../diagnostics/render.js';
import { evaluateFiles } from '../pipeline/evaluate-contract.js';
import { renderEvaluationCsv } from '../report/csv.js';
import { renderEvaluationJson } from '../report/json.js';
import { renderEvaluationMarkdown } from '../report/markdown.js';
import type { Evaluation } from '../report/evaluation.js';
import { EXIT, oneOf, onlyIoErrors, type CliIo } from './io.js';
import { checkPeriodOption } from './period-option.js';

export const EVALUATE_FORMATS = ['json', 'md', 'text', 'csv'] as const;
type EvaluateFormat = (typeof EVALUATE_FORMATS)[number];

export function renderEvaluation(e: Evaluation, format: EvaluateFormat): string {
  switch (format) {
    case 'json':
      return renderEvaluationJson(e);
    case 'md':
    case 'text':
      return renderEvaluationMarkdown(e);
    case 'csv':
      return renderEvaluationCsv(e);
  }
}

export async function runEvaluate(contract: string | readonly string[], opts: { data: string; period?: string; format: string }, io: CliIo): Promise<number> {
  const format = oneOf(opts.format, EVALUATE_FORMATS, '--format');
  checkPeriodOption(opts.period);
  const run = await evaluateFiles(contract, opts.data, opts.period === undefined ? {} : { period: opts.period });
  if (run.usage !== undefined) {
    io.stderr(`attain: ${run.usage}\n`);
    return EXIT.usage;
  }
  if (run.diagnostics.length > 0) io.stderr(renderPretty(run.diagnostics, (p) => run.sources.get(p), { color: false }));
  if (run.value === undefined || hasErrors(run.diagnostics)) {
    return onlyIoErrors(run.diagnostics) ? EXIT.usage : EXIT.findings;
  }
  io.stdout(renderEvaluation(run.value, format));
  return EXIT.ok;
}
