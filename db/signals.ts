/**
 * Builds the signal matrix of core/matrix.ts from the workspace, for all accounts
 * and all as-of dates in one set-based pass (the SQL is in signals-sql.ts, the
 * design in docs/signals.md). Values leave DuckDB column by column into typed
 * arrays, converted by toNumber, so no bigint or DuckDB value escapes.
 */
import { INTEGER, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { TableName } from '../core/contract.ts';
import {
  RAW_COLUMNS,
  emptyColumns,
  type AccountTable,
  type RawColumn,
  type SignalMatrix,
} from '../core/matrix.ts';
import { log } from './log.ts';
import * as Sql from './signals-sql.ts';
import { dataEnd } from './snapshots.ts';
import { toNumber, toText, type Workspace } from './workspace.ts';

export interface SignalProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface SignalMatrixOptions {
  readonly onProgress?: (progress: SignalProgress) => void;
}

/** Usage columns that may be entirely empty in a dataset, which makes their signals NaN. */
type OptionalUsageColumn =
  'records_created' | 'workflows_started' | 'workflows_completed' | 'api_calls' | 'user_id';

interface ColumnSource {
  /** Tables that must all be in the dataset for the column to have values. */
  readonly tables: readonly TableName[];
  /** A usage column that must hold at least one value. */
  readonly valued?: OptionalUsageColumn;
}

const USAGE: ColumnSource = { tables: ['usage'] };
const ONLY = (table: TableName): ColumnSource => ({ tables: [table] });

/** Where every raw column comes from, for the NaN rules of core/matrix.ts. */
const COLUMN_SOURCES: Record<RawColumn, ColumnSource> = {
  usage_last14: USAGE,
  usage_prior14: USAGE,
  records_last14: { tables: ['usage'], valued: 'records_created' },
  records_prior14: { tables: ['usage'], valued: 'records_created' },
  // Without any user_id an export has account-level activity only: no user was
  // counted, so user-based signals are unknown rather than zero.
  active_users_28: { tables: ['usage'], valued: 'user_id' },
  dau_sum_28: { tables: ['usage'], valued: 'user_id' },
  workflows_started_28: { tables: ['usage'], valued: 'workflows_started' },
  workflows_completed_28: { tables: ['usage'], valued: 'workflows_completed' },
  api_calls_28: { tables: ['usage'], valued: 'api_calls' },
  integrations_connected: ONLY('integrations'),
  core_features_used_28: { tables: ['feature_usage', 'features'] },
  core_features_total: ONLY('features'),
  feature_rows_to_date: ONLY('feature_usage'),
  emails_counted_90: ONLY('emails'),
  emails_answered_90: ONLY('emails'),
  email_median_hours_90: ONLY('emails'),
  email_median_hours_30: ONLY('emails'),
  email_median_hours_prior90: ONLY('emails'),
  meetings_held_90: ONLY('meetings'),
  meetings_attended_90: ONLY('meetings'),
  csm_call_participation: ONLY('meetings'),
  trainings_attended_180: ONLY('meetings'),
  community_posts_90: ONLY('community'),
  community_views_90: ONLY('community'),
  tickets_positive_90: ONLY('tickets'),
  tickets_neutral_90: ONLY('tickets'),
  tickets_negative_90: ONLY('tickets'),
  open_escalations: ONLY('escalations'),
  contacts_started: ONLY('contacts'),
  active_contacts: ONLY('contacts'),
  champion_active: ONLY('contacts'),
  champion_left: ONLY('contacts'),
  exec_sponsor_engaged: ONLY('contacts'),
  active_sentiment_sum: ONLY('contacts'),
  active_sentiment_count: ONLY('contacts'),
  new_senior_contacts_90: ONLY('contacts'),
  outcome_roi: ONLY('outcomes'),
  outcome_goals: ONLY('outcomes'),
  outcome_value: ONLY('outcomes'),
  outcome_intent: ONLY('outcomes'),
  nps_promoters_180: ONLY('nps'),
  nps_detractors_180: ONLY('nps'),
  nps_responses_180: ONLY('nps'),
  next_renewal: { tables: [] },
};

/** The (account, as-of) pair of every row. */
interface Pairs {
  readonly accountIndex: Int32Array;
  readonly asOfIndex: Int32Array;
}

const RAW_COLUMN_SET: ReadonlySet<string> = new Set(RAW_COLUMNS);

/** Builds of one connection run one after another: they share its temporary tables. */
const pendingBuilds = new WeakMap<DuckDBConnection, Promise<unknown>>();

/**
 * The signal matrix at the given as-of dates (day numbers; sorted and de-duplicated
 * here): one row per eligible (account, as-of) pair, rows ordered by as-of date and
 * then account, every raw column as core/matrix.ts defines it. Throws on an as-of
 * date that is not a whole day number.
 */
export async function buildSignalMatrix(
  workspace: Workspace,
  asOfDates: number[],
  options: SignalMatrixOptions = {},
): Promise<SignalMatrix> {
  for (const day of asOfDates) {
    if (!Number.isSafeInteger(day)) {
      throw new RangeError(`As-of dates must be whole day numbers, got ${String(day)}`);
    }
  }
  const dates = [...new Set(asOfDates)].sort((a, b) => a - b);

  const connection = workspace.connection;
  const previous = pendingBuilds.get(connection) ?? Promise.resolve();
  const build = previous.then(() => buildInOrder(workspace, dates, options));
  pendingBuilds.set(
    connection,
    build.catch(() => undefined),
  );
  return build;
}

async function buildInOrder(
  workspace: Workspace,
  dates: readonly number[],
  options: SignalMatrixOptions,
): Promise<SignalMatrix> {
  const started = performance.now();
  try {
    const matrix = await computeMatrix(workspace, dates, options);
    const milliseconds = Math.round(performance.now() - started);
    log.info(
      `signal matrix: ${matrix.accounts.accountIds.length} accounts × ${dates.length} as-of dates → ` +
        `${matrix.accountIndex.length} rows (${milliseconds} ms)`,
    );
    return matrix;
  } finally {
    for (const table of Sql.TEMP_TABLES) {
      await workspace.connection.run(`DROP TABLE IF EXISTS temp.${table}`);
    }
  }
}

/** What the steps of one build fill in. */
interface BuildState {
  accounts?: AccountTable;
  pairs: Pairs;
  columns: Record<RawColumn, Float64Array>;
}

async function computeMatrix(
  workspace: Workspace,
  dates: readonly number[],
  options: SignalMatrixOptions,
): Promise<SignalMatrix> {
  const connection = workspace.connection;
  const present = await datasetTables(connection);
  const valued = await valuedUsageColumns(connection);
  const state: BuildState = {
    pairs: { accountIndex: new Int32Array(0), asOfIndex: new Int32Array(0) },
    columns: emptyColumns(0),
  };

  const steps = signalSteps(connection, dates, present, state);
  for (const [index, [step, run]] of steps.entries()) {
    await run();
    log.debug(`signal matrix: ${step} done`);
    options.onProgress?.({ step, done: index + 1, total: steps.length });
  }

  applyMissingRules(state.columns, present, valued);
  if (!state.accounts) throw new Error('Signal matrix: the accounts step did not run');
  return {
    accounts: state.accounts,
    asOfDates: dates,
    accountIndex: state.pairs.accountIndex,
    asOfIndex: state.pairs.asOfIndex,
    columns: state.columns,
    dataEnd: await dataEnd(workspace),
  };
}

/**
 * The stages of a build, each one set-based over all accounts and as-of dates.
 * Stages of a table the dataset lacks are skipped (its columns become NaN), and
 * so is everything after the pairs when no pair is eligible.
 */
function signalSteps(
  connection: DuckDBConnection,
  dates: readonly number[],
  present: ReadonlySet<string>,
  state: BuildState,
): [string, () => Promise<void>][] {
  const has = (table: TableName): boolean => present.has(table);
  const run = async (statements: readonly string[]) => {
    for (const statement of statements) await connection.run(statement);
  };
  const whenPairs = (work: () => Promise<void>) => async () => {
    if (state.pairs.accountIndex.length > 0) await work();
  };

  return [
    [
      'as-of dates',
      async () => {
        await run(Sql.MACROS_SQL);
        await connection.run(
          Sql.AS_OF_SQL,
          { as_of_dates: listValue([...dates]) },
          { as_of_dates: LIST(INTEGER) },
        );
      },
    ],
    [
      'accounts',
      async () => {
        await connection.run(Sql.ACCOUNTS_SQL);
        state.accounts = await readAccounts(connection);
      },
    ],
    [
      'eligible pairs',
      async () => {
        await connection.run(Sql.PAIRS_SQL);
        state.pairs = await readPairs(connection);
        state.columns = emptyColumns(state.pairs.accountIndex.length);
      },
    ],
    ['window edges', whenPairs(() => run(Sql.EDGES_SQL))],
    [
      'usage',
      whenPairs(async () => {
        if (!has('usage')) return;
        await run([Sql.USER_EDGES_SQL, Sql.USAGE_RUNNING_SQL, 'DROP TABLE temp.signal_user_edges']);
        await scatter(connection, Sql.USAGE_VALUES_SQL, state.columns);
      }),
    ],
    [
      'feature usage',
      whenPairs(async () => {
        if (has('feature_usage')) {
          await connection.run(Sql.FEATURE_RUNNING_SQL);
          await scatter(connection, Sql.FEATURE_VALUES_SQL, state.columns);
        }
        if (has('features')) {
          const reader = await connection.runAndReadAll(Sql.CORE_FEATURES_TOTAL_SQL);
          state.columns.core_features_total.fill(toNumber(reader.getRows()[0]?.[0] ?? null));
        }
      }),
    ],
    [
      'activity',
      whenPairs(async () => {
        await connection.run(Sql.ACTIVITY_RUNNING_SQL);
        await scatter(connection, Sql.ACTIVITY_VALUES_SQL, state.columns);
      }),
    ],
    [
      'contacts',
      whenPairs(async () => {
        if (!has('contacts')) return;
        await connection.run(Sql.CONTACT_RUNNING_SQL);
        await scatter(connection, Sql.CONTACT_VALUES_SQL, state.columns);
      }),
    ],
    [
      'emails',
      whenPairs(async () => {
        if (has('emails')) await scatter(connection, Sql.EMAIL_VALUES_SQL, state.columns);
      }),
    ],
    ['latest records', whenPairs(() => scatter(connection, Sql.LOOKUP_VALUES_SQL, state.columns))],
  ];
}

/** Sets to NaN every column whose tables the dataset lacks or whose usage column is empty. */
function applyMissingRules(
  columns: Record<RawColumn, Float64Array>,
  present: ReadonlySet<string>,
  valued: ReadonlySet<OptionalUsageColumn>,
): void {
  for (const name of RAW_COLUMNS) {
    const source = COLUMN_SOURCES[name];
    const tablesPresent = source.tables.every((table) => present.has(table));
    const columnValued = source.valued === undefined || valued.has(source.valued);
    if (!tablesPresent || !columnValued) columns[name].fill(Number.NaN);
  }
}

async function datasetTables(connection: DuckDBConnection): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(Sql.DATASET_TABLES_SQL);
  return new Set(reader.getColumns()[0]?.map((value) => toText(value) ?? '') ?? []);
}

async function valuedUsageColumns(connection: DuckDBConnection): Promise<Set<OptionalUsageColumn>> {
  const reader = await connection.runAndReadAll(Sql.USAGE_COLUMNS_PRESENT_SQL);
  const row = reader.getRows()[0] ?? [];
  const names = reader.columnNames() as OptionalUsageColumn[];
  return new Set(names.filter((_, index) => row[index] === true));
}

async function readAccounts(connection: DuckDBConnection): Promise<AccountTable> {
  const reader = await connection.runAndReadAll(Sql.ACCOUNT_TABLE_SQL);
  const data = reader.getColumns();
  const column = (index: number) => data[index] ?? [];
  const numbers = (index: number) => Float64Array.from(column(index), toNumber);
  const texts = (index: number) => column(index).map(toText);
  return {
    accountIds: column(0).map((value) => toText(value) ?? ''),
    accountNames: texts(1),
    segments: texts(2),
    csmOwners: texts(3),
    arr: numbers(4),
    paidSeats: numbers(5),
    contractStart: numbers(6),
    renewalDate: numbers(7),
    churnedOn: numbers(8),
  };
}

async function readPairs(connection: DuckDBConnection): Promise<Pairs> {
  const counted = await connection.runAndReadAll(Sql.PAIRS_COUNT_SQL);
  const rows = toNumber(counted.getRows()[0]?.[0] ?? null);
  const pairs = { accountIndex: new Int32Array(rows), asOfIndex: new Int32Array(rows) };

  const result = await connection.stream(Sql.PAIRS_READ_SQL);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0;) {
    const rowIndex = chunk.getColumnVector(0);
    const accounts = chunk.getColumnVector(1);
    const asOfs = chunk.getColumnVector(2);
    for (let row = 0; row < chunk.rowCount; row++) {
      const target = toNumber(rowIndex.getItem(row));
      pairs.accountIndex[target] = toNumber(accounts.getItem(row));
      pairs.asOfIndex[target] = toNumber(asOfs.getItem(row));
    }
    chunk = await result.fetchChunk();
  }
  return pairs;
}

/**
 * Streams a values query (first column row_index, the others named after raw
 * columns) into the matching typed arrays; SQL NULL becomes NaN.
 */
async function scatter(
  connection: DuckDBConnection,
  text: string,
  columns: Record<RawColumn, Float64Array>,
): Promise<void> {
  const result = await connection.stream(text);
  const names = result.columnNames();
  if (names[0] !== 'row_index') throw new Error('A signal values query must start with row_index');
  const targets = names.slice(1).map((name) => {
    if (!RAW_COLUMN_SET.has(name)) throw new Error(`Signal values query returns unknown ${name}`);
    return columns[name as RawColumn];
  });

  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0;) {
    const rowVector = chunk.getColumnVector(0);
    const rows = new Int32Array(chunk.rowCount);
    for (let row = 0; row < chunk.rowCount; row++) rows[row] = toNumber(rowVector.getItem(row));
    for (const [index, target] of targets.entries()) {
      const vector = chunk.getColumnVector(index + 1);
      for (let row = 0; row < chunk.rowCount; row++) {
        target[rows[row]!] = toNumber(vector.getItem(row));
      }
    }
    chunk = await result.fetchChunk();
  }
}
