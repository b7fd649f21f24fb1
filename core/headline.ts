/**
 * The backtest headline: the handful of figures a calibration session is judged by,
 * small enough to store beside a saved model version and to show side by side.
 */
import type { BacktestReport } from './backtest.ts';

export interface BandHeadline {
  /** Labelled rows in the band, pooled over snapshots. */
  readonly rows: number;
  /** Share of those rows that churned within the horizon; null for an empty band. */
  readonly churnRate: number | null;
}

export interface BacktestHeadline {
  readonly horizonDays: number;
  readonly labelledSnapshots: number;
  /** Scored labelled rows, pooled over the labelled snapshots. */
  readonly rows: number;
  readonly churned: number;
  readonly auc: number | null;
  readonly churnRate: number | null;
  readonly bands: {
    readonly red: BandHeadline;
    readonly yellow: BandHeadline;
    readonly green: BandHeadline;
  };
  readonly greenRenewed: number | null;
  readonly redPrecision: number | null;
  readonly redRecall: number | null;
  /** Median days from an account's first red snapshot to its churn; null when none turned red. */
  readonly medianLeadDays: number | null;
}

/** The pooled headline of a backtest report (all labelled rows of all labelled snapshots). */
export function backtestHeadline(report: BacktestReport): BacktestHeadline {
  const pooled = report.pooled;
  const band = (name: 'red' | 'yellow' | 'green'): BandHeadline => ({
    rows: pooled.bands[name].accounts,
    churnRate: pooled.bands[name].churnRate,
  });
  return {
    horizonDays: report.horizonDays,
    labelledSnapshots: report.labelledSnapshots,
    rows: pooled.scored,
    churned: pooled.churned,
    auc: pooled.auc,
    churnRate: pooled.churnRate,
    bands: { red: band('red'), yellow: band('yellow'), green: band('green') },
    greenRenewed: pooled.greenRenewed,
    redPrecision: pooled.redPrecision,
    redRecall: pooled.redRecall,
    medianLeadDays: report.leadTime.medianDaysFromRed,
  };
}
