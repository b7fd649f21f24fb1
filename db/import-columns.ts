/**
 * What importing and previewing share about one file before any row is checked:
 * the text it is read as, the problems its columns show, and the mapping in force.
 */
import { quotedIdentifier, type DuckDBConnection } from '@duckdb/node-api';
import { tableSpec, type ColumnType, type TableName } from '../core/contract.ts';
import type { FileFormat } from './import-files.ts';
import { columnIssue, fileIssue, readerErrorMessage, type ImportIssue } from './import-issues.ts';
import type { FileSource } from './import-source.ts';
import {
  parseColumnMapping,
  readSavedMapping,
  type ColumnMapping,
  type ColumnMatch,
  type ColumnMatching,
} from './mapping.ts';
import { toNumber, type Workspace } from './workspace.ts';

/** The `file` that issues about the column mapping itself name. */
export const MAPPING_SOURCE = 'column mapping';

// DuckDB's words for JSON it cannot parse, before the position it gives.
const MALFORMED_JSON = /^Malformed JSON in file "[^"]*", (.*?)\.?$/;

/**
 * A reader error as a message for the user: an undecidable CSV dialect is explained
 * in words, and a JSON or Parquet file DuckDB cannot parse is said not to be one,
 * with the position or detail DuckDB gives.
 */
export function sourceErrorMessage(
  error: unknown,
  file: { readonly path: string; readonly file: string; readonly format: FileFormat },
): string {
  const message = readerErrorMessage(error, file.path, file.file);
  if (file.format === 'csv' && message.includes('sniffing')) {
    return 'cannot be read as CSV (comma-separated, double-quoted, with a header row): no reading of it gives every line the same number of fields; look for a quote that is never closed';
  }
  const malformed = MALFORMED_JSON.exec(message);
  if (file.format === 'json' && malformed) return `not newline-delimited JSON (${malformed[1]})`;
  if (file.format === 'parquet') return `not a readable Parquet file (${message})`;
  return message;
}

/**
 * The select that turns a file's matched columns into trimmed text named by contract
 * column: NULL for a blank value, an empty marker (N/A, -, NULL) kept as written so
 * that a refusal can show it. Trimming happens in an inner select so each value is
 * trimmed only once.
 */
export function textSelect(source: FileSource, matching: ColumnMatching): string {
  const trimmed = matching.matches.map(
    (match) =>
      `import_trimmed(CAST(r.${quotedIdentifier(match.header)} AS VARCHAR)) AS ${quotedIdentifier(match.column)}`,
  );
  const texts = matching.matches.map((match) => {
    const name = quotedIdentifier(match.column);
    return `nullif(${name}, '') AS ${name}`;
  });
  return `SELECT ${texts.join(', ')} FROM (SELECT ${trimmed.join(', ')} FROM ${source.fromSql} AS r)`;
}

const UNNAMED = /^column\d+$/;
const RENAMED_REPEAT = /^(.*)_\d+$/;

/** Errors and warnings about a file's columns that need no data: missing, doubled, extra, unused mappings. */
export function columnIssues(
  file: string,
  source: FileSource,
  matching: ColumnMatching,
  table: TableName,
): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  const spec = tableSpec(table);
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  for (const conflict of matching.conflicts) {
    errors.push(
      columnIssue(
        file,
        conflict.headers.join(', '),
        `columns ${conflict.headers.join(' and ')} all give ${conflict.column}; keep one, or change the column mapping`,
      ),
    );
  }
  const required = spec.columns.filter((column) => column.required).map((column) => column.name);
  const claimed = new Set(matching.conflicts.map((conflict) => conflict.column));
  for (const column of matching.missing.filter((name) => required.includes(name))) {
    if (claimed.has(column)) continue;
    const shown = source.headers.length === 0 ? 'none' : source.headers.join(', ');
    errors.push(
      columnIssue(
        file,
        column,
        `required column ${column} is missing (the file's columns are: ${shown}); rename it or add it to the column mapping`,
      ),
    );
  }
  if (source.nonObjects.count > 0) {
    errors.push({
      ...fileIssue(file, `${source.nonObjects.count} records are not JSON objects`),
      value: source.nonObjects.example,
    });
  }
  if (matching.extra.length > 0) {
    const unnamed = matching.extra.some((header) => UNNAMED.test(header))
      ? ' (an unnamed column, such as the empty one a trailing comma leaves, is shown as columnN)'
      : '';
    warnings.push(
      fileIssue(
        file,
        `columns not in the contract are not imported: ${matching.extra.join(', ')}${unnamed}`,
      ),
    );
  }
  for (const header of matching.extra) {
    const base = RENAMED_REPEAT.exec(header)?.[1];
    const repeated = matching.matches.find(
      (match) => base !== undefined && match.header.toLowerCase() === base.toLowerCase(),
    );
    if (repeated) {
      warnings.push(
        columnIssue(
          file,
          header,
          `looks like a second column named ${repeated.header}; the first one was used`,
        ),
      );
    }
  }
  for (const name of matching.unusedMappings) {
    warnings.push(
      columnIssue(
        file,
        name,
        `the column mapping names this column for ${table}, but the file has no such column`,
      ),
    );
  }
  return { errors, warnings };
}

/**
 * The error for a required table whose file has a header (or is an empty JSON array)
 * but no data rows: one clear problem instead of every other table's rows being
 * refused against an empty accounts table, or every account scoring as unused.
 */
export function noDataRowsIssue(file: string, table: TableName): ImportIssue {
  return fileIssue(file, `${file} has no data rows; the ${table} table is required`);
}

/** Rows of a table or subquery. */
export async function tableRows(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return toNumber(reader.getRows()[0]?.[0] ?? 0);
}

/** The mapping an import uses: the one given (checked again, as it may come from a UI), else the saved one. */
export async function chosenMapping(
  workspace: Workspace | null,
  given: ColumnMapping | undefined,
): Promise<{ mapping: ColumnMapping | null; errors: ImportIssue[] }> {
  if (given === undefined) {
    return { mapping: workspace === null ? null : await readSavedMapping(workspace), errors: [] };
  }
  const checked = parseColumnMapping(given);
  if (checked.ok) return { mapping: checked.mapping, errors: [] };
  return { mapping: null, errors: checked.errors.map((error) => fileIssue(MAPPING_SOURCE, error)) };
}

const DATE_TYPES: readonly ColumnType[] = ['date', 'timestamp'];

/** The matched columns whose contract type is a date or timestamp, in contract order. */
export function dateMatches(table: TableName, matching: ColumnMatching): ColumnMatch[] {
  const spec = tableSpec(table);
  return matching.matches.filter((match) => {
    const type = spec.columns.find((column) => column.name === match.column)?.type;
    return type !== undefined && DATE_TYPES.includes(type);
  });
}
