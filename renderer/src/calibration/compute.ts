/**
 * One calibration recompute: the whole history scored and backtested with a
 * config through core's evaluateHistory, reduced to what the Calibration view
 * draws. Runs in the recompute worker, or on the main thread where no worker
 * can start.
 */
import type { WeightSuggestion } from '../../../core/backtest.ts';
import type { ModelConfig } from '../../../core/config.ts';
import { evaluateHistory } from '../../../core/evaluate.ts';
import { backtestHeadline, type BacktestHeadline } from '../../../core/headline.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import type { ScoreTable } from '../../../core/score.ts';
import { whatMoved, type MovedSummary } from './moved.ts';

export const HORIZON_DAYS = 90;

export interface BandCounts {
  readonly red: number;
  readonly yellow: number;
  readonly green: number;
  readonly unscored: number;
}

export interface CalibrationResult {
  readonly headline: BacktestHeadline;
  /** Band counts at the latest snapshot. */
  readonly latest: BandCounts;
  /** Band counts per snapshot, in the matrix's date order. */
  readonly overTime: { readonly asOf: number[]; readonly counts: BandCounts[] };
  /** Null when the recompute left the fit out. */
  readonly suggestion: WeightSuggestion | null;
  /** Against the reference model; null until one is set. */
  readonly moved: MovedSummary | null;
  /** Milliseconds evaluateHistory took. */
  readonly elapsedMs: number;
}

function countBands(rag: Uint8Array, asOfIndex: Int32Array, snapshots: number): BandCounts[] {
  const tallies = new Int32Array(snapshots * 4);
  for (let row = 0; row < rag.length; row += 1) {
    const at = (asOfIndex[row] as number) * 4 + (rag[row] as number);
    tallies[at] = (tallies[at] as number) + 1;
  }
  return Array.from({ length: snapshots }, (_, s) => ({
    unscored: tallies[s * 4] as number,
    red: tallies[s * 4 + 1] as number,
    yellow: tallies[s * 4 + 2] as number,
    green: tallies[s * 4 + 3] as number,
  }));
}

const EMPTY_COUNTS: BandCounts = { red: 0, yellow: 0, green: 0, unscored: 0 };

/** Holds the history matrix and the reference model's bands; recomputes a config on demand. */
export class Calibrator {
  private matrix: SignalMatrix | null = null;
  private referenceRag: Uint8Array | null = null;
  // The scores of the last evaluate(), whose arrays the next one overwrites instead of
  // allocating its own: nothing evaluate() returns holds one of them, and the reference
  // bands come from a separate evaluation that is never reused.
  private lastScores: ScoreTable | null = null;

  /** Replaces the matrix; the reference bands belong to the old one and are dropped. */
  setMatrix(matrix: SignalMatrix): void {
    this.matrix = matrix;
    this.referenceRag = null;
    this.lastScores = null;
  }

  /** Scores the reference model ("what moved" is measured against it). */
  setReference(config: ModelConfig): void {
    if (this.matrix === null) return;
    this.referenceRag = evaluateHistory(this.matrix, config, {
      suggestWeights: false,
      signalAuc: false,
      horizonDays: HORIZON_DAYS,
    }).scores.rag;
  }

  /** Scores, backtests and compares one config; throws when no matrix is set. */
  evaluate(config: ModelConfig, suggestWeights: boolean): CalibrationResult {
    const matrix = this.matrix;
    if (matrix === null) throw new Error('The calibration has no history to score yet');
    const started = performance.now();
    // The view shows no per-signal AUC (the Backtest view does), so none is computed.
    const evaluation = evaluateHistory(matrix, config, {
      suggestWeights,
      signalAuc: false,
      horizonDays: HORIZON_DAYS,
      reuse: this.lastScores ?? undefined,
    });
    this.lastScores = evaluation.scores;
    const elapsedMs = performance.now() - started;
    const rag = evaluation.scores.rag;
    const counts = countBands(rag, matrix.asOfIndex, matrix.asOfDates.length);
    const moved =
      this.referenceRag === null || this.referenceRag.length !== rag.length
        ? null
        : whatMoved({
            asOfDates: matrix.asOfDates,
            asOfIndex: matrix.asOfIndex,
            accountIndex: matrix.accountIndex,
            churnedOn: matrix.accounts.churnedOn,
            dataEnd: matrix.dataEnd,
            horizonDays: HORIZON_DAYS,
            before: this.referenceRag,
            after: rag,
          });
    return {
      headline: backtestHeadline(evaluation.backtest),
      latest: counts[counts.length - 1] ?? EMPTY_COUNTS,
      overTime: { asOf: [...matrix.asOfDates], counts },
      suggestion: evaluation.backtest.suggestedWeights,
      moved,
      elapsedMs,
    };
  }
}
