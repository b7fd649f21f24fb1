/**
 * One chosen file in the preview: the table it fills, and for each contract
 * column of that table the file column that feeds it (a select: the mapping
 * editor), the type DuckDB detects there and whether it was found by name,
 * mapped, or is missing. File columns that feed nothing are listed as extra.
 */
import type { ApiIssue, ImportMapping, ImportPreviewFile } from '../../../core/api.ts';
import { CONTRACT, TABLE_NAMES, type ColumnSpec } from '../../../core/contract.ts';
import { fileState } from './file-state.ts';
import {
  columnStatus,
  shownSource,
  sourceOf,
  withColumnSource,
  withFileTable,
  type ColumnStatus,
} from './mapping-edit.ts';

const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', parquet: 'Parquet', json: 'JSON' };

const STATUS_LABELS: Record<ColumnStatus, string> = {
  matched: 'Matched',
  mapped: 'Mapped',
  'missing-required': 'Missing, required',
  missing: 'Not in file',
};

const TYPE_LABELS: Record<ColumnSpec['type'], string> = {
  string: 'text',
  date: 'date',
  timestamp: 'timestamp',
  integer: 'integer',
  number: 'number',
  money: 'money',
  bool: 'true/false',
  enum: 'one of a list',
};

const NOT_IN_FILE = '';

export interface FilePreviewCardProps {
  readonly preview: ImportPreviewFile;
  /** The preview's problems that hold the import back; the card counts its file's. */
  readonly blocking: readonly ApiIssue[];
  readonly mapping: ImportMapping;
  readonly disabled: boolean;
  readonly onMappingChange: (mapping: ImportMapping) => void;
}

function rowCount(rows: number | null): string {
  if (rows === null) return 'not read';
  return `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;
}

export function FilePreviewCard({
  preview,
  blocking,
  mapping,
  disabled,
  onMappingChange,
}: FilePreviewCardProps) {
  const spec = CONTRACT.find((table) => table.name === preview.table);
  const mappedTable = Object.entries(mapping.files ?? {}).some(
    ([name]) => name.trim().toLowerCase() === preview.file.trim().toLowerCase(),
  );
  const { state, label: stateLabel } = fileState(preview, blocking);

  return (
    <article className={`import-file import-file-${state}`} aria-label={preview.file}>
      <header className="import-file-header">
        <div className="import-file-title">
          <span className="import-file-name">{preview.file}</span>
          {preview.format !== null ? (
            <span className="import-badge">{FORMAT_LABELS[preview.format] ?? preview.format}</span>
          ) : null}
        </div>
        <span className={`import-state import-state-${state}`}>{stateLabel}</span>
      </header>

      <div className="import-file-meta">
        <label className="import-table-choice">
          <span>Table</span>
          <select
            value={preview.table ?? NOT_IN_FILE}
            disabled={disabled || preview.format === null}
            onChange={(event) =>
              onMappingChange(withFileTable(mapping, preview.file, event.target.value || null))
            }
          >
            {preview.table === null || mappedTable ? (
              <option value={NOT_IN_FILE}>
                {preview.table === null ? 'Not a contract table' : 'By file name'}
              </option>
            ) : null}
            {TABLE_NAMES.map((table) => (
              <option key={table} value={table}>
                {table}
              </option>
            ))}
          </select>
        </label>
        <span className="import-muted">{rowCount(preview.rows)}</span>
        {spec !== undefined ? (
          <span className="import-muted">
            {spec.columns.filter((column) => sourceOf(preview, column.name)).length} of{' '}
            {spec.columns.length} contract columns found
          </span>
        ) : null}
      </div>

      {spec !== undefined ? (
        <table className="import-columns">
          <thead>
            <tr>
              <th scope="col">Contract column</th>
              <th scope="col">File column</th>
              <th scope="col">Detected type</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {spec.columns.map((column) => {
              const source = sourceOf(preview, column.name);
              const status = columnStatus(preview, column.name);
              return (
                <tr key={column.name} className={`import-column-${status}`}>
                  <th scope="row">
                    <span className="import-mono">{column.name}</span>
                    <span className="import-contract-type">
                      {TYPE_LABELS[column.type]}
                      {column.required ? <span className="import-required">required</span> : null}
                    </span>
                  </th>
                  <td>
                    <select
                      aria-label={`File column for ${spec.name}.${column.name}`}
                      value={shownSource(preview, mapping, spec.name, column.name) ?? NOT_IN_FILE}
                      disabled={disabled}
                      onChange={(event) =>
                        onMappingChange(
                          withColumnSource(
                            mapping,
                            spec.name,
                            column.name,
                            event.target.value === NOT_IN_FILE ? null : event.target.value,
                          ),
                        )
                      }
                    >
                      <option value={NOT_IN_FILE}>— none —</option>
                      {preview.columns.map((candidate) => (
                        <option key={candidate.name} value={candidate.name}>
                          {candidate.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="import-mono import-muted">{source?.sniffedType ?? ''}</td>
                  <td>
                    <span className={`import-status import-status-${status}`}>
                      {STATUS_LABELS[status]}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="import-file-note">
          {preview.format === null
            ? 'Only .csv, .parquet, .ndjson, .jsonl and .json files are read.'
            : 'The file name is not a table of the data contract. Choose the table it holds to import it.'}
        </p>
      )}

      {spec !== undefined && preview.extraColumns.length > 0 ? (
        <footer className="import-extra">
          <span className="import-extra-label">Not imported</span>
          {preview.extraColumns.map((name) => (
            <span key={name} className="import-chip import-mono">
              {name}
            </span>
          ))}
        </footer>
      ) : null}
    </article>
  );
}
