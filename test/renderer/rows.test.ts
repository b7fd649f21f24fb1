import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { parseIsoDate } from '../../core/dates.ts';
import { emptyColumns, type SignalMatrix } from '../../core/matrix.ts';
import { buildAccountRows, countBands } from '../../renderer/src/accounts/rows.ts';
import { rowsByAccount, scoreAsOf } from '../../renderer/src/data/scoring.ts';

const asOf = parseIsoDate('2024-06-30')!;
const before = asOf - 14;
const longAgo = parseIsoDate('2022-01-01')!;

/**
 * Five accounts whose only data is usage, so the score is usage_trend's points alone
 * (paid seats and the feature tables are missing): last = prior is stable (70), a
 * fall of 50% is critical (10), a last of 0 is dead and fires the zero-usage override.
 * - a-1: stable at t − 14, critical at t → 70 then 10, velocity −60 (urgent).
 * - a-2: stable at both → 70 and 70, velocity 0.
 * - a-3: no usage values at all → unscored at t.
 * - a-4: started 2024-06-20, after t − 14 → one row, no velocity, no trend history → unscored.
 * - a-5: stable at t − 14, no events in the last 14 days at t → zero usage sets 10.
 */
function fixture(): SignalMatrix {
  const pairs: [account: number, date: number, last: number, prior: number][] = [
    [0, 0, 100, 100],
    [1, 0, 40, 40],
    [2, 0, Number.NaN, Number.NaN],
    [4, 0, 30, 30],
    [0, 1, 50, 100],
    [1, 1, 40, 40],
    [2, 1, Number.NaN, Number.NaN],
    [3, 1, 12, 0],
    [4, 1, 0, 30],
  ];
  const columns = emptyColumns(pairs.length);
  pairs.forEach(([, , last, prior], row) => {
    columns.usage_last14[row] = last;
    columns.usage_prior14[row] = prior;
  });
  // Rows 4 and 8 are a-1 and a-5 at t: renewals 60 days out (2024-06-30 + 60) and 63 days out.
  columns.next_renewal[4] = parseIsoDate('2024-08-29')!;
  columns.next_renewal[8] = parseIsoDate('2024-09-01')!;
  const nan = () => new Float64Array(5).fill(Number.NaN);
  return {
    accounts: {
      accountIds: ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'],
      accountNames: ['Acme', 'Birch', null, 'Dune', 'Elm'],
      segments: ['SMB', 'Enterprise', null, 'SMB', 'SMB'],
      csmOwners: ['Ana', 'Ben', null, 'Ana', 'Cy'],
      arr: Float64Array.from([1000, 2000, Number.NaN, 500, 750]),
      paidSeats: nan(),
      contractStart: Float64Array.from([
        longAgo,
        longAgo,
        longAgo,
        parseIsoDate('2024-06-20')!,
        longAgo,
      ]),
      renewalDate: nan(),
      churnedOn: nan(),
    },
    asOfDates: [before, asOf],
    accountIndex: Int32Array.from(pairs.map(([account]) => account)),
    asOfIndex: Int32Array.from(pairs.map(([, date]) => date)),
    columns,
    dataEnd: asOf,
  };
}

describe('the Accounts rows', () => {
  const scores = scoreAsOf(fixture(), DEFAULT_MODEL);
  const rows = buildAccountRows(scores);
  const byId = new Map(rows.map((row) => [row.accountId, row]));

  it('has one row per account eligible at the as-of date, not at t − 14', () => {
    expect(scores.asOf).toBe(asOf);
    expect(rows.map((row) => row.accountId)).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(rows.map((row) => row.matrixRow)).toEqual([4, 5, 6, 7, 8]);
  });

  it('carries the score, its band and the 14-day change', () => {
    expect(byId.get('a-1')).toMatchObject({
      score: 10,
      rag: 'red',
      velocity: -60,
      urgentDrop: true,
    });
    expect(byId.get('a-2')).toMatchObject({
      score: 70,
      rag: 'green',
      velocity: 0,
      urgentDrop: false,
    });
    // Usage alone is 40 of the 100 layer weight present.
    expect(byId.get('a-2')).toMatchObject({ coverage: 0.4, lowCoverage: true });
    expect(byId.get('a-2')!.layers).toEqual({
      usage: 70,
      engagement: null,
      relationship: null,
      outcome: null,
    });
  });

  it('shows unscored accounts as unscored, with no score and no change', () => {
    expect(byId.get('a-3')).toMatchObject({
      score: null,
      rag: 'unscored',
      velocity: null,
      urgentDrop: false,
      lowCoverage: false,
      accountName: null,
      arr: null,
    });
    expect(byId.get('a-4')).toMatchObject({ score: null, rag: 'unscored', velocity: null });
  });

  it('names the overrides that fired and the renewal risk', () => {
    // a-5: zero usage sets 10; its renewal on 2024-09-01 is 63 days out, beyond the 60-day window.
    expect(byId.get('a-5')).toMatchObject({
      score: 10,
      overrides: ['zero_usage'],
      renewalRisk: false,
      renewalDate: '2024-09-01',
      velocity: -60,
    });
    // a-1: the renewal window includes its last day, and 10 is below 60.
    expect(byId.get('a-1')).toMatchObject({
      overrides: ['renewal_risk'],
      renewalRisk: true,
      renewalDate: '2024-08-29',
    });
    expect(byId.get('a-2')!.overrides).toEqual([]);
  });

  it('counts the bands', () => {
    expect(countBands(rows)).toEqual({ red: 2, yellow: 0, green: 1, unscored: 2 });
  });
});

describe('rowsByAccount', () => {
  it('lists each account’s rows by date, whatever order the matrix holds them in', () => {
    const matrix = fixture();
    const reversed: SignalMatrix = {
      ...matrix,
      accountIndex: matrix.accountIndex.slice().reverse(),
      asOfIndex: matrix.asOfIndex.slice().reverse(),
    };
    // Reversed, row r is original row 8 − r: a-1's rows 0 and 4 become 8 and 4.
    expect(rowsByAccount(reversed).get('a-1')).toEqual([8, 4]);
    expect(rowsByAccount(matrix).get('a-1')).toEqual([0, 4]);
    expect(rowsByAccount(matrix).get('a-4')).toEqual([7]);
  });
});
