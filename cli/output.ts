/** Writing command results to stdout or a file, as CSV, JSON or Markdown. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { UserError } from './errors.ts';

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
  if (!path) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(path, text);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'its folder does not exist'
        : (error as Error).message;
    throw new UserError(`Could not write --out ${path}: ${reason}`);
  }
}
