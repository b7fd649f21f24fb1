/**
 * How numbers and dates read in the workbench: one decimal for scores, grouped
 * thousands for money, and a dash wherever a value is missing.
 */
import { formatDay } from '../../core/dates.ts';

export const MISSING = '–';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A score or points value with one decimal; a dash for NaN or null. */
export function formatScore(value: number | null): string {
  return value === null || Number.isNaN(value) ? MISSING : value.toFixed(1);
}

/** A whole amount with thousands grouped (ARR has no currency in the data contract). */
export function formatAmount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? MISSING : grouped.format(value);
}

/** A short amount: 1.2M, 350K. */
export function formatCompactAmount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? MISSING : compact.format(value);
}

/** A share 0..1 as a whole percent. */
export function formatPercent(share: number | null): string {
  return share === null || Number.isNaN(share) ? MISSING : `${Math.round(share * 100)}%`;
}

/** A signed change with one decimal: +4.0, −12.5 (a true minus sign), 0.0. */
export function formatChange(value: number): string {
  if (Number.isNaN(value)) return MISSING;
  const text = Math.abs(value).toFixed(1);
  if (value > 0) return `+${text}`;
  return value < 0 ? `−${text}` : text;
}

/** A count with its noun in the right number: `1 snapshot`, `0 snapshots`, `1,200 snapshots`. */
export function formatCountOf(count: number, one: string, many: string): string {
  return `${grouped.format(count)} ${count === 1 ? one : many}`;
}

/** A day number as `12 Mar 2024`. */
export function formatLongDay(day: number): string {
  return Number.isNaN(day) ? MISSING : longDate.format(new Date(day * 86_400_000));
}

/** A day number as `YYYY-MM-DD`, or null when missing. */
export function isoDayOrNull(day: number): string | null {
  return Number.isNaN(day) ? null : formatDay(day);
}
