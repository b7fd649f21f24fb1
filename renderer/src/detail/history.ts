/** One account's score over the snapshot history, from the scored history matrix. */
import type { SignalMatrix } from '../../../core/matrix.ts';
import { ragName, type RagName } from '../../../core/rag.ts';
import { overrideNames, type OverrideName } from '../../../core/score.ts';
import type { ScoredMatrix } from '../data/scoring.ts';

export interface HistoryScores extends ScoredMatrix {
  readonly snapshotDates: readonly number[];
  /** Each account's rows in the history matrix, ascending by date. */
  readonly rowsOf: ReadonlyMap<string, readonly number[]>;
}

export interface HistoryPoint {
  readonly day: number;
  /** NaN when the account was eligible but unscored. */
  readonly score: number;
  readonly rag: RagName;
  readonly overrides: readonly OverrideName[];
}

/** The account's points, one per snapshot at which it was eligible; empty for an unknown account. */
export function accountHistory(history: HistoryScores, accountId: string): HistoryPoint[] {
  const matrix: SignalMatrix = history.matrix;
  return (history.rowsOf.get(accountId) ?? []).map((row) => ({
    day: matrix.asOfDates[matrix.asOfIndex[row] as number] as number,
    score: history.table.score[row] as number,
    rag: ragName(history.table.rag[row] as number),
    overrides: overrideNames(history.table.overrides[row] as number),
  }));
}
