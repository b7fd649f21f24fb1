/**
 * The date ticks of the score-history chart. Over a long history the chart's own
 * month ticks read well; over a few weeks they would repeat one month under every
 * tick ("Dec 2024" four times), so a short history is ticked at its snapshot days.
 */
import { formatLongDay } from '../format.ts';
import type { DayRange } from './versionMarks.ts';

export interface HistoryTicks {
  /** Ascending day numbers. */
  readonly days: readonly number[];
  /** One label per day, as `31 Dec 2024`. */
  readonly labels: readonly string[];
}

/** Below this many days shown the chart is ticked at its snapshots, not at month starts. */
export const SHORT_RANGE_DAYS = 120;

/** At most this many snapshot ticks, so that their labels never overlap on the detail's chart. */
export const MAX_SNAPSHOT_TICKS = 6;

/**
 * The ticks of a chart of `range` over snapshots on `days`: each distinct snapshot
 * day within the range, labelled with its date, when the range spans fewer than
 * SHORT_RANGE_DAYS; every second (third, …) of them from the first when there are
 * more than MAX_SNAPSHOT_TICKS. Null for a longer range, whose month ticks the
 * chart chooses itself, and when no snapshot lies within the range.
 */
export function historyTicks(days: readonly number[], range: DayRange): HistoryTicks | null {
  if (range.end - range.start >= SHORT_RANGE_DAYS) return null;
  const inside = [...new Set(days)]
    .filter((day) => day >= range.start && day <= range.end)
    .sort((left, right) => left - right);
  if (inside.length === 0) return null;

  const step = Math.ceil(inside.length / MAX_SNAPSHOT_TICKS);
  const ticked = inside.filter((_, index) => index % step === 0);
  return { days: ticked, labels: ticked.map(formatLongDay) };
}
