/**
 * How an import turns text into typed values, as DuckDB SQL. Every file is first read
 * as text so that nothing is coerced behind the user's back; the macros below accept
 * exactly the forms docs/import.md lists and return NULL for anything else, and
 * `problemSql` says in words why a value was refused. All of it runs set-based inside
 * DuckDB, so a table of ten million rows is never looped over in JavaScript.
 */
import { quotedString } from '@duckdb/node-api';
import type { ColumnSpec } from '../core/contract.ts';

/** How a date written with slashes (03/04/2025) is read: day first or month first. */
export type DateOrder = 'dmy' | 'mdy';

export const DATE_ORDER_WORDS: Record<DateOrder, string> = {
  dmy: 'day/month/year',
  mdy: 'month/day/year',
};

/** The values that mean "empty", compared case-insensitively after trimming. */
export const EMPTY_MARKERS = ['', 'null', 'n/a', '-'] as const;

const SPACE_CODES = '32, 9, 10, 13, 160';
const SPACES = `' ' || chr(9) || chr(10) || chr(13) || chr(160)`;

// A decimal numeral: commas only between groups of three digits, so a decimal comma
// (1,5) is refused instead of being read as fifteen.
const NUMERAL = String.raw`[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d*)?([eE][+-]?\d+)?|[+-]?\.\d+([eE][+-]?\d+)?`;

// The canonical forms DuckDB's own casts are trusted with, once the pattern has
// ruled out what they would accept too leniently (hour 24, text after the time, a
// space before the offset), and everything the cast would read differently: its
// TIMESTAMP cast drops an offset, its TIMESTAMPTZ cast reads a naive time in the
// session's zone. So a naive time (or Z, or UTC) is cast as TIMESTAMP, and only a
// numeric offset goes through TIMESTAMPTZ, whose epoch is the UTC instant.
const DAY = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
const CLOCK = String.raw`[T ]([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?`;
const NAIVE_TIMESTAMP = `${DAY}(${CLOCK})?`;
const UTC_TIMESTAMP = `${DAY}${CLOCK}(Z| UTC)`;
const OFFSET_TIMESTAMP = String.raw`${DAY}${CLOCK}[+-]([01]\d|2[0-3])(:?[0-5]\d)?`;

/** Matches the start of a day/month/year or month/day/year value, capturing the first two parts. */
export const YEAR_LAST_PREFIX = String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}`;
const YEAR_LAST_PARTS = String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`;

/**
 * Temporary macros the import SQL is written in. They live on the connection only
 * and are recreated by every import, so they never reach the workspace file.
 */
export const IMPORT_MACROS: readonly string[] = [
  // A raw value without surrounding spaces, tabs, line breaks or no-break spaces. Most
  // values have none, and looking at the first and last character is far cheaper than
  // trimming every value.
  `CREATE OR REPLACE TEMP MACRO import_trimmed(raw) AS
    CASE WHEN ascii(raw) IN (${SPACE_CODES}) OR ascii(reverse(raw)) IN (${SPACE_CODES})
      THEN trim(raw, ${SPACES}) ELSE raw END`,

  // A trimmed value, or NULL when it is one of the empty markers (none is over 4 characters).
  `CREATE OR REPLACE TEMP MACRO import_unless_empty(t) AS
    CASE WHEN length(t) <= 4 AND lower(t) IN (${EMPTY_MARKERS.map(quotedString).join(', ')})
      THEN NULL ELSE t END`,

  // Both steps at once. The import applies them in two nested selects instead, so that
  // the trimming is computed once rather than once per use in import_unless_empty.
  `CREATE OR REPLACE TEMP MACRO import_text(raw) AS import_unless_empty(import_trimmed(raw))`,

  // A decimal numeral as DOUBLE; NULL for anything else, infinity included.
  `CREATE OR REPLACE TEMP MACRO import_number(t) AS
    CASE WHEN regexp_full_match(t, ${quotedString(NUMERAL)})
      AND isfinite(TRY_CAST(replace(t, ',', '') AS DOUBLE))
      THEN TRY_CAST(replace(t, ',', '') AS DOUBLE) END`,

  // An amount: a numeral with an optional currency sign before or after its minus sign.
  `CREATE OR REPLACE TEMP MACRO import_money(t) AS
    import_number(regexp_replace(t, '^([+-]?)\\s*[$€£]\\s*', '\\1'))`,

  // A whole number as BIGINT: plain digits, or a numeral whose value is integral (4.0).
  `CREATE OR REPLACE TEMP MACRO import_integer(t) AS
    CASE WHEN regexp_full_match(t, '[+-]?\\d{1,18}') THEN CAST(t AS BIGINT)
      WHEN import_number(t) = trunc(import_number(t)) AND abs(import_number(t)) < 9e18
      THEN CAST(import_number(t) AS BIGINT) END`,

  // true/false, yes/no, 1/0, y/n in any case.
  `CREATE OR REPLACE TEMP MACRO import_bool(t) AS
    CASE WHEN lower(t) IN ('true', 'yes', '1', 'y') THEN true
      WHEN lower(t) IN ('false', 'no', '0', 'n') THEN false END`,

  // One of the allowed (lower-case) values, compared case-insensitively, stored lower case.
  `CREATE OR REPLACE TEMP MACRO import_enum(t, allowed) AS
    CASE WHEN list_contains(allowed, lower(t)) THEN lower(t) END`,

  // A year-last date (03/04/2025, 3.4.2025, 03-04-2025) rewritten year first in the given
  // order, a year-first one with slashes (2025/04/03) with dashes; other text unchanged.
  // ISO text, the common case, is recognised without a regex: a dash fifth, digits second
  // and third (a year-last 1-05-2024 or 01-5-2024 has a separator there).
  `CREATE OR REPLACE TEMP MACRO import_year_first(t, date_order) AS
    CASE WHEN substr(t, 5, 1) = '-' AND substr(t, 2, 1) BETWEEN '0' AND '9'
        AND substr(t, 3, 1) BETWEEN '0' AND '9' THEN t
      WHEN regexp_matches(t, ${quotedString(YEAR_LAST_PREFIX)}) THEN
        CASE date_order
          WHEN 'dmy' THEN regexp_replace(t, ${quotedString(YEAR_LAST_PARTS)}, '\\3-\\2-\\1')
          WHEN 'mdy' THEN regexp_replace(t, ${quotedString(YEAR_LAST_PARTS)}, '\\3-\\1-\\2')
        END
      WHEN regexp_matches(t, '^\\d{4}/\\d{1,2}/\\d{1,2}') THEN
        regexp_replace(t, '^(\\d{4})/(\\d{1,2})/(\\d{1,2})', '\\1-\\2-\\3')
      ELSE t END`,

  // A time given with an offset but no seconds (10:00+02:00) with :00 seconds added,
  // because DuckDB's TIMESTAMPTZ cast needs them.
  `CREATE OR REPLACE TEMP MACRO import_with_seconds(t) AS
    regexp_replace(t, '([T ]\\d{1,2}:\\d{2})([+-])', '\\1:00\\2')`,

  // A year-first timestamp as naive UTC: no offset, Z or UTC means UTC; an offset is converted.
  // rtrim strips the Z or " UTC" suffix: the clock before it ends in a digit.
  `CREATE OR REPLACE TEMP MACRO import_iso_timestamp(t) AS
    CASE WHEN regexp_full_match(t, ${quotedString(NAIVE_TIMESTAMP)}) THEN TRY_CAST(t AS TIMESTAMP)
      WHEN regexp_full_match(t, ${quotedString(UTC_TIMESTAMP)})
      THEN TRY_CAST(rtrim(t, 'Z UTC') AS TIMESTAMP)
      WHEN regexp_full_match(t, ${quotedString(OFFSET_TIMESTAMP)})
      THEN make_timestamp(epoch_us(TRY_CAST(import_with_seconds(t) AS TIMESTAMPTZ))) END`,

  // An ISO 8601 timestamp (or plain date, midnight UTC), or a year-last one in the given order.
  `CREATE OR REPLACE TEMP MACRO import_timestamp(t, date_order) AS
    import_iso_timestamp(import_year_first(t, date_order))`,

  // The day of a timestamp that falls exactly on midnight; NULL for any other time.
  `CREATE OR REPLACE TEMP MACRO import_midnight_day(instant) AS
    CASE WHEN instant = date_trunc('day', instant) THEN CAST(instant AS DATE) END`,

  // A date: YYYY-MM-DD, or any accepted timestamp that falls exactly on midnight UTC.
  `CREATE OR REPLACE TEMP MACRO import_date(t, date_order) AS
    CASE WHEN regexp_full_match(t, '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(t AS DATE)
      ELSE import_midnight_day(import_timestamp(t, date_order)) END`,
];

function orderLiteral(dateOrder: DateOrder | null): string {
  return dateOrder === null ? 'NULL::VARCHAR' : quotedString(dateOrder);
}

/** SQL for the typed value of `text` (an SQL expression holding import_text output) in a column of this spec. */
export function valueSql(spec: ColumnSpec, text: string, dateOrder: DateOrder | null): string {
  switch (spec.type) {
    case 'string':
      return text;
    case 'integer':
      return `import_integer(${text})`;
    case 'number':
      return `import_number(${text})`;
    case 'money':
      return `import_money(${text})`;
    case 'bool':
      return `import_bool(${text})`;
    case 'enum':
      return `import_enum(${text}, [${(spec.values ?? []).map(quotedString).join(', ')}])`;
    case 'date':
      return `import_date(${text}, ${orderLiteral(dateOrder)})`;
    case 'timestamp':
      return `import_timestamp(${text}, ${orderLiteral(dateOrder)})`;
  }
}

/** How a date column's year-last values are read, and why, for the messages. */
export interface DateReading {
  readonly order: DateOrder;
  /** Completes "read as day/month/year ...", e.g. "(from the dateOrder option)". */
  readonly reason: string;
}

const TIMESTAMP_FORMS =
  'an ISO 8601 timestamp such as 2025-04-03T10:00:00Z, 2025-04-03 10:00:00 or 2025-04-03T10:00:00+02:00, or a date';

function typeMessage(spec: ColumnSpec, text: string, reading: DateReading | null): string {
  switch (spec.type) {
    case 'string':
      return quotedString('expected text');
    case 'integer':
      return `CASE WHEN import_number(${text}) IS NOT NULL
        THEN 'expected a whole number, not a fraction' ELSE 'expected a whole number' END`;
    case 'number':
      return quotedString(
        'expected a number such as 1234.5 (a comma is accepted only between groups of three digits)',
      );
    case 'money':
      return quotedString(
        'expected an amount such as 1234.50, 1,234.50 or $1,234.50 (a comma is accepted only between groups of three digits)',
      );
    case 'bool':
      return quotedString('expected true/false, yes/no, 1/0 or y/n');
    case 'enum':
      return quotedString(`expected one of ${(spec.values ?? []).join(', ')}`);
    case 'date':
    case 'timestamp': {
      const generic =
        spec.type === 'date'
          ? `CASE WHEN import_timestamp(${text}, ${orderLiteral(reading?.order ?? null)}) IS NOT NULL
              THEN 'expected a date without a time of day (a time is accepted only when it is midnight UTC)'
              ELSE 'expected a date such as 2025-04-03 (YYYY-MM-DD)' END`
          : quotedString(`expected ${TIMESTAMP_FORMS}`);
      if (reading === null) return generic;
      const impossible = quotedString(
        `not a valid date when read as ${DATE_ORDER_WORDS[reading.order]} ${reading.reason}`,
      );
      return `CASE WHEN regexp_matches(${text}, ${quotedString(YEAR_LAST_PREFIX)})
        THEN ${impossible} ELSE ${generic} END`;
    }
  }
}

function rangeChecks(spec: ColumnSpec, value: string): string[] {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) {
    const message = quotedString(`must be between ${min} and ${max}`);
    return [`WHEN ${value} < ${min} OR ${value} > ${max} THEN ${message}`];
  }
  const checks: string[] = [];
  if (min !== undefined) {
    const message = min === 0 ? 'must not be negative' : `must be at least ${min}`;
    checks.push(`WHEN ${value} < ${min} THEN ${quotedString(message)}`);
  }
  if (max !== undefined) {
    checks.push(`WHEN ${value} > ${max} THEN ${quotedString(`must be at most ${max}`)}`);
  }
  return checks;
}

/**
 * SQL for the reason one value is refused, or NULL when it is fine: a missing required
 * value (naming the empty marker when one was written), text that is not of the
 * column's type, or a value out of the column's range. `text` is the trimmed text
 * (NULL when blank, empty markers kept as written), `value` the typed value valueSql
 * computed from its import_unless_empty output.
 */
export function problemSql(
  spec: ColumnSpec,
  text: string,
  value: string,
  reading: DateReading | null,
): string {
  // A typed value exists only for a non-empty readable text, so most rows stop at the
  // range checks; only the refused few go on to the empty and type tests.
  const required = (message: string): string => (spec.required ? message : 'NULL');
  return `CASE
    ${rangeChecks(spec, value).join('\n    ')}
    WHEN ${value} IS NOT NULL THEN NULL
    WHEN ${text} IS NULL THEN ${required(quotedString('a value is required'))}
    WHEN import_unless_empty(${text}) IS NULL
      THEN ${required(`'a value is required (' || ${text} || ' means empty)'`)}
    ELSE ${typeMessage(spec, text, reading)}
  END`;
}

/**
 * A query over one date column (`column` of `fromSql`, holding trimmed text, rows
 * numbered by `rowSql`) returning one row: the count of year-last values, the first
 * day-first value and its row, the first month-first value and its row, and the
 * lowest and highest ambiguous values. A value is
 * day-first evidence when its first part can only be a day (13–31) and its second a
 * month (1–12), and month-first evidence the other way round; values with both parts
 * at most 12 decide nothing and are the ambiguous examples.
 */
export function dateEvidenceSql(fromSql: string, column: string, rowSql: string): string {
  const prefix = quotedString(YEAR_LAST_PREFIX);
  // A year-last value has a separator second or third; checking that first keeps the
  // regex off ISO values, which are nearly all values of nearly every column.
  const separator = (at: number) => `substr(${column}, ${at}, 1) IN ('/', '.', '-')`;
  return `
    SELECT
      count(*) AS year_last,
      arg_min(text, row) FILTER (WHERE day_first) AS day_first_value,
      min(row) FILTER (WHERE day_first) AS day_first_row,
      arg_min(text, row) FILTER (WHERE month_first) AS month_first_value,
      min(row) FILTER (WHERE month_first) AS month_first_row,
      min(text) FILTER (WHERE first <= 12 AND second <= 12) AS ambiguous_low,
      max(text) FILTER (WHERE first <= 12 AND second <= 12) AS ambiguous_high
    FROM (
      SELECT text, row, first, second,
        first BETWEEN 13 AND 31 AND second BETWEEN 1 AND 12 AS day_first,
        second BETWEEN 13 AND 31 AND first BETWEEN 1 AND 12 AS month_first
      FROM (
        SELECT ${column} AS text, ${rowSql} AS row,
          TRY_CAST(regexp_extract(${column}, ${prefix}, 1) AS INTEGER) AS first,
          TRY_CAST(regexp_extract(${column}, ${prefix}, 2) AS INTEGER) AS second
        FROM ${fromSql}
        WHERE (${separator(2)} OR ${separator(3)}) AND regexp_matches(${column}, ${prefix})
      )
    )`;
}
