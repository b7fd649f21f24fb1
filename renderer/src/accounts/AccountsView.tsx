/**
 * Accounts: every eligible account at the as-of date, scored in the renderer.
 * Re-scoring (a new date or a change of the model) hands the grid new row objects
 * with the same ids, so AG Grid updates rows in place and the selection stays;
 * the vertical scroll is put back where it was.
 */
import type { GridApi, GridReadyEvent, IRowNode, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelConfig } from '../../../core/config.ts';
import { formatDay } from '../../../core/dates.ts';
import type { AsOfScores } from '../data/scoring.ts';
import { AccountsSummary } from './AccountsSummary.tsx';
import { ColumnChooser, type ChoosableColumn } from './ColumnChooser.tsx';
import { ACCOUNT_COLUMNS, DEFAULT_COLUMN } from './columns.ts';
import { processExportCell } from './csv.ts';
import { gridTheme } from './grid.ts';
import { RagFilter, type BandFilter } from './RagFilter.tsx';
import { buildAccountRows, countBands, type AccountRow } from './rows.ts';

interface AccountsViewProps {
  readonly config: ModelConfig;
  readonly scores: AsOfScores | null;
  /** A new as-of date is being scored; the rows shown are still the previous date's. */
  readonly rescoring: boolean;
  readonly selectedAccountId: string | null;
  readonly onSelect: (accountId: string) => void;
}

const CHOOSABLE: readonly ChoosableColumn[] = ACCOUNT_COLUMNS.filter(
  (column) => !column.lockVisible,
).map((column) => ({ id: column.colId as string, label: column.headerName ?? '' }));

const rowId = ({ data }: { data: AccountRow }) => data.accountId;

export function AccountsView({
  config,
  scores,
  rescoring,
  selectedAccountId,
  onSelect,
}: AccountsViewProps) {
  const grid = useRef<AgGridReact<AccountRow>>(null);
  const container = useRef<HTMLDivElement>(null);
  const band = useRef<BandFilter>('all');
  const scrollToRestore = useRef<number | null>(null);
  const [bandFilter, setBandFilter] = useState<BandFilter>('all');
  const [search, setSearch] = useState('');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState(0);

  const rows = useMemo(() => {
    // Read before the grid sees the new rows: the scroll position to come back to.
    const api = grid.current?.api;
    scrollToRestore.current = api && !api.isDestroyed() ? api.getVerticalPixelRange().top : null;
    return scores ? buildAccountRows(scores) : [];
  }, [scores]);
  const counts = useMemo(() => countBands(rows), [rows]);

  useEffect(() => {
    band.current = bandFilter;
    grid.current?.api?.onFilterChanged();
  }, [bandFilter]);

  useEffect(() => {
    const api = grid.current?.api;
    if (!api || selectedAccountId === null) return;
    const node = api.getRowNode(selectedAccountId);
    if (node && !node.isSelected()) node.setSelected(true);
  }, [selectedAccountId, rows]);

  const isExternalFilterPresent = useCallback(() => band.current !== 'all', []);
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<AccountRow>) => node.data?.rag === band.current,
    [],
  );

  const restoreScroll = useCallback(() => {
    const top = scrollToRestore.current;
    scrollToRestore.current = null;
    // AG Grid has no call to set a pixel scroll; its scrolling element is the viewport.
    const viewport = container.current?.querySelector<HTMLElement>(
      '.ag-grid-viewport, .ag-body-viewport',
    );
    if (top !== null && viewport) viewport.scrollTop = top;
  }, []);

  const onGridReady = useCallback(
    (event: GridReadyEvent<AccountRow>) => {
      setShown(event.api.getDisplayedRowCount());
      if (selectedAccountId !== null) event.api.getRowNode(selectedAccountId)?.setSelected(true);
    },
    [selectedAccountId],
  );
  const onModelUpdated = useCallback(
    ({ api }: { api: GridApi<AccountRow> }) => setShown(api.getDisplayedRowCount()),
    [],
  );
  const onRowClicked = useCallback(
    (event: RowClickedEvent<AccountRow>) => {
      if (event.data) onSelect(event.data.accountId);
    },
    [onSelect],
  );

  const toggleColumn = (id: string, visible: boolean) => {
    grid.current?.api.setColumnsVisible([id], visible);
    const next = new Set(hidden);
    if (visible) next.delete(id);
    else next.add(id);
    setHidden(next);
  };
  const showAllColumns = () => {
    grid.current?.api.setColumnsVisible(
      CHOOSABLE.map((column) => column.id),
      true,
    );
    setHidden(new Set());
  };
  const exportCsv = () => {
    const asOf = scores ? formatDay(scores.asOf) : 'accounts';
    grid.current?.api.exportDataAsCsv({
      fileName: `accounts-${asOf}.csv`,
      processCellCallback: processExportCell,
    });
  };

  return (
    <section className="accounts-view" aria-label="Accounts">
      <AccountsSummary rows={rows} config={config} />
      <div className="toolbar">
        <RagFilter
          value={bandFilter}
          counts={counts}
          total={rows.length}
          onChange={setBandFilter}
        />
        <input
          type="search"
          className="search"
          placeholder="Search accounts, owners, segments…"
          aria-label="Search accounts"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <div className="toolbar-end">
          {rescoring ? <span className="busy">Scoring…</span> : null}
          <span className="shown-count" data-testid="shown-count" data-count={shown}>
            {shown === rows.length
              ? `${shown.toLocaleString('en-US')} accounts`
              : `${shown.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} accounts`}
          </span>
          <ColumnChooser
            columns={CHOOSABLE}
            hidden={hidden}
            onToggle={toggleColumn}
            onReset={showAllColumns}
          />
          <button type="button" className="button" onClick={exportCsv}>
            Export CSV
          </button>
        </div>
      </div>
      <div className="grid-frame" ref={container} data-testid="accounts-grid">
        <AgGridReact<AccountRow>
          ref={grid}
          theme={gridTheme}
          rowData={rows}
          columnDefs={ACCOUNT_COLUMNS}
          defaultColDef={DEFAULT_COLUMN}
          getRowId={rowId}
          rowSelection={SELECTION}
          quickFilterText={search}
          cacheQuickFilter
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={doesExternalFilterPass}
          onGridReady={onGridReady}
          onModelUpdated={onModelUpdated}
          onRowDataUpdated={restoreScroll}
          onRowClicked={onRowClicked}
          loading={scores === null}
          tooltipShowDelay={400}
          animateRows={false}
        />
      </div>
    </section>
  );
}

const SELECTION = {
  mode: 'singleRow',
  checkboxes: false,
  enableClickSelection: true,
} as const;
