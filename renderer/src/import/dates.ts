/**
 * The date-order choice: which columns need it, and how a sample value reads in
 * either order, so that the user decides from their own data.
 */
import type { DateOrder, ApiIssue, ImportPreview } from '../../../core/api.ts';

/** A date column whose year-last values (03/04/2024) no value decides, or that contradict each other. */
export interface UndecidedDates {
  readonly file: string;
  readonly column: string;
  readonly reading: 'ambiguous' | 'conflicting';
  readonly samples: readonly string[];
}

/** Every column of the preview that needs the user's date order. */
export function undecidedDates(preview: ImportPreview): UndecidedDates[] {
  return preview.files.flatMap((file) =>
    file.dateColumns.flatMap((column) =>
      column.reading === 'ambiguous' || column.reading === 'conflicting'
        ? [
            {
              file: file.file,
              column: column.name,
              reading: column.reading,
              samples: column.samples,
            },
          ]
        : [],
    ),
  );
}

/** Whether an issue is the one the preview raises for an undecided date column (the choice answers it). */
export function isDateOrderIssue(issue: ApiIssue, undecided: readonly UndecidedDates[]): boolean {
  return (
    issue.row === null &&
    undecided.some((entry) => entry.file === issue.file && entry.column === issue.column)
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/;

/** How a year-last value reads in an order ("3 April 2024"), or null when it is no date that way. */
export function readAs(sample: string, order: DateOrder): string | null {
  const parts = YEAR_LAST.exec(sample.trim());
  if (parts === null) return null;
  const first = Number(parts[1]);
  const second = Number(parts[2]);
  const year = Number(parts[3]);
  const [day, month] = order === 'dmy' ? [first, second] : [second, first];
  const monthName = MONTHS[month - 1];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (monthName === undefined || day < 1 || day > daysInMonth) return null;
  return `${day} ${monthName} ${year}`;
}
