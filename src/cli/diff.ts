// `attain diff --base <rev|dir> [--contracts dir] (--data <path> | --sources <file>) [--periods a..b] [--format ...]`:
// what a contract change does to the money. Exit 0 it ran (even with differences), 1 an
// evaluation failed, 2 usage error (unknown base, missing paths, bad options).
import { runDiff } from '../pipeline/diff/diff.js';
import { diffFailed } from '../report/diff-model.js';
import { renderDiffGithub } from '../report/diff-github.js';
import { renderDiffJson } from '../report/diff-json.js';
import { renderDiffMarkdown } from '../report/diff-markdown.js';
import { periodOrdinal } from '../contract/period.js';
import { EXIT, UsageError, oneOf, type CliIo } from './io.js';

export const DIFF_FORMATS = ['md', 'json', 'github'] as const;

export interface DiffCliOptions {
  readonly base: string;
  readonly contracts: string;
  readonly data?: string;
  readonly sources?: string;
  readonly periods?: string;
  readonly format: string;
}

const isPeriod = (p: string): boolean => periodOrdinal(p, 'month') !== undefined || periodOrdinal(p, 'quarter') !== undefined;

/** `2026-01..2026-10` (or one period) -> the inclusive range. */
export function parsePeriods(text: string | undefined): { from: string; to: string } | undefined {
  if (text === undefined) return undefined;
  const [from = '', to = from, extra] = text.split('..');
  if (extra !== undefined || !isPeriod(from) || !isPeriod(to)) throw new UsageError(`--periods must look like 2026-01..2026-10 (or one period, 2026-10; quarters as 2026-Q1), got "${text}"`);
  return { from, to };
}

export async function runDiffCommand(opts: DiffCliOptions, io: CliIo): Promise<number> {
  const format = oneOf(opts.format, DIFF_FORMATS, '--format');
  const periods = parsePeriods(opts.periods);
  if ((opts.data === undefined) === (opts.sources === undefined)) throw new UsageError('attain diff needs either --data <dir|file> or --sources <file> (not both)');
  const input = opts.sources === undefined ? { data: opts.data ?? '' } : { sources: opts.sources };
  const run = await runDiff({ base: opts.base, contracts: opts.contracts, ...input, ...(periods === undefined ? {} : { periods }) });
  if (run.kind === 'usage') {
    io.stderr(`attain: ${run.message}\n`);
    return EXIT.usage;
  }
  const text = format === 'json' ? renderDiffJson(run.report) : format === 'github' ? renderDiffGithub(run.report) : renderDiffMarkdown(run.report);
  io.stdout(text);
  return diffFailed(run.report) ? EXIT.findings : EXIT.ok;
}
