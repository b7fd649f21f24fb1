/**
 * The span of the dataset's data and the as-of dates a backtest scores on: period
 * ends (month, week or quarter) from the first period the data fully covers to
 * the last period that has ended by the data's last day.
 */
import { monthEnd } from '../core/dates.ts';
import { DATA_RANGE_SQL } from './signals-sql.ts';
import { toNumber } from './workspace.ts';
import type { Workspace } from './workspace.ts';

export type SnapshotPeriod = 'month' | 'week' | 'quarter';

/** First and last day of the data, as day numbers. */
export interface DataRange {
  readonly start: number;
  readonly end: number;
}

const MS_PER_DAY = 86_400_000;

async function readDataSpan(workspace: Workspace): Promise<{ first: number; last: number }> {
  const reader = await workspace.connection.runAndReadAll(DATA_RANGE_SQL);
  const row = reader.getRows()[0];
  return { first: toNumber(row?.[0] ?? null), last: toNumber(row?.[1] ?? null) };
}

/**
 * The data's first day (the first usage date) and last day (the latest date of any
 * dated column of a provided table, churned_on included); undefined without usage rows.
 */
export async function dataRange(workspace: Workspace): Promise<DataRange | undefined> {
  const span = await readDataSpan(workspace);
  if (Number.isNaN(span.first) || Number.isNaN(span.last)) return undefined;
  return { start: span.first, end: span.last };
}

/** The last day any provided table has data for, as dataRange's end; NaN when there is none. */
export async function dataEnd(workspace: Workspace): Promise<number> {
  return (await readDataSpan(workspace)).last;
}

/** The last day of the period (month, ISO week ending Sunday, calendar quarter) holding `day`. */
export function periodEnd(day: number, every: SnapshotPeriod): number {
  if (every === 'month') return monthEnd(day);
  if (every === 'week') {
    // Day 0 (1970-01-01) was a Thursday, so Sundays are the days ≡ 3 (mod 7).
    return day + ((((3 - day) % 7) + 7) % 7);
  }
  const date = new Date(day * MS_PER_DAY);
  const lastMonth = Math.floor(date.getUTCMonth() / 3) * 3 + 2;
  return Date.UTC(date.getUTCFullYear(), lastMonth + 1, 0) / MS_PER_DAY;
}

/**
 * As-of dates at period ends, ascending: month ends (default), Sundays (weeks run
 * Monday to Sunday) or quarter ends. A date e is included when its whole period
 * lies within the data (period start ≥ the data's first day, e ≤ the data's last
 * day) and, when given, range.from ≤ e ≤ range.to. Empty without data.
 */
export async function snapshotSchedule(
  workspace: Workspace,
  every: SnapshotPeriod = 'month',
  range: { from?: number; to?: number } = {},
): Promise<number[]> {
  const span = await dataRange(workspace);
  if (!span) return [];
  return periodEnds(span, every, range);
}

/** The period ends of snapshotSchedule for a known data range. */
export function periodEnds(
  span: DataRange,
  every: SnapshotPeriod,
  range: { from?: number; to?: number } = {},
): number[] {
  const last = Math.min(span.end, range.to ?? Number.POSITIVE_INFINITY);
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const dates: number[] = [];

  // The period holding the day before the data starts is the last one not fully covered.
  for (let end = periodEnd(periodEnd(span.start - 1, every) + 1, every); end <= last;) {
    if (end >= from) dates.push(end);
    end = periodEnd(end + 1, every);
  }
  return dates;
}
