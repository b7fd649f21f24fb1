/**
 * The `healthscore` command. Every command reads its input through cli/inputs.ts,
 * writes data to stdout (or --out) and progress to stderr, and exits non-zero with
 * a plain message on bad input.
 */
import { Command, Option } from 'commander';
import { existsSync, rmSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { guardrails, type ModelConfig } from '../core/config.ts';
import { formatDay } from '../core/dates.ts';
import { hasScoreHistory } from '../db/history.ts';
import { dataRange } from '../db/snapshots.ts';
import { openWorkspace, type Workspace } from '../db/workspace.ts';
import { log, setLogLevel } from '../db/log.ts';
import { UserError } from './errors.ts';
import {
  checkDatasetFolder,
  importInto,
  loadConfig,
  openInput,
  parseDayOption,
  type InputOptions,
} from './inputs.ts';
import { emit, toCsv, toJson } from './output.ts';
import { scoreAccounts } from './score.ts';
import {
  backtestJson,
  backtestMarkdown,
  driftJson,
  driftMarkdown,
  evaluateSchedule,
  type HistoryOptions,
} from './backtest.ts';
import { writeScoreHistory } from '../db/history.ts';
import { serve } from './serve.ts';

interface HistoryCommandOptions extends InputOptions {
  from?: string;
  to?: string;
  every: 'month' | 'week' | 'quarter';
  horizon: string;
  baseline?: string;
  config?: string;
  format: 'md' | 'json';
  out?: string;
}

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
        checkDatasetFolder(folder);
        const created = !existsSync(options.workspace);
        const workspace = await openWorkspace(options.workspace);
        let imported = false;
        try {
          await importInto(workspace, folder, options);
          imported = true;
          log.info(`workspace ${options.workspace} ${created ? 'created' : 'updated'}`);
        } finally {
          workspace.close();
          // A failed import into a new file leaves no empty workspace behind.
          if (created && !imported) removeWorkspaceFile(options.workspace);
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
    checkOutput(options.out, options);
    const workspace = await openInput(options);
    try {
      await checkAsOfInData(workspace, asOf);
      await warnGuardrails(workspace, config, false);
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

  program
    .command('serve')
    .description('Run the workbench in the browser: serve a workspace on 127.0.0.1.')
    .option('--workspace <file>', 'workspace to open; default: the sample workspace')
    .option('--port <n>', 'port to listen on (0: any free port); default: 4780, or any if busy')
    .action(async (options: { workspace?: string; port?: string }) => {
      const serving = await serve(options);
      console.log(`Health Score Workbench: ${serving.server.url}`);
      await new Promise<void>((done) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done());
      });
      await serving.stop();
    });

  for (const name of ['backtest', 'drift'] as const) {
    const command = inputOptions(
      program
        .command(name)
        .description(
          name === 'backtest'
            ? 'Backtest the score against the churn that really happened, over a schedule of snapshots.'
            : 'Measure the drift of the score distribution over a schedule of snapshots (PSI, RAG shares).',
        )
        .option('--from <date>', 'first snapshot on or after this date (YYYY-MM-DD)')
        .option('--to <date>', 'last snapshot on or before this date (YYYY-MM-DD)')
        .addOption(
          new Option('--every <period>', 'snapshot schedule')
            .choices(['month', 'week', 'quarter'])
            .default('month'),
        )
        .option('--horizon <days>', 'churn label horizon in days', '90')
        .option('--config <file>', 'model config (JSON); default: the built-in default model')
        .addOption(
          new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'),
        )
        .option('--out <file>', 'write to this file instead of stdout'),
    );
    if (name === 'drift')
      command.option('--baseline <date>', 'snapshot to compare with (default: the first)');
    command.action(async (options: HistoryCommandOptions) => {
      const config = loadConfig(options.config);
      const history = historyOptions(options);
      checkOutput(options.out, options);
      const workspace = await openInput(options);
      try {
        // Running the backtest is what backtests the config, so that warning is moot here.
        await warnGuardrails(workspace, config, true);
        const { matrix, evaluation } = await evaluateSchedule(workspace, config, history);
        if (options.workspace)
          await writeScoreHistory(workspace, config.name, matrix, evaluation.scores);
        let text: string;
        if (name === 'backtest') {
          text =
            options.format === 'json'
              ? toJson(backtestJson(evaluation.backtest, matrix, config))
              : backtestMarkdown(evaluation.backtest, config);
        } else {
          text =
            options.format === 'json'
              ? toJson(driftJson(evaluation.drift))
              : driftMarkdown(evaluation.drift);
        }
        emit(text, options.out);
      } finally {
        workspace.close();
      }
    });
  }

  return program;
}

/** Refuses an --out that would overwrite the command's own input. */
function checkOutput(out: string | undefined, options: InputOptions): void {
  if (out === undefined) return;
  const target = resolve(out);
  if (options.workspace !== undefined && target === resolve(options.workspace)) {
    throw new UserError(`--out ${out} is the workspace itself; writing there would destroy it`);
  }
  if (options.data !== undefined && !relative(resolve(options.data), target).startsWith('..')) {
    throw new UserError(
      `--out ${out} is inside the dataset folder; the workbench never writes there`,
    );
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new UserError(`--out ${out} is a folder; name a file`);
  }
}

/** Scores outside the data would read days without data as days without usage. */
async function checkAsOfInData(workspace: Workspace, asOf: number): Promise<void> {
  const range = await dataRange(workspace);
  if (range === undefined)
    throw new UserError('The data holds no usage rows, so nothing can be scored');
  const span = `the data runs from ${formatDay(range.start)} to ${formatDay(range.end)}`;
  if (asOf > range.end) {
    throw new UserError(
      `--as-of ${formatDay(asOf)} is after the data ends: ${span}, and days without data would read as days without usage`,
    );
  }
  if (asOf < range.start)
    throw new UserError(`--as-of ${formatDay(asOf)} is before any data: ${span}`);
}

/** The guardrails of the model, as warnings on stderr: shown, never enforced. */
async function warnGuardrails(workspace: Workspace, config: ModelConfig, backtesting: boolean) {
  const backtested = backtesting || (await hasScoreHistory(workspace, config.name));
  for (const guardrail of guardrails(config, { backtested })) log.warn(guardrail.message);
}

function removeWorkspaceFile(path: string): void {
  for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
}

function historyOptions(options: HistoryCommandOptions): HistoryOptions {
  const horizonDays = Number(options.horizon);
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 730) {
    throw new UserError(
      `--horizon must be a whole number of days from 1 to 730, not "${options.horizon}"`,
    );
  }
  const from = options.from === undefined ? undefined : parseDayOption('--from', options.from);
  const to = options.to === undefined ? undefined : parseDayOption('--to', options.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new UserError(`--from ${options.from} is after --to ${options.to}`);
  }
  return {
    every: options.every,
    from,
    to,
    baseline:
      options.baseline === undefined ? undefined : parseDayOption('--baseline', options.baseline),
    horizonDays,
  };
}

/** Runs the command line; returns the process exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Workspace errors from db/ carry the same name: anything named so is the user's to fix.
    if (error instanceof Error && error.name === 'UserError') {
      console.error(`healthscore: ${error.message}`);
      for (const detail of error instanceof UserError ? error.details : [])
        console.error(`  ${detail}`);
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
  // A reader that stops early (`| head`) closes the pipe; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await run(process.argv.slice(2));
}
