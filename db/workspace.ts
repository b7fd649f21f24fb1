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

export async function openWorkspace(path: string): Promise<Workspace> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
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
