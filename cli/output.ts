/** Writing command results to stdout or a file, as CSV, JSON or Markdown. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  return stringify(
    rows.map((row) => columns.map((column) => row[column] ?? '')),
    { header: true, columns: [...columns], cast: { boolean: (value) => String(value) } },
  );
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes `text` to `path`, or to stdout when no path is given. */
export function emit(text: string, path: string | undefined): void {
  if (path) writeFileSync(path, text);
  else process.stdout.write(text);
}
