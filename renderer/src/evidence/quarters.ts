/**
 * Backtest results by calendar quarter: the labelled snapshots of a quarter pooled
 * into one table, so a leader reads four or eight rows instead of two dozen.
 */
import type { BandOutcome, SnapshotBacktest } from '../../../core/backtest.ts';

export interface QuarterBands {
  readonly red: BandOutcome;
  readonly yellow: BandOutcome;
  readonly green: BandOutcome;
}

export interface QuarterRow {
  /** `2024 Q1`. */
  readonly label: string;
  readonly year: number;
  /** 1..4. */
  readonly quarter: number;
  /** Indices (into the report's snapshots) of the labelled snapshots pooled here. */
  readonly snapshotIndices: readonly number[];
  readonly asOfDates: readonly number[];
  /** Scored labelled rows: one per account per snapshot. */
  readonly scored: number;
  readonly churned: number;
  /** churned ÷ scored; null when nothing was scored. */
  readonly churnRate: number | null;
  readonly bands: QuarterBands;
  /** AUC of the pooled rows; null when not asked for or undefined. */
  readonly auc: number | null;
}

const DAY_MS = 86_400_000;

/** The calendar year and quarter (1..4) of a day number, in UTC. */
export function quarterOf(day: number): { year: number; quarter: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), quarter: Math.floor(date.getUTCMonth() / 3) + 1 };
}

function band(accounts: number, churned: number): BandOutcome {
  return {
    accounts,
    churned,
    retained: accounts - churned,
    churnRate: accounts > 0 ? churned / accounts : null,
  };
}

/**
 * Groups the labelled snapshots by calendar quarter, ascending, summing their band
 * tables; censored snapshots are left out, since their outcome is not known yet.
 * `aucOf`, given the snapshot indices of a quarter, returns the AUC of their pooled
 * rows (NaN or null when undefined); without it every quarter's AUC is null.
 */
export function groupByQuarter(
  snapshots: readonly SnapshotBacktest[],
  aucOf?: (snapshotIndices: readonly number[]) => number | null,
): QuarterRow[] {
  const groups = new Map<string, { year: number; quarter: number; indices: number[] }>();
  snapshots.forEach((snapshot, index) => {
    if (snapshot.censored || snapshot.metrics === null) return;
    const { year, quarter } = quarterOf(snapshot.asOf);
    const key = `${year} Q${quarter}`;
    const group = groups.get(key) ?? { year, quarter, indices: [] };
    group.indices.push(index);
    groups.set(key, group);
  });
  const rows: QuarterRow[] = [];
  for (const [label, group] of groups) {
    const totals = { red: [0, 0], yellow: [0, 0], green: [0, 0] };
    let scored = 0;
    let churned = 0;
    for (const index of group.indices) {
      const metrics = snapshots[index]!.metrics!;
      scored += metrics.scored;
      churned += metrics.churned;
      for (const name of ['red', 'yellow', 'green'] as const) {
        totals[name][0]! += metrics.bands[name].accounts;
        totals[name][1]! += metrics.bands[name].churned;
      }
    }
    const auc = aucOf?.(group.indices) ?? null;
    rows.push({
      label,
      year: group.year,
      quarter: group.quarter,
      snapshotIndices: group.indices,
      asOfDates: group.indices.map((index) => snapshots[index]!.asOf),
      scored,
      churned,
      churnRate: scored > 0 ? churned / scored : null,
      bands: {
        red: band(totals.red[0]!, totals.red[1]!),
        yellow: band(totals.yellow[0]!, totals.yellow[1]!),
        green: band(totals.green[0]!, totals.green[1]!),
      },
      auc: auc === null || Number.isNaN(auc) ? null : auc,
    });
  }
  return rows.sort((left, right) => left.year - right.year || left.quarter - right.quarter);
}
