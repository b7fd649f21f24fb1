/**
 * Calendar arithmetic on day numbers (days since 1970-01-01 UTC) for the generator:
 * contract anniversaries, weekdays, and ISO timestamps built from a day and a minute.
 */
import { formatDay } from '../../core/dates.ts';

const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

/** The day `months` calendar months after `day`, clamped to the end of a shorter month. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Whether the day is a Saturday or a Sunday. */
export function isWeekend(day: number): boolean {
  const dayOfWeek = weekday(day);
  return dayOfWeek === 0 || dayOfWeek === 6;
}

/** The first Monday-to-Friday day on or after `day`. */
export function nextWorkday(day: number): number {
  let candidate = day;
  while (isWeekend(candidate)) candidate += 1;
  return candidate;
}

/** The calendar year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Formats a whole minute since the epoch as an ISO 8601 UTC timestamp, `YYYY-MM-DDTHH:MM:00Z`. */
export function formatMinute(minute: number): string {
  const day = Math.floor(minute / MINUTES_PER_DAY);
  const minuteOfDay = minute - day * MINUTES_PER_DAY;
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${formatDay(day)}T${hours}:${minutes}:00Z`;
}
