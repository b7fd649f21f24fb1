/**
 * Ranking and distribution metrics for backtests and drift: ROC AUC, Gini, KS,
 * lift and gains by decile, score histograms and the population stability index.
 * Every function works on columnar inputs (a value column, a churn-label column and
 * an optional list of row indices) so 10⁵–10⁶ rows need no per-row objects.
 *
 * Conventions: a lower score means a higher churn risk. Functions that return one
 * number return NaN when the metric is undefined; functions that return a record
 * use null for the same, because those records are printed and sent as JSON.
 */

/** RAG band codes used in the per-row `rag` columns. */
export const RAG = { unscored: 0, red: 1, yellow: 2, green: 3 } as const;

/** The ten score bins of the drift histogram: [0,10), [10,20) … [90,100]. */
export const SCORE_BIN_COUNT = 10;

/** Number of score groups in the lift table. */
export const DECILE_COUNT = 10;

/** Share that replaces an empty bin in the PSI, so the logarithm stays finite. */
export const PSI_EMPTY_SHARE = 0.0001;

export type PsiVerdict = 'stable' | 'moderate_shift' | 'major_shift';

export interface KsResult {
  /** Largest gap between the cumulative score distributions, 0..1; NaN without both classes. */
  readonly ks: number;
  /** The score at which that gap is first reached; NaN without both classes. */
  readonly atScore: number;
}

export interface DecileRow {
  /** 1 = lowest scores = riskiest. */
  readonly decile: number;
  readonly rows: number;
  readonly churned: number;
  readonly minScore: number | null;
  readonly maxScore: number | null;
  /** churned ÷ rows; null for an empty decile. */
  readonly churnRate: number | null;
  /** Decile churn rate ÷ overall churn rate; null when either is undefined or the overall rate is 0. */
  readonly lift: number | null;
  readonly cumulativeRows: number;
  readonly cumulativeChurned: number;
  /** Cumulative rows ÷ all rows. */
  readonly cumulativeRowShare: number | null;
  /** Gains: cumulative churned ÷ all churned, the share of churners caught so far. */
  readonly gains: number | null;
  /** Gains ÷ cumulative row share. */
  readonly cumulativeLift: number | null;
}

/**
 * The distinct values of a column in ascending order, with the number of churned and
 * retained rows at each: all that AUC, KS and the decile table need, since rows with
 * equal values are interchangeable.
 */
export interface ValueGroups {
  readonly values: Float64Array;
  readonly churned: Int32Array;
  readonly retained: Int32Array;
  /** Σ churned. */
  readonly totalChurned: number;
  /** Σ retained. */
  readonly totalRetained: number;
}

const GRID_STEPS_PER_POINT = 100;
const GRID_SIZE = 100 * GRID_STEPS_PER_POINT + 1;
// Cells of the bucket sort for off-grid values: one below 0, one per 0.01 up to 100,
// one above 100.
const CELL_COUNT = GRID_SIZE + 2;
const INSERTION_SORT_LIMIT = 24;

/**
 * Groups the non-NaN values of `rows` (default all rows) by exact value, counting
 * rows with `churned` = 1 as churned and every other row as retained. Linear time in
 * practice: values exactly on the 0.01 grid of 0..100 (rounded scores, band points)
 * are counted in place; the rest are bucket-sorted by hundredths, then exactly.
 */
export function groupByValue(
  values: ArrayLike<number>,
  churned: ArrayLike<number>,
  rows?: ArrayLike<number>,
): ValueGroups {
  const total = rows ? rows.length : values.length;
  const gridChurned = new Int32Array(GRID_SIZE);
  const gridRetained = new Int32Array(GRID_SIZE);
  let offGridValues = new Float64Array(64);
  let offGridLabels = new Uint8Array(64);
  let offGridCount = 0;
  for (let k = 0; k < total; k++) {
    const row = rows ? rows[k]! : k;
    const value = values[row]!;
    if (Number.isNaN(value)) continue;
    const isChurned = churned[row] === 1;
    // On the grid only when the value is exactly the double nearest to code/100, so a
    // grid cell never holds two different values.
    const code = Math.round(value * GRID_STEPS_PER_POINT);
    if (code >= 0 && code < GRID_SIZE && code / GRID_STEPS_PER_POINT === value) {
      if (isChurned) gridChurned[code]!++;
      else gridRetained[code]!++;
      continue;
    }
    if (offGridCount === offGridValues.length) {
      offGridValues = grow(offGridValues, new Float64Array(2 * offGridCount));
      offGridLabels = grow(offGridLabels, new Uint8Array(2 * offGridCount));
    }
    offGridValues[offGridCount] = value + 0;
    offGridLabels[offGridCount++] = isChurned ? 1 : 0;
  }
  const offGrid = groupOffGrid(
    offGridValues.subarray(0, offGridCount),
    offGridLabels.subarray(0, offGridCount),
  );

  let gridGroups = 0;
  for (let cell = 0; cell < GRID_SIZE; cell++) {
    if (gridChurned[cell] !== 0 || gridRetained[cell] !== 0) gridGroups++;
  }

  // Merge the grid cells and the off-grid groups into one ascending sequence. No
  // off-grid value equals a grid value, so the merge never joins groups.
  const merged: ValueGroupArrays = {
    values: new Float64Array(gridGroups + offGrid.length),
    churned: new Int32Array(gridGroups + offGrid.length),
    retained: new Int32Array(gridGroups + offGrid.length),
    length: 0,
  };
  let code = 0;
  let next = 0;
  while (code < GRID_SIZE || next < offGrid.length) {
    if (code < GRID_SIZE && gridChurned[code] === 0 && gridRetained[code] === 0) {
      code++;
      continue;
    }
    const gridValue = code / GRID_STEPS_PER_POINT;
    if (code < GRID_SIZE && (next >= offGrid.length || gridValue < offGrid.values[next]!)) {
      pushGroup(merged, gridValue, gridChurned[code]!, gridRetained[code]!);
      code++;
    } else {
      pushGroup(merged, offGrid.values[next]!, offGrid.churned[next]!, offGrid.retained[next]!);
      next++;
    }
  }

  let totalChurned = 0;
  let totalRetained = 0;
  for (let g = 0; g < merged.length; g++) {
    totalChurned += merged.churned[g]!;
    totalRetained += merged.retained[g]!;
  }
  return {
    values: merged.values,
    churned: merged.churned,
    retained: merged.retained,
    totalChurned,
    totalRetained,
  };
}

/**
 * The groups of the union of two disjoint sets of rows, from the groups of each: the
 * distinct values of both in ascending order, counts added where a value is in both.
 * Equal to grouping the rows of both sets at once, without visiting a row again. Neither
 * argument is changed; when one is empty the other is returned as it is.
 */
export function mergeGroups(first: ValueGroups, second: ValueGroups): ValueGroups {
  const firstCount = first.values.length;
  const secondCount = second.values.length;
  if (secondCount === 0) return first;
  if (firstCount === 0) return second;
  const merged: ValueGroupArrays = {
    values: new Float64Array(firstCount + secondCount),
    churned: new Int32Array(firstCount + secondCount),
    retained: new Int32Array(firstCount + secondCount),
    length: 0,
  };
  let i = 0;
  let j = 0;
  while (i < firstCount || j < secondCount) {
    const fromFirst = i < firstCount ? first.values[i]! : Number.POSITIVE_INFINITY;
    const fromSecond = j < secondCount ? second.values[j]! : Number.POSITIVE_INFINITY;
    if (i < firstCount && (j >= secondCount || fromFirst < fromSecond)) {
      pushGroup(merged, fromFirst, first.churned[i]!, first.retained[i]!);
      i++;
    } else if (i >= firstCount || fromSecond < fromFirst) {
      pushGroup(merged, fromSecond, second.churned[j]!, second.retained[j]!);
      j++;
    } else {
      const churned = first.churned[i]! + second.churned[j]!;
      pushGroup(merged, fromFirst, churned, first.retained[i]! + second.retained[j]!);
      i++;
      j++;
    }
  }
  return {
    values: merged.values.slice(0, merged.length),
    churned: merged.churned.slice(0, merged.length),
    retained: merged.retained.slice(0, merged.length),
    totalChurned: first.totalChurned + second.totalChurned,
    totalRetained: first.totalRetained + second.totalRetained,
  };
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Groups off-grid values by exact value, ascending. Values go into cells of 0.01
 * (values below 0 and above 100 into one cell each); floor(value × 100) never
 * decreases as the value grows, so the cells are in order. A cell holding a single
 * distinct value is one group at once; only cells with several values are sorted.
 */
function groupOffGrid(values: Float64Array, labels: Uint8Array): ValueGroupArrays {
  const count = values.length;
  if (count === 0) {
    return {
      values: new Float64Array(0),
      churned: new Int32Array(0),
      retained: new Int32Array(0),
      length: 0,
    };
  }
  const cellOf = new Int32Array(count);
  const first = new Float64Array(CELL_COUNT);
  const size = new Int32Array(CELL_COUNT);
  const churnedIn = new Int32Array(CELL_COUNT);
  const mixed = new Uint8Array(CELL_COUNT);
  for (let i = 0; i < count; i++) {
    const value = values[i]!;
    const cell =
      value < 0 ? 0 : value > 100 ? CELL_COUNT - 1 : 1 + Math.floor(value * GRID_STEPS_PER_POINT);
    cellOf[i] = cell;
    if (size[cell] === 0) first[cell] = value;
    else if (first[cell] !== value) mixed[cell] = 1;
    size[cell]!++;
    churnedIn[cell] = churnedIn[cell]! + labels[i]!;
  }

  // Rows of mixed cells, laid out cell by cell, then sorted inside each cell.
  const start = new Int32Array(CELL_COUNT + 1);
  for (let cell = 0; cell < CELL_COUNT; cell++) {
    start[cell + 1] = start[cell]! + (mixed[cell] ? size[cell]! : 0);
  }
  const sortedValues = new Float64Array(start[CELL_COUNT]!);
  const sortedLabels = new Uint8Array(start[CELL_COUNT]!);
  const next = start.slice(0, CELL_COUNT);
  for (let i = 0; i < count; i++) {
    const cell = cellOf[i]!;
    if (!mixed[cell]) continue;
    const slot = next[cell]!++;
    sortedValues[slot] = values[i]!;
    sortedLabels[slot] = labels[i]!;
  }

  const groups: ValueGroupArrays = {
    values: new Float64Array(count),
    churned: new Int32Array(count),
    retained: new Int32Array(count),
    length: 0,
  };
  for (let cell = 0; cell < CELL_COUNT; cell++) {
    if (size[cell] === 0) continue;
    if (!mixed[cell]) {
      pushGroup(groups, first[cell]!, churnedIn[cell]!, size[cell]! - churnedIn[cell]!);
      continue;
    }
    const from = start[cell]!;
    const to = start[cell + 1]!;
    if (to - from > INSERTION_SORT_LIMIT) sortLargeCell(sortedValues, sortedLabels, from, to);
    else insertionSort(sortedValues, sortedLabels, from, to);
    let i = from;
    while (i < to) {
      const value = sortedValues[i]!;
      let churnedHere = 0;
      let end = i;
      while (end < to && sortedValues[end] === value) churnedHere += sortedLabels[end++]!;
      pushGroup(groups, value, churnedHere, end - i - churnedHere);
      i = end;
    }
  }
  return groups;
}

interface ValueGroupArrays {
  readonly values: Float64Array;
  readonly churned: Int32Array;
  readonly retained: Int32Array;
  length: number;
}

function pushGroup(groups: ValueGroupArrays, value: number, churned: number, retained: number) {
  groups.values[groups.length] = value;
  groups.churned[groups.length] = churned;
  groups.retained[groups.length] = retained;
  groups.length++;
}

function insertionSort(values: Float64Array, labels: Uint8Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    const label = labels[i]!;
    let j = i - 1;
    while (j >= from && values[j]! > value) {
      values[j + 1] = values[j]!;
      labels[j + 1] = labels[j]!;
      j--;
    }
    values[j + 1] = value;
    labels[j + 1] = label;
  }
}

/** Sorts a long cell by sorting the churned and the retained values apart, then merging. */
function sortLargeCell(values: Float64Array, labels: Uint8Array, from: number, to: number): void {
  let churnedCount = 0;
  for (let i = from; i < to; i++) churnedCount += labels[i]!;
  const churnedValues = new Float64Array(churnedCount);
  const retainedValues = new Float64Array(to - from - churnedCount);
  let c = 0;
  let r = 0;
  for (let i = from; i < to; i++) {
    if (labels[i] === 1) churnedValues[c++] = values[i]!;
    else retainedValues[r++] = values[i]!;
  }
  churnedValues.sort();
  retainedValues.sort();
  c = 0;
  r = 0;
  for (let i = from; i < to; i++) {
    const takeChurned =
      r >= retainedValues.length ||
      (c < churnedValues.length && churnedValues[c]! <= retainedValues[r]!);
    values[i] = takeChurned ? churnedValues[c++]! : retainedValues[r++]!;
    labels[i] = takeChurned ? 1 : 0;
  }
}

/**
 * ROC AUC of a column as a churn predictor, where a LOWER value means a HIGHER risk:
 * the probability that a random churner scores below a random stayer, ties counting
 * one half. This is the Mann–Whitney U statistic ÷ (churners × stayers) (Hanley &
 * McNeil 1982). NaN when there is no churner or no stayer.
 */
export function aucOfGroups(groups: ValueGroups): number {
  let churnersBelow = 0;
  let pairsWon = 0;
  for (let g = 0; g < groups.values.length; g++) {
    const churnedHere = groups.churned[g]!;
    const retainedHere = groups.retained[g]!;
    pairsWon += churnersBelow * retainedHere + 0.5 * churnedHere * retainedHere;
    churnersBelow += churnedHere;
  }
  const pairs = groups.totalChurned * groups.totalRetained;
  return pairs === 0 ? Number.NaN : pairsWon / pairs;
}

/** ROC AUC (lower value = higher risk) over the non-NaN values of `rows` (default all rows); NaN without both classes. */
export function rocAuc(
  values: ArrayLike<number>,
  churned: ArrayLike<number>,
  rows?: ArrayLike<number>,
): number {
  return aucOfGroups(groupByValue(values, churned, rows));
}

/** Gini coefficient (accuracy ratio) of a ranking: 2·AUC − 1, in −1..1; NaN for a NaN AUC. */
export function giniOfAuc(auc: number): number {
  return 2 * auc - 1;
}

/**
 * Kolmogorov–Smirnov statistic: the largest distance, over all thresholds x, between
 * the share of churners with a value ≤ x and the share of stayers with a value ≤ x.
 * Thresholds lie between distinct values, so ties never split. NaN without both classes.
 */
export function ksOfGroups(groups: ValueGroups): KsResult {
  const { totalChurned, totalRetained } = groups;
  if (totalChurned === 0 || totalRetained === 0) return { ks: Number.NaN, atScore: Number.NaN };

  let churnedSoFar = 0;
  let retainedSoFar = 0;
  let ks = -1;
  let atScore = Number.NaN;
  for (let g = 0; g < groups.values.length; g++) {
    churnedSoFar += groups.churned[g]!;
    retainedSoFar += groups.retained[g]!;
    const distance = Math.abs(churnedSoFar / totalChurned - retainedSoFar / totalRetained);
    if (distance > ks) {
      ks = distance;
      atScore = groups.values[g]!;
    }
  }
  return { ks, atScore };
}

/** KS statistic over the non-NaN values of `rows` (default all rows); NaN without both classes. */
export function ksStatistic(
  values: ArrayLike<number>,
  churned: ArrayLike<number>,
  rows?: ArrayLike<number>,
): KsResult {
  return ksOfGroups(groupByValue(values, churned, rows));
}

/**
 * Lift and gains by score decile, decile 1 holding the lowest scores (riskiest).
 * A row of ascending rank r among n goes to decile ⌈10·r/n⌉; tied scores all take
 * the mid-rank of their group, so a tie is never split across deciles (a decile may
 * then be larger, smaller or empty). Always ten rows.
 */
export function liftByDecile(groups: ValueGroups): DecileRow[] {
  const total = groups.totalChurned + groups.totalRetained;
  const rows = new Int32Array(DECILE_COUNT);
  const churners = new Int32Array(DECILE_COUNT);
  const minScore = new Float64Array(DECILE_COUNT).fill(Number.NaN);
  const maxScore = new Float64Array(DECILE_COUNT).fill(Number.NaN);

  let start = 0;
  for (let g = 0; g < groups.values.length; g++) {
    const size = groups.churned[g]! + groups.retained[g]!;
    const end = start + size;
    // Ranks start+1 … end have mid-rank (start+1+end)/2, so 10·midRank = 5·(start+1+end):
    // integer arithmetic keeps the decile edges exact.
    const decile = Math.min(DECILE_COUNT, Math.max(1, Math.ceil((5 * (start + 1 + end)) / total)));
    const slot = decile - 1;
    if (rows[slot] === 0) minScore[slot] = groups.values[g]!;
    maxScore[slot] = groups.values[g]!;
    rows[slot] = rows[slot]! + size;
    churners[slot] = churners[slot]! + groups.churned[g]!;
    start = end;
  }

  const overallRate = ratioOrNull(groups.totalChurned, total);
  const table: DecileRow[] = [];
  let cumulativeRows = 0;
  let cumulativeChurned = 0;
  for (let slot = 0; slot < DECILE_COUNT; slot++) {
    const decileRows = rows[slot]!;
    const decileChurned = churners[slot]!;
    cumulativeRows += decileRows;
    cumulativeChurned += decileChurned;
    const churnRate = ratioOrNull(decileChurned, decileRows);
    const cumulativeRowShare = ratioOrNull(cumulativeRows, total);
    const gains = ratioOrNull(cumulativeChurned, groups.totalChurned);
    table.push({
      decile: slot + 1,
      rows: decileRows,
      churned: decileChurned,
      minScore: numberOrNull(minScore[slot]!),
      maxScore: numberOrNull(maxScore[slot]!),
      churnRate,
      lift: churnRate === null || !overallRate ? null : churnRate / overallRate,
      cumulativeRows,
      cumulativeChurned,
      cumulativeRowShare,
      gains,
      cumulativeLift: gains === null || !cumulativeRowShare ? null : gains / cumulativeRowShare,
    });
  }
  return table;
}

/**
 * Counts of finite scores in ten bins of ten points: [0,10), [10,20) … [80,90) and
 * [90,100], the last bin including 100. Throws a RangeError for a finite score outside
 * 0..100, which would be a bug in the scoring engine. NaN (unscored) is left out.
 */
export function scoreHistogram(scores: ArrayLike<number>, rows?: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(SCORE_BIN_COUNT);
  const total = rows ? rows.length : scores.length;
  for (let k = 0; k < total; k++) {
    const score = scores[rows ? rows[k]! : k]!;
    if (Number.isNaN(score)) continue;
    if (!(score >= 0 && score <= 100)) {
      throw new RangeError(`score ${score} is outside 0..100`);
    }
    counts[scoreBin(score)]!++;
  }
  return counts;
}

/** The histogram bin (0..9) of a score in 0..100; 100 falls in the last bin. */
export function scoreBin(score: number): number {
  return Math.min(SCORE_BIN_COUNT - 1, Math.floor(score / 10));
}

/**
 * Population stability index of an actual histogram against an expected (baseline)
 * one, both as counts over the same bins: Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) over bin shares, a
 * share of 0 replaced by 0.0001 (not renormalised); Siddiqi 2006. NaN when either
 * histogram is empty or the bin counts differ.
 */
export function populationStabilityIndex(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): number {
  if (actual.length !== expected.length) return Number.NaN;
  let actualTotal = 0;
  let expectedTotal = 0;
  for (let i = 0; i < actual.length; i++) {
    actualTotal += actual[i]!;
    expectedTotal += expected[i]!;
  }
  if (actualTotal === 0 || expectedTotal === 0) return Number.NaN;

  let psi = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]! / actualTotal || PSI_EMPTY_SHARE;
    const e = expected[i]! / expectedTotal || PSI_EMPTY_SHARE;
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * The verdict of a PSI value: below 0.10 stable; 0.10 up to and including 0.25 a
 * moderate shift; above 0.25 a major shift. Null for NaN.
 */
export function psiVerdict(psi: number): PsiVerdict | null {
  if (Number.isNaN(psi)) return null;
  if (psi < 0.1) return 'stable';
  if (psi <= 0.25) return 'moderate_shift';
  return 'major_shift';
}

/** Median of the values (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Whole percentages proportional to non-negative `weights`, summing to exactly 100
 * (Hamilton's largest-remainder method): each takes the floor of its exact share, and
 * the points left go one each to the largest remainders, earlier entries first on a
 * tie. Returns null when the weights sum to 0 or one is negative or not finite.
 */
export function largestRemainderPercentages(weights: readonly number[]): number[] | null {
  let total = 0;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) return null;
    total += weight;
  }
  if (total === 0) return null;

  const exact = weights.map((weight) => (100 * weight) / total);
  const whole = exact.map(Math.floor);
  let left = 100 - whole.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    whole[index] = whole[index]! + 1;
    left--;
  }
  return whole;
}

/** part ÷ whole, or null when whole is 0. */
export function ratioOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The number, or null when it is NaN or infinite (for JSON-bound records). */
export function numberOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
