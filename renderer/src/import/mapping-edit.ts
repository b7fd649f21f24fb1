/**
 * Editing the column mapping from the mapping editor's choices. The mapping says,
 * per table, which export column feeds which contract column (names compared
 * trimmed and ignoring case, as the importer compares them), and under `files`
 * which table a file holds.
 */
import type { ImportMapping, ImportPreviewColumn, ImportPreviewFile } from '../../../core/api.ts';

const FILES_KEY = 'files';

function normalized(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The mapping with `column` of `table` fed by the file column `header`, or by none
 * (null). Entries that fed `column` before, or that named `header`, are dropped; a
 * header spelled like the contract column needs no entry, as it matches by name.
 */
export function withColumnSource(
  mapping: ImportMapping,
  table: string,
  column: string,
  header: string | null,
): ImportMapping {
  const entries = Object.entries(mapping[table] ?? {}).filter(
    ([source, target]) =>
      normalized(target) !== column &&
      (header === null || normalized(source) !== normalized(header)),
  );
  if (header !== null && normalized(header) !== column) entries.push([header, column]);
  return { ...mapping, [table]: Object.fromEntries(entries) };
}

/** The mapping with `file` read as `table`, or back to the table its own name gives (null). */
export function withFileTable(
  mapping: ImportMapping,
  file: string,
  table: string | null,
): ImportMapping {
  const entries = Object.entries(mapping[FILES_KEY] ?? {}).filter(
    ([name]) => normalized(name) !== normalized(file),
  );
  if (table !== null) entries.push([file, table]);
  return { ...mapping, [FILES_KEY]: Object.fromEntries(entries) };
}

/** The file column that feeds a contract column, if any. */
export function sourceOf(
  preview: ImportPreviewFile,
  column: string,
): ImportPreviewColumn | undefined {
  return preview.columns.find((candidate) => candidate.column === column);
}

/**
 * The file column the editor shows for a contract column: the one the mapping
 * names (a mapping entry wins over a same-named column, as in the importer), else
 * the one the preview matched. Shown from the mapping at once, before the next
 * preview confirms it.
 */
export function shownSource(
  preview: ImportPreviewFile,
  mapping: ImportMapping,
  table: string,
  column: string,
): string | null {
  for (const [source, target] of Object.entries(mapping[table] ?? {})) {
    if (normalized(target) !== column) continue;
    const header = preview.columns.find(
      (candidate) => normalized(candidate.name) === normalized(source),
    );
    if (header !== undefined) return header.name;
  }
  return sourceOf(preview, column)?.name ?? null;
}

/** A contract column's state in the editor: found by name, found through the mapping, or not found. */
export type ColumnStatus = 'matched' | 'mapped' | 'missing-required' | 'missing';

export function columnStatus(preview: ImportPreviewFile, column: string): ColumnStatus {
  const source = sourceOf(preview, column);
  if (source !== undefined) return source.via === 'mapping' ? 'mapped' : 'matched';
  return preview.missingRequired.includes(column) ? 'missing-required' : 'missing';
}
