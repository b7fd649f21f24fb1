/**
 * Where the score-history chart marks the saved model versions: a line on each
 * day within the chart at which one took effect, its label placed so that labels
 * of nearby days do not overlap, and a note for those that took effect before or
 * after the charted days (a version saved today marks an older export's chart so).
 */
import { formatLongDay } from '../format.ts';

/** A saved version and the day it took effect (a day number). */
export interface DatedVersion {
  readonly name: string;
  readonly day: number;
}

/** The days the chart shows, first and last, as day numbers. */
export interface DayRange {
  readonly start: number;
  readonly end: number;
}

export interface VersionLine {
  readonly day: number;
  /** Every version that took effect that day, in the order given. */
  readonly names: readonly string[];
  /** The short label beside the line: the first name, shortened, and how many more. */
  readonly label: string;
  /** The label's row, 0 at the top of the plot. */
  readonly row: number;
  /** Which side of the line the label sits on: the left near the chart's right end. */
  readonly side: 'left' | 'right';
}

export interface VersionMarks {
  /** Ascending by day. */
  readonly lines: readonly VersionLine[];
  /** The versions that took effect before the first charted day, ascending by day. */
  readonly before: readonly DatedVersion[];
  /** The versions that took effect after the last charted day, ascending by day. */
  readonly after: readonly DatedVersion[];
}

/** Rows of labels below the top of the plot before they start to overlap anyway. */
export const LABEL_ROWS = 3;

/** A label's width as a share of the chart's width: about 18 characters on the detail's chart. */
export const LABEL_SHARE = 0.24;

/** A name longer than this is cut, with an ellipsis, in a label; the hover text has it whole. */
export const LABEL_CHARACTERS = 18;

/** Beyond this share of the width a label sits left of its line, so that it stays on the chart. */
const LEFT_OF_LINE_FROM = 1 - LABEL_SHARE;

const MIN_PAD_DAYS = 7;
const PAD_SHARE = 0.05;

/**
 * The days the history chart shows: from the first point (or the as-of date, if
 * earlier) to the last point (or the as-of date, if later), widened on each side
 * by 5% of that span and at least 7 days, so that the end markers are whole and
 * the month ticks at the ends of a history of month ends are on the axis.
 * A single day when there are no points: the as-of date, widened alike.
 */
export function historyRange(days: readonly number[], asOf: number): DayRange {
  let first = asOf;
  let last = asOf;
  for (const day of days) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const pad = Math.max(MIN_PAD_DAYS, Math.round((last - first) * PAD_SHARE));
  return { start: first - pad, end: last + pad };
}

function shortName(name: string): string {
  return name.length <= LABEL_CHARACTERS ? name : `${name.slice(0, LABEL_CHARACTERS - 1)}…`;
}

/**
 * The marks of `versions` on a chart of `range`: one line per day within it
 * (both ends included) on which versions took effect, each labelled in the
 * first row where it overlaps no earlier label (or the row freed the longest
 * ago, when all are taken), and the versions outside the range by side.
 */
export function versionMarks(versions: readonly DatedVersion[], range: DayRange): VersionMarks {
  const sorted = versions
    .map((version, order) => ({ version, order }))
    .sort((left, right) => left.version.day - right.version.day || left.order - right.order)
    .map(({ version }) => version);
  const before = sorted.filter((version) => version.day < range.start);
  const after = sorted.filter((version) => version.day > range.end);

  const byDay = new Map<number, string[]>();
  for (const version of sorted) {
    if (version.day < range.start || version.day > range.end) continue;
    const names = byDay.get(version.day);
    if (names === undefined) byDay.set(version.day, [version.name]);
    else names.push(version.name);
  }

  const span = Math.max(1, range.end - range.start);
  // The right edge, as a share of the width, of the last label in each row.
  const rowEnds: number[] = Array.from({ length: LABEL_ROWS }, () => Number.NEGATIVE_INFINITY);
  const lines: VersionLine[] = [];
  for (const [day, names] of byDay) {
    const at = (day - range.start) / span;
    const side = at > LEFT_OF_LINE_FROM ? 'left' : 'right';
    const from = side === 'right' ? at : at - LABEL_SHARE;
    let row = rowEnds.findIndex((end) => end <= from);
    if (row < 0) row = rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = from + LABEL_SHARE;
    const more = names.length > 1 ? ` +${names.length - 1}` : '';
    lines.push({ day, names, label: `${shortName(names[0] as string)}${more}`, row, side });
  }
  return { lines, before, after };
}

function sideNote(versions: readonly DatedVersion[], which: 'earlier' | 'later'): string | null {
  const only = versions[0];
  if (only === undefined) return null;
  if (versions.length > 1) return `${versions.length} ${which} versions`;
  return `${shortName(only.name)} · ${formatLongDay(only.day)}`;
}

/**
 * The one-line note on the versions outside the chart, "← Q1 model · 2 Jan 2022"
 * for those before and "Usage heavy · 3 Dec 2026 →" for those after (a count
 * when more than one); null when every version is on the chart.
 */
export function outsideNote(marks: VersionMarks): string | null {
  const earlier = sideNote(marks.before, 'earlier');
  const later = sideNote(marks.after, 'later');
  const parts = [earlier === null ? null : `← ${earlier}`, later === null ? null : `${later} →`];
  const note = parts.filter((part) => part !== null).join('     ');
  return note === '' ? null : note;
}

/** The hover text of versions: "“Name” took effect 15 Jul 2024", one line each. */
export function versionsHover(versions: readonly DatedVersion[]): string[] {
  return versions.map((version) => `“${version.name}” took effect ${formatLongDay(version.day)}`);
}
