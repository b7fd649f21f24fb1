import { TABLE_NAMES } from '../../core/contract.ts';
import type { WorkspaceSummary, WorkspaceTable } from '../../core/api.ts';
import { toNumber, toText } from '../workspace.ts';
import { fileName, workspaceLabel, type ApiContext } from './context.ts';

const DATASET_TABLES_SQL = 'SELECT table_name, source_file, row_count FROM dataset_tables';
const ACCOUNT_COUNT_SQL = 'SELECT count(*) FROM accounts';
// Usage is the one required activity table, so its days are the span that can be scored.
const USAGE_RANGE_SQL = 'SELECT CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR) FROM usage';

/**
 * Summarises the open workspace: its label, the tables the dataset provided (in
 * contract order, each with the file name it came from and its row count), the
 * number of accounts, and the first and last day of usage (null without usage).
 */
export async function getWorkspace(context: ApiContext): Promise<WorkspaceSummary> {
  const { connection } = context.workspace;

  const tableRows = (await connection.runAndReadAll(DATASET_TABLES_SQL)).getRows();
  const tables: WorkspaceTable[] = tableRows.map(([table, file, rows]) => ({
    table: toText(table ?? null) ?? '',
    file: fileName(toText(file ?? null) ?? ''),
    rows: toNumber(rows ?? null),
  }));
  tables.sort((left, right) => contractOrder(left.table) - contractOrder(right.table));

  const accountRows = (await connection.runAndReadAll(ACCOUNT_COUNT_SQL)).getRows();
  const rangeRows = (await connection.runAndReadAll(USAGE_RANGE_SQL)).getRows();

  return {
    label: workspaceLabel(context),
    isSample: context.isSample ?? false,
    tables,
    accountCount: toNumber(accountRows[0]?.[0] ?? null),
    dataStart: toText(rangeRows[0]?.[0] ?? null),
    dataEnd: toText(rangeRows[0]?.[1] ?? null),
  };
}

/** Position in the contract; tables unknown to the contract sort last. */
function contractOrder(table: string): number {
  const index = (TABLE_NAMES as readonly string[]).indexOf(table);
  return index === -1 ? TABLE_NAMES.length : index;
}
