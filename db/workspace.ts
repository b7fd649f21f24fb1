/**
 * The one owner of DuckDB. A workspace is one `.duckdb` file (or `:memory:` in
 * tests); this module opens it, makes sure its schema exists, hands out the
 * connection and closes it. Values leave DuckDB through the converters below, so
 * no `bigint` or DuckDB value object escapes into the rest of the program.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { workspaceSchemaSql } from './schema.ts';

export interface Workspace {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

/**
 * A workspace that cannot be used as asked: not a DuckDB file, another program's
 * database, locked by a running workbench. Named `UserError` so that every caller
 * (command line, API dispatcher) shows its message instead of treating it as a bug.
 */
export class WorkspaceError extends Error {
  override readonly name = 'UserError';
}

export interface OpenOptions {
  /** Refuse a file that is not already a workspace, instead of making it one. */
  readonly mustExist?: boolean;
}

/** Why DuckDB would not open `path`, in words a user can act on. */
function openFailure(path: string, error: unknown): WorkspaceError {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new WorkspaceError(
      `The workspace ${path} is in use by another program (a running workbench or command); close it and try again`,
    );
  }
  if (/not a valid DuckDB database/i.test(message)) {
    return new WorkspaceError(`${path} is not a workspace: it is not a DuckDB database file`);
  }
  return new WorkspaceError(`The workspace ${path} could not be opened: ${message}`);
}

const WORKSPACE_MARKER_SQL = `
  SELECT count(*) FILTER (WHERE table_name = 'dataset_tables'), count(*)
  FROM information_schema.tables WHERE table_schema = 'main'`;

export async function openWorkspace(path: string, options: OpenOptions = {}): Promise<Workspace> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (error) {
    throw openFailure(path, error);
  }
  const connection = await instance.connect();
  if (path !== ':memory:') {
    // Never turn another program's database into a workspace by adding tables to it.
    const marker = (await connection.runAndReadAll(WORKSPACE_MARKER_SQL)).getRows()[0]!;
    const isWorkspace = toNumber(marker[0]!) > 0;
    const hasTables = toNumber(marker[1]!) > 0;
    if (!isWorkspace && (hasTables || options.mustExist)) {
      connection.closeSync();
      instance.closeSync();
      throw new WorkspaceError(
        `${path} is not a workspace${hasTables ? " (it is another file or another program's database)" : ''}; create one with: healthscore import <dataset-folder> --workspace <file.duckdb>`,
      );
    }
  }
  await connection.run("SET TimeZone = 'UTC'");
  for (const statement of workspaceSchemaSql()) await connection.run(statement);
  return {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Converts a DuckDB number-like value (INTEGER, BIGINT, HUGEINT, DOUBLE, DECIMAL) to a JS number; NULL becomes NaN. */
export function toNumber(value: DuckDBValue): number {
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number(String(value));
}

/** Converts a DuckDB text-like value to a string; NULL stays null. */
export function toText(value: DuckDBValue): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}
