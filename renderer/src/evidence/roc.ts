/**
 * The ROC curve of the health score as a churn predictor. A lower score means a
 * higher risk, so the curve sweeps the threshold upwards: at each threshold, the
 * accounts at or below it are "flagged".
 */

export interface RocPoint {
  /** Share of stayers flagged: false-positive rate, 0..1. */
  readonly falsePositiveRate: number;
  /** Share of churners flagged: true-positive rate, 0..1. */
  readonly truePositiveRate: number;
  /** The threshold: rows scoring at or below it are flagged; null for the (0, 0) start. */
  readonly threshold: number | null;
}

export interface RocCurve {
  readonly points: RocPoint[];
  readonly churned: number;
  readonly retained: number;
}

/**
 * ROC points over the non-NaN scores of `rows` (default all rows), one per distinct
 * score, starting at (0, 0) and ending at (1, 1); rows with equal scores move the
 * curve together in one diagonal step, which is what makes the area count ties as one
 * half. Null when there is no churner or no stayer.
 */
export function rocCurve(
  score: ArrayLike<number>,
  churned: ArrayLike<number>,
  rows?: ArrayLike<number>,
): RocCurve | null {
  const picked: number[] = [];
  const count = rows === undefined ? score.length : rows.length;
  for (let i = 0; i < count; i++) {
    const row = rows === undefined ? i : rows[i]!;
    if (!Number.isNaN(score[row]!)) picked.push(row);
  }
  picked.sort((left, right) => score[left]! - score[right]!);
  let positives = 0;
  for (const row of picked) positives += churned[row] === 1 ? 1 : 0;
  const negatives = picked.length - positives;
  if (positives === 0 || negatives === 0) return null;

  const points: RocPoint[] = [{ falsePositiveRate: 0, truePositiveRate: 0, threshold: null }];
  let truePositives = 0;
  let falsePositives = 0;
  for (let i = 0; i < picked.length; i++) {
    const row = picked[i]!;
    if (churned[row] === 1) truePositives++;
    else falsePositives++;
    const next = picked[i + 1];
    if (next !== undefined && score[next] === score[row]) continue;
    points.push({
      falsePositiveRate: falsePositives / negatives,
      truePositiveRate: truePositives / positives,
      threshold: score[row]!,
    });
  }
  return { points, churned: positives, retained: negatives };
}

/** Area under a curve of ROC points by the trapezoid rule, 0..1. */
export function areaUnderPoints(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    area +=
      ((to.falsePositiveRate - from.falsePositiveRate) *
        (to.truePositiveRate + from.truePositiveRate)) /
      2;
  }
  return area;
}
