import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './config.ts';
import { evaluateHistory } from './evaluate.ts';
import { emptyColumns, type SignalMatrix } from './matrix.ts';

const T = 20_000;

/**
 * Four accounts at one snapshot, scored by usage trend alone: A and B decline
 * (last 5 vs prior 10 events: −50 % → 10 points), C and D are stable (10 vs 10 → 70).
 * A and C churn within 90 days of T, B and D never; data runs to T + 120.
 */
function history(): SignalMatrix {
  const columns = emptyColumns(4);
  columns.usage_last14.set([5, 5, 10, 10]);
  columns.usage_prior14.set([10, 10, 10, 10]);
  const ids = ['A', 'B', 'C', 'D'];
  return {
    accounts: {
      accountIds: ids,
      accountNames: ids,
      segments: ['SMB', 'SMB', 'SMB', 'SMB'],
      csmOwners: ids.map(() => null),
      arr: new Float64Array(4).fill(Number.NaN),
      paidSeats: new Float64Array(4).fill(Number.NaN),
      contractStart: new Float64Array(4).fill(T - 400),
      renewalDate: new Float64Array(4).fill(Number.NaN),
      churnedOn: Float64Array.from([T + 30, Number.NaN, T + 60, Number.NaN]),
    },
    asOfDates: [T],
    accountIndex: Int32Array.from([0, 1, 2, 3]),
    asOfIndex: new Int32Array(4),
    columns,
    dataEnd: T + 120,
  };
}

describe('evaluateHistory', () => {
  it('scores, backtests and measures drift on one matrix', () => {
    const { scores, backtest, drift } = evaluateHistory(history(), DEFAULT_MODEL, {
      suggestWeights: false,
    });
    // Only the usage trend has data: the composite is its points, 10, 10, 70, 70.
    expect([...scores.score]).toEqual([10, 10, 70, 70]);
    // Churners A (10) and C (70) against stayers B (10) and D (70): pairs A–B tie (½),
    // A–D churner lower (1), C–B churner higher (0), C–D tie (½) → 2 / 4 = 0.5.
    expect(backtest.pooled.auc).toBe(0.5);
    expect(backtest.pooled.bands.red).toEqual({
      accounts: 2,
      churned: 1,
      retained: 1,
      churnRate: 0.5,
    });
    expect(drift.snapshots[0]!.scored).toBe(4);
  });

  it('leaves per-signal AUCs out on request without changing anything else', () => {
    const full = evaluateHistory(history(), DEFAULT_MODEL, { suggestWeights: false });
    const lean = evaluateHistory(history(), DEFAULT_MODEL, {
      suggestWeights: false,
      signalAuc: false,
    });
    expect(full.backtest.signals.find((signal) => signal.name === 'usage_trend')?.auc).toBe(0.5);
    expect(lean.backtest.signals).toEqual([]);
    expect(lean.backtest.pooled).toEqual(full.backtest.pooled);
    expect(lean.backtest.layers).toEqual(full.backtest.layers);
  });
});
