/**
 * Streaming output: CSV files written through a small buffer (so a 50,000-account
 * dataset never sits in memory), and DuckDB turning a finished CSV into Parquet.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

export type CsvValue = string | number | boolean | null;

const FLUSH_AT = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: empty for null, `true`/`false` for booleans, quoted when it holds a comma, quote or newline. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV file being written row by row, with a header and `\n` line ends. */
export class CsvSink {
  private readonly descriptor: number;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.descriptor = openSync(path, 'w');
    this.buffer = `${header.join(',')}\n`;
  }

  /** Appends one row of values, in header order. */
  write(values: readonly CsvValue[]): void {
    this.line(values.map(csvField).join(','));
  }

  /** Appends one row already formatted as CSV, without its line end (the hot paths build these). */
  line(text: string): void {
    this.buffer += `${text}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.descriptor);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.descriptor, this.buffer);
    this.buffer = '';
  }
}

/** A SQL string literal for `text`, with single quotes doubled (for paths in COPY and read_csv). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Column names and DuckDB types of a CSV file that is to become Parquet. */
export type ColumnTypes = readonly (readonly [name: string, sqlType: string])[];

/**
 * Copies a CSV file written by a CsvSink into a zstd-compressed Parquet file, with the
 * given column types; empty fields become NULL. Row order is kept.
 */
export async function writeParquetFromCsv(
  connection: DuckDBConnection,
  csvPath: string,
  parquetPath: string,
  columns: ColumnTypes,
): Promise<void> {
  const columnStruct = columns.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`);
  // DuckDB cannot bind a COPY target as a parameter, so both paths go in as quoted literals.
  const sql = `COPY (
    SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, nullstr = '',
      columns = {${columnStruct.join(', ')}})
  ) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`;
  await connection.run(sql);
}
