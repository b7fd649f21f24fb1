import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './config.ts';
import { emptyColumns, type SignalMatrix } from './matrix.ts';
import { isUrgent, velocity } from './velocity.ts';

const T = 20_000;

interface Row {
  readonly account: number;
  readonly asOf: number;
  readonly score: number;
}

/** A matrix holding only the row layout (accounts × as-of dates), and the final scores beside it. */
function history(accounts: number, asOfDates: number[], rows: readonly Row[]) {
  const ids = Array.from({ length: accounts }, (_unused, index) => `A${index}`);
  const matrix: SignalMatrix = {
    accounts: {
      accountIds: ids,
      accountNames: ids,
      segments: ids.map(() => null),
      csmOwners: ids.map(() => null),
      arr: new Float64Array(accounts),
      paidSeats: new Float64Array(accounts),
      contractStart: new Float64Array(accounts).fill(T - 400),
      renewalDate: new Float64Array(accounts).fill(Number.NaN),
      churnedOn: new Float64Array(accounts).fill(Number.NaN),
    },
    asOfDates,
    accountIndex: Int32Array.from(rows, (row) => row.account),
    asOfIndex: Int32Array.from(rows, (row) => asOfDates.indexOf(row.asOf)),
    columns: emptyColumns(rows.length),
    dataEnd: T,
  };
  return { matrix, scores: { score: Float64Array.from(rows, (row) => row.score) } };
}

describe('velocity', () => {
  it('is the score at t minus the score at t−14 of the same account, rows in any order', () => {
    const { matrix, scores } = history(
      2,
      [T - 14, T],
      [
        { account: 1, asOf: T, score: 62.5 },
        { account: 0, asOf: T, score: 35 },
        { account: 1, asOf: T - 14, score: 60 },
        { account: 0, asOf: T - 14, score: 80 },
      ],
    );
    // A0: 35 − 80 = −45; A1: 62.5 − 60 = +2.5; the t−14 rows have no t−28 to compare with.
    expect(Array.from(velocity(matrix, scores))).toEqual([2.5, -45, Number.NaN, Number.NaN]);
  });

  it('is empty when the account had no row at t−14 (not eligible then)', () => {
    const { matrix, scores } = history(
      2,
      [T - 14, T],
      [
        { account: 0, asOf: T - 14, score: 70 },
        { account: 0, asOf: T, score: 60 },
        { account: 1, asOf: T, score: 50 },
      ],
    );
    expect(Array.from(velocity(matrix, scores))).toEqual([Number.NaN, -10, Number.NaN]);
  });

  it('is empty when the matrix holds no as-of date exactly 14 days earlier', () => {
    const { matrix, scores } = history(
      1,
      [T - 13, T],
      [
        { account: 0, asOf: T - 13, score: 80 },
        { account: 0, asOf: T, score: 20 },
      ],
    );
    expect(Array.from(velocity(matrix, scores))).toEqual([Number.NaN, Number.NaN]);
  });

  it('is empty when either score is unscored', () => {
    const { matrix, scores } = history(
      2,
      [T - 14, T],
      [
        { account: 0, asOf: T - 14, score: Number.NaN },
        { account: 0, asOf: T, score: 60 },
        { account: 1, asOf: T - 14, score: 60 },
        { account: 1, asOf: T, score: Number.NaN },
      ],
    );
    expect(Array.from(velocity(matrix, scores)).every(Number.isNaN)).toBe(true);
  });

  it('chains over a fortnightly schedule', () => {
    const { matrix, scores } = history(
      1,
      [T - 28, T - 14, T],
      [
        { account: 0, asOf: T - 28, score: 90 },
        { account: 0, asOf: T - 14, score: 75 },
        { account: 0, asOf: T, score: 75.5 },
      ],
    );
    expect(Array.from(velocity(matrix, scores))).toEqual([Number.NaN, -15, 0.5]);
  });

  it('rounds the difference of two one-decimal scores to one decimal', () => {
    const { matrix, scores } = history(
      1,
      [T - 14, T],
      [
        { account: 0, asOf: T - 14, score: 80.1 },
        { account: 0, asOf: T, score: 60.1 },
      ],
    );
    expect(60.1 - 80.1).not.toBe(-20);
    expect(velocity(matrix, scores)[1]).toBe(-20);
  });
});

describe('isUrgent', () => {
  it('is a drop of 20 points or more', () => {
    expect(isUrgent(-20, DEFAULT_MODEL)).toBe(true);
    expect(isUrgent(-45, DEFAULT_MODEL)).toBe(true);
    expect(isUrgent(-19.9, DEFAULT_MODEL)).toBe(false);
    expect(isUrgent(25, DEFAULT_MODEL)).toBe(false);
    expect(isUrgent(Number.NaN, DEFAULT_MODEL)).toBe(false);
  });

  it('follows the configured drop', () => {
    expect(isUrgent(-15, { ...DEFAULT_MODEL, urgentVelocityDrop: 15 })).toBe(true);
    expect(isUrgent(-14.9, { ...DEFAULT_MODEL, urgentVelocityDrop: 15 })).toBe(false);
  });
});
