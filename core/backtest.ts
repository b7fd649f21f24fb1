/**
 * The backtest: how well the health score, computed at past as-of dates, foretold
 * the churn that followed. Labels, censoring, band tables, ranking metrics, lead
 * time, per-layer and per-signal AUC, and layer weights suggested by a logistic
 * regression fitted on the earlier snapshots and judged on the later ones.
 *
 * Input is columnar: one entry per row (an eligible account at one as-of date) in
 * typed arrays, one entry per account for churn dates. Days are day numbers (days
 * since 1970-01-01 UTC). Rates and metrics that are undefined are null.
 */

import { fitLogistic } from './logistic.ts';
import {
  RAG,
  aucOfGroups,
  giniOfAuc,
  groupByValue,
  ksOfGroups,
  largestRemainderPercentages,
  liftByDecile,
  median,
  mergeGroups,
  numberOrNull,
  ratioOrNull,
  rocAuc,
  type DecileRow,
  type ValueGroups,
} from './metrics.ts';

export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_TRAINING_SHARE = 2 / 3;
export const DEFAULT_L2 = 0.01;

export interface BacktestInput {
  /** As-of dates, strictly ascending. */
  readonly asOfDates: readonly number[];
  /** Per row: index into asOfDates. */
  readonly asOfIndex: Int32Array;
  /** Per row: index of the account (into churnedOn). */
  readonly accountIndex: Int32Array;
  /** Per account: churn day, NaN when not churned. */
  readonly churnedOn: Float64Array;
  /** Last day of data; a snapshot t with t + horizon after it is censored. */
  readonly dataEnd: number;
  /** Per row: final score 0..100, NaN when unscored. */
  readonly score: Float64Array;
  /** Per row: RAG code (see RAG in metrics.ts); 0 exactly when the score is NaN. */
  readonly rag: Uint8Array;
  /** Per row: 1 when the row carries the low-coverage flag. */
  readonly lowCoverage: Uint8Array;
  /** Per layer, per row: layer score 0..100, NaN when missing. */
  readonly layerScores: Readonly<Record<string, Float64Array>>;
  /** Per signal, per row: points 0..100, NaN when missing or disabled. */
  readonly signalPoints: Readonly<Record<string, Float64Array>>;
  /** The current layer weights (whole percentages); a layer not listed weighs 0. */
  readonly layerWeights: Readonly<Record<string, number>>;
  /** Label horizon in days; default 90. */
  readonly horizonDays?: number;
  /** How far before churn the lead-time search looks; default the horizon; Infinity = no limit. */
  readonly leadTimeWindowDays?: number;
  /** Share of labelled snapshot dates used to fit suggested weights; default 2/3. */
  readonly trainingShare?: number;
  /** Ridge strength of the weight regression on standardised layer scores; default 0.01. */
  readonly l2?: number;
  /**
   * Whether to fit suggested weights; default true. The fit is the slowest part (a few
   * passes over the training rows), so a live recompute may leave it out.
   */
  readonly suggestWeights?: boolean;
}

export interface BandOutcome {
  /** Rows in the band (pooled results count an account once per snapshot). */
  readonly accounts: number;
  readonly churned: number;
  readonly retained: number;
  /** churned ÷ accounts; null for an empty band. */
  readonly churnRate: number | null;
}

export interface LabelMetrics {
  /** Labelled rows in scope, scored or not. */
  readonly rows: number;
  readonly scored: number;
  readonly unscored: number;
  /** Unscored rows that churned within the horizon (left out of every score metric). */
  readonly unscoredChurned: number;
  /** Scored rows that churned within the horizon. */
  readonly churned: number;
  /** churned ÷ scored. */
  readonly churnRate: number | null;
  /** The confusion table of band against outcome, with each band's churn rate. */
  readonly bands: {
    readonly red: BandOutcome;
    readonly yellow: BandOutcome;
    readonly green: BandOutcome;
  };
  /** Share of green rows that did not churn. */
  readonly greenRenewed: number | null;
  /** Red as the churn prediction: red churned ÷ red rows. */
  readonly redPrecision: number | null;
  /** Red churned ÷ scored churned. */
  readonly redRecall: number | null;
  readonly auc: number | null;
  readonly gini: number | null;
  readonly ks: number | null;
  /** Score at which the KS distance is reached. */
  readonly ksScore: number | null;
  readonly deciles: DecileRow[];
}

export interface SnapshotBacktest {
  readonly asOf: number;
  /** True when asOf + horizon is after dataEnd: the label is not yet known. */
  readonly censored: boolean;
  readonly rows: number;
  readonly scored: number;
  readonly unscored: number;
  readonly lowCoverage: number;
  /** Null for a censored snapshot. */
  readonly metrics: LabelMetrics | null;
}

export interface LeadTimeAccount {
  readonly account: number;
  readonly churnedOn: number;
  /** Snapshots of the account inside the search window before churn. */
  readonly snapshotsInWindow: number;
  readonly firstRed: number | null;
  /** churnedOn − firstRed, in days. */
  readonly daysFromRed: number | null;
  readonly firstNonGreen: number | null;
  readonly daysFromNonGreen: number | null;
}

export interface LeadTimeReport {
  /** Days before churn that the search covers; null = unlimited. */
  readonly windowDays: number | null;
  /** Accounts churned on or before dataEnd with at least one snapshot in the window. */
  readonly churnedAccounts: number;
  readonly withRed: number;
  readonly withNonGreen: number;
  readonly medianDaysFromRed: number | null;
  readonly medianDaysFromNonGreen: number | null;
  readonly accounts: LeadTimeAccount[];
}

export interface PredictorAuc {
  readonly name: string;
  /** Labelled rows where this layer or signal has a value. */
  readonly rows: number;
  readonly churned: number;
  readonly auc: number | null;
  readonly gini: number | null;
}

export type WeightSuggestionReason =
  | 'too_few_snapshots'
  | 'no_churners_in_training'
  | 'no_stayers_in_training'
  | 'no_usable_layer'
  | 'no_risk_lowering_layer';

export interface LayerWeightRow {
  readonly layer: string;
  readonly currentWeight: number;
  /** Whole percentage; null when no suggestion was fitted. */
  readonly suggestedWeight: number | null;
  /** False when the layer had no values or no spread in training. */
  readonly usedInFit: boolean;
  /** Log-odds of churn per standard deviation of the layer score. */
  readonly coefficient: number | null;
  /** Log-odds of churn per point of layer score. */
  readonly coefficientPerPoint: number | null;
  /** max(0, −coefficient): how much a higher layer score lowers risk. */
  readonly riskContribution: number | null;
  readonly trainingMean: number | null;
  readonly trainingStd: number | null;
  /** Training rows where the layer was missing and took the training mean. */
  readonly imputedRows: number;
}

export interface HeldOutAuc {
  /** Scored test rows on which both composites are defined. */
  readonly rows: number;
  readonly churned: number;
  /** AUC of the composite recomputed from layer scores with the current weights. */
  readonly current: number | null;
  /** AUC of the composite with the suggested weights. */
  readonly suggested: number | null;
  /** AUC of the final score (with overrides) on the same rows, for reference. */
  readonly finalScore: number | null;
}

export interface WeightSuggestion {
  readonly fitted: boolean;
  readonly reason: WeightSuggestionReason | null;
  readonly trainingAsOf: number[];
  readonly testAsOf: number[];
  readonly trainingRows: number;
  readonly trainingChurned: number;
  readonly l2: number;
  readonly intercept: number | null;
  readonly iterations: number;
  readonly converged: boolean;
  readonly layers: LayerWeightRow[];
  readonly heldOutAuc: HeldOutAuc;
}

export interface BacktestReport {
  readonly horizonDays: number;
  readonly dataEnd: number;
  readonly snapshots: SnapshotBacktest[];
  readonly labelledSnapshots: number;
  readonly censoredSnapshots: number;
  /** Headline: all labelled rows of all labelled snapshots. */
  readonly pooled: LabelMetrics;
  /** Headline without the rows flagged low coverage. */
  readonly pooledWithoutLowCoverage: LabelMetrics;
  /** Low-coverage rows among the labelled rows. */
  readonly lowCoverageRows: number;
  readonly leadTime: LeadTimeReport;
  readonly layers: PredictorAuc[];
  readonly signals: PredictorAuc[];
  /** Null when the input asked for no suggestion. */
  readonly suggestedWeights: WeightSuggestion | null;
}

/** Per-row labels and per-snapshot censoring, shared by every part of the backtest. */
interface Prepared {
  readonly input: BacktestInput;
  readonly rows: number;
  readonly horizonDays: number;
  readonly censored: Uint8Array;
  readonly churned90: Uint8Array;
}

/**
 * Runs the whole backtest: per-snapshot and pooled label metrics, lead time,
 * per-layer and per-signal AUC and suggested weights. Throws a RangeError when the
 * columns disagree in length, an index is out of range, a row is not eligible, or a
 * score and its RAG code disagree.
 */
export function runBacktest(input: BacktestInput): BacktestReport {
  const { asOfDates, score } = input;
  const snapshotCount = asOfDates.length;
  const horizonDays = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  validateShape(input);
  const scan = scanRows(input, horizonDays);
  const prepared: Prepared = {
    input,
    rows: input.asOfIndex.length,
    horizonDays,
    censored: censoredSnapshots(asOfDates, input.dataEnd, horizonDays),
    churned90: scan.churned90,
  };
  const { counts } = scan;
  const lists = scoredRowLists(prepared, scan.slotStart);
  const churned90 = prepared.churned90;

  // Pooled groups are merged from the snapshots' groups rather than regrouped from the
  // rows: a merge of sorted groups gives exactly the grouping of the union of their rows.
  let pooledGroups = EMPTY_GROUPS;
  let pooledHighCoverageGroups = EMPTY_GROUPS;
  const pooledCounts = new Int32Array(8);
  const pooledCountsHighCoverage = new Int32Array(8);
  const snapshots: SnapshotBacktest[] = [];
  let lowCoverageRows = 0;
  for (let s = 0; s < snapshotCount; s++) {
    const snapshotCounts = new Int32Array(8);
    let lowCoverageHere = 0;
    for (let i = 0; i < 8; i++) {
      const covered = counts[s * 16 + i]!;
      const low = counts[s * 16 + 8 + i]!;
      snapshotCounts[i] = covered + low;
      lowCoverageHere += low;
    }
    const isCensored = prepared.censored[s] === 1;
    let metrics: LabelMetrics | null = null;
    if (!isCensored) {
      lowCoverageRows += lowCoverageHere;
      for (let i = 0; i < 8; i++) {
        pooledCounts[i] = pooledCounts[i]! + snapshotCounts[i]!;
        pooledCountsHighCoverage[i] = pooledCountsHighCoverage[i]! + counts[s * 16 + i]!;
      }
      const highCoverage = groupByValue(
        score,
        churned90,
        lists.bySnapshot.subarray(lists.start[s], lists.lowStart[s]),
      );
      const lowRows = lists.bySnapshot.subarray(lists.lowStart[s], lists.start[s + 1]);
      const groups =
        lowRows.length === 0
          ? highCoverage
          : mergeGroups(highCoverage, groupByValue(score, churned90, lowRows));
      pooledGroups = mergeGroups(pooledGroups, groups);
      pooledHighCoverageGroups = mergeGroups(pooledHighCoverageGroups, highCoverage);
      metrics = labelMetrics(snapshotCounts, groups);
    }
    const rows = sumCounts(snapshotCounts);
    const unscored = snapshotCounts[0]! + snapshotCounts[1]!;
    snapshots.push({
      asOf: asOfDates[s]!,
      censored: isCensored,
      rows,
      scored: rows - unscored,
      unscored,
      lowCoverage: lowCoverageHere,
      metrics,
    });
  }

  const labelledSnapshots = snapshots.filter((snapshot) => !snapshot.censored).length;
  return {
    horizonDays: prepared.horizonDays,
    dataEnd: input.dataEnd,
    snapshots,
    labelledSnapshots,
    censoredSnapshots: snapshotCount - labelledSnapshots,
    pooled: labelMetrics(pooledCounts, pooledGroups),
    pooledWithoutLowCoverage: labelMetrics(pooledCountsHighCoverage, pooledHighCoverageGroups),
    lowCoverageRows,
    leadTime: leadTimeReport(prepared, scan),
    layers: predictorAucs(input.layerScores, prepared, lists.labelled),
    signals: predictorAucs(input.signalPoints, prepared, lists.labelled),
    suggestedWeights: input.suggestWeights === false ? null : suggestWeights(prepared),
  };
}

const EMPTY_GROUPS: ValueGroups = {
  values: new Float64Array(0),
  churned: new Int32Array(0),
  retained: new Int32Array(0),
  totalChurned: 0,
  totalRetained: 0,
};

/**
 * The churned_90 label per row: 1 when the account's churn day falls in
 * (asOf, asOf + horizonDays], else 0 (also for rows of censored snapshots, whose
 * label is not yet known; see `censoredSnapshots`).
 */
export function churnLabels(
  asOfDates: readonly number[],
  asOfIndex: Int32Array,
  accountIndex: Int32Array,
  churnedOn: Float64Array,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Uint8Array {
  const labels = new Uint8Array(asOfIndex.length);
  for (let r = 0; r < asOfIndex.length; r++) {
    const asOf = asOfDates[asOfIndex[r]!]!;
    const churnDay = churnedOn[accountIndex[r]!]!;
    labels[r] = churnDay > asOf && churnDay <= asOf + horizonDays ? 1 : 0;
  }
  return labels;
}

/** Per snapshot: 1 when asOf + horizonDays is after dataEnd (label unknown), else 0. */
export function censoredSnapshots(
  asOfDates: readonly number[],
  dataEnd: number,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Uint8Array {
  return Uint8Array.from(asOfDates, (asOf) => (asOf + horizonDays > dataEnd ? 1 : 0));
}

/**
 * The composite recomputed from layer scores: Σ(layer score × weight) ÷ Σ(weights of
 * the layers present in that row), over layers with a positive weight; NaN when no
 * weighted layer is present. Not rounded and without overrides, so that two weight
 * sets can be compared on equal terms. One value per entry of `rows` (default all rows).
 */
export function compositeFromLayers(
  layerScores: Readonly<Record<string, Float64Array>>,
  layerWeights: Readonly<Record<string, number>>,
  rows?: ArrayLike<number>,
): Float64Array {
  const layers = Object.keys(layerScores).filter((layer) => (layerWeights[layer] ?? 0) > 0);
  const columns = layers.map((layer) => layerScores[layer]!);
  const weights = layers.map((layer) => layerWeights[layer]!);
  const firstColumn = Object.values(layerScores)[0];
  const count = rows ? rows.length : (firstColumn?.length ?? 0);
  const composite = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const row = rows ? rows[k]! : k;
    let weighted = 0;
    let weightPresent = 0;
    for (let j = 0; j < columns.length; j++) {
      const value = columns[j]![row]!;
      if (Number.isNaN(value)) continue;
      weighted += value * weights[j]!;
      weightPresent += weights[j]!;
    }
    composite[k] = weightPresent > 0 ? weighted / weightPresent : Number.NaN;
  }
  return composite;
}

/**
 * Suggested layer weights on their own (the same result as `runBacktest(...).suggestedWeights`):
 * a logistic regression of churned_90 on standardised layer scores over the earlier
 * labelled snapshots, judged by held-out AUC on the later ones.
 */
export function suggestLayerWeights(input: BacktestInput): WeightSuggestion {
  return suggestWeights(prepare(input));
}

function prepare(input: BacktestInput): Prepared {
  const horizonDays = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  validateShape(input);
  const { asOfDates, asOfIndex, accountIndex, churnedOn, score, rag } = input;
  validateRows(asOfDates, asOfIndex, accountIndex, churnedOn, score, rag);
  return {
    input,
    rows: input.asOfIndex.length,
    horizonDays,
    censored: censoredSnapshots(input.asOfDates, input.dataEnd, horizonDays),
    churned90: churnLabels(
      input.asOfDates,
      input.asOfIndex,
      input.accountIndex,
      input.churnedOn,
      horizonDays,
    ),
  };
}

/** The checks that need no pass over the rows: horizon, date order, column lengths. */
function validateShape(input: BacktestInput): void {
  const { asOfDates, asOfIndex, accountIndex, score, rag, lowCoverage } = input;
  const rows = asOfIndex.length;
  const horizonDays = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!(horizonDays > 0)) throw new RangeError(`horizonDays must be positive, got ${horizonDays}`);
  for (let s = 1; s < asOfDates.length; s++) {
    if (!(asOfDates[s]! > asOfDates[s - 1]!)) {
      throw new RangeError('asOfDates must be strictly ascending');
    }
  }
  const perRow: [string, ArrayLike<number>][] = [
    ['accountIndex', accountIndex],
    ['score', score],
    ['rag', rag],
    ['lowCoverage', lowCoverage],
    ...Object.entries(input.layerScores).map(([name, column]): [string, ArrayLike<number>] => [
      `layerScores.${name}`,
      column,
    ]),
    ...Object.entries(input.signalPoints).map(([name, column]): [string, ArrayLike<number>] => [
      `signalPoints.${name}`,
      column,
    ]),
  ];
  for (const [name, column] of perRow) {
    if (column.length !== rows) {
      throw new RangeError(`${name} has ${column.length} entries, asOfIndex has ${rows}`);
    }
  }
}

/**
 * The per-row checks, in a function of their own that takes only arrays: the engine then
 * optimises the loop once and keeps it, however the input object around it was built.
 */
function validateRows(
  asOfDates: readonly number[],
  asOfIndex: Int32Array,
  accountIndex: Int32Array,
  churnedOn: Float64Array,
  score: Float64Array,
  rag: Uint8Array,
): void {
  const rows = asOfIndex.length;
  for (let r = 0; r < rows; r++) {
    const snapshot = asOfIndex[r]!;
    const account = accountIndex[r]!;
    if (snapshot < 0 || snapshot >= asOfDates.length) {
      throw new RangeError(`row ${r}: asOfIndex ${snapshot} is out of range`);
    }
    if (account < 0 || account >= churnedOn.length) {
      throw new RangeError(`row ${r}: accountIndex ${account} is out of range`);
    }
    if (churnedOn[account]! <= asOfDates[snapshot]!) {
      throw new RangeError(`row ${r}: account ${account} churned on or before its as-of date`);
    }
    const value = score[r]!;
    const code = rag[r]!;
    const unscored = Number.isNaN(value);
    if (code > RAG.green || unscored !== (code === RAG.unscored)) {
      throw new RangeError(`row ${r}: RAG code ${code} does not match score ${value}`);
    }
    if (!unscored && !(value >= 0 && value <= 100)) {
      throw new RangeError(`row ${r}: score ${value} is outside 0..100`);
    }
  }
}

/** What runBacktest gathers in its one checking pass over the rows. */
interface RowScan {
  readonly churned90: Uint8Array;
  /** Row counts per snapshot, low-coverage flag, RAG code and label: index ((s·2 + low)·4 + rag)·2 + churned. */
  readonly counts: Int32Array;
  /** Scored rows per (snapshot, low-coverage) slot s·2 + low, at slot + 1. */
  readonly slotStart: Int32Array;
  /** Per account: its rows in the lead-time window and the first red and non-green snapshot there. */
  readonly inWindow: Int32Array;
  readonly firstRed: Int32Array;
  readonly firstNonGreen: Int32Array;
}

/**
 * The row checks of validateRows, the churned_90 labels of churnLabels, the band counts,
 * the scored-row counts per snapshot and the lead-time firsts, in one pass over the rows.
 * A bad row throws before any result is returned, as when the checks ran alone first.
 */
function scanRows(input: BacktestInput, horizonDays: number): RowScan {
  const { asOfDates, churnedOn } = input;
  const snapshotCount = asOfDates.length;
  const never = snapshotCount;
  const scan: RowScan = {
    churned90: new Uint8Array(input.asOfIndex.length),
    counts: new Int32Array(snapshotCount * 16),
    slotStart: new Int32Array(2 * snapshotCount + 1),
    inWindow: new Int32Array(churnedOn.length),
    firstRed: new Int32Array(churnedOn.length).fill(never),
    firstNonGreen: new Int32Array(churnedOn.length).fill(never),
  };
  scanRowsInto(
    asOfDates,
    input.asOfIndex,
    input.accountIndex,
    churnedOn,
    input.score,
    input.rag,
    input.lowCoverage,
    horizonDays,
    input.dataEnd,
    input.leadTimeWindowDays ?? horizonDays,
    scan,
  );
  return scan;
}

function scanRowsInto(
  asOfDates: readonly number[],
  asOfIndex: Int32Array,
  accountIndex: Int32Array,
  churnedOn: Float64Array,
  score: Float64Array,
  rag: Uint8Array,
  lowCoverage: Uint8Array,
  horizonDays: number,
  dataEnd: number,
  windowDays: number,
  scan: RowScan,
): void {
  const { churned90, counts, slotStart, inWindow, firstRed, firstNonGreen } = scan;
  for (let r = 0; r < asOfIndex.length; r++) {
    const snapshot = asOfIndex[r]!;
    const account = accountIndex[r]!;
    if (snapshot < 0 || snapshot >= asOfDates.length) {
      throw new RangeError(`row ${r}: asOfIndex ${snapshot} is out of range`);
    }
    if (account < 0 || account >= churnedOn.length) {
      throw new RangeError(`row ${r}: accountIndex ${account} is out of range`);
    }
    const asOf = asOfDates[snapshot]!;
    const churnDay = churnedOn[account]!;
    if (churnDay <= asOf) {
      throw new RangeError(`row ${r}: account ${account} churned on or before its as-of date`);
    }
    const value = score[r]!;
    const code = rag[r]!;
    const unscored = Number.isNaN(value);
    if (code > RAG.green || unscored !== (code === RAG.unscored)) {
      throw new RangeError(`row ${r}: RAG code ${code} does not match score ${value}`);
    }
    if (!unscored && !(value >= 0 && value <= 100)) {
      throw new RangeError(`row ${r}: score ${value} is outside 0..100`);
    }

    const label = churnDay > asOf && churnDay <= asOf + horizonDays ? 1 : 0;
    churned90[r] = label;
    const low = lowCoverage[r] ? 1 : 0;
    counts[((snapshot * 2 + low) * 4 + code) * 2 + label]!++;
    if (!unscored) slotStart[snapshot * 2 + low + 1]!++;

    // Eligible rows are all before churn; only the window's end needs a check.
    if (!(churnDay <= dataEnd) || asOf < churnDay - windowDays) continue;
    inWindow[account]!++;
    if (code === RAG.red && snapshot < firstRed[account]!) firstRed[account] = snapshot;
    if ((code === RAG.red || code === RAG.yellow) && snapshot < firstNonGreen[account]!) {
      firstNonGreen[account] = snapshot;
    }
  }
}

/**
 * Scored rows grouped by snapshot: for snapshot s, the rows without the low-coverage flag
 * are bySnapshot[start[s] .. lowStart[s]) and those with it bySnapshot[lowStart[s] ..
 * start[s + 1]), each ascending; and every row of the labelled snapshots, ascending.
 */
function scoredRowLists(
  prepared: Prepared,
  slotCounts: Int32Array,
): { bySnapshot: Int32Array; start: Int32Array; lowStart: Int32Array; labelled: Int32Array } {
  const { asOfIndex, score, lowCoverage } = prepared.input;
  const snapshotCount = prepared.censored.length;
  const slotStart = slotCounts.slice();
  for (let slot = 0; slot < 2 * snapshotCount; slot++) {
    slotStart[slot + 1] = slotStart[slot + 1]! + slotStart[slot]!;
  }
  const bySnapshot = new Int32Array(slotStart[2 * snapshotCount]!);
  const labelled = new Int32Array(prepared.rows);
  const labelledCount = fillRowLists(
    asOfIndex,
    score,
    lowCoverage,
    prepared.censored,
    slotStart.slice(0, 2 * snapshotCount),
    bySnapshot,
    labelled,
  );
  const start = new Int32Array(snapshotCount + 1);
  const lowStart = new Int32Array(snapshotCount);
  for (let s = 0; s < snapshotCount; s++) {
    start[s] = slotStart[2 * s]!;
    lowStart[s] = slotStart[2 * s + 1]!;
  }
  start[snapshotCount] = slotStart[2 * snapshotCount]!;
  return { bySnapshot, start, lowStart, labelled: labelled.subarray(0, labelledCount) };
}

/** Writes each scored row at the next place of its slot, and each labelled row in order; returns the labelled count. */
function fillRowLists(
  asOfIndex: Int32Array,
  score: Float64Array,
  lowCoverage: Uint8Array,
  censored: Uint8Array,
  next: Int32Array,
  bySnapshot: Int32Array,
  labelled: Int32Array,
): number {
  let labelledCount = 0;
  for (let r = 0; r < asOfIndex.length; r++) {
    const snapshot = asOfIndex[r]!;
    if (!censored[snapshot]) labelled[labelledCount++] = r;
    if (Number.isNaN(score[r])) continue;
    bySnapshot[next[snapshot * 2 + (lowCoverage[r] ? 1 : 0)]!++] = r;
  }
  return labelledCount;
}

function sumCounts(counts: Int32Array): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}

/** Label metrics from band×label counts (index rag·2 + churned) and the scored rows grouped by score. */
function labelMetrics(counts: Int32Array, groups: ValueGroups): LabelMetrics {
  const band = (code: number): BandOutcome => {
    const retained = counts[code * 2]!;
    const churned = counts[code * 2 + 1]!;
    const accounts = retained + churned;
    return { accounts, churned, retained, churnRate: ratioOrNull(churned, accounts) };
  };
  const red = band(RAG.red);
  const yellow = band(RAG.yellow);
  const green = band(RAG.green);
  const unscored = band(RAG.unscored);
  const scored = red.accounts + yellow.accounts + green.accounts;
  const churned = red.churned + yellow.churned + green.churned;
  const auc = aucOfGroups(groups);
  const ks = ksOfGroups(groups);
  return {
    rows: scored + unscored.accounts,
    scored,
    unscored: unscored.accounts,
    unscoredChurned: unscored.churned,
    churned,
    churnRate: ratioOrNull(churned, scored),
    bands: { red, yellow, green },
    greenRenewed: ratioOrNull(green.retained, green.accounts),
    redPrecision: ratioOrNull(red.churned, red.accounts),
    redRecall: ratioOrNull(red.churned, churned),
    auc: numberOrNull(auc),
    gini: numberOrNull(giniOfAuc(auc)),
    ks: numberOrNull(ks.ks),
    ksScore: numberOrNull(ks.atScore),
    deciles: liftByDecile(groups),
  };
}

/** Each column's AUC on `rows`, the rows of the labelled snapshots. */
function predictorAucs(
  columns: Readonly<Record<string, Float64Array>>,
  prepared: Prepared,
  rows: Int32Array,
): PredictorAuc[] {
  return Object.entries(columns).map(([name, values]) => {
    const groups = groupByValue(values, prepared.churned90, rows);
    const auc = aucOfGroups(groups);
    return {
      name,
      rows: groups.totalChurned + groups.totalRetained,
      churned: groups.totalChurned,
      auc: numberOrNull(auc),
      gini: numberOrNull(giniOfAuc(auc)),
    };
  });
}

/** The lead-time report from the scan's per-account firsts. */
function leadTimeReport(prepared: Prepared, scan: RowScan): LeadTimeReport {
  const { asOfDates, churnedOn } = prepared.input;
  const windowDays = prepared.input.leadTimeWindowDays ?? prepared.horizonDays;
  const accountCount = churnedOn.length;
  const never = asOfDates.length;
  const { inWindow, firstRed, firstNonGreen } = scan;

  const accounts: LeadTimeAccount[] = [];
  const fromRed: number[] = [];
  const fromNonGreen: number[] = [];
  for (let account = 0; account < accountCount; account++) {
    if (inWindow[account] === 0) continue;
    const churnDay = churnedOn[account]!;
    const redDay = firstRed[account] === never ? null : asOfDates[firstRed[account]!]!;
    const nonGreenDay =
      firstNonGreen[account] === never ? null : asOfDates[firstNonGreen[account]!]!;
    if (redDay !== null) fromRed.push(churnDay - redDay);
    if (nonGreenDay !== null) fromNonGreen.push(churnDay - nonGreenDay);
    accounts.push({
      account,
      churnedOn: churnDay,
      snapshotsInWindow: inWindow[account]!,
      firstRed: redDay,
      daysFromRed: redDay === null ? null : churnDay - redDay,
      firstNonGreen: nonGreenDay,
      daysFromNonGreen: nonGreenDay === null ? null : churnDay - nonGreenDay,
    });
  }
  return {
    windowDays: Number.isFinite(windowDays) ? windowDays : null,
    churnedAccounts: accounts.length,
    withRed: fromRed.length,
    withNonGreen: fromNonGreen.length,
    medianDaysFromRed: numberOrNull(median(fromRed)),
    medianDaysFromNonGreen: numberOrNull(median(fromNonGreen)),
    accounts,
  };
}

/** Splits the labelled snapshot indices by time: the earlier ones train, the later ones test. */
function splitSnapshots(prepared: Prepared): { training: number[]; test: number[] } {
  const labelled: number[] = [];
  prepared.censored.forEach((isCensored, s) => {
    if (!isCensored) labelled.push(s);
  });
  if (labelled.length < 2) return { training: labelled, test: [] };
  const share = prepared.input.trainingShare ?? DEFAULT_TRAINING_SHARE;
  const trainingCount = Math.min(
    labelled.length - 1,
    Math.max(1, Math.round(labelled.length * share)),
  );
  return { training: labelled.slice(0, trainingCount), test: labelled.slice(trainingCount) };
}

/** Scored rows whose snapshot is flagged in `inSet`, ascending. */
function scoredRowsOf(prepared: Prepared, inSet: Uint8Array): Int32Array {
  const { asOfIndex, score } = prepared.input;
  const rows = new Int32Array(prepared.rows);
  let count = 0;
  for (let r = 0; r < prepared.rows; r++) {
    if (inSet[asOfIndex[r]!] && !Number.isNaN(score[r])) rows[count++] = r;
  }
  return rows.subarray(0, count);
}

function snapshotFlags(snapshots: number[], count: number): Uint8Array {
  const flags = new Uint8Array(count);
  for (const s of snapshots) flags[s] = 1;
  return flags;
}

interface LayerFit {
  readonly layer: string;
  readonly mean: number;
  readonly std: number;
  readonly imputedRows: number;
  readonly usable: boolean;
}

/** Training mean and population standard deviation of each layer over its present values. */
function layerStatistics(prepared: Prepared, rows: Int32Array): LayerFit[] {
  return Object.entries(prepared.input.layerScores).map(([layer, values]) => {
    let present = 0;
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const value = values[rows[i]!]!;
      if (Number.isNaN(value)) continue;
      present++;
      sum += value;
    }
    const mean = present > 0 ? sum / present : Number.NaN;
    let squares = 0;
    for (let i = 0; i < rows.length; i++) {
      const value = values[rows[i]!]!;
      if (!Number.isNaN(value)) squares += (value - mean) * (value - mean);
    }
    const std = present > 0 ? Math.sqrt(squares / present) : Number.NaN;
    return { layer, mean, std, imputedRows: rows.length - present, usable: std > 0 };
  });
}

function suggestWeights(prepared: Prepared): WeightSuggestion {
  const { input } = prepared;
  const snapshotCount = input.asOfDates.length;
  const l2 = input.l2 ?? DEFAULT_L2;
  const split = splitSnapshots(prepared);
  const trainingRows = scoredRowsOf(prepared, snapshotFlags(split.training, snapshotCount));
  const testRows = scoredRowsOf(prepared, snapshotFlags(split.test, snapshotCount));
  let trainingChurned = 0;
  for (let i = 0; i < trainingRows.length; i++) {
    trainingChurned += prepared.churned90[trainingRows[i]!]!;
  }
  const statistics = layerStatistics(prepared, trainingRows);
  const base = {
    trainingAsOf: split.training.map((s) => input.asOfDates[s]!),
    testAsOf: split.test.map((s) => input.asOfDates[s]!),
    trainingRows: trainingRows.length,
    trainingChurned,
    l2,
  };
  const unfitted = (reason: WeightSuggestionReason): WeightSuggestion => ({
    ...base,
    fitted: false,
    reason,
    intercept: null,
    iterations: 0,
    converged: false,
    layers: statistics.map((fit) => layerRow(fit, input.layerWeights, null, null)),
    heldOutAuc: heldOutAuc(prepared, testRows, null),
  });

  if (split.test.length === 0) return unfitted('too_few_snapshots');
  if (trainingChurned === 0) return unfitted('no_churners_in_training');
  if (trainingChurned === trainingRows.length) return unfitted('no_stayers_in_training');
  const usable = statistics.filter((fit) => fit.usable);
  if (usable.length === 0) return unfitted('no_usable_layer');

  // Standardised scores with missing values at the training mean (z = 0): every
  // scored row stays in the fit, and a missing layer adds no evidence either way.
  const features = usable.map((fit) => {
    const values = input.layerScores[fit.layer]!;
    const standardised = new Float64Array(trainingRows.length);
    for (let i = 0; i < trainingRows.length; i++) {
      const value = values[trainingRows[i]!]!;
      standardised[i] = Number.isNaN(value) ? 0 : (value - fit.mean) / fit.std;
    }
    return standardised;
  });
  const outcome = new Uint8Array(trainingRows.length);
  for (let i = 0; i < trainingRows.length; i++) outcome[i] = prepared.churned90[trainingRows[i]!]!;
  const fit = fitLogistic(features, outcome, { l2 });

  const coefficients = new Map<string, number>();
  usable.forEach((layer, j) => coefficients.set(layer.layer, fit.coefficients[j]!));
  const contributions = statistics.map((layer) =>
    Math.max(0, -(coefficients.get(layer.layer) ?? 0)),
  );
  const percentages = largestRemainderPercentages(contributions);
  const fitted = {
    ...base,
    intercept: fit.intercept,
    iterations: fit.iterations,
    converged: fit.converged,
  };
  if (percentages === null) {
    return {
      ...fitted,
      fitted: false,
      reason: 'no_risk_lowering_layer',
      layers: statistics.map((layer) =>
        layerRow(layer, input.layerWeights, coefficients.get(layer.layer) ?? null, null),
      ),
      heldOutAuc: heldOutAuc(prepared, testRows, null),
    };
  }

  const suggested: Record<string, number> = {};
  statistics.forEach((layer, j) => (suggested[layer.layer] = percentages[j]!));
  return {
    ...fitted,
    fitted: true,
    reason: null,
    layers: statistics.map((layer) =>
      layerRow(
        layer,
        input.layerWeights,
        coefficients.get(layer.layer) ?? null,
        suggested[layer.layer]!,
      ),
    ),
    heldOutAuc: heldOutAuc(prepared, testRows, suggested),
  };
}

function layerRow(
  fit: LayerFit,
  layerWeights: Readonly<Record<string, number>>,
  coefficient: number | null,
  suggestedWeight: number | null,
): LayerWeightRow {
  return {
    layer: fit.layer,
    currentWeight: layerWeights[fit.layer] ?? 0,
    suggestedWeight,
    usedInFit: fit.usable && coefficient !== null,
    coefficient,
    coefficientPerPoint: coefficient === null ? null : coefficient / fit.std,
    riskContribution: coefficient === null ? null : Math.max(0, -coefficient),
    trainingMean: numberOrNull(fit.mean),
    trainingStd: numberOrNull(fit.std),
    imputedRows: fit.imputedRows,
  };
}

/** AUC of the current-weight composite, the suggested-weight composite and the final score on the same test rows. */
function heldOutAuc(
  prepared: Prepared,
  testRows: Int32Array,
  suggested: Readonly<Record<string, number>> | null,
): HeldOutAuc {
  const { layerScores, layerWeights, score } = prepared.input;
  const current = compositeFromLayers(layerScores, layerWeights, testRows);
  const proposed = suggested ? compositeFromLayers(layerScores, suggested, testRows) : null;

  // Every column below is indexed by position in testRows; `kept` lists the positions
  // where both composites exist, so the three AUCs are taken on the same rows.
  const labels = new Uint8Array(testRows.length);
  const finalScore = new Float64Array(testRows.length);
  const kept = new Int32Array(testRows.length);
  let keptCount = 0;
  let churned = 0;
  for (let k = 0; k < testRows.length; k++) {
    const row = testRows[k]!;
    labels[k] = prepared.churned90[row]!;
    finalScore[k] = score[row]!;
    if (Number.isNaN(current[k]) || (proposed && Number.isNaN(proposed[k]))) continue;
    kept[keptCount++] = k;
    churned += labels[k]!;
  }
  const rows = kept.subarray(0, keptCount);
  return {
    rows: keptCount,
    churned,
    current: numberOrNull(rocAuc(current, labels, rows)),
    suggested: proposed ? numberOrNull(rocAuc(proposed, labels, rows)) : null,
    finalScore: numberOrNull(rocAuc(finalScore, labels, rows)),
  };
}
