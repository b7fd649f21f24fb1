/**
 * The `healthscore` command. Every command reads its input through cli/inputs.ts,
 * writes data to stdout (or --out) and progress to stderr, and exits non-zero with
 * a plain message on bad input.
 */
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { openWorkspace } from '../db/workspace.ts';
import { log, setLogLevel } from '../db/log.ts';
import { UserError } from './errors.ts';
import { importInto, loadConfig, openInput, parseDayOption, type InputOptions } from './inputs.ts';
import { emit, toCsv, toJson } from './output.ts';
import { scoreAccounts } from './score.ts';

interface ScoreOptions extends InputOptions {
  asOf: string;
  config?: string;
  format: 'csv' | 'json';
  out?: string;
}

function inputOptions(command: Command): Command {
  return command
    .option('--workspace <file>', 'a workspace made by `healthscore import`')
    .option('--data <folder>', 'a dataset folder, imported into a temporary in-memory workspace')
    .option('--mapping <file>', 'column mapping for --data (JSON)')
    .addOption(
      new Option('--date-order <order>', 'how to read dates like 03/04/2025 in --data').choices([
        'dmy',
        'mdy',
      ]),
    );
}

export function buildProgram(): Command {
  const program = new Command('healthscore')
    .description('Build, score and backtest customer health scores on exported CS data.')
    .option('--quiet', 'print only errors on stderr')
    .hook('preAction', (command) => {
      if (command.opts().quiet) setLogLevel('error');
    })
    .showHelpAfterError();

  program
    .command('import')
    .description('Import a dataset folder into a workspace file (all or nothing).')
    .argument('<dataset-folder>', 'folder of contract files (CSV, Parquet, NDJSON)')
    .requiredOption('--workspace <file>', 'workspace file to create or replace the data of')
    .option('--mapping <file>', 'column mapping from export names to contract names (JSON)')
    .addOption(
      new Option('--date-order <order>', 'how to read dates like 03/04/2025').choices([
        'dmy',
        'mdy',
      ]),
    )
    .action(
      async (
        folder: string,
        options: { workspace: string; mapping?: string; dateOrder?: string },
      ) => {
        const created = !existsSync(options.workspace);
        const workspace = await openWorkspace(options.workspace);
        try {
          await importInto(workspace, folder, options);
          log.info(`workspace ${options.workspace} ${created ? 'created' : 'updated'}`);
        } finally {
          workspace.close();
        }
      },
    );

  inputOptions(
    program
      .command('score')
      .description('Score every eligible account at one as-of date.')
      .requiredOption('--as-of <date>', 'as-of date, YYYY-MM-DD')
      .option('--config <file>', 'model config (JSON); default: the built-in default model')
      .addOption(
        new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'),
      )
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(async (options: ScoreOptions) => {
    const asOf = parseDayOption('--as-of', options.asOf);
    const config = loadConfig(options.config);
    const workspace = await openInput(options);
    try {
      const report = await scoreAccounts(workspace, asOf, config);
      const counts = report.bandCounts;
      log.info(
        `bands at ${report.asOf}: green ${counts.green}, yellow ${counts.yellow}, red ${counts.red}, unscored ${counts.unscored}`,
      );
      const text =
        options.format === 'json'
          ? toJson({
              asOf: report.asOf,
              model: config.name,
              bandCounts: counts,
              accounts: report.rows,
            })
          : toCsv(report.columns, report.rows);
      emit(text, options.out);
    } finally {
      workspace.close();
    }
  });

  return program;
}

/** Runs the command line; returns the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`healthscore: ${error.message}`);
      for (const detail of error.details) console.error(`  ${detail}`);
      return 1;
    }
    const bug = error as Error;
    console.error(`healthscore: unexpected failure: ${bug.message}`);
    log.debug(bug.stack ?? '');
    console.error('  (this is a bug; run with HEALTHSCORE_LOG=debug for details)');
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await run(process.argv.slice(2));
}
