/**
 * Everything the Backtest view shows for one model: core's evaluation of the whole
 * snapshot history, plus what the view derives from its rows (the per-quarter table
 * and the pooled ROC curve).
 */
import { churnLabels } from '../../../core/backtest.ts';
import type { ModelConfig } from '../../../core/config.ts';
import { evaluateHistory, type Evaluation } from '../../../core/evaluate.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { rocAuc } from '../../../core/metrics.ts';
import { groupByQuarter, type QuarterRow } from './quarters.ts';
import { rocCurve, type RocCurve } from './roc.ts';

export interface ModelEvidence {
  readonly name: string;
  readonly config: ModelConfig;
  readonly evaluation: Evaluation;
  /** Per row of the matrix: 1 when the account churned within the horizon. */
  readonly labels: Uint8Array;
  readonly quarters: QuarterRow[];
  /** The pooled ROC curve over every labelled row; null without both outcomes. */
  readonly roc: RocCurve | null;
  readonly firstAsOf: number | null;
  readonly lastAsOf: number | null;
  readonly dataEnd: number;
}

/**
 * Scores and backtests the matrix with `config` (through core's evaluateHistory, the
 * command line's path), then pools rows by quarter and traces the ROC curve.
 * Suggested weights are left out: this view does not show them and they are the
 * slowest part.
 */
export function modelEvidence(matrix: SignalMatrix, config: ModelConfig): ModelEvidence {
  const evaluation = evaluateHistory(matrix, config, { suggestWeights: false });
  const { backtest, scores } = evaluation;
  const labels = churnLabels(
    matrix.asOfDates,
    matrix.asOfIndex,
    matrix.accountIndex,
    matrix.accounts.churnedOn,
    backtest.horizonDays,
  );
  const rowsOfSnapshot: number[][] = matrix.asOfDates.map(() => []);
  for (let row = 0; row < matrix.asOfIndex.length; row++) {
    rowsOfSnapshot[matrix.asOfIndex[row]!]!.push(row);
  }
  const rowsOf = (indices: readonly number[]) => indices.flatMap((s) => rowsOfSnapshot[s]!);
  const quarters = groupByQuarter(backtest.snapshots, (indices) =>
    rocAuc(scores.score, labels, rowsOf(indices)),
  );
  const labelled = backtest.snapshots.flatMap((snapshot, s) => (snapshot.censored ? [] : [s]));
  const dates = matrix.asOfDates;
  return {
    name: config.name,
    config,
    evaluation,
    labels,
    quarters,
    roc: rocCurve(scores.score, labels, rowsOf(labelled)),
    firstAsOf: dates.length > 0 ? dates[0]! : null,
    lastAsOf: dates.length > 0 ? dates[dates.length - 1]! : null,
    dataEnd: matrix.dataEnd,
  };
}
