/**
 * What moved between two models' score tables over the same matrix: band changes
 * at the latest snapshot, and the bands last year's churners were given at their
 * last snapshot before churning. Works on RAG codes only, so it can compare any
 * two configs without rescoring.
 */
import { formatDay } from '../../../core/dates.ts';
import { ragName, type RagName } from '../../../core/rag.ts';

export const CHURN_LOOKBACK_DAYS = 365;

export interface MovedInput {
  readonly asOfDates: readonly number[];
  readonly asOfIndex: Int32Array;
  readonly accountIndex: Int32Array;
  /** Per account: churn day, NaN when not churned. */
  readonly churnedOn: Float64Array;
  readonly dataEnd: number;
  readonly horizonDays: number;
  /** Per row: RAG code under the reference model. */
  readonly before: Uint8Array;
  /** Per row: RAG code under the model being edited. */
  readonly after: Uint8Array;
}

export interface BandMove {
  readonly from: RagName;
  readonly to: RagName;
  readonly accounts: number;
}

export interface MovedSummary {
  /** The latest snapshot date; null for an empty matrix. */
  readonly latestAsOf: number | null;
  readonly latestAccounts: number;
  readonly latestChanged: number;
  /** Band changes at the latest snapshot, most accounts first. */
  readonly latestMoves: BandMove[];
  /** First and last labelled snapshot of the churn look-back; null without labelled snapshots. */
  readonly churnWindow: { readonly from: number; readonly to: number } | null;
  readonly churners: number;
  readonly churnersChanged: number;
  readonly churnerMoves: BandMove[];
}

function movesOf(pairs: Map<number, number>): BandMove[] {
  return [...pairs]
    .map(([key, accounts]) => ({ from: ragName(key >> 2), to: ragName(key & 3), accounts }))
    .sort(
      (a, b) => b.accounts - a.accounts || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    );
}

function tally(pairs: Map<number, number>, from: number, to: number): void {
  const key = (from << 2) | to;
  pairs.set(key, (pairs.get(key) ?? 0) + 1);
}

/**
 * Compares two RAG columns. Latest: every row at the last as-of date whose band
 * differs. Churners: accounts that churned within the horizon after a labelled
 * snapshot (asOf + horizon ≤ dataEnd) of the last 365 days of labelled snapshots,
 * each judged once, at its latest such snapshot.
 */
export function whatMoved(input: MovedInput): MovedSummary {
  const { asOfDates, asOfIndex, accountIndex, churnedOn, before, after, horizonDays } = input;
  const last = asOfDates.length - 1;
  const latestPairs = new Map<number, number>();
  let latestAccounts = 0;
  let latestChanged = 0;

  let lastLabelled = -1;
  for (let s = 0; s < asOfDates.length; s += 1) {
    if ((asOfDates[s] as number) + horizonDays <= input.dataEnd) lastLabelled = s;
  }
  const windowEnd = lastLabelled >= 0 ? (asOfDates[lastLabelled] as number) : Number.NaN;
  let windowStart = lastLabelled;
  while (
    windowStart > 0 &&
    (asOfDates[windowStart - 1] as number) > windowEnd - CHURN_LOOKBACK_DAYS
  ) {
    windowStart -= 1;
  }

  // Per churned account: its latest row inside the window that precedes the churn.
  const churnerRow = new Map<number, number>();
  for (let row = 0; row < asOfIndex.length; row += 1) {
    const s = asOfIndex[row] as number;
    if (s === last) {
      latestAccounts += 1;
      if (before[row] !== after[row]) {
        latestChanged += 1;
        tally(latestPairs, before[row] as number, after[row] as number);
      }
    }
    if (lastLabelled < 0 || s < windowStart || s > lastLabelled) continue;
    const account = accountIndex[row] as number;
    const asOf = asOfDates[s] as number;
    const churnDay = churnedOn[account] as number;
    if (!(churnDay > asOf && churnDay <= asOf + horizonDays)) continue;
    const seen = churnerRow.get(account);
    if (seen === undefined || (asOfIndex[seen] as number) < s) churnerRow.set(account, row);
  }

  const churnerPairs = new Map<number, number>();
  let churnersChanged = 0;
  for (const row of churnerRow.values()) {
    if (before[row] === after[row]) continue;
    churnersChanged += 1;
    tally(churnerPairs, before[row] as number, after[row] as number);
  }

  return {
    latestAsOf: last >= 0 ? (asOfDates[last] as number) : null,
    latestAccounts,
    latestChanged,
    latestMoves: movesOf(latestPairs),
    churnWindow:
      lastLabelled >= 0 ? { from: asOfDates[windowStart] as number, to: windowEnd } : null,
    churners: churnerRow.size,
    churnersChanged,
    churnerMoves: movesOf(churnerPairs),
  };
}

const counted = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * The summary as sentences: how many accounts change band now and how, and how
 * many of last year's churners land in another band, naming the largest moves.
 */
export function movedInWords(summary: MovedSummary): string[] {
  const lines: string[] = [];
  if (summary.latestAsOf === null) return ['There is no history to compare.'];
  const date = formatDay(summary.latestAsOf);
  const moves = (list: readonly BandMove[]) =>
    list
      .slice(0, 3)
      .map((move) => `${move.accounts.toLocaleString('en-US')} ${move.from} → ${move.to}`)
      .join(', ');
  lines.push(
    summary.latestChanged === 0
      ? `No account changes band at ${date}.`
      : `${counted(summary.latestChanged, 'account changes', 'accounts change')} band at ${date} (of ${summary.latestAccounts.toLocaleString('en-US')}): ${moves(summary.latestMoves)}.`,
  );
  if (summary.churnWindow === null) {
    lines.push('No snapshot is old enough to know who churned after it.');
  } else if (summary.churners === 0) {
    lines.push('No account churned after the labelled snapshots of the last year.');
  } else if (summary.churnersChanged === 0) {
    lines.push(
      `None of last year's ${counted(summary.churners, 'churner', 'churners')} changes band.`,
    );
  } else {
    lines.push(
      `${summary.churnersChanged.toLocaleString('en-US')} of last year's ${counted(summary.churners, 'churner', 'churners')} change band: ${moves(summary.churnerMoves)}.`,
    );
  }
  return lines;
}
