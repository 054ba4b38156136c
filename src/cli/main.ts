// The `attain` command line: argument parsing (commander) and dispatch to the commands.
// Every command returns its exit code: 0 clean, 1 findings or failures, 2 usage or I/O error.
import { Command, CommanderError } from 'commander';
import { displayText } from '../diagnostics/safe-text.js';
import { ATTAIN_VERSION } from '../diagnostics/tool-info.js';
import { EXIT, PROCESS_IO, UsageError, type CliIo } from './io.js';
import type { DataOptions } from './data.js';
import type { InvoiceOptions } from './invoice.js';

// Commands are loaded when they run: start-up then pays only for the command used (docs/performance.md).
const runValidate: typeof import('./validate.js').runValidate = async (...a) => (await import('./validate.js')).runValidate(...a);
const runEvaluate: typeof import('./evaluate.js').runEvaluate = async (...a) => (await import('./evaluate.js')).runEvaluate(...a);
const runSchema: typeof import('./schema.js').runSchema = async (...a) => (await import('./schema.js')).runSchema(...a);
const runTest: typeof import('./test.js').runTest = async (...a) => (await import('./test.js')).runTest(...a);
const runExplain: typeof import('./explain.js').runExplain = async (...a) => (await import('./explain.js')).runExplain(...a);
const runFmt: typeof import('./fmt.js').runFmt = async (...a) => (await import('./fmt.js')).runFmt(...a);
const runCompile: typeof import('./compile.js').runCompile = async (...a) => (await import('./compile.js')).runCompile(...a);
const runLsp: typeof import('./lsp.js').runLsp = async (...a) => (await import('./lsp.js')).runLsp(...a);
const runDiffCommand: typeof import('./diff.js').runDiffCommand = async (...a) => (await import('./diff.js')).runDiffCommand(...a);
const runInvoice: typeof import('./invoice.js').runInvoice = async (...a) => (await import('./invoice.js')).runInvoice(...a);

const runData: typeof import('./data.js').runData = async (...a) => (await import('./data.js')).runData(...a);

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('attain')
    .description('KPI contracts: validate, evaluate, invoice')
    .version(ATTAIN_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);

  program
    .command('validate')
    .description('check contracts (and data files): schema, expressions, units, references')
    .argument('[paths...]', 'files or directories (recursively *.yaml, *.yml)', ['.'])
    .option('--format <format>', 'pretty | json | github | junit | sarif', 'pretty')
    .option('--jobs <n>', 'threads checking files at once, each given 64 files or more (default auto: one per CPU, less one)')
    .action(async (paths: string[], opts: { format: string; jobs?: string }) => setExit(await runValidate(paths, opts, io)));

  program
    .command('test')
    .description("run the contracts' own tests")
    .argument('[paths...]', 'files or directories (recursively *.yaml, *.yml)', ['.'])
    .option('--format <format>', 'pretty | json | junit', 'pretty')
    .action(async (paths: string[], opts: { format: string }) => setExit(await runTest(paths, opts, io)));

  program
    .command('evaluate')
    .description('attainment, score and invoice of one contract for one period')
    .argument('<contract...>', 'the contract file, or a directory (or several files) with the versions of one contract')
    .option('--data <path>', 'metric data file or directory (YAML, JSON, CSV)')
    .option('--sources <file>', 'sources.yaml: aggregate the metrics from exports and databases (with --data, data wins)')
    .option('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts); default: the latest in the data')
    .option('--format <format>', 'json | md | text | csv | xlsx | pdf | html (xlsx and pdf: binary, to stdout; html: the self-contained report)', 'json')
    .option('--locale <locale>', 'documents for people in en | ru-RU | fr-FR | sr-Latn-RS | sr-Cyrl-RS (default: the contract\'s locale)')
    .option('--csv-dialect <dialect>', 'rfc (default) | excel: a BOM, and ; with a decimal comma for ru/fr/sr')
    .action(async (contract: string[], opts: { data?: string; sources?: string; period?: string; format: string; locale?: string; csvDialect?: string }) => setExit(await runEvaluate(contract, opts, io)));

  program
    .command('explain')
    .description('the evaluation trace, step by step')
    .argument('<contract...>', 'the contract file, or a directory (or several files) with the versions of one contract')
    .option('--data <path>', 'metric data file or directory (YAML, JSON, CSV)')
    .option('--sources <file>', 'sources.yaml: aggregate the metrics from exports and databases (with --data, data wins)')
    .option('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts); default: the latest in the data')
    .option('--locale <locale>', 'write the trace in en | ru-RU | fr-FR | sr-Latn-RS | sr-Cyrl-RS (default: the contract\'s locale)')
    .action(async (contract: string[], opts: { data?: string; sources?: string; period?: string; locale?: string }) => setExit(await runExplain(contract, opts, io)));

  program
    .command('data')
    .description('aggregate a sources file into metric data (SPEC section 4 format) for review and archiving')
    .requiredOption('--sources <file>', 'the sources.yaml file')
    .requiredOption('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts); the period before is included for previous()')
    .option('--contracts <dir>', 'directory of contracts (recursively *.yaml, *.yml)', 'contracts')
    .option('--format <format>', 'yaml | json | csv', 'yaml')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .action(async (opts: DataOptions) => setExit(await runData(opts, io)));

  program
    .command('invoice')
    .description('the monthly run: invoice every contract of a directory for one period')
    .requiredOption('--contracts <dir>', 'directory of contracts (recursively *.yaml, *.yml)')
    .option('--data <path>', 'metric data file or directory (YAML, JSON, CSV; matched to contracts by id)')
    .option('--sources <file>', 'sources.yaml: aggregate every contract\'s metrics from exports and databases, each source read once (with --data, data wins)')
    .requiredOption('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts)')
    .requiredOption('--out <dir>', 'output directory: <contract-id>/invoice.{json,md,csv}, report.html, corrections/, summary.{csv,json}, manifest.json')
    .option('--force', 'replace invoices computed from different inputs (never issued ones: a finalized period gets corrections)')
    .option('--finalize', 'mark the period issued: a later run with changed inputs writes corrections, never over the invoices')
    .option('--quiet', 'no progress and no summary line (errors are still shown)')
    .option('--jobs <n>', 'contracts evaluated at once in worker threads, with --data or --sources (default 1)')
    .option('--locale <locale>', 'documents for people in en | ru-RU | fr-FR | sr-Latn-RS | sr-Cyrl-RS (default: each contract\'s locale)')
    .option('--csv-dialect <dialect>', 'rfc (default) | excel: a BOM, and ; with a decimal comma for ru/fr/sr')
    .option('--pdf', 'also write <contract-id>/invoice.pdf (an A4 invoice with the KPI statement as an annex)')
    .action(async (opts: InvoiceOptions) => setExit(await runInvoice(opts, io)));

  program
    .command('diff')
    .description('what a contract change does to the money: every period with data evaluated at the base and now')
    .requiredOption('--base <rev|dir>', 'git revision (read with git show; no checkout is touched) or a directory of contracts')
    .option('--contracts <dir>', 'the contracts directory (at the base and in the working tree)', 'contracts')
    .option('--data <path>', 'metric data file or directory (YAML, JSON, CSV)')
    .option('--sources <file>', 'a sources.yaml to aggregate the metrics from (instead of --data)')
    .option('--periods <range>', 'periods to compare, e.g. 2026-01..2026-10 (default: every period with data)')
    .option('--format <format>', 'md | json | github', 'md')
    .action(async (opts: import('./diff.js').DiffCliOptions) => setExit(await runDiffCommand(opts, io)));

  program
    .command('fmt')
    .description('rewrite the expressions of contracts in canonical form (nothing else changes)')
    .argument('[paths...]', 'files or directories (recursively *.yaml, *.yml)', ['.'])
    .option('--check', 'write nothing; list the files that would change and exit 1 if any')
    .action(async (paths: string[], opts: { check?: boolean }) => setExit(await runFmt(paths, opts, io)));

  program
    .command('compile')
    .description('every define, KPI target and payment condition as JSON Logic rules (JSON on stdout)')
    .argument('<contract>', 'the contract file')
    .requiredOption('--to <target>', 'jsonlogic')
    .action(async (contract: string, opts: { to: string }) => setExit(await runCompile(contract, opts, io)));

  program
    .command('lsp')
    .description('the language server for contracts and metric data (LSP over stdio; editors start it as `attain lsp --stdio`)')
    .option('--stdio', 'speak over stdin/stdout (the default and only transport)')
    .action(async () => setExit(await runLsp()));

  program
    .command('schema')
    .description('print the contract JSON Schema')
    .action(async () => setExit(await runSchema(io)));

  return program;
}

/** Run the CLI with the arguments after `attain`; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.stderr(`attain: ${displayText(e.message)}\n`);
      return EXIT.usage;
    }
    // A bug, not bad input; still no stack trace unless asked for (ATTAIN_DEBUG=1).
    const detail = e instanceof Error ? (process.env['ATTAIN_DEBUG'] === '1' ? (e.stack ?? e.message) : e.message) : String(e);
    io.stderr(`attain: internal error: ${displayText(detail)}\n`);
    return EXIT.usage;
  }
}
