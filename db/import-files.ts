/**
 * Which files of a dataset folder hold which contract table. One file per table,
 * named after the table (any case) or mapped to it by the column mapping's "files"
 * entry; files that are not tables are reported, never guessed at.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CONTRACT, TABLE_NAMES, type TableName } from '../core/contract.ts';
import { fileIssue, type ImportIssue } from './import-issues.ts';
import { tableForFile, type ColumnMapping } from './mapping.ts';

/** How a file is read: CSV with a header row, Parquet, or JSON records (NDJSON or one array). */
export type FileFormat = 'csv' | 'parquet' | 'json';

const FORMATS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.parquet': 'parquet',
  '.ndjson': 'json',
  '.jsonl': 'json',
  '.json': 'json',
};

/** One file of the dataset and the table it holds. */
export interface DatasetFile {
  /** The file's name inside the folder, as issues and `dataset_tables` name it. */
  readonly file: string;
  readonly path: string;
  readonly format: FileFormat;
  readonly table: TableName;
}

/** A file that holds no table; the preview still shows its columns so that it can be mapped. */
export interface OtherFile {
  readonly file: string;
  readonly path: string;
  readonly format: FileFormat | null;
}

/** The files to import (one per table, in contract order) and what was wrong with the folder. */
export interface DatasetListing {
  readonly files: readonly DatasetFile[];
  readonly others: readonly OtherFile[];
  readonly errors: readonly ImportIssue[];
  readonly warnings: readonly ImportIssue[];
}

const REQUIRED_TABLES = CONTRACT.filter((table) => table.required).map((table) => table.name);

/**
 * Lists a dataset folder. Errors: the folder cannot be read, two files hold the same
 * table, a required table (accounts, usage) has no file. Warnings: files that hold no
 * table (hidden files are skipped silently). Dataset-level issues name the folder.
 */
export async function listDataset(
  folder: string,
  mapping: ColumnMapping | null,
): Promise<DatasetListing> {
  let names: string[];
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    names = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    const errors = [fileIssue(folder, `the dataset folder ${reason}`)];
    return { files: [], others: [], errors, warnings: [] };
  }

  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const others: OtherFile[] = [];
  const byTable = new Map<TableName, DatasetFile>();
  for (const file of names.filter((name) => !name.startsWith('.')).sort()) {
    const extension = extname(file);
    const stem = file.slice(0, file.length - extension.length);
    const format = FORMATS[extension.toLowerCase()];
    const table = tableForFile(file, stem, mapping);
    if (table === null) {
      warnings.push(fileIssue(file, 'not a table of the data contract; not imported'));
      others.push({ file, path: join(folder, file), format: format ?? null });
      continue;
    }
    if (format === undefined) {
      others.push({ file, path: join(folder, file), format: null });
      warnings.push(
        fileIssue(
          file,
          `looks like table ${table}, but only .csv, .parquet, .ndjson, .jsonl and .json files are read; not imported`,
        ),
      );
      continue;
    }
    const earlier = byTable.get(table);
    if (earlier) {
      errors.push(
        fileIssue(file, `${earlier.file} and ${file} both hold table ${table}; keep only one`),
      );
      continue;
    }
    byTable.set(table, { file, path: join(folder, file), format, table });
  }

  for (const table of REQUIRED_TABLES) {
    if (!byTable.has(table)) {
      errors.push(
        fileIssue(
          folder,
          `required table ${table} has no file (expected ${table}.csv, .parquet, .ndjson, .jsonl or .json)`,
        ),
      );
    }
  }
  const files = TABLE_NAMES.flatMap((table) => byTable.get(table) ?? []);
  return { files, others, errors, warnings };
}
