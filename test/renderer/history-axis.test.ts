import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../core/dates.ts';
import {
  historyTicks,
  MAX_SNAPSHOT_TICKS,
  SHORT_RANGE_DAYS,
} from '../../renderer/src/detail/historyAxis.ts';
import { historyRange } from '../../renderer/src/detail/versionMarks.ts';
import { formatCountOf } from '../../renderer/src/format.ts';

const day = (text: string) => parseIsoDate(text)!;

describe('historyTicks', () => {
  it('ticks a one-snapshot history once, at its day, with the date', () => {
    const snapshot = day('2024-12-31');
    // historyRange pads one day by 7 each side: 24 Dec 2024 to 7 Jan 2025, 14 days.
    const range = historyRange([snapshot], snapshot);
    expect(historyTicks([snapshot], range)).toEqual({
      days: [snapshot],
      labels: ['31 Dec 2024'],
    });
  });

  it('ticks each snapshot of a short history once, ascending, whatever the order given', () => {
    const days = [day('2024-12-31'), day('2024-10-31'), day('2024-11-30'), day('2024-12-31')];
    // 31 Oct to 31 Dec is 61 days; padded by 7 each side, 75 < 120.
    const range = historyRange(days, day('2024-12-31'));
    expect(historyTicks(days, range)?.labels).toEqual([
      '31 Oct 2024',
      '30 Nov 2024',
      '31 Dec 2024',
    ]);
  });

  it('leaves a range of 120 days or more to the month ticks, and ticks one of 119', () => {
    const start = day('2024-01-01');
    expect(historyTicks([start + 7], { start, end: start + SHORT_RANGE_DAYS })).toBeNull();
    expect(historyTicks([start + 7], { start, end: start + SHORT_RANGE_DAYS - 1 })?.days).toEqual([
      start + 7,
    ]);
  });

  it('ticks the ends of the range but nothing outside it', () => {
    const range = { start: 100, end: 150 };
    expect(historyTicks([99, 100, 150, 151], range)?.days).toEqual([100, 150]);
    expect(historyTicks([99, 151], range)).toBeNull();
    expect(historyTicks([], range)).toBeNull();
  });

  it('keeps six snapshot ticks and steps over the rest', () => {
    expect(MAX_SNAPSHOT_TICKS).toBe(6);
    const six = [0, 7, 14, 21, 28, 35];
    expect(historyTicks(six, { start: 0, end: 40 })?.days).toEqual(six);
    // Seven weekly days: ceil(7 / 6) = 2, so every second from the first: 0, 14, 28, 42.
    const seven = [0, 7, 14, 21, 28, 35, 42];
    expect(historyTicks(seven, { start: 0, end: 50 })?.days).toEqual([0, 14, 28, 42]);
    // Thirteen: ceil(13 / 6) = 3, so indices 0, 3, 6, 9, 12.
    const thirteen = Array.from({ length: 13 }, (_, i) => i * 7);
    expect(historyTicks(thirteen, { start: 0, end: 90 })?.days).toEqual([0, 21, 42, 63, 84]);
  });
});

describe('formatCountOf', () => {
  it('puts the noun in the singular for one only', () => {
    expect(formatCountOf(1, 'snapshot', 'snapshots')).toBe('1 snapshot');
    expect(formatCountOf(0, 'snapshot', 'snapshots')).toBe('0 snapshots');
    expect(formatCountOf(2, 'snapshot', 'snapshots')).toBe('2 snapshots');
    expect(formatCountOf(1200, 'snapshot', 'snapshots')).toBe('1,200 snapshots');
  });
});
