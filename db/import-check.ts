/**
 * The row-level checks of one staged table, as a single set-based query: values that
 * are missing, unreadable or out of range; ordered pairs out of order; repeated keys
 * (named with the earlier row); and rows whose account is not in accounts.
 */
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import type { TableSpec } from '../core/contract.ts';
import type { ImportIssue } from './import-issues.ts';
import type { ColumnMatch } from './mapping.ts';
import { problemSql, type DateReading } from './parse.ts';
import { toNumber, toText } from './workspace.ts';

/** A table as staged: its text and typed temp tables, and how each column is read. */
export interface StagedColumns {
  readonly spec: TableSpec;
  readonly file: string;
  /** Temp table of trimmed text (see textSelect), one column per matched contract column. */
  readonly textTable: string;
  /** Temp table of typed values plus `source_row`, row for row with textTable. */
  readonly typedTable: string;
  /** The matched columns whose values can be checked (unreadable date columns left out). */
  readonly checked: readonly ColumnMatch[];
  readonly readings: ReadonlyMap<string, DateReading | null>;
}

/** The staged accounts table that account references are checked against. */
export interface AccountsReference {
  readonly typedTable: string;
  readonly file: string;
}

function label(match: ColumnMatch): string {
  return match.header === match.column ? match.header : `${match.header} (${match.column})`;
}

/** SQL pieces of one cell check: which column it reports, with what value and message. */
interface CellCheck {
  readonly position: number;
  readonly column: string;
  readonly value: string;
  readonly message: string;
}

function cellProblems(staged: StagedColumns): CellCheck[] {
  const { spec } = staged;
  const position = (column: string): number =>
    spec.columns.findIndex((candidate) => candidate.name === column);
  const byColumn = new Map(staged.checked.map((match) => [match.column, match]));
  const problems = staged.checked.map((match) => {
    const column = spec.columns[position(match.column)]!;
    const text = `t.${quotedIdentifier(match.column)}`;
    const value = `v.${quotedIdentifier(match.column)}`;
    const message = problemSql(column, text, value, staged.readings.get(match.column) ?? null);
    return {
      position: position(match.column),
      column: quotedString(match.header),
      value: text,
      message,
    };
  });
  for (const [earlier, later] of spec.ordered ?? []) {
    const first = byColumn.get(earlier);
    const second = byColumn.get(later);
    if (!first || !second) continue;
    const before = quotedString(`must not be before ${label(first)}, which is `);
    const message = `CASE WHEN v.${quotedIdentifier(later)} < v.${quotedIdentifier(earlier)}
      THEN ${before} || t.${quotedIdentifier(earlier)} END`;
    problems.push({
      position: position(later),
      column: quotedString(second.header),
      value: `t.${quotedIdentifier(later)}`,
      message,
    });
  }
  return problems;
}

function repeatedKeys(staged: StagedColumns): string | null {
  const key = staged.spec.key ?? [];
  const matches = key.map((column) => staged.checked.find((match) => match.column === column));
  if (key.length === 0 || matches.some((match) => match === undefined)) return null;
  const columns = key.map((column) => `v.${quotedIdentifier(column)}`);
  const names = matches.map((match) => match!.header).join(' + ');
  const values = columns.map((column) => `CAST(${column} AS VARCHAR)`).join(` || ', ' || `);
  const noun = key.length === 1 ? names : `key ${names}`;
  return `
    SELECT source_row, ${staged.spec.columns.findIndex((column) => column.name === key[0])} AS position,
      ${quotedString(names)} AS column_name, key_value AS value,
      ${quotedString(`duplicate ${noun}: the same value is already in row `)} || first_row AS message
    FROM (
      SELECT v.source_row, ${values} AS key_value,
        min(v.source_row) OVER (PARTITION BY ${columns.join(', ')}) AS first_row
      FROM ${staged.typedTable} AS v
      WHERE ${columns.map((column) => `${column} IS NOT NULL`).join(' AND ')}
    )
    WHERE source_row > first_row`;
}

function unknownAccounts(staged: StagedColumns, accounts: AccountsReference | null): string | null {
  const match = staged.checked.find((candidate) => candidate.column === 'account_id');
  if (!staged.spec.referencesAccounts || !match || accounts === null) return null;
  const position = staged.spec.columns.findIndex((column) => column.name === 'account_id');
  return `
    SELECT v.source_row, ${position} AS position, ${quotedString(match.header)} AS column_name,
      v.account_id AS value,
      ${quotedString(`no account with this account_id in ${accounts.file}`)} AS message
    FROM ${staged.typedTable} AS v
    WHERE v.account_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ${accounts.typedTable} AS a WHERE a.account_id = v.account_id)`;
}

/**
 * Runs every row-level check of a staged table and returns its issues in row order,
 * at most `limit` of them, and whether more were found.
 */
export async function checkRows(
  connection: DuckDBConnection,
  staged: StagedColumns,
  accounts: AccountsReference | null,
  limit: number,
): Promise<{ issues: ImportIssue[]; more: boolean }> {
  const parts: string[] = [];
  // One branch per checked column and ordered pair; each reads only its own columns.
  for (const cell of cellProblems(staged)) {
    parts.push(`
      SELECT * FROM (
        SELECT v.source_row, ${cell.position} AS position, ${cell.column} AS column_name,
          ${cell.value} AS value, ${cell.message} AS message
        FROM ${staged.textTable} AS t POSITIONAL JOIN ${staged.typedTable} AS v
      )
      WHERE message IS NOT NULL`);
  }
  for (const part of [repeatedKeys(staged), unknownAccounts(staged, accounts)]) {
    if (part !== null) parts.push(part);
  }
  if (parts.length === 0) return { issues: [], more: false };

  const reader = await connection.runAndReadAll(
    `${parts.join('\nUNION ALL\n')}\nORDER BY source_row, position LIMIT ${limit + 1}`,
  );
  const issues = reader.getRows().map((row): ImportIssue => ({
    file: staged.file,
    row: toNumber(row[0] ?? null),
    column: toText(row[2] ?? null),
    value: toText(row[3] ?? null),
    message: toText(row[4] ?? null) ?? '',
  }));
  return { issues: issues.slice(0, limit), more: issues.length > limit };
}
