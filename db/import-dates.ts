/**
 * Deciding how a column's year-last dates (03/04/2025) are read. Such a date is never
 * guessed: the user's date order applies when given; otherwise a value that can only
 * be read one way (25/04/2025) decides the whole column, and a column where no value
 * decides is refused with examples and the way to choose.
 */
import { quotedIdentifier, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { columnIssue, type ImportIssue } from './import-issues.ts';
import { dateEvidenceSql, DATE_ORDER_WORDS, type DateOrder } from './parse.ts';
import { toNumber, toText } from './workspace.ts';

/** A value that shows the order, and the row it is on (null where rows are not numbered). */
export interface DateClue {
  readonly value: string;
  readonly row: number | null;
}

/** What a date column's year-last values say about their order. */
export interface DateEvidence {
  /** How many values are written year-last (DD/MM/YYYY or MM/DD/YYYY). */
  readonly yearLast: number;
  readonly dayFirst: DateClue | null;
  readonly monthFirst: DateClue | null;
  /** Up to two values that read either way, for messages and the preview. */
  readonly ambiguousExamples: readonly string[];
}

/** How a column's year-last dates will be read, or why they cannot be. */
export type DateDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'option'; readonly order: DateOrder }
  | { readonly kind: 'decided'; readonly order: DateOrder; readonly clue: DateClue }
  | { readonly kind: 'ambiguous'; readonly examples: readonly string[] }
  | { readonly kind: 'conflicting'; readonly dayFirst: DateClue; readonly monthFirst: DateClue };

/**
 * Reads the evidence of every listed column of `fromSql` (columns already holding
 * trimmed text), one scan per column. `rowSql` numbers the rows, or is null
 * when the source has no row numbers (then clues carry no row).
 */
export async function readDateEvidence(
  connection: DuckDBConnection,
  fromSql: string,
  columns: readonly string[],
  rowSql: string | null,
): Promise<Map<string, DateEvidence>> {
  const evidence = new Map<string, DateEvidence>();
  for (const column of columns) {
    const sql = dateEvidenceSql(fromSql, quotedIdentifier(column), rowSql ?? '0');
    const reader = await connection.runAndReadAll(sql);
    const [count, dayValue, dayRow, monthValue, monthRow, low, high] = reader.getRows()[0] ?? [];
    const clue = (
      value: DuckDBValue | undefined,
      row: DuckDBValue | undefined,
    ): DateClue | null => {
      const text = toText(value ?? null);
      if (text === null) return null;
      return { value: text, row: rowSql === null ? null : toNumber(row ?? null) };
    };
    const examples = [toText(low ?? null), toText(high ?? null)].filter((value) => value !== null);
    evidence.set(column, {
      yearLast: toNumber(count ?? 0),
      dayFirst: clue(dayValue, dayRow),
      monthFirst: clue(monthValue, monthRow),
      ambiguousExamples: [...new Set(examples)],
    });
  }
  return evidence;
}

/** Applies the rule of this module to one column's evidence and the user's date order, if any. */
export function decideDateOrder(evidence: DateEvidence, option: DateOrder | null): DateDecision {
  if (evidence.yearLast === 0) return { kind: 'none' };
  if (option !== null) return { kind: 'option', order: option };
  const { dayFirst, monthFirst } = evidence;
  if (dayFirst && monthFirst) return { kind: 'conflicting', dayFirst, monthFirst };
  if (dayFirst) return { kind: 'decided', order: 'dmy', clue: dayFirst };
  if (monthFirst) return { kind: 'decided', order: 'mdy', clue: monthFirst };
  return { kind: 'ambiguous', examples: evidence.ambiguousExamples };
}

function clueText(clue: DateClue): string {
  return clue.row === null ? clue.value : `row ${clue.row}: ${clue.value}`;
}

const HOW_TO_CHOOSE =
  "choose the order with the dateOrder option ('dmy' or 'mdy'; on the command line --date-order dmy or --date-order mdy)";

/** Why a column's dates cannot be read, for an error; null when they can. */
export function dateDecisionError(decision: DateDecision): string | null {
  if (decision.kind === 'ambiguous') {
    return `dates such as ${decision.examples[0] ?? ''} can be read as day/month/year or month/day/year and no value in the column decides; ${HOW_TO_CHOOSE}`;
  }
  if (decision.kind === 'conflicting') {
    return `some dates can only be day/month/year (${clueText(decision.dayFirst)}) and others only month/day/year (${clueText(decision.monthFirst)}); correct the file, or ${HOW_TO_CHOOSE} to list the values that do not fit`;
  }
  return null;
}

/** The note for a column whose order a value decided; null for other decisions. */
export function dateDecisionWarning(decision: DateDecision): string | null {
  if (decision.kind !== 'decided') return null;
  return `dates written year-last were read as ${DATE_ORDER_WORDS[decision.order]} because ${decision.clue.value} can only be read that way`;
}

/** Completes "not a valid date when read as day/month/year ...", saying where the order came from. */
export function dateDecisionReason(decision: DateDecision): string {
  if (decision.kind === 'decided') {
    return `(the order was decided by ${clueText(decision.clue)})`;
  }
  return '(the order given by the dateOrder option)';
}

/**
 * The issues a decision gives one column of a file: an error (with the ambiguous
 * examples as its value) when its dates cannot be read, a warning on the deciding row
 * when a value decided the order.
 */
export function dateDecisionIssues(
  file: string,
  column: string,
  decision: DateDecision,
): { error: ImportIssue | null; warning: ImportIssue | null } {
  const error = dateDecisionError(decision);
  const warning = dateDecisionWarning(decision);
  const examples = decision.kind === 'ambiguous' ? decision.examples.join(', ') : null;
  return {
    error: error === null ? null : columnIssue(file, column, error, examples),
    warning:
      warning === null || decision.kind !== 'decided'
        ? null
        : { file, row: decision.clue.row, column, value: decision.clue.value, message: warning },
  };
}
