/**
 * The import's read-only operations: the mapping saved with the workspace, and a
 * preview of the chosen files (tables, columns, mapping, date readings) that
 * imports nothing.
 */
import {
  OperationError,
  type DateOrder,
  type ImportFile,
  type ImportMapping,
  type ImportPreview,
  type ImportPreviewDateColumn,
  type ImportPreviewFile,
} from '../../core/api.ts';
import {
  parseColumnMapping,
  previewDataset,
  readSavedMapping,
  type ColumnMapping,
  type FilePreview,
} from '../import.ts';
import type { ApiContext } from './context.ts';
import { withUploadedFiles, withoutFolder } from './import-uploads.ts';

/** How issues about the mapping name it, the same as the importer does. */
const MAPPING_LABEL = 'column mapping';

/** The input of previewImport and startImport, after its schema. */
export interface ImportRequest {
  readonly files: readonly ImportFile[];
  readonly mapping?: ImportMapping | undefined;
  readonly dateOrder?: DateOrder | undefined;
}

/** A plain copy of a checked mapping, as the renderer edits it. */
function plainMapping(mapping: ColumnMapping): ImportMapping {
  return Object.fromEntries(
    Object.entries(mapping).map(([group, entries]) => [group, { ...entries }]),
  );
}

/** The mapping saved by the workspace's last successful import, or null when none was saved. */
export async function getSavedMapping(context: ApiContext): Promise<ImportMapping | null> {
  const saved = await readSavedMapping(context.workspace);
  return saved === null ? null : plainMapping(saved);
}

/**
 * The mapping a request uses: the one it gives, checked against the contract, else
 * the workspace's saved one, as the import itself would choose. A given mapping that
 * fails the check is a user error listing every problem.
 */
export async function requestMapping(
  context: ApiContext,
  mapping: ImportMapping | undefined,
): Promise<ColumnMapping | null> {
  if (mapping === undefined) return readSavedMapping(context.workspace);
  const checked = parseColumnMapping(mapping);
  if (checked.ok) return checked.mapping;
  throw new OperationError(
    'user',
    'The column mapping cannot be used',
    checked.errors.map((message) => ({
      file: MAPPING_LABEL,
      row: null,
      column: null,
      value: null,
      message,
    })),
  );
}

function dateColumn(column: FilePreview['dateColumns'][number]): ImportPreviewDateColumn {
  const common = {
    name: column.name,
    column: column.column,
    yearLastValues: column.yearLastValues,
  };
  const { decision } = column;
  switch (decision.kind) {
    case 'none':
      return { ...common, reading: 'none', order: null, samples: [] };
    case 'option':
      return { ...common, reading: 'chosen', order: decision.order, samples: [] };
    case 'decided':
      return {
        ...common,
        reading: 'decided',
        order: decision.order,
        samples: [decision.clue.value],
      };
    case 'ambiguous':
      return { ...common, reading: 'ambiguous', order: null, samples: [...decision.examples] };
    case 'conflicting':
      return {
        ...common,
        reading: 'conflicting',
        order: null,
        samples: [decision.dayFirst.value, decision.monthFirst.value],
      };
  }
}

function previewFile(file: FilePreview): ImportPreviewFile {
  return {
    file: file.file,
    format: file.format,
    table: file.table,
    rows: file.rows,
    columns: file.columns.map((column) => ({ ...column })),
    missingRequired: [...file.missingRequired],
    missingOptional: [...file.missingOptional],
    extraColumns: [...file.extraColumns],
    dateColumns: file.dateColumns.map(dateColumn),
  };
}

/**
 * What importing the chosen files would find, without touching the workspace: per
 * file its table, columns with DuckDB's sniffed types and how they map, missing and
 * extra columns, and how its year-last dates would be read; plus every problem that
 * would stop the import short of the row checks.
 */
export async function previewImport(
  context: ApiContext,
  request: ImportRequest,
): Promise<ImportPreview> {
  const mapping = await requestMapping(context, request.mapping);
  return withUploadedFiles(request.files, async (folder) => {
    const preview = await previewDataset(folder, {
      ...(mapping === null ? {} : { mapping }),
      ...(request.dateOrder === undefined ? {} : { dateOrder: request.dateOrder }),
    });
    return {
      files: preview.files.map(previewFile),
      errors: preview.errors.map((issue) => withoutFolder(issue, folder)),
      warnings: preview.warnings.map((issue) => withoutFolder(issue, folder)),
    };
  });
}
