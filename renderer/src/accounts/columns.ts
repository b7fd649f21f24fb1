/**
 * The Accounts grid's columns. Each has a stable id, so the column chooser and
 * saved layouts can name it, and a filter that suits its values.
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { LAYER_IDS, LAYERS } from '../../../core/catalogue.ts';
import { formatAmount, formatScore } from '../format.ts';
import { OVERRIDE_LABELS, RAG_LABELS } from '../labels.ts';
import {
  AccountCell,
  BandCell,
  CoverageCell,
  OverridesCell,
  RenewalRiskCell,
  ScoreCell,
  VelocityCell,
} from './gridCells.ts';
import type { AccountRow } from './rows.ts';

type Column = ColDef<AccountRow>;

/** Missing values sort last in both directions: an unscored account is not the worst one. */
function missingLast(
  left: number | string | null,
  right: number | string | null,
  _leftNode: unknown,
  _rightNode: unknown,
  descending: boolean,
): number {
  if (left === null || right === null) {
    if (left === right) return 0;
    return (left === null ? 1 : -1) * (descending ? -1 : 1);
  }
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

const score = (params: ValueFormatterParams<AccountRow, number | null>) =>
  formatScore(params.value ?? null);

const isoDateFilter = {
  comparator(filterDate: Date, cellValue: string | null): number {
    if (cellValue === null) return -1;
    const filterText = new Date(
      Date.UTC(filterDate.getFullYear(), filterDate.getMonth(), filterDate.getDate()),
    )
      .toISOString()
      .slice(0, 10);
    if (cellValue === filterText) return 0;
    return cellValue < filterText ? -1 : 1;
  },
};

const BAND_ORDER = { red: 0, yellow: 1, green: 2, unscored: 3 } as const;

const layerColumns: Column[] = LAYER_IDS.map((layer) => ({
  colId: `layer_${layer}`,
  headerName: LAYERS[layer].label.replace('Product usage', 'Usage'),
  headerTooltip: `${LAYERS[layer].label} layer score (0–100)`,
  valueGetter: (params) => params.data?.layers[layer] ?? null,
  valueFormatter: score,
  comparator: missingLast,
  filter: 'agNumberColumnFilter',
  type: 'rightAligned',
  width: 118,
}));

/** All columns, in their default order. */
export const ACCOUNT_COLUMNS: Column[] = [
  {
    colId: 'account_name',
    field: 'accountName',
    headerName: 'Account',
    cellRenderer: AccountCell,
    filter: 'agTextColumnFilter',
    pinned: 'left',
    width: 220,
    lockVisible: true,
  },
  {
    colId: 'account_id',
    field: 'accountId',
    headerName: 'Account ID',
    filter: 'agTextColumnFilter',
    cellClass: 'mono muted',
    width: 130,
  },
  {
    colId: 'score',
    field: 'score',
    headerName: 'Score',
    headerTooltip: 'Final health score after overrides (0–100)',
    cellRenderer: ScoreCell,
    comparator: missingLast,
    filter: 'agNumberColumnFilter',
    sort: 'asc',
    width: 112,
  },
  {
    colId: 'rag',
    field: 'rag',
    headerName: 'Band',
    cellRenderer: BandCell,
    comparator: (left: AccountRow['rag'], right: AccountRow['rag']) =>
      BAND_ORDER[left] - BAND_ORDER[right],
    filter: 'agTextColumnFilter',
    filterValueGetter: (params) => (params.data ? RAG_LABELS[params.data.rag] : ''),
    getQuickFilterText: (params) => RAG_LABELS[params.data.rag],
    width: 116,
  },
  {
    colId: 'velocity',
    field: 'velocity',
    headerName: 'Velocity (14 d)',
    headerTooltip: 'Score change over the last 14 days; a drop of 20 or more is urgent',
    cellRenderer: VelocityCell,
    comparator: missingLast,
    filter: 'agNumberColumnFilter',
    width: 150,
  },
  ...layerColumns,
  {
    colId: 'coverage',
    field: 'coverage',
    headerName: 'Coverage',
    headerTooltip: 'Share of the model’s layer weight that has data',
    cellRenderer: CoverageCell,
    filter: 'agNumberColumnFilter',
    filterValueGetter: (params) => (params.data ? Math.round(params.data.coverage * 100) : null),
    width: 200,
  },
  {
    colId: 'overrides',
    headerName: 'Overrides',
    valueGetter: (params) =>
      params.data?.overrides.map((name) => OVERRIDE_LABELS[name]).join('; ') ?? '',
    cellRenderer: OverridesCell,
    filter: 'agTextColumnFilter',
    width: 300,
  },
  {
    colId: 'renewal_risk',
    field: 'renewalRisk',
    headerName: 'Renewal risk',
    cellRenderer: RenewalRiskCell,
    filter: 'agTextColumnFilter',
    filterValueGetter: (params) => (params.data?.renewalRisk ? 'yes' : 'no'),
    width: 128,
  },
  {
    colId: 'arr',
    field: 'arr',
    headerName: 'ARR',
    valueFormatter: (params) => formatAmount(params.value ?? null),
    comparator: missingLast,
    filter: 'agNumberColumnFilter',
    type: 'rightAligned',
    cellClass: 'numeric',
    width: 120,
  },
  {
    colId: 'segment',
    field: 'segment',
    headerName: 'Segment',
    filter: 'agTextColumnFilter',
    width: 128,
  },
  {
    colId: 'csm_owner',
    field: 'csmOwner',
    headerName: 'CSM owner',
    filter: 'agTextColumnFilter',
    width: 150,
  },
  {
    colId: 'renewal_date',
    field: 'renewalDate',
    headerName: 'Next renewal',
    comparator: missingLast,
    filter: 'agDateColumnFilter',
    filterParams: isoDateFilter,
    cellClass: 'numeric',
    width: 144,
  },
];

export const DEFAULT_COLUMN: Column = {
  sortable: true,
  resizable: true,
  suppressHeaderMenuButton: true,
  // CSV gets the raw values (62.5, 2025-03-31), not the grid's display text.
  useValueFormatterForExport: false,
};
