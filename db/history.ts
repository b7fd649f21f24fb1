/**
 * The score history of a workspace: every scored snapshot of a model, kept so that
 * earlier runs can be compared and charted without rescoring. A rerun of the same
 * model replaces its rows for the dates it covers.
 */
import { LAYER_IDS } from '../core/catalogue.ts';
import { formatDay } from '../core/dates.ts';
import type { SignalMatrix } from '../core/matrix.ts';
import { ragName } from '../core/rag.ts';
import { overrideNames, type ScoreTable } from '../core/score.ts';
import type { Workspace } from './workspace.ts';
import { toNumber, toText } from './workspace.ts';
import { timed } from './log.ts';

const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS score_history (
  model VARCHAR NOT NULL,
  as_of DATE NOT NULL,
  account_id VARCHAR NOT NULL,
  score DOUBLE,
  rag VARCHAR NOT NULL,
  coverage DOUBLE,
  low_coverage BOOLEAN NOT NULL,
  usage_score DOUBLE,
  engagement_score DOUBLE,
  relationship_score DOUBLE,
  outcome_score DOUBLE,
  overrides VARCHAR NOT NULL,
  PRIMARY KEY (model, as_of, account_id)
)`;

const nullable = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Replaces the history of `model` at the matrix's dates with the scores of `table`. */
export async function writeScoreHistory(
  workspace: Workspace,
  model: string,
  matrix: SignalMatrix,
  table: ScoreTable,
): Promise<void> {
  const connection = workspace.connection;
  await timed(
    `stored score history of "${model}" (${matrix.accountIndex.length} rows)`,
    async () => {
      await connection.run(CREATE_HISTORY);
      await connection.run('BEGIN TRANSACTION');
      try {
        for (const asOf of matrix.asOfDates) {
          await connection.run(
            'DELETE FROM score_history WHERE model = $1 AND as_of = CAST($2 AS DATE)',
            [model, formatDay(asOf)],
          );
        }
        const appender = await connection.createAppender('score_history');
        for (let row = 0; row < matrix.accountIndex.length; row += 1) {
          appender.appendVarchar(model);
          appender.appendVarchar(formatDay(matrix.asOfDates[matrix.asOfIndex[row]!]!));
          appender.appendVarchar(matrix.accounts.accountIds[matrix.accountIndex[row]!]!);
          appendNumber(appender, table.score[row]!);
          appender.appendVarchar(ragName(table.rag[row]!));
          appendNumber(appender, table.coverage[row]!);
          appender.appendBoolean(table.lowCoverage[row] === 1);
          for (const layer of LAYER_IDS) appendNumber(appender, table.layerScore[layer][row]!);
          appender.appendVarchar(overrideNames(table.overrides[row]!).join(';'));
          appender.endRow();
        }
        appender.closeSync();
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK');
        throw error;
      }
    },
  );
}

function appendNumber(
  appender: { appendDouble(v: number): void; appendNull(): void },
  value: number,
) {
  const finite = nullable(value);
  if (finite === null) appender.appendNull();
  else appender.appendDouble(finite);
}

/** Whether any snapshot of `model` was ever scored into this workspace's history. */
export async function hasScoreHistory(workspace: Workspace, model: string): Promise<boolean> {
  // Asking must not write: only a backtest creates the history table.
  const exists = await workspace.connection.runAndReadAll(
    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'score_history'",
  );
  if (toNumber(exists.getRows()[0]![0]!) === 0) return false;
  const reader = await workspace.connection.runAndReadAll(
    'SELECT count(*) FROM score_history WHERE model = $1',
    [model],
  );
  return toNumber(reader.getRows()[0]![0]!) > 0;
}

export interface HistoryRow {
  readonly asOf: string;
  readonly accountId: string;
  readonly score: number | null;
  readonly rag: string;
}

/** The stored history of one model, ordered by date and account. */
export async function readScoreHistory(workspace: Workspace, model: string): Promise<HistoryRow[]> {
  await workspace.connection.run(CREATE_HISTORY);
  const reader = await workspace.connection.runAndReadAll(
    `SELECT strftime(as_of, '%Y-%m-%d'), account_id, score, rag FROM score_history
     WHERE model = $1 ORDER BY as_of, account_id`,
    [model],
  );
  return reader.getRows().map((row) => ({
    asOf: toText(row[0]!) ?? '',
    accountId: toText(row[1]!) ?? '',
    score: nullable(toNumber(row[2]!)),
    rag: toText(row[3]!) ?? '',
  }));
}
