import { describe, expect, it } from 'vitest';
import type { LabelMetrics, SnapshotBacktest } from '../../core/backtest.ts';
import { parseIsoDate } from '../../core/dates.ts';
import { groupByQuarter, quarterOf } from '../../renderer/src/evidence/quarters.ts';

function day(iso: string): number {
  const parsed = parseIsoDate(iso);
  if (parsed === null || parsed === undefined) throw new Error(iso);
  return parsed;
}

/** Band counts as [rows, churned] for red, yellow, green; the rest does not matter here. */
function snapshot(
  asOf: string,
  red: number[],
  yellow: number[],
  green: number[],
): SnapshotBacktest {
  const band = ([accounts, churned]: number[]) => ({
    accounts: accounts!,
    churned: churned!,
    retained: accounts! - churned!,
    churnRate: churned! / accounts!,
  });
  const scored = red[0]! + yellow[0]! + green[0]!;
  const churned = red[1]! + yellow[1]! + green[1]!;
  const metrics: LabelMetrics = {
    rows: scored,
    scored,
    unscored: 0,
    unscoredChurned: 0,
    churned,
    churnRate: churned / scored,
    bands: { red: band(red), yellow: band(yellow), green: band(green) },
    greenRenewed: null,
    redPrecision: null,
    redRecall: null,
    auc: null,
    gini: null,
    ks: null,
    ksScore: null,
    deciles: [],
  };
  return {
    asOf: day(asOf),
    censored: false,
    rows: scored,
    scored,
    unscored: 0,
    lowCoverage: 0,
    metrics,
  };
}

describe('quarterOf', () => {
  it('puts the first and last day of each quarter in that quarter', () => {
    expect(quarterOf(day('2024-01-01'))).toEqual({ year: 2024, quarter: 1 });
    expect(quarterOf(day('2024-03-31'))).toEqual({ year: 2024, quarter: 1 });
    expect(quarterOf(day('2024-04-01'))).toEqual({ year: 2024, quarter: 2 });
    expect(quarterOf(day('2024-09-30'))).toEqual({ year: 2024, quarter: 3 });
    expect(quarterOf(day('2024-12-31'))).toEqual({ year: 2024, quarter: 4 });
    expect(quarterOf(day('2025-01-01'))).toEqual({ year: 2025, quarter: 1 });
  });
});

describe('groupByQuarter', () => {
  const snapshots: SnapshotBacktest[] = [
    snapshot('2023-12-31', [2, 1], [4, 0], [10, 0]),
    snapshot('2024-01-31', [10, 3], [20, 2], [70, 1]),
    snapshot('2024-02-29', [12, 5], [18, 1], [70, 0]),
    snapshot('2024-03-31', [8, 2], [22, 3], [70, 2]),
    snapshot('2024-04-30', [5, 1], [5, 0], [90, 0]),
    { ...snapshot('2024-05-31', [9, 9], [9, 9], [9, 9]), censored: true, metrics: null },
  ];

  it('pools the band counts of a quarter’s snapshots and skips censored ones', () => {
    const quarters = groupByQuarter(snapshots);
    expect(quarters.map((quarter) => quarter.label)).toEqual(['2023 Q4', '2024 Q1', '2024 Q2']);
    const first = quarters[1]!;
    expect(first.snapshotIndices).toEqual([1, 2, 3]);
    // Red: 10 + 12 + 8 = 30 rows, 3 + 5 + 2 = 10 churned → 1/3.
    expect(first.bands.red).toEqual({
      accounts: 30,
      churned: 10,
      retained: 20,
      churnRate: 10 / 30,
    });
    // Yellow: 20 + 18 + 22 = 60 rows, 2 + 1 + 3 = 6 churned → 0.1.
    expect(first.bands.yellow.churnRate).toBeCloseTo(0.1, 12);
    // Green: 210 rows, 3 churned.
    expect(first.bands.green).toEqual({
      accounts: 210,
      churned: 3,
      retained: 207,
      churnRate: 3 / 210,
    });
    // All: 300 rows, 19 churned.
    expect(first.scored).toBe(300);
    expect(first.churned).toBe(19);
    expect(first.churnRate).toBeCloseTo(19 / 300, 12);
    // Q2 holds April only: May is censored.
    expect(quarters[2]!.snapshotIndices).toEqual([4]);
    expect(quarters[2]!.auc).toBeNull();
  });

  it('sorts quarters by time whatever order the snapshots come in', () => {
    const quarters = groupByQuarter([snapshots[4]!, snapshots[0]!]);
    expect(quarters.map((quarter) => quarter.label)).toEqual(['2023 Q4', '2024 Q2']);
  });

  it('asks for the AUC of each quarter’s snapshots and turns NaN into null', () => {
    const asked: number[][] = [];
    const quarters = groupByQuarter(snapshots, (indices) => {
      asked.push([...indices]);
      return indices.length === 3 ? 0.75 : Number.NaN;
    });
    expect(asked).toEqual([[0], [1, 2, 3], [4]]);
    expect(quarters.map((quarter) => quarter.auc)).toEqual([null, 0.75, null]);
  });

  it('gives a band with no rows a null churn rate', () => {
    const [quarter] = groupByQuarter([snapshot('2024-01-31', [0, 0], [5, 1], [5, 0])]);
    expect(quarter!.bands.red).toEqual({ accounts: 0, churned: 0, retained: 0, churnRate: null });
  });

  it('is empty without labelled snapshots', () => {
    expect(groupByQuarter([])).toEqual([]);
    expect(groupByQuarter([snapshots[5]!])).toEqual([]);
  });
});
