/**
 * The problems an import reports. One shape serves errors (the import is refused)
 * and warnings (the import goes ahead but the user should know), so the command
 * line and the UI print both the same way.
 */

/**
 * One problem found in a dataset. `row` is 1-based; in CSV files the header is row 1,
 * so the first data row is row 2. `row`, `column` and `value` are null when the
 * problem concerns a whole file or column.
 */
export interface ImportIssue {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

/** An issue about a whole file (or, for dataset-level problems, the folder). */
export function fileIssue(file: string, message: string): ImportIssue {
  return { file, row: null, column: null, value: null, message };
}

/** An issue about one column of a file, optionally with example values. */
export function columnIssue(
  file: string,
  column: string,
  message: string,
  value: string | null = null,
): ImportIssue {
  return { file, row: null, column, value, message };
}

/** Errors collected up to a limit, remembering whether more were found than kept. */
export interface IssueCollector {
  readonly issues: ImportIssue[];
  /** How many more issues may still be kept before the limit is reached. */
  remaining(): number;
  add(issue: ImportIssue): void;
  /** Notes that more issues existed than were offered to `add`. */
  overflow(): void;
  truncated(): boolean;
}

/** A collector that keeps at most `limit` issues and notes when any were dropped. */
export function collectIssues(limit: number): IssueCollector {
  const issues: ImportIssue[] = [];
  let dropped = false;
  return {
    issues,
    remaining: () => Math.max(0, limit - issues.length),
    add(issue) {
      if (issues.length < limit) issues.push(issue);
      else dropped = true;
    },
    overflow() {
      dropped = true;
    },
    truncated: () => dropped,
  };
}

const ERROR_KIND_PREFIX = /^[A-Za-z ]*Error: /;

/**
 * The first line of a DuckDB reader error, without its error-kind prefix and with the
 * file's full path replaced by its name, so that the message reads well in a list of
 * issues.
 */
export function readerErrorMessage(error: unknown, path: string, file: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n', 1)[0] ?? text;
  return firstLine.replace(ERROR_KIND_PREFIX, '').replaceAll(path, file).trim();
}

// Control characters (NUL, escape, line breaks, ...) as a file may hold them in a
// header or value: they would garble a terminal or a table cell.
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** Text with every control character written as a \uXXXX escape, so that it prints as it reads. */
export function printable(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An issue whose texts hold no control characters (see `printable`). */
export function printableIssue(issue: ImportIssue): ImportIssue {
  return {
    ...issue,
    file: printable(issue.file),
    column: issue.column === null ? null : printable(issue.column),
    value: issue.value === null ? null : printable(issue.value),
    message: printable(issue.message),
  };
}
