/**
 * Scores computed in the renderer, from the raw matrix the backend sends: the
 * same core functions the command line uses, so the two can never disagree.
 */
import type { ModelConfig } from '../../../core/config.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { scoreMatrix, type ScoreTable } from '../../../core/score.ts';
import { velocity } from '../../../core/velocity.ts';

export interface ScoredMatrix {
  readonly matrix: SignalMatrix;
  readonly config: ModelConfig;
  readonly table: ScoreTable;
  /** Score change over 14 days per row; NaN where it cannot be told. */
  readonly velocity: Float64Array;
}

export interface AsOfScores extends ScoredMatrix {
  /** The as-of date scored, as a day number. */
  readonly asOf: number;
  /** The matrix rows at the as-of date (the t − 14 rows only feed velocity), in account order. */
  readonly rows: Int32Array;
}

/** Scores every row of a matrix and the 14-day velocity of each. */
export function scoreAll(matrix: SignalMatrix, config: ModelConfig): ScoredMatrix {
  const table = scoreMatrix(matrix, config);
  return { matrix, config, table, velocity: velocity(matrix, table) };
}

/**
 * Scores a matrix of the dates asOf − 14 and asOf and picks the rows at asOf: the
 * eligible accounts of the Accounts view. Empty when the matrix has no dates.
 */
export function scoreAsOf(matrix: SignalMatrix, config: ModelConfig): AsOfScores {
  const scored = scoreAll(matrix, config);
  const dates = matrix.asOfDates;
  const last = dates.length - 1;
  const asOf = last >= 0 ? (dates[last] as number) : Number.NaN;

  const picked: number[] = [];
  for (let row = 0; row < matrix.asOfIndex.length; row += 1) {
    if (matrix.asOfIndex[row] === last) picked.push(row);
  }
  return { ...scored, asOf, rows: Int32Array.from(picked) };
}

/** Every row of each account, ascending by as-of date: the score history of one account. */
export function rowsByAccount(matrix: SignalMatrix): Map<string, number[]> {
  const byAccount = new Map<string, number[]>();
  for (let row = 0; row < matrix.accountIndex.length; row += 1) {
    const id = matrix.accounts.accountIds[matrix.accountIndex[row] as number] as string;
    const rows = byAccount.get(id);
    if (rows === undefined) byAccount.set(id, [row]);
    else rows.push(row);
  }
  // The backend orders rows by date already; sorting keeps this true whatever it sends.
  const dateOf = (row: number) => matrix.asOfIndex[row] as number;
  for (const rows of byAccount.values()) {
    if (rows.some((row, index) => index > 0 && dateOf(row) < dateOf(rows[index - 1] as number))) {
      rows.sort((left, right) => dateOf(left) - dateOf(right));
    }
  }
  return byAccount;
}
