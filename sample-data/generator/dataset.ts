/**
 * Generates a whole dataset folder: one file per contract table, accounts one after
 * another so that memory stays flat however many there are. The two large daily
 * tables are streamed to temporary CSV files and turned into Parquet by DuckDB.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CONTRACT, TABLE_NAMES, type TableName } from '../../core/contract.ts';
import { parseIsoDate } from '../../core/dates.ts';
import { FEATURES } from './catalog.ts';
import { dayLabels, emitAccount, type AccountSinks, type AccountTable } from './emit.ts';
import { planAccount, type DataWindow } from './plan.ts';
import { simulateAccount } from './simulate.ts';
import { CsvSink, writeParquetFromCsv, type ColumnTypes } from './writers.ts';

export interface GenerateOptions {
  readonly accounts: number;
  readonly seed: number;
  /** First and last day of the data, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  readonly out: string;
  /** Replace contract files already in `out`; without it such a folder is refused. */
  readonly force?: boolean;
  /** Called after each account with the number done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  readonly accounts: number;
  readonly churned: number;
  readonly rows: Readonly<Record<TableName, number>>;
  readonly files: readonly string[];
}

export const MAX_ACCOUNTS = 50_000;
const MIN_WINDOW_DAYS = 180;

/** Tables written as Parquet: the per-day activity that dominates the dataset's size. */
const PARQUET_COLUMNS: Readonly<Partial<Record<TableName, ColumnTypes>>> = {
  usage: [
    ['account_id', 'VARCHAR'],
    ['user_id', 'VARCHAR'],
    ['date', 'DATE'],
    ['events', 'INTEGER'],
    ['workflows_started', 'INTEGER'],
    ['workflows_completed', 'INTEGER'],
    ['records_created', 'INTEGER'],
    ['api_calls', 'INTEGER'],
  ],
  feature_usage: [
    ['account_id', 'VARCHAR'],
    ['date', 'DATE'],
    ['feature', 'VARCHAR'],
    ['events', 'INTEGER'],
  ],
};

const FORMATS = ['csv', 'parquet', 'ndjson'] as const;

/** The generator command that reproduces a dataset, as written into its DATASET.md. */
export function generatorCommand(options: GenerateOptions): string {
  return (
    `npx tsx sample-data/generate.ts --accounts ${options.accounts} --seed ${options.seed}` +
    ` --start ${options.start} --end ${options.end} --out ${options.out}`
  );
}

/** The exported window for the options, rejecting malformed, reversed or too short spans. */
export function dataWindow(start: string, end: string): DataWindow {
  const first = parseIsoDate(start);
  const last = parseIsoDate(end);
  if (first === undefined) throw new Error(`--start must be a YYYY-MM-DD date, got "${start}"`);
  if (last === undefined) throw new Error(`--end must be a YYYY-MM-DD date, got "${end}"`);
  if (last - first + 1 < MIN_WINDOW_DAYS) {
    throw new Error(`--end must be at least ${MIN_WINDOW_DAYS} days after --start`);
  }
  return { start: first, end: last };
}

function checkOptions(options: GenerateOptions): void {
  if (
    !Number.isInteger(options.accounts) ||
    options.accounts < 1 ||
    options.accounts > MAX_ACCOUNTS
  ) {
    throw new Error(`--accounts must be a whole number from 1 to ${MAX_ACCOUNTS}`);
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new Error('--seed must be a whole number from 0 to 4294967295');
  }
}

/** Contract table files already in the folder (any table, any accepted format), by name. */
export function existingTableFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const names = new Set(
    TABLE_NAMES.flatMap((table) => FORMATS.map((format) => `${table}.${format}`)),
  );
  return readdirSync(folder).filter((name) => names.has(name));
}

/** Generates the dataset described by `options` into `options.out`; identical options give identical files. */
export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  checkOptions(options);
  const window = dataWindow(options.start, options.end);
  const existing = existingTableFiles(options.out);
  if (existing.length > 0 && !options.force) {
    throw new Error(
      `${options.out} already holds ${existing.join(', ')}; pass --force to replace them`,
    );
  }
  mkdirSync(options.out, { recursive: true });
  for (const name of existing) rmSync(join(options.out, name));

  const scratch = mkdtempSync(join(tmpdir(), 'healthscore-generate-'));
  try {
    const sinks = openSinks(options.out, scratch);
    writeFeatureCatalogue(options.out);
    const labels = dayLabels(window);
    let churned = 0;
    for (let index = 0; index < options.accounts; index += 1) {
      const plan = planAccount(options.seed, index, options.accounts, window);
      const history = simulateAccount(plan, window, options.seed);
      if (history.churnedOn !== null) churned += 1;
      emitAccount(history, window, options.seed, labels, sinks);
      options.onProgress?.(index + 1, options.accounts);
    }
    for (const sink of Object.values(sinks)) sink.close();
    await convertToParquet(sinks, options.out, scratch);
    writeFileSync(join(options.out, 'DATASET.md'), datasetNote(options));

    const rows = Object.fromEntries(TABLE_NAMES.map((table) => [table, 0])) as Record<
      TableName,
      number
    >;
    for (const [table, sink] of Object.entries(sinks) as [AccountTable, CsvSink][])
      rows[table] = sink.rows;
    rows.features = FEATURES.length;
    return { accounts: options.accounts, churned, rows, files: existingTableFiles(options.out) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function headerOf(table: TableName): string[] {
  const spec = CONTRACT.find((candidate) => candidate.name === table);
  if (!spec) throw new Error(`No contract table named ${table}`);
  return spec.columns.map((column) => column.name);
}

function openSinks(out: string, scratch: string): AccountSinks {
  const tables: AccountTable[] = [
    'accounts',
    'usage',
    'feature_usage',
    'integrations',
    'emails',
    'meetings',
    'community',
    'tickets',
    'escalations',
    'contacts',
    'nps',
    'outcomes',
    'renewals',
  ];
  const entries = tables.map((table) => {
    const folder = PARQUET_COLUMNS[table] ? scratch : out;
    return [table, new CsvSink(join(folder, `${table}.csv`), headerOf(table))] as const;
  });
  return Object.fromEntries(entries) as Record<AccountTable, CsvSink>;
}

function writeFeatureCatalogue(out: string): void {
  const sink = new CsvSink(join(out, 'features.csv'), headerOf('features'));
  for (const feature of FEATURES) sink.write([feature.name, feature.isCore]);
  sink.close();
}

async function convertToParquet(sinks: AccountSinks, out: string, scratch: string): Promise<void> {
  // A bounded memory limit and a scratch spill folder keep 10^8-row tables within reach of a laptop.
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '4GB',
    temp_directory: join(scratch, 'duckdb'),
  });
  const connection = await instance.connect();
  try {
    for (const [table, columns] of Object.entries(PARQUET_COLUMNS) as [
      AccountTable,
      ColumnTypes,
    ][]) {
      await writeParquetFromCsv(
        connection,
        sinks[table].path,
        join(out, `${table}.parquet`),
        columns,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function datasetNote(options: GenerateOptions): string {
  return [
    '# Generated dataset',
    '',
    `Generated with \`${generatorCommand(options)}\``,
    '(add `--force` to overwrite an existing dataset). The generator is deterministic: the',
    'same arguments write byte-identical table files.',
    '',
    'Synthetic data from the generative model described in sample-data/README.md;',
    'no real customer is represented.',
    '',
  ].join('\n');
}
