// The `attain` command line: argument parsing (commander) and dispatch to the commands.
// Every command returns its exit code: 0 clean, 1 findings or failures, 2 usage or I/O error.
import { Command, CommanderError } from 'commander';
import { EXIT, PROCESS_IO, UsageError, type CliIo } from './io.js';
import { runValidate } from './validate.js';
import { runEvaluate } from './evaluate.js';
import { runSchema } from './schema.js';
import { runTest } from './test.js';
import { runExplain } from './explain.js';

const VERSION = '0.1.0';

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('attain')
    .description('KPI contracts: validate, evaluate, invoice')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);

  program
    .command('validate')
    .description('check contracts (and data files): schema, expressions, units, references')
    .argument('[paths...]', 'files or directories (recursively *.yaml, *.yml)', ['.'])
    .option('--format <format>', 'pretty | json | github', 'pretty')
    .action(async (paths: string[], opts: { format: string }) => setExit(await runValidate(paths, opts, io)));

  program
    .command('test')
    .description("run the contracts' own tests")
    .argument('[paths...]', 'files or directories (recursively *.yaml, *.yml)', ['.'])
    .option('--format <format>', 'pretty | json', 'pretty')
    .action(async (paths: string[], opts: { format: string }) => setExit(await runTest(paths, opts, io)));

  program
    .command('evaluate')
    .description('attainment, score and invoice of one contract for one period')
    .argument('<contract>', 'the contract file')
    .requiredOption('--data <path>', 'metric data file or directory (YAML, JSON, CSV)')
    .option('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts); default: the latest in the data')
    .option('--format <format>', 'json | md | text | csv', 'json')
    .action(async (contract: string, opts: { data: string; period?: string; format: string }) => setExit(await runEvaluate(contract, opts, io)));

  program
    .command('explain')
    .description('the evaluation trace, step by step')
    .argument('<contract>', 'the contract file')
    .requiredOption('--data <path>', 'metric data file or directory (YAML, JSON, CSV)')
    .option('--period <period>', 'YYYY-MM (YYYY-Qn for quarterly contracts); default: the latest in the data')
    .action(async (contract: string, opts: { data: string; period?: string }) => setExit(await runExplain(contract, opts, io)));

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
      io.stderr(`attain: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`attain: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.usage;
  }
}
