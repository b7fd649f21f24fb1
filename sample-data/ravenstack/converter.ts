/**
 * Converts the RavenStack export (five CSV files) into a contract dataset folder:
 * accounts, usage, feature_usage, tickets and escalations. Tables the export has no
 * data for are not written, so their signals stay missing rather than zero.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existingTableFiles } from '../generator/dataset.ts';
import { sqlString } from '../generator/writers.ts';
import { ACCOUNTS_SQL, DATA_END_SQL, OUTPUT_TABLES, RAW_FILES, type RawFile } from './queries.ts';

export interface ConvertOptions {
  /** Folder holding the five ravenstack_*.csv files. */
  readonly input: string;
  readonly out: string;
  /** Replace contract files already in `out`. */
  readonly force?: boolean;
}

export interface ConvertSummary {
  readonly rows: Readonly<Record<string, number>>;
  readonly churned: number;
  readonly dataEnd: string;
}

/** The copy of the export that ships with the repository. */
export const DEFAULT_INPUT = fileURLToPath(new URL('./raw', import.meta.url));

/** Throws unless the file exists and its header names exactly the expected columns. */
function checkHeader(folder: string, raw: RawFile): string {
  const path = join(folder, raw.file);
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  const header = readFileSync(path, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  const expected = raw.columns.map(([name]) => name).join(',');
  if (header !== expected) {
    throw new Error(`${path}: expected the header "${expected}", found "${header}"`);
  }
  return path;
}

async function createRawViews(connection: DuckDBConnection, input: string): Promise<void> {
  for (const raw of RAW_FILES) {
    const path = checkHeader(input, raw);
    const columns = raw.columns.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`);
    await connection.run(
      `CREATE VIEW ${raw.view} AS SELECT * FROM read_csv(${sqlString(path)},
         header = true, delim = ',', quote = '"', nullstr = '', columns = {${columns.join(', ')}})`,
    );
  }
}

async function scalarText(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(sql);
  return String(reader.getRowsJS()[0]?.[0] ?? '');
}

/** Converts the export in `options.input` into contract files in `options.out`. */
export async function convertRavenStack(options: ConvertOptions): Promise<ConvertSummary> {
  const existing = existingTableFiles(options.out);
  if (existing.length > 0 && !options.force) {
    throw new Error(
      `${options.out} already holds ${existing.join(', ')}; pass --force to replace them`,
    );
  }

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await createRawViews(connection, options.input);
    mkdirSync(options.out, { recursive: true });
    for (const name of existing) rmSync(join(options.out, name));

    const rows: Record<string, number> = {};
    for (const [table, sql] of OUTPUT_TABLES) {
      const target = join(options.out, `${table}.csv`);
      await connection.run(`COPY (${sql}) TO ${sqlString(target)} (HEADER, DELIMITER ',')`);
      rows[table] = Number(await scalarText(connection, `SELECT count(*) FROM (${sql})`));
    }
    const churned = Number(
      await scalarText(connection, `SELECT count(churned_on) FROM (${ACCOUNTS_SQL})`),
    );
    const dataEnd = await scalarText(
      connection,
      `SELECT strftime(data_end, '%Y-%m-%d') FROM (${DATA_END_SQL})`,
    );
    writeFileSync(join(options.out, 'DATASET.md'), datasetNote());
    return { rows, churned, dataEnd };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function datasetNote(): string {
  return [
    '# RavenStack, converted',
    '',
    'Converted with `npx tsx sample-data/ravenstack/convert.ts` from the RavenStack',
    'synthetic SaaS dataset by River @ Rivalytics (fully synthetic, no real customers;',
    'the author asks for credit wherever the data is shown). The mapping, the churn',
    'definition and the signals this data cannot provide are described in',
    'sample-data/ravenstack/README.md.',
    '',
  ].join('\n');
}
