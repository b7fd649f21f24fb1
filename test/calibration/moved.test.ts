import { describe, expect, it } from 'vitest';
import { movedInWords, whatMoved } from '../../renderer/src/calibration/moved.ts';

const R = 1;
const Y = 2;
const G = 3;

// Six snapshots 100 days apart; data ends on day 520 and the horizon is 90 days, so
// snapshots 0..400 are labelled (400 + 90 = 490 ≤ 520) and 500 is censored. The
// look-back covers labelled snapshots after 400 − 365 = 35: days 100, 200, 300, 400.
const ASOF = [0, 100, 200, 300, 400, 500];
// Accounts: A0 churns on 450 (label at 400), A1 on 50 (label at 0, outside the
// look-back), A2 and A3 stay, A4 churns on 250 (label at 200), A5 churns on 505
// (after the last labelled horizon, so not a churner of the look-back).
const CHURNED = Float64Array.from([450, 50, NaN, NaN, 250, 505]);
const ROWS: [account: number, snapshot: number, before: number, after: number][] = [
  [0, 1, G, G],
  [0, 2, G, G],
  [0, 3, G, R], // changed, but A0 is judged at its latest labelled row (400)
  [0, 4, G, Y],
  [1, 0, R, G],
  [2, 4, Y, Y],
  [2, 5, R, Y],
  [3, 5, G, G],
  [4, 1, G, R], // changed, but A4 is judged at 200, where it did not move
  [4, 2, Y, Y],
  [5, 4, Y, Y],
  [5, 5, Y, G],
];

function input() {
  return {
    asOfDates: ASOF,
    asOfIndex: Int32Array.from(ROWS.map((row) => row[1])),
    accountIndex: Int32Array.from(ROWS.map((row) => row[0])),
    churnedOn: CHURNED,
    dataEnd: 520,
    horizonDays: 90,
    before: Uint8Array.from(ROWS.map((row) => row[2])),
    after: Uint8Array.from(ROWS.map((row) => row[3])),
  };
}

describe('whatMoved', () => {
  it('counts band changes at the latest snapshot and among last year’s churners', () => {
    const summary = whatMoved(input());
    // Rows at 500: A2 (red → yellow), A3 (unchanged), A5 (yellow → green).
    expect(summary.latestAsOf).toBe(500);
    expect(summary.latestAccounts).toBe(3);
    expect(summary.latestChanged).toBe(2);
    expect(summary.latestMoves).toEqual([
      { from: 'red', to: 'yellow', accounts: 1 },
      { from: 'yellow', to: 'green', accounts: 1 },
    ]);
    // Churners of the look-back: A0 (green → yellow at 400) and A4 (yellow at 200 both times).
    expect(summary.churnWindow).toEqual({ from: 100, to: 400 });
    expect(summary.churners).toBe(2);
    expect(summary.churnersChanged).toBe(1);
    expect(summary.churnerMoves).toEqual([{ from: 'green', to: 'yellow', accounts: 1 }]);
  });

  it('says it in words', () => {
    // Day 500 is 1971-05-16: 365 days to 1971-01-01, then 135 more (Jan 31 + Feb 28 + Mar 31 + Apr 30 = 120, + 15).
    expect(movedInWords(whatMoved(input()))).toEqual([
      '2 accounts change band at 1971-05-16 (of 3): 1 red → yellow, 1 yellow → green.',
      "1 of last year's 2 churners change band: 1 green → yellow.",
    ]);
  });

  it('finds nothing when both columns agree', () => {
    const same = { ...input(), after: input().before };
    const summary = whatMoved(same);
    expect(summary.latestChanged).toBe(0);
    expect(summary.churnersChanged).toBe(0);
    expect(movedInWords(summary)).toEqual([
      'No account changes band at 1971-05-16.',
      "None of last year's 2 churners changes band.",
    ]);
  });

  it('has no churn look-back when every snapshot is censored', () => {
    const summary = whatMoved({ ...input(), dataEnd: 50 });
    expect(summary.churnWindow).toBeNull();
    expect(summary.churners).toBe(0);
  });
});
