/**
 * Scoring a whole history and judging it: the one path from a signal matrix and a
 * model config to scores, backtest and drift. The command line and the renderer
 * both call it, so a figure shown in the workbench is the figure a script prints.
 */
import { runBacktest, type BacktestReport } from './backtest.ts';
import { LAYER_IDS, SIGNAL_IDS, type SignalId } from './catalogue.ts';
import type { ModelConfig } from './config.ts';
import { runDrift, type DriftReport } from './drift.ts';
import type { SignalMatrix } from './matrix.ts';
import { signalPoints } from './points.ts';
import { scoreMatrix, type ScoreTable } from './score.ts';

export interface EvaluationOptions {
  readonly horizonDays?: number;
  /** Index into the matrix's as-of dates of the drift baseline; default the first. */
  readonly baselineIndex?: number;
  /** Fit suggested layer weights (the slowest part); default true. */
  readonly suggestWeights?: boolean;
  /**
   * Compute every catalogue signal's AUC on its own; default true. A signal's AUC
   * depends only on its bands, not on any weight, so a live recompute while weights
   * move can leave it out and keep the last figures.
   */
  readonly signalAuc?: boolean;
  /**
   * The scores of an earlier evaluation of a matrix with as many rows, no longer read:
   * its arrays take the new scores instead of fresh ones (see scoreMatrix).
   */
  readonly reuse?: ScoreTable;
}

export interface Evaluation {
  readonly scores: ScoreTable;
  readonly backtest: BacktestReport;
  readonly drift: DriftReport;
}

/**
 * Points of every catalogue signal, enabled or not, so the backtest can say how each
 * signal on its own would have predicted churn; enabled signals reuse the table's
 * arrays.
 */
function allSignalPoints(
  matrix: SignalMatrix,
  config: ModelConfig,
  scores: ScoreTable,
): Record<SignalId, Float64Array> {
  const points = {} as Record<SignalId, Float64Array>;
  for (const signal of SIGNAL_IDS) {
    points[signal] = config.signals[signal].enabled
      ? scores.points[signal]
      : signalPoints(matrix, signal, config);
  }
  return points;
}

/**
 * Scores every row of `matrix` with `config`, then backtests and measures drift.
 *
 * TODO: a slider drag over 10,000 accounts × 24 snapshots takes about 85 ms here
 * against a 50 ms target (`npm run bench`); rescoring only the layers a change
 * touches, or splitting rows across workers, are the next steps.
 */
export function evaluateHistory(
  matrix: SignalMatrix,
  config: ModelConfig,
  options: EvaluationOptions = {},
): Evaluation {
  const scores = scoreMatrix(matrix, config, options.reuse);
  const layerWeights: Record<string, number> = {};
  for (const layer of LAYER_IDS) layerWeights[layer] = config.layers[layer].weight;

  const backtest = runBacktest({
    asOfDates: matrix.asOfDates,
    asOfIndex: matrix.asOfIndex,
    accountIndex: matrix.accountIndex,
    churnedOn: matrix.accounts.churnedOn,
    dataEnd: matrix.dataEnd,
    score: scores.score,
    rag: scores.rag,
    lowCoverage: scores.lowCoverage,
    layerScores: scores.layerScore,
    signalPoints: options.signalAuc === false ? {} : allSignalPoints(matrix, config, scores),
    layerWeights,
    horizonDays: options.horizonDays ?? 90,
    suggestWeights: options.suggestWeights ?? true,
  });
  const drift = runDrift({
    asOfDates: matrix.asOfDates,
    asOfIndex: matrix.asOfIndex,
    accountIndex: matrix.accountIndex,
    score: scores.score,
    rag: scores.rag,
    accountSegments: matrix.accounts.segments,
    baselineIndex: options.baselineIndex ?? 0,
  });
  return { scores, backtest, drift };
}
