/** Drift of one segment (or all accounts) against a chosen baseline snapshot. */
import { runDrift, type DriftReport } from '../../../core/drift.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import type { ScoreTable } from '../../../core/score.ts';

/** All accounts, or the accounts of one segment (null: accounts without a segment). */
export type SegmentChoice =
  { readonly kind: 'all' } | { readonly kind: 'segment'; readonly segment: string | null };

/** The distinct segments of the matrix's accounts, named ones sorted, "no segment" last. */
export function segmentsOf(matrix: SignalMatrix): (string | null)[] {
  const distinct = [...new Set(matrix.accounts.segments)];
  const named = distinct.filter((segment): segment is string => segment !== null).sort();
  return distinct.includes(null) ? [...named, null] : named;
}

/**
 * Core's drift report over the rows of the chosen accounts, with PSI against the
 * snapshot at `baselineIndex`. A segment's report compares the segment with its own
 * baseline histogram.
 */
export function driftOf(
  matrix: SignalMatrix,
  scores: ScoreTable,
  baselineIndex: number,
  choice: SegmentChoice,
): DriftReport {
  const segments = matrix.accounts.segments;
  const keep: number[] = [];
  for (let row = 0; row < matrix.asOfIndex.length; row++) {
    if (choice.kind === 'all' || segments[matrix.accountIndex[row]!] === choice.segment)
      keep.push(row);
  }
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(
    column: T,
    make: (n: number) => T,
  ) => {
    const picked = make(keep.length);
    keep.forEach((row, i) => (picked[i] = column[row]!));
    return picked;
  };
  return runDrift({
    asOfDates: matrix.asOfDates,
    asOfIndex: pick(matrix.asOfIndex, (n) => new Int32Array(n)),
    accountIndex: pick(matrix.accountIndex, (n) => new Int32Array(n)),
    score: pick(scores.score, (n) => new Float64Array(n)),
    rag: pick(scores.rag, (n) => new Uint8Array(n)),
    accountSegments: segments,
    baselineIndex,
  });
}
