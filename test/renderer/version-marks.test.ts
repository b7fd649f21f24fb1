import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../core/dates.ts';
import {
  historyRange,
  outsideNote,
  versionMarks,
  versionsHover,
  type DatedVersion,
} from '../../renderer/src/detail/versionMarks.ts';

const day = (text: string) => parseIsoDate(text)!;

describe('historyRange', () => {
  it('pads a short history by the 7-day minimum', () => {
    // Span 160 − 100 = 60 days; 5% of it is 3, under the 7-day minimum.
    expect(historyRange([100, 130, 160], 160)).toEqual({ start: 93, end: 167 });
  });

  it('pads a long history by 5% of its span', () => {
    // Span 730 days; 5% is 36.5, rounded to 37.
    expect(historyRange([0, 365, 730], 700)).toEqual({ start: -37, end: 767 });
  });

  it('reaches an as-of date outside the points', () => {
    // First 50 (the as-of date), last 200: span 150, 5% is 7.5 → 8.
    expect(historyRange([100, 200], 50)).toEqual({ start: 42, end: 208 });
    // First 100, last 300 (the as-of date): span 200, 5% is 10.
    expect(historyRange([100, 200], 300)).toEqual({ start: 90, end: 310 });
  });

  it('is the as-of date alone, padded, without points', () => {
    expect(historyRange([], 10)).toEqual({ start: 3, end: 17 });
  });
});

describe('versionMarks', () => {
  const range = { start: 0, end: 100 };
  const at = (name: string, when: number): DatedVersion => ({ name, day: when });

  it('draws the days within the range, both ends included, and sets the rest aside', () => {
    const marks = versionMarks(
      [at('D', 101), at('E', 50), at('B', 0), at('A', -1), at('F', 50), at('C', 100)],
      range,
    );
    expect(marks.lines.map((line) => [line.day, line.names])).toEqual([
      [0, ['B']],
      [50, ['E', 'F']],
      [100, ['C']],
    ]);
    expect(marks.before).toEqual([at('A', -1)]);
    expect(marks.after).toEqual([at('D', 101)]);
  });

  it('labels one day of several versions by its first and how many more', () => {
    const marks = versionMarks([at('Spring', 50), at('Summer', 50), at('Autumn', 50)], range);
    expect(marks.lines.map((line) => line.label)).toEqual(['Spring +2']);
  });

  it('cuts a long name in the label, never in the names', () => {
    const marks = versionMarks([at('A very long version name', 10)], range);
    // 17 characters and an ellipsis make the 18 a label holds.
    expect(marks.lines[0]?.label).toBe('A very long versi…');
    expect(marks.lines[0]?.names).toEqual(['A very long version name']);
  });

  it('puts a label left of its line near the right end of the chart', () => {
    // A label is 24% of the width: past 76% it would run off the chart on the right.
    const marks = versionMarks([at('early', 76), at('late', 77)], { start: 0, end: 100 });
    expect(marks.lines.map((line) => line.side)).toEqual(['right', 'left']);
  });

  it('moves an overlapping label down a row, and reuses the row freed longest ago when all are taken', () => {
    // Labels span [at, at + 0.24]: 10 → [.10, .34] row 0; 20 → [.20, .44] overlaps row 0, row 1;
    // 30 → [.30, .54] overlaps rows 0 and 1, row 2; 40 → [.40, .64] clears row 0 (ended at .34);
    // 41 → [.41, .65]: row 0 ends .64, row 1 .44, row 2 .54, all past .41, so row 1 (ended first).
    const marks = versionMarks(
      [at('a', 10), at('b', 20), at('c', 30), at('d', 40), at('e', 41)],
      range,
    );
    expect(marks.lines.map((line) => line.row)).toEqual([0, 1, 2, 0, 1]);
  });

  it('keeps labels that do not overlap on the top row', () => {
    // 0 → [0, .24]; 50 → [.50, .74]; 100 → left of its line, [.76, 1].
    const marks = versionMarks([at('a', 0), at('b', 50), at('c', 100)], range);
    expect(marks.lines.map((line) => line.row)).toEqual([0, 0, 0]);
  });

  it('has no marks without versions', () => {
    expect(versionMarks([], range)).toEqual({ lines: [], before: [], after: [] });
  });
});

describe('outsideNote and versionsHover', () => {
  const range = { start: day('2023-01-01'), end: day('2024-12-31') };

  it('names a single version on each side with its day', () => {
    const marks = versionMarks(
      [
        { name: 'First cut', day: day('2022-01-02') },
        { name: 'Usage heavy', day: day('2026-12-03') },
      ],
      range,
    );
    expect(outsideNote(marks)).toBe('← First cut · 2 Jan 2022     Usage heavy · 3 Dec 2026 →');
  });

  it('counts several versions on one side', () => {
    const marks = versionMarks(
      [
        { name: 'One', day: day('2025-02-01') },
        { name: 'Two', day: day('2025-03-01') },
      ],
      range,
    );
    expect(outsideNote(marks)).toBe('2 later versions →');
  });

  it('is null when every version is on the chart', () => {
    expect(outsideNote(versionMarks([{ name: 'Mid', day: day('2024-07-15') }], range))).toBe(null);
  });

  it('says when each version took effect', () => {
    expect(versionsHover([{ name: 'Mid', day: day('2024-07-15') }])).toEqual([
      '“Mid” took effect 15 Jul 2024',
    ]);
  });
});
