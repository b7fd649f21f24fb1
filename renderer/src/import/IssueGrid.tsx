/**
 * A grid of import issues: one row per rejected value (or file and column
 * problem), with the file, the row (header = row 1), the column, the value and
 * the reason, sortable and filterable so that a long list stays usable.
 */
import { AllCommunityModule, themeQuartz, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { ApiIssue } from '../../../core/api.ts';

const MODULES = [AllCommunityModule];

const THEME = themeQuartz.withParams({
  accentColor: '#2457c5',
  borderColor: '#dde3ea',
  browserColorScheme: 'light',
  fontFamily: 'inherit',
  fontSize: 13,
  headerBackgroundColor: '#f5f7fa',
  headerFontWeight: 600,
  headerTextColor: '#3b4654',
  rowBorder: { color: '#edf0f4' },
  spacing: 6,
  wrapperBorderRadius: 6,
});

/** Rows shown before the grid scrolls instead of growing. */
const ROWS_BEFORE_SCROLLING = 12;

const NONE = '—';

interface IssueRow {
  readonly id: string;
  readonly file: string;
  readonly row: number | null;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

const COLUMNS: ColDef<IssueRow>[] = [
  { field: 'file', headerName: 'File', width: 150, cellClass: 'import-mono' },
  {
    field: 'row',
    headerName: 'Row',
    width: 90,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueFormatter: ({ value }) => (value === null || value === undefined ? NONE : String(value)),
  },
  { field: 'column', headerName: 'Column', width: 170, cellClass: 'import-mono' },
  { field: 'value', headerName: 'Value', width: 190, cellClass: 'import-mono import-value' },
  {
    field: 'reason',
    headerName: 'Reason',
    flex: 1,
    minWidth: 280,
    wrapText: true,
    autoHeight: true,
    cellClass: 'import-reason',
  },
];

const DEFAULT_COLUMN: ColDef<IssueRow> = { sortable: true, filter: true, resizable: true };

export interface IssueGridProps {
  readonly issues: readonly ApiIssue[];
  /** Names the grid for screen readers. */
  readonly label: string;
}

export function IssueGrid({ issues, label }: IssueGridProps) {
  const rows = useMemo(
    () =>
      issues.map((issue, index): IssueRow => ({
        id: String(index),
        file: issue.file,
        row: issue.row,
        column: issue.column ?? NONE,
        value: issue.value ?? NONE,
        reason: issue.message,
      })),
    [issues],
  );
  const scrolls = rows.length > ROWS_BEFORE_SCROLLING;
  return (
    <div
      className={`import-grid${scrolls ? ' import-grid-scrolling' : ''}`}
      role="region"
      aria-label={label}
    >
      <AgGridReact<IssueRow>
        modules={MODULES}
        theme={THEME}
        rowData={rows}
        columnDefs={COLUMNS}
        defaultColDef={DEFAULT_COLUMN}
        getRowId={({ data }) => data.id}
        domLayout={scrolls ? 'normal' : 'autoHeight'}
        suppressCellFocus
        enableCellTextSelection
      />
    </div>
  );
}
