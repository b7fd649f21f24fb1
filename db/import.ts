/**
 * Importing a dataset folder into a workspace, all or nothing. Every file is read as
 * text into temporary staging tables, converted and checked there in set-based SQL,
 * and only when no error was found anywhere are the workspace's tables replaced, in
 * one transaction. A failed import leaves the workspace exactly as it was; input
 * files are only ever read.
 */
import { quotedIdentifier, type DuckDBConnection } from '@duckdb/node-api';
import { CONTRACT, tableSpec, type TableName } from '../core/contract.ts';
import { checkRows, type AccountsReference, type StagedColumns } from './import-check.ts';
import {
  chosenMapping,
  columnIssues,
  dateMatches,
  noDataRowsIssue,
  sourceErrorMessage,
  tableRows,
  textSelect,
} from './import-columns.ts';
import { contentProblem } from './import-content.ts';
import {
  dateDecisionIssues,
  dateDecisionReason,
  decideDateOrder,
  readDateEvidence,
} from './import-dates.ts';
import { listDataset, type DatasetFile } from './import-files.ts';
import {
  collectIssues,
  fileIssue,
  printableIssue,
  type ImportIssue,
  type IssueCollector,
} from './import-issues.ts';
import {
  clearRejects,
  emptySource,
  openSource,
  rejectedLines,
  type FileSource,
} from './import-source.ts';
import { MAPPING_META_KEY, matchColumns, type ColumnMapping } from './mapping.ts';
import { IMPORT_MACROS, valueSql, type DateOrder, type DateReading } from './parse.ts';
import { sqlType } from './schema.ts';
import type { Workspace } from './workspace.ts';

export type { ImportIssue } from './import-issues.ts';
export type { DateOrder } from './parse.ts';
export type { DateDecision } from './import-dates.ts';
export { loadMappingFile, parseColumnMapping, readSavedMapping } from './mapping.ts';
export type { ColumnMapping, MappingResult } from './mapping.ts';
export { previewDataset } from './import-preview.ts';
export type {
  DatasetPreview,
  FilePreview,
  PreviewColumn,
  PreviewDateColumn,
  PreviewOptions,
} from './import-preview.ts';

/** Progress of a long import: reading files, checking tables, replacing the workspace's tables. */
export interface ImportProgress {
  readonly step: 'read' | 'check' | 'replace';
  readonly done: number;
  readonly total: number;
}

export interface ImportOptions {
  /** Export names → contract names; without it the mapping saved by the last import is used. */
  readonly mapping?: ColumnMapping;
  /** How year-last dates (03/04/2025) are read; without it a column must decide by itself. */
  readonly dateOrder?: DateOrder;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** At most this many errors are reported (default 200); `truncated` says when more existed. */
  readonly maxErrors?: number;
}

/** One table the import wrote, from which file, with how many rows. */
export interface ImportedTable {
  readonly table: TableName;
  readonly file: string;
  readonly rows: number;
}

export type ImportResult =
  | { readonly ok: true; readonly tables: ImportedTable[]; readonly warnings: ImportIssue[] }
  | {
      readonly ok: false;
      readonly errors: ImportIssue[];
      readonly truncated: boolean;
      readonly warnings: ImportIssue[];
    };

const DEFAULT_MAX_ERRORS = 200;

/** A file read into its staging tables, ready for its row checks. */
interface StagedTable extends StagedColumns {
  readonly source: DatasetFile;
}

interface ImportContext {
  readonly connection: DuckDBConnection;
  readonly mapping: ColumnMapping | null;
  readonly dateOrder: DateOrder | null;
  readonly errors: IssueCollector;
  readonly warnings: ImportIssue[];
}

function textTableName(table: TableName): string {
  return `temp.${quotedIdentifier(`import_text_${table}`)}`;
}

function typedTableName(table: TableName): string {
  return `temp.${quotedIdentifier(`import_typed_${table}`)}`;
}

async function dropStaging(connection: DuckDBConnection): Promise<void> {
  for (const table of CONTRACT) {
    await connection.run(`DROP TABLE IF EXISTS ${textTableName(table.name)}`);
    await connection.run(`DROP TABLE IF EXISTS ${typedTableName(table.name)}`);
  }
  await clearRejects(connection);
}

/** Reads one file into its text and typed staging tables; null when nothing can be checked. */
async function stageFile(context: ImportContext, file: DatasetFile): Promise<StagedTable | null> {
  const { connection, errors } = context;
  const spec = tableSpec(file.table);
  const problem = await contentProblem(file.path, file.format);
  if (problem !== null) {
    errors.add(fileIssue(file.file, problem));
    return null;
  }
  let source: FileSource;
  try {
    source = await openSource(connection, file.path, file.format);
  } catch (error) {
    errors.add(fileIssue(file.file, sourceErrorMessage(error, file)));
    return null;
  }
  if (source.noRecords) {
    // An empty JSON array has no columns to check: a table without rows.
    if (spec.required) {
      errors.add(noDataRowsIssue(file.file, file.table));
      return null;
    }
    source = emptySource(spec.columns.map((column) => column.name));
  }

  const matching = matchColumns(spec, source.headers, context.mapping);
  const found = columnIssues(file.file, source, matching, file.table);
  found.errors.forEach((issue) => errors.add(issue));
  context.warnings.push(...found.warnings);
  // Records that are not objects would read as rows of empty values; the file is refused instead.
  if (matching.matches.length === 0 || source.nonObjects.count > 0) return null;

  const textTable = textTableName(file.table);
  try {
    await clearRejects(connection);
    await connection.run(`CREATE TEMP TABLE ${textTable} AS ${textSelect(source, matching)}`);
  } catch (error) {
    errors.add(fileIssue(file.file, sourceErrorMessage(error, file)));
    return null;
  }
  const rejected = await rejectedLines(connection, errors.remaining());
  for (const line of rejected.lines) {
    errors.add({
      file: file.file,
      row: line.line,
      column: null,
      value: line.text,
      message: line.message,
    });
  }
  if (rejected.total > rejected.lines.length) errors.overflow();
  if (rejected.total > 0) return null;
  if (spec.required && (await tableRows(connection, textTable)) === 0) {
    errors.add(noDataRowsIssue(file.file, file.table));
    return null;
  }

  const dates = dateMatches(file.table, matching);
  const evidence = await readDateEvidence(
    connection,
    textTable,
    dates.map((match) => match.column),
    `rowid + ${source.firstRow}`,
  );
  const readings = new Map<string, DateReading | null>();
  const unreadable = new Set<string>();
  for (const match of dates) {
    const decision = decideDateOrder(evidence.get(match.column)!, context.dateOrder);
    const issues = dateDecisionIssues(file.file, match.header, decision);
    if (issues.error) context.errors.add(issues.error);
    if (issues.warning) context.warnings.push(issues.warning);
    if (decision.kind === 'option' || decision.kind === 'decided') {
      readings.set(match.column, { order: decision.order, reason: dateDecisionReason(decision) });
    } else if (decision.kind !== 'none') {
      unreadable.add(match.column);
    }
  }

  const typedTable = typedTableName(file.table);
  const values = matching.matches.map((match) => {
    const column = spec.columns.find((candidate) => candidate.name === match.column)!;
    const name = quotedIdentifier(match.column);
    if (unreadable.has(match.column)) return `NULL::${sqlType(column.type)} AS ${name}`;
    const order = readings.get(match.column)?.order ?? null;
    return `${valueSql(column, `t.${name}`, order)} AS ${name}`;
  });
  // The empty markers become NULL in an inner select, so each is tested once per value
  // however often the type's macro uses its input.
  const texts = matching.matches.map((match) => {
    const name = quotedIdentifier(match.column);
    return `import_unless_empty(${name}) AS ${name}`;
  });
  await connection.run(
    `CREATE TEMP TABLE ${typedTable} AS
     SELECT t.source_row, ${values.join(',\n')}
     FROM (SELECT rowid + ${source.firstRow} AS source_row, ${texts.join(', ')} FROM ${textTable}) AS t`,
  );
  const checked = matching.matches.filter((match) => !unreadable.has(match.column));
  return { spec, file: file.file, source: file, textTable, typedTable, checked, readings };
}

/** Replaces every contract table, dataset_tables and the saved mapping in one transaction. */
async function replaceTables(
  connection: DuckDBConnection,
  staged: readonly StagedTable[],
  mapping: ColumnMapping | null,
  onProgress: ((progress: ImportProgress) => void) | undefined,
): Promise<ImportedTable[]> {
  const imported: ImportedTable[] = [];
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const table of CONTRACT)
      await connection.run(`DELETE FROM main.${quotedIdentifier(table.name)}`);
    await connection.run('DELETE FROM main.dataset_tables');
    for (const [index, table] of staged.entries()) {
      const columns = table.checked.map((match) => quotedIdentifier(match.column)).join(', ');
      await connection.run(
        `INSERT INTO main.${quotedIdentifier(table.spec.name)} (${columns})
         SELECT ${columns} FROM ${table.typedTable}`,
      );
      const rows = await tableRows(connection, table.typedTable);
      await connection.run(
        'INSERT INTO main.dataset_tables (table_name, source_file, row_count) VALUES ($table, $file, $rows)',
        { table: table.spec.name, file: table.file, rows },
      );
      imported.push({ table: table.spec.name, file: table.file, rows });
      onProgress?.({ step: 'replace', done: index + 1, total: staged.length });
    }
    if (mapping !== null) {
      await connection.run(
        'INSERT OR REPLACE INTO main.workspace_meta (key, value) VALUES ($key, $value)',
        { key: MAPPING_META_KEY, value: JSON.stringify(mapping) },
      );
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  return imported;
}

function accountsReference(staged: readonly StagedTable[]): AccountsReference | null {
  const accounts = staged.find((table) => table.spec.name === 'accounts');
  if (!accounts || !accounts.checked.some((match) => match.column === 'account_id')) return null;
  return { typedTable: accounts.typedTable, file: accounts.file };
}

/**
 * Imports the dataset in `folder` into the workspace, replacing all of its contract
 * tables, or imports nothing and lists what is wrong. The mapping used (given, or else
 * the one saved by the last import) is saved with the data. Errors are user-input
 * problems; a DuckDB failure that is not about the input is thrown.
 */
export async function importDataset(
  workspace: Workspace,
  folder: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  // The limit ends up in a LIMIT clause, so it is made a whole number of at least one.
  const limit = Math.max(1, Math.floor(options.maxErrors ?? DEFAULT_MAX_ERRORS) || 1);
  const errors = collectIssues(limit);
  const warnings: ImportIssue[] = [];
  const failed = (): ImportResult => ({
    ok: false,
    errors: errors.issues.map(printableIssue),
    truncated: errors.truncated(),
    warnings: warnings.map(printableIssue),
  });

  const { mapping, errors: mappingErrors } = await chosenMapping(workspace, options.mapping);
  mappingErrors.forEach((issue) => errors.add(issue));
  if (mappingErrors.length > 0) return failed();

  const listing = await listDataset(folder, mapping);
  listing.errors.forEach((issue) => errors.add(issue));
  warnings.push(...listing.warnings);

  const { connection } = workspace;
  const context: ImportContext = {
    connection,
    mapping,
    dateOrder: options.dateOrder ?? null,
    errors,
    warnings,
  };
  for (const macro of IMPORT_MACROS) await connection.run(macro);
  await dropStaging(connection);
  try {
    const staged: StagedTable[] = [];
    for (const [index, file] of listing.files.entries()) {
      const table = await stageFile(context, file);
      if (table !== null) staged.push(table);
      options.onProgress?.({ step: 'read', done: index + 1, total: listing.files.length });
    }

    const accounts = accountsReference(staged);
    for (const [index, table] of staged.entries()) {
      const found = await checkRows(connection, table, accounts, errors.remaining());
      found.issues.forEach((issue) => errors.add(issue));
      if (found.more) errors.overflow();
      await connection.run(`DROP TABLE ${table.textTable}`);
      options.onProgress?.({ step: 'check', done: index + 1, total: staged.length });
    }
    if (errors.issues.length > 0 || errors.truncated()) return failed();

    const tables = await replaceTables(connection, staged, mapping, options.onProgress);
    return { ok: true, tables, warnings: warnings.map(printableIssue) };
  } finally {
    await dropStaging(connection);
  }
}
