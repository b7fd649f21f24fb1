/**
 * Score velocity: how far an account's final score moved over the last 14 days. A
 * sharp fall is urgent whatever the band, because a score that dropped from 80 to 35
 * in two weeks says more than one that has sat at 35 for months.
 */
import type { ModelConfig } from './config.ts';
import { rowCount, type SignalMatrix } from './matrix.ts';
import { roundHalfAwayFromZero } from './score.ts';

export const VELOCITY_DAYS = 14;

/**
 * Final score at t minus final score at t−14 for the same account, per row, rounded to
 * one decimal (both scores have one). NaN when the matrix holds no as-of date t−14, when
 * the account has no row there (not eligible then), or when either score is unscored.
 */
export function velocity(
  matrix: SignalMatrix,
  scores: { readonly score: Float64Array },
): Float64Array {
  const rows = rowCount(matrix);
  const dates = matrix.asOfDates;
  const result = new Float64Array(rows).fill(Number.NaN);

  const indexOfDate = new Map<number, number>();
  dates.forEach((day, index) => indexOfDate.set(day, index));
  const earlierIndex = new Int32Array(dates.length).fill(-1);
  // Only as-of dates that some later date looks back to need a lookup slot.
  const slotOfDate = new Int32Array(dates.length).fill(-1);
  let slots = 0;
  dates.forEach((day, index) => {
    const earlier = indexOfDate.get(day - VELOCITY_DAYS);
    if (earlier === undefined) return;
    earlierIndex[index] = earlier;
    if (slotOfDate[earlier] === -1) {
      slotOfDate[earlier] = slots;
      slots += 1;
    }
  });
  if (slots === 0) return result;

  const accounts = matrix.accounts.accountIds.length;
  const rowAt = new Int32Array(accounts * slots).fill(-1);
  for (let row = 0; row < rows; row += 1) {
    const slot = slotOfDate[matrix.asOfIndex[row] as number] as number;
    if (slot >= 0) rowAt[(matrix.accountIndex[row] as number) * slots + slot] = row;
  }

  for (let row = 0; row < rows; row += 1) {
    const earlier = earlierIndex[matrix.asOfIndex[row] as number] as number;
    if (earlier < 0) continue;
    const slot = slotOfDate[earlier] as number;
    const earlierRow = rowAt[(matrix.accountIndex[row] as number) * slots + slot] as number;
    if (earlierRow < 0) continue;
    const change = (scores.score[row] as number) - (scores.score[earlierRow] as number);
    result[row] = roundHalfAwayFromZero(change);
  }
  return result;
}

/** Whether a velocity is a drop of at least the configured urgent size; false for NaN. */
export function isUrgent(change: number, config: ModelConfig): boolean {
  return change <= -config.urgentVelocityDrop;
}
