/**
 * Score drift across snapshots: the score histogram, RAG shares and mean score by
 * segment at each as-of date, and the population stability index of each snapshot's
 * histogram against a baseline snapshot. Censored snapshots are included: drift
 * needs no churn label.
 */

import {
  RAG,
  SCORE_BIN_COUNT,
  numberOrNull,
  populationStabilityIndex,
  psiVerdict,
  ratioOrNull,
  scoreBin,
  type PsiVerdict,
} from './metrics.ts';

export interface DriftInput {
  /** As-of dates, strictly ascending, as day numbers. */
  readonly asOfDates: readonly number[];
  /** Per row: index into asOfDates. */
  readonly asOfIndex: Int32Array;
  /** Per row: index of the account (into accountSegments). */
  readonly accountIndex: Int32Array;
  /** Per row: final score 0..100, NaN when unscored. */
  readonly score: Float64Array;
  /** Per row: RAG code (see RAG in metrics.ts); 0 exactly when the score is NaN. */
  readonly rag: Uint8Array;
  /** Per account: its segment, null when it has none. */
  readonly accountSegments: readonly (string | null)[];
  /** The snapshot the PSI compares against; default 0, the first. */
  readonly baselineIndex?: number;
}

export interface HistogramBin {
  /** '[0,10)' … '[90,100]'. */
  readonly label: string;
  readonly from: number;
  /** Exclusive, except 100 for the last bin. */
  readonly to: number;
  readonly count: number;
  /** count ÷ scored rows; null when the snapshot has no scored row. */
  readonly share: number | null;
}

export interface BandShare {
  readonly count: number;
  /** count ÷ scored rows. */
  readonly share: number | null;
}

export interface SegmentMean {
  /** Null for accounts without a segment. */
  readonly segment: string | null;
  readonly rows: number;
  readonly scored: number;
  readonly meanScore: number | null;
}

export interface SnapshotDrift {
  readonly asOf: number;
  readonly rows: number;
  readonly scored: number;
  readonly unscored: number;
  readonly meanScore: number | null;
  readonly histogram: HistogramBin[];
  readonly rag: { readonly red: BandShare; readonly yellow: BandShare; readonly green: BandShare };
  /** Every segment seen in the input, in the same order for every snapshot. */
  readonly segments: SegmentMean[];
  /** PSI against the baseline; null when this snapshot or the baseline has no scored row. */
  readonly psi: number | null;
  readonly psiVerdict: PsiVerdict | null;
}

export interface DriftReport {
  readonly baselineIndex: number;
  readonly baselineAsOf: number | null;
  readonly snapshots: SnapshotDrift[];
}

/**
 * Drift of the score distribution over the snapshots, with PSI against the baseline
 * snapshot. Throws a RangeError when columns disagree in length, an index is out of
 * range, a score is outside 0..100 or disagrees with its RAG code.
 */
export function runDrift(input: DriftInput): DriftReport {
  validateShape(input);
  const { asOfDates, asOfIndex, accountIndex, score, rag, accountSegments } = input;
  const snapshotCount = asOfDates.length;
  const baselineIndex = input.baselineIndex ?? 0;
  const { names: segmentNames, codeOfAccount } = segmentCodes(accountSegments);
  const segmentCount = segmentNames.length;

  const tallies: DriftTallies = {
    bins: new Int32Array(snapshotCount * SCORE_BIN_COUNT),
    bands: new Int32Array(snapshotCount * 4),
    scoreSum: new Float64Array(snapshotCount),
    segmentRows: new Int32Array(snapshotCount * segmentCount),
    segmentScored: new Int32Array(snapshotCount * segmentCount),
    segmentSum: new Float64Array(snapshotCount * segmentCount),
  };
  tallyRows(
    asOfIndex,
    accountIndex,
    score,
    rag,
    snapshotCount,
    codeOfAccount,
    segmentCount,
    tallies,
  );
  const { bins, bands, scoreSum, segmentRows, segmentScored, segmentSum } = tallies;

  const baseline =
    snapshotCount > 0
      ? bins.subarray(baselineIndex * SCORE_BIN_COUNT, (baselineIndex + 1) * SCORE_BIN_COUNT)
      : new Int32Array(SCORE_BIN_COUNT);
  const snapshots: SnapshotDrift[] = [];
  for (let s = 0; s < snapshotCount; s++) {
    const histogram = bins.subarray(s * SCORE_BIN_COUNT, (s + 1) * SCORE_BIN_COUNT);
    const unscored = bands[s * 4 + RAG.unscored]!;
    const scored = bands[s * 4 + RAG.red]! + bands[s * 4 + RAG.yellow]! + bands[s * 4 + RAG.green]!;
    const share = (code: number): BandShare => {
      const count = bands[s * 4 + code]!;
      return { count, share: ratioOrNull(count, scored) };
    };
    const psi = populationStabilityIndex(histogram, baseline);
    snapshots.push({
      asOf: asOfDates[s]!,
      rows: scored + unscored,
      scored,
      unscored,
      meanScore: ratioOrNull(scoreSum[s]!, scored),
      histogram: histogramBins(histogram, scored),
      rag: { red: share(RAG.red), yellow: share(RAG.yellow), green: share(RAG.green) },
      segments: segmentNames.map((segment, g) => ({
        segment,
        rows: segmentRows[s * segmentCount + g]!,
        scored: segmentScored[s * segmentCount + g]!,
        meanScore: ratioOrNull(
          segmentSum[s * segmentCount + g]!,
          segmentScored[s * segmentCount + g]!,
        ),
      })),
      psi: numberOrNull(psi),
      psiVerdict: psiVerdict(psi),
    });
  }
  return {
    baselineIndex,
    baselineAsOf: snapshotCount > 0 ? asOfDates[baselineIndex]! : null,
    snapshots,
  };
}

function histogramBins(counts: Int32Array, scored: number): HistogramBin[] {
  return Array.from(counts, (count, bin) => {
    const from = bin * 10;
    const last = bin === SCORE_BIN_COUNT - 1;
    return {
      label: `[${from},${from + 10}${last ? ']' : ')'}`,
      from,
      to: from + 10,
      count,
      share: ratioOrNull(count, scored),
    };
  });
}

/** Segment names sorted (accounts without a segment last) and each account's code into them. */
function segmentCodes(accountSegments: readonly (string | null)[]): {
  names: (string | null)[];
  codeOfAccount: Int32Array;
} {
  const distinct = [...new Set(accountSegments)];
  const named = distinct.filter((segment): segment is string => segment !== null);
  named.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const names: (string | null)[] = distinct.includes(null) ? [...named, null] : named;
  const code = new Map(names.map((name, index) => [name, index]));
  const codeOfAccount = Int32Array.from(accountSegments, (segment) => code.get(segment)!);
  return { names, codeOfAccount };
}

/** Per snapshot (and snapshot × segment) counts and sums, flattened snapshot-major. */
interface DriftTallies {
  readonly bins: Int32Array;
  readonly bands: Int32Array;
  readonly scoreSum: Float64Array;
  readonly segmentRows: Int32Array;
  readonly segmentScored: Int32Array;
  readonly segmentSum: Float64Array;
}

/**
 * Checks each row and adds it to the tallies in the same pass. The loop gets a function of
 * its own, taking only arrays and numbers, so the engine optimises it once and keeps it
 * optimised however the report around it is built. A bad row throws before any result is
 * returned, so tallying alongside the checks changes no outcome.
 */
function tallyRows(
  asOfIndex: Int32Array,
  accountIndex: Int32Array,
  score: Float64Array,
  rag: Uint8Array,
  snapshotCount: number,
  codeOfAccount: Int32Array,
  segmentCount: number,
  tallies: DriftTallies,
): void {
  const { bins, bands, scoreSum, segmentRows, segmentScored, segmentSum } = tallies;
  const accountCount = codeOfAccount.length;
  for (let r = 0; r < asOfIndex.length; r++) {
    const s = asOfIndex[r]!;
    const account = accountIndex[r]!;
    if (s < 0 || s >= snapshotCount) {
      throw new RangeError(`row ${r}: asOfIndex ${s} is out of range`);
    }
    if (account < 0 || account >= accountCount) {
      throw new RangeError(`row ${r}: accountIndex ${account} is out of range`);
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

    const segmentSlot = s * segmentCount + codeOfAccount[account]!;
    bands[s * 4 + code]!++;
    segmentRows[segmentSlot]!++;
    if (unscored) continue;
    bins[s * SCORE_BIN_COUNT + scoreBin(value)]!++;
    scoreSum[s] = scoreSum[s]! + value;
    segmentScored[segmentSlot]!++;
    segmentSum[segmentSlot] = segmentSum[segmentSlot]! + value;
  }
}

/** The checks that need no pass over the rows: date order, baseline index, column lengths. */
function validateShape(input: DriftInput): void {
  const { asOfDates, asOfIndex, accountIndex, score, rag } = input;
  const rows = asOfIndex.length;
  const baselineIndex = input.baselineIndex ?? 0;
  for (let s = 1; s < asOfDates.length; s++) {
    if (!(asOfDates[s]! > asOfDates[s - 1]!)) {
      throw new RangeError('asOfDates must be strictly ascending');
    }
  }
  if (asOfDates.length > 0 && !(baselineIndex >= 0 && baselineIndex < asOfDates.length)) {
    throw new RangeError(`baselineIndex ${baselineIndex} is out of range`);
  }
  for (const [name, column] of [
    ['accountIndex', accountIndex],
    ['score', score],
    ['rag', rag],
  ] as const) {
    if (column.length !== rows) {
      throw new RangeError(`${name} has ${column.length} entries, asOfIndex has ${rows}`);
    }
  }
}
