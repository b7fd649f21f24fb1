/**
 * How the evidence figures read, in the views and in the exported report alike, so
 * the number a leader sees on screen is the number printed on paper.
 */

export const MISSING = '–';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthYear = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** A share 0..1 as a percentage with one decimal: 0.1123 → `11.2%`; a dash when missing. */
export function formatRate(share: number | null | undefined): string {
  return missing(share) ? MISSING : `${(share * 100).toFixed(1)}%`;
}

/** A share 0..1 as a whole percentage, for sentences: 0.1123 → `11%`. */
export function formatWholeRate(share: number | null | undefined): string {
  return missing(share) ? MISSING : `${Math.round(share * 100)}%`;
}

/** An AUC, Gini or PSI with three decimals: 0.81234 → `0.812`. */
export function formatMetric(value: number | null | undefined): string {
  return missing(value) ? MISSING : value.toFixed(3);
}

/** A lift with one decimal and a times sign: 2.345 → `2.3×`. */
export function formatLift(value: number | null | undefined): string {
  return missing(value) ? MISSING : `${value.toFixed(1)}×`;
}

/** A count with grouped thousands: 12345 → `12,345`. */
export function formatCount(value: number | null | undefined): string {
  return missing(value) ? MISSING : grouped.format(value);
}

/** A number of days, rounded: 45.5 → `46 days`; `1 day` for one. */
export function formatDays(value: number | null | undefined): string {
  if (missing(value)) return MISSING;
  const days = Math.round(value);
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** A day number (days since 1970-01-01 UTC) as `31 Mar 2024`. */
export function formatDate(day: number | null | undefined): string {
  return missing(day) ? MISSING : longDate.format(new Date(day * 86_400_000));
}

/** A day number as `Mar 2024`, for chart axes. */
export function formatMonth(day: number): string {
  return monthYear.format(new Date(day * 86_400_000));
}

/** The words of a PSI verdict. */
export function verdictLabel(verdict: string | null): string {
  if (verdict === 'stable') return 'Stable';
  if (verdict === 'moderate_shift') return 'Moderate shift';
  if (verdict === 'major_shift') return 'Major shift';
  return MISSING;
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
