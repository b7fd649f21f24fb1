/**
 * Reading one dataset file through DuckDB, as text. CSV is read with every column as
 * VARCHAR and a fixed dialect (comma, double quotes, header row) so that the sniffer
 * can neither coerce values nor skip or reinterpret lines; malformed lines are
 * collected in a rejects table instead of stopping the read. Parquet columns are cast
 * to text, and JSON records are read as objects whose values are extracted as text.
 */
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { toNumber, toText } from './workspace.ts';
import type { FileFormat } from './import-files.ts';

/** A readable file: its column names in file order and a FROM item yielding them. */
export interface FileSource {
  readonly headers: readonly string[];
  /** A table function call or subquery whose columns are `headers`. */
  readonly fromSql: string;
  /** The row number of the first record: 2 in CSV (the header is row 1), 1 otherwise. */
  readonly firstRow: number;
  /** For JSON: how many records are not objects, with one of them; they hold no columns. */
  readonly nonObjects: { readonly count: number; readonly example: string | null };
  /** For JSON: the file holds no record at all (an empty array), so no columns either. */
  readonly noRecords: boolean;
}

/** Where a CSV read records the lines it could not parse (temporary tables of the connection). */
export const REJECTS_TABLE = 'import_rejects';
export const REJECT_SCANS_TABLE = 'import_reject_scans';

const OTHER_DELIMITERS = [';', '\t', '|'];

function csvReader(path: string, delimiter: string, allVarchar: boolean): string {
  const options = [
    `header = true`,
    `skip = 0`,
    `delim = ${quotedString(delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `comment = ''`,
    `strict_mode = true`,
    `store_rejects = true`,
    `rejects_table = ${quotedString(REJECTS_TABLE)}`,
    `rejects_scan = ${quotedString(REJECT_SCANS_TABLE)}`,
  ];
  if (allVarchar) options.push('all_varchar = true');
  return `read_csv(${quotedString(path)}, ${options.join(', ')})`;
}

async function describe(
  connection: DuckDBConnection,
  fromSql: string,
): Promise<{ name: string; type: string }[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${fromSql}`);
  return reader.getRows().map((row) => ({
    name: toText(row[0] ?? null) ?? '',
    type: toText(row[1] ?? null) ?? '',
  }));
}

/** Forgets the malformed lines of earlier reads, so that the next read's rejects are its own. */
export async function clearRejects(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS temp.${quotedIdentifier(REJECTS_TABLE)}`);
  await connection.run(`DROP TABLE IF EXISTS temp.${quotedIdentifier(REJECT_SCANS_TABLE)}`);
}

async function csvDelimiter(connection: DuckDBConnection, path: string): Promise<string> {
  const columns = await describe(connection, csvReader(path, ',', true));
  // A header read as one column that contains another separator is a semicolon-,
  // tab- or pipe-separated export; anything else is read as comma-separated.
  const only = columns.length === 1 ? (columns[0]?.name ?? '') : '';
  return OTHER_DELIMITERS.find((delimiter) => only.includes(delimiter)) ?? ',';
}

function jsonPointer(key: string): string {
  return `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

async function jsonSource(connection: DuckDBConnection, path: string): Promise<FileSource> {
  const records = `read_json_objects(${quotedString(path)}, format = 'auto')`;
  const keys = await connection.runAndReadAll(
    `SELECT DISTINCT unnest(json_keys(json)) AS key FROM ${records}
     WHERE json_type(json) = 'OBJECT' ORDER BY key`,
  );
  const headers = keys.getRows().map((row) => toText(row[0] ?? null) ?? '');
  const others = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE json_type(json) <> 'OBJECT'),
       any_value(json) FILTER (WHERE json_type(json) <> 'OBJECT'), count(*)
     FROM ${records}`,
  );
  const [count, example, all] = others.getRows()[0] ?? [0, null, 0];
  const columns = headers.map(
    (key) =>
      `json_extract_string(json, ${quotedString(jsonPointer(key))}) AS ${quotedIdentifier(key)}`,
  );
  const fromSql = headers.length === 0 ? records : `(SELECT ${columns.join(', ')} FROM ${records})`;
  return {
    headers,
    fromSql,
    firstRow: 1,
    nonObjects: { count: toNumber(count ?? 0), example: toText(example ?? null) },
    noRecords: toNumber(all ?? 0) === 0,
  };
}

/**
 * A source of these text columns and no rows: what a file without records stands for
 * when its table is optional, so that the table is present and empty.
 */
export function emptySource(columns: readonly string[]): FileSource {
  const nulls = columns.map((column) => `NULL::VARCHAR AS ${quotedIdentifier(column)}`);
  return {
    headers: columns,
    fromSql: `(SELECT ${nulls.join(', ')} WHERE false)`,
    firstRow: 1,
    nonObjects: { count: 0, example: null },
    noRecords: false,
  };
}

/**
 * Opens a file for reading: finds its column names and the FROM item that yields
 * them. Throws DuckDB's error when the file cannot be read at all (not UTF-8 in its
 * first lines, malformed JSON, not Parquet).
 */
export async function openSource(
  connection: DuckDBConnection,
  path: string,
  format: FileFormat,
): Promise<FileSource> {
  const none = { count: 0, example: null };
  switch (format) {
    case 'csv': {
      await clearRejects(connection);
      const fromSql = csvReader(path, await csvDelimiter(connection, path), true);
      const headers = (await describe(connection, fromSql)).map((column) => column.name);
      await clearRejects(connection);
      return { headers, fromSql, firstRow: 2, nonObjects: none, noRecords: false };
    }
    case 'parquet': {
      const fromSql = `read_parquet(${quotedString(path)})`;
      const headers = (await describe(connection, fromSql)).map((column) => column.name);
      return { headers, fromSql, firstRow: 1, nonObjects: none, noRecords: false };
    }
    case 'json':
      return jsonSource(connection, path);
  }
}

/**
 * The column types DuckDB itself would guess for a file (its CSV and JSON sniffers,
 * Parquet's own types), for display only: the import never uses them.
 */
export async function sniffedTypes(
  connection: DuckDBConnection,
  path: string,
  format: FileFormat,
): Promise<Map<string, string>> {
  let fromSql: string;
  if (format === 'csv') {
    fromSql = csvReader(path, await csvDelimiter(connection, path), false);
  } else if (format === 'parquet') {
    fromSql = `read_parquet(${quotedString(path)})`;
  } else {
    fromSql = `read_json(${quotedString(path)})`;
  }
  const columns = await describe(connection, fromSql);
  await clearRejects(connection);
  return new Map(columns.map((column) => [column.name, column.type]));
}

/**
 * One line a CSV read could not parse. It names no column: a line that does not split
 * into the header's fields has no reliable one (DuckDB names the first missing column
 * of a short line and none of a long one), so every such line is reported alike.
 */
export interface RejectedLine {
  readonly line: number;
  readonly text: string | null;
  readonly message: string;
}

const REJECT_WORDS: Record<string, string> = {
  'TOO MANY COLUMNS': 'the line has more fields than the header',
  'MISSING COLUMNS': 'the line has fewer fields than the header',
  'UNQUOTED VALUE': 'a quote appears inside an unquoted value',
  'LINE SIZE OVER MAXIMUM': 'the line is too long',
  'INVALID ENCODING': 'the line is not valid UTF-8 text',
  'INVALID STATE': 'the line could not be parsed (is a quote left open?)',
};

/**
 * The lines the last CSV read rejected, in file order, at most `limit`, plus how many
 * rejections there were (`total`) and on how many distinct lines (`lineCount`).
 */
export async function rejectedLines(
  connection: DuckDBConnection,
  limit: number,
): Promise<{ lines: RejectedLine[]; total: number; lineCount: number }> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp' AND table_name = $name`,
    { name: REJECTS_TABLE },
  );
  if (toNumber(exists.getRows()[0]?.[0] ?? 0) === 0) return { lines: [], total: 0, lineCount: 0 };
  const table = `temp.${quotedIdentifier(REJECTS_TABLE)}`;
  const counts = await connection.runAndReadAll(
    `SELECT count(*), count(DISTINCT line) FROM ${table}`,
  );
  const reader = await connection.runAndReadAll(
    `SELECT line, csv_line, error_type, error_message FROM ${table}
     ORDER BY line, column_idx LIMIT $limit`,
    { limit },
  );
  const lines = reader.getRows().map((row) => {
    const kind = toText(row[2] ?? null) ?? '';
    return {
      line: toNumber(row[0] ?? null),
      text: toText(row[1] ?? null),
      message: `${REJECT_WORDS[kind] ?? kind.toLowerCase()} (${toText(row[3] ?? null) ?? ''})`,
    };
  });
  const [total, lineCount] = counts.getRows()[0] ?? [0, 0];
  return { lines, total: toNumber(total ?? 0), lineCount: toNumber(lineCount ?? 0) };
}
