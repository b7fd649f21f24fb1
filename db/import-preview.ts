/**
 * Previewing a dataset folder without importing it, for the mapping editor: which
 * table each file would fill, its columns with DuckDB's sniffed types and how they
 * map, what is missing or extra, and how its year-last date columns would be read.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableSpec, type TableName } from '../core/contract.ts';
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
  decideDateOrder,
  readDateEvidence,
  type DateDecision,
} from './import-dates.ts';
import { listDataset, type FileFormat } from './import-files.ts';
import { fileIssue, printableIssue, type ImportIssue } from './import-issues.ts';
import {
  clearRejects,
  openSource,
  rejectedLines,
  sniffedTypes,
  type FileSource,
} from './import-source.ts';
import { matchColumns, type ColumnMapping } from './mapping.ts';
import { IMPORT_MACROS, type DateOrder } from './parse.ts';
import { openWorkspace } from './workspace.ts';

const REJECTED_LINES_SHOWN = 200;

/** How one column of a previewed file lines up with the contract. */
export interface PreviewColumn {
  /** The column's name as the file spells it. */
  readonly name: string;
  /** The type DuckDB's own sniffing guesses (display only; the import reads text). */
  readonly sniffedType: string;
  /** The contract column it feeds, or null for a column that is not imported. */
  readonly column: string | null;
  readonly via: 'name' | 'mapping' | null;
}

/** What a previewed date column's year-last values (03/04/2025) say about their order. */
export interface PreviewDateColumn {
  readonly name: string;
  readonly column: string;
  /** How many values are written year-last; the rest are ISO 8601. */
  readonly yearLastValues: number;
  readonly decision: DateDecision;
}

/** A previewed file: its table, its columns and how they map, and its year-last date columns. */
export interface FilePreview {
  readonly file: string;
  readonly format: FileFormat | null;
  /** The table the file would be imported as; null for a file that is not imported. */
  readonly table: TableName | null;
  /** Data rows (records) in the file, lines the CSV reader refuses included; null when not read. */
  readonly rows: number | null;
  readonly columns: readonly PreviewColumn[];
  readonly missingRequired: readonly string[];
  readonly missingOptional: readonly string[];
  readonly extraColumns: readonly string[];
  readonly dateColumns: readonly PreviewDateColumn[];
}

/** What an import of the folder would find, short of its row-level checks. */
export interface DatasetPreview {
  readonly files: readonly FilePreview[];
  /** Problems that would stop the import: folder, files, columns, undecidable dates, unreadable lines. */
  readonly errors: readonly ImportIssue[];
  readonly warnings: readonly ImportIssue[];
}

export interface PreviewOptions {
  readonly mapping?: ColumnMapping;
  readonly dateOrder?: DateOrder;
}

async function previewFile(
  connection: DuckDBConnection,
  file: { file: string; path: string; format: FileFormat | null; table: TableName | null },
  options: { mapping: ColumnMapping | null; dateOrder: DateOrder | null },
  errors: ImportIssue[],
  warnings: ImportIssue[],
): Promise<FilePreview> {
  const empty: FilePreview = {
    file: file.file,
    format: file.format,
    table: file.table,
    rows: null,
    columns: [],
    missingRequired: [],
    missingOptional: [],
    extraColumns: [],
    dateColumns: [],
  };
  if (file.format === null) return empty;
  const format = file.format;
  const problem = await contentProblem(file.path, format);
  if (problem !== null) {
    if (file.table !== null) errors.push(fileIssue(file.file, problem));
    return empty;
  }
  let source: FileSource;
  let types: Map<string, string>;
  try {
    source = await openSource(connection, file.path, format);
    types = await sniffedTypes(connection, file.path, format);
  } catch (error) {
    if (file.table !== null)
      errors.push(fileIssue(file.file, sourceErrorMessage(error, { ...file, format })));
    return empty;
  }
  if (file.table !== null && source.noRecords) {
    // An empty JSON array: no columns to show, and no rows.
    if (tableSpec(file.table).required) errors.push(noDataRowsIssue(file.file, file.table));
    return { ...empty, rows: 0 };
  }
  if (file.table === null) {
    const columns = source.headers.map((name) => ({
      name,
      sniffedType: types.get(name) ?? 'VARCHAR',
      column: null,
      via: null,
    }));
    return { ...empty, columns, extraColumns: source.headers };
  }

  const spec = tableSpec(file.table);
  const matching = matchColumns(spec, source.headers, options.mapping);
  const found = columnIssues(file.file, source, matching, file.table);
  errors.push(...found.errors);
  warnings.push(...found.warnings);
  const columns = source.headers.map((name): PreviewColumn => {
    const match = matching.matches.find((candidate) => candidate.header === name);
    return {
      name,
      sniffedType: types.get(name) ?? 'VARCHAR',
      column: match?.column ?? null,
      via: match?.via ?? null,
    };
  });
  const required = new Set(
    spec.columns.filter((column) => column.required).map((column) => column.name),
  );
  const preview = {
    ...empty,
    columns,
    missingRequired: matching.missing.filter((name) => required.has(name)),
    missingOptional: matching.missing.filter((name) => !required.has(name)),
    extraColumns: matching.extra,
  };
  if (matching.matches.length === 0) return preview;

  const dates = dateMatches(file.table, matching);
  const text = `(${textSelect(source, matching)})`;
  try {
    // Count first and collect the malformed lines of that one scan only. The reader
    // skips those lines, so they are added back: the count is the file's data rows.
    await clearRejects(connection);
    const readRows = await tableRows(connection, text);
    const rejected = await rejectedLines(connection, REJECTED_LINES_SHOWN);
    for (const line of rejected.lines) {
      const { line: row, text: value, message } = line;
      errors.push({ file: file.file, row, column: null, value, message });
    }
    const rows = readRows + rejected.lineCount;
    if (spec.required && rows === 0) errors.push(noDataRowsIssue(file.file, file.table));
    const evidence = await readDateEvidence(
      connection,
      text,
      dates.map((match) => match.column),
      null,
    );
    const dateColumns = dates.map((match): PreviewDateColumn => {
      const columnEvidence = evidence.get(match.column)!;
      const decision = decideDateOrder(columnEvidence, options.dateOrder);
      const issues = dateDecisionIssues(file.file, match.header, decision);
      if (issues.error) errors.push(issues.error);
      if (issues.warning) warnings.push(issues.warning);
      return {
        name: match.header,
        column: match.column,
        yearLastValues: columnEvidence.yearLast,
        decision,
      };
    });
    return { ...preview, rows, dateColumns };
  } catch (error) {
    errors.push(fileIssue(file.file, sourceErrorMessage(error, { ...file, format })));
    return preview;
  }
}

/**
 * Reads a dataset folder without importing it: for every file its table, its columns
 * with DuckDB's sniffed types and how they map to the contract, unknown columns, and
 * how its year-last date columns would be read. Uses a scratch in-memory database.
 */
export async function previewDataset(
  folder: string,
  options: PreviewOptions = {},
): Promise<DatasetPreview> {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const { mapping, errors: mappingErrors } = await chosenMapping(null, options.mapping);
  if (mappingErrors.length > 0)
    return { files: [], errors: mappingErrors.map(printableIssue), warnings };
  const listing = await listDataset(folder, mapping);
  errors.push(...listing.errors);
  warnings.push(...listing.warnings);

  const scratch = await openWorkspace(':memory:');
  try {
    for (const macro of IMPORT_MACROS) await scratch.connection.run(macro);
    const settings = { mapping, dateOrder: options.dateOrder ?? null };
    const files: FilePreview[] = [];
    for (const file of [
      ...listing.files,
      ...listing.others.map((other) => ({ ...other, table: null })),
    ]) {
      files.push(await previewFile(scratch.connection, file, settings, errors, warnings));
    }
    return { files, errors: errors.map(printableIssue), warnings: warnings.map(printableIssue) };
  } finally {
    scratch.close();
  }
}
