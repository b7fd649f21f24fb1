/**
 * The SQL that turns the RavenStack export into contract tables. Each query reads the
 * raw_* views (one per source file, typed as declared in RAW_FILES) and returns rows in
 * a fixed order, so that the converted files are the same on every run.
 * README.md beside this file explains every mapping decision.
 */

/** One source file: its name and its columns with the DuckDB types they are read as. */
export interface RawFile {
  readonly view: string;
  readonly file: string;
  readonly columns: readonly (readonly [name: string, sqlType: string])[];
}

export const RAW_FILES: readonly RawFile[] = [
  {
    view: 'raw_accounts',
    file: 'ravenstack_accounts.csv',
    columns: [
      ['account_id', 'VARCHAR'],
      ['account_name', 'VARCHAR'],
      ['industry', 'VARCHAR'],
      ['country', 'VARCHAR'],
      ['signup_date', 'DATE'],
      ['referral_source', 'VARCHAR'],
      ['plan_tier', 'VARCHAR'],
      ['seats', 'INTEGER'],
      ['is_trial', 'BOOLEAN'],
      ['churn_flag', 'BOOLEAN'],
    ],
  },
  {
    view: 'raw_subscriptions',
    file: 'ravenstack_subscriptions.csv',
    columns: [
      ['subscription_id', 'VARCHAR'],
      ['account_id', 'VARCHAR'],
      ['start_date', 'DATE'],
      ['end_date', 'DATE'],
      ['plan_tier', 'VARCHAR'],
      ['seats', 'INTEGER'],
      ['mrr_amount', 'BIGINT'],
      ['arr_amount', 'BIGINT'],
      ['is_trial', 'BOOLEAN'],
      ['upgrade_flag', 'BOOLEAN'],
      ['downgrade_flag', 'BOOLEAN'],
      ['churn_flag', 'BOOLEAN'],
      ['billing_frequency', 'VARCHAR'],
      ['auto_renew_flag', 'BOOLEAN'],
    ],
  },
  {
    view: 'raw_feature_usage',
    file: 'ravenstack_feature_usage.csv',
    columns: [
      ['usage_id', 'VARCHAR'],
      ['subscription_id', 'VARCHAR'],
      ['usage_date', 'DATE'],
      ['feature_name', 'VARCHAR'],
      ['usage_count', 'BIGINT'],
      ['usage_duration_secs', 'BIGINT'],
      ['error_count', 'BIGINT'],
      ['is_beta_feature', 'BOOLEAN'],
    ],
  },
  {
    view: 'raw_support_tickets',
    file: 'ravenstack_support_tickets.csv',
    columns: [
      ['ticket_id', 'VARCHAR'],
      ['account_id', 'VARCHAR'],
      ['submitted_at', 'DATE'],
      ['closed_at', 'TIMESTAMP'],
      ['resolution_time_hours', 'DOUBLE'],
      ['priority', 'VARCHAR'],
      ['first_response_time_minutes', 'BIGINT'],
      ['satisfaction_score', 'DOUBLE'],
      ['escalation_flag', 'BOOLEAN'],
    ],
  },
  {
    view: 'raw_churn_events',
    file: 'ravenstack_churn_events.csv',
    columns: [
      ['churn_event_id', 'VARCHAR'],
      ['account_id', 'VARCHAR'],
      ['churn_date', 'DATE'],
      ['reason_code', 'VARCHAR'],
      ['refund_amount_usd', 'DOUBLE'],
      ['preceding_upgrade_flag', 'BOOLEAN'],
      ['preceding_downgrade_flag', 'BOOLEAN'],
      ['is_reactivation', 'BOOLEAN'],
      ['feedback_text', 'VARCHAR'],
    ],
  },
];

const TIMESTAMP_FORMAT = `'%Y-%m-%dT%H:%M:%SZ'`;
const DATE_FORMAT = `'%Y-%m-%d'`;

/** The last calendar day that any dated source column reaches: the end of the export. */
export const DATA_END_SQL = `
SELECT max(day) AS data_end FROM (
  SELECT max(signup_date) AS day FROM raw_accounts
  UNION ALL SELECT max(start_date) FROM raw_subscriptions
  UNION ALL SELECT max(end_date) FROM raw_subscriptions
  UNION ALL SELECT max(usage_date) FROM raw_feature_usage
  UNION ALL SELECT max(submitted_at) FROM raw_support_tickets
  UNION ALL SELECT max(churn_date) FROM raw_churn_events
)`;

/** accounts: one row per source account; ARR from open subscriptions, churn from flag + latest event. */
export const ACCOUNTS_SQL = `
WITH
  -- The end of the export, the instant at which "open" subscriptions are judged.
  data_end AS (${DATA_END_SQL}),
  -- ARR today: annual value of every subscription started by the data end and not ended by it.
  open_arr AS (
    SELECT s.account_id, sum(s.arr_amount) AS arr
    FROM raw_subscriptions s, data_end
    WHERE s.start_date <= data_end.data_end
      AND (s.end_date IS NULL OR s.end_date > data_end.data_end)
    GROUP BY s.account_id
  ),
  -- Terminal churn: the latest churn event of each account that the export flags as churned.
  churn AS (
    SELECT e.account_id, max(e.churn_date) AS churned_on
    FROM raw_churn_events e
    JOIN raw_accounts a ON a.account_id = e.account_id
    WHERE a.churn_flag
    GROUP BY e.account_id
  )
SELECT
  a.account_id,
  a.account_name,
  a.industry AS segment,
  coalesce(o.arr, 0) AS arr,
  strftime(a.signup_date, ${DATE_FORMAT}) AS contract_start,
  strftime(c.churned_on, ${DATE_FORMAT}) AS churned_on,
  a.seats AS licensed_seats
FROM raw_accounts a
LEFT JOIN open_arr o ON o.account_id = a.account_id
LEFT JOIN churn c ON c.account_id = a.account_id
ORDER BY a.account_id`;

/** usage: usage_count summed per account and day; there are no users, so user_id stays empty. */
export const USAGE_SQL = `
SELECT
  s.account_id,
  CAST(NULL AS VARCHAR) AS user_id,
  strftime(u.usage_date, ${DATE_FORMAT}) AS date,
  sum(u.usage_count) AS events
FROM raw_feature_usage u
JOIN raw_subscriptions s ON s.subscription_id = u.subscription_id
GROUP BY s.account_id, u.usage_date
ORDER BY s.account_id, u.usage_date`;

/** feature_usage: usage_count summed per account, day and feature. */
export const FEATURE_USAGE_SQL = `
SELECT
  s.account_id,
  strftime(u.usage_date, ${DATE_FORMAT}) AS date,
  u.feature_name AS feature,
  sum(u.usage_count) AS events
FROM raw_feature_usage u
JOIN raw_subscriptions s ON s.subscription_id = u.subscription_id
GROUP BY s.account_id, u.usage_date, u.feature_name
ORDER BY s.account_id, u.usage_date, u.feature_name`;

/** tickets: one row per ticket; the date-only submission is taken as midnight UTC, CSAT is kept raw. */
export const TICKETS_SQL = `
SELECT
  account_id,
  ticket_id,
  strftime(CAST(submitted_at AS TIMESTAMP), ${TIMESTAMP_FORMAT}) AS opened_at,
  strftime(closed_at, ${TIMESTAMP_FORMAT}) AS closed_at,
  priority,
  CAST(satisfaction_score AS INTEGER) AS satisfaction_score
FROM raw_support_tickets
ORDER BY ticket_id`;

/** escalations: one per escalated ticket, open for that ticket's life. */
export const ESCALATIONS_SQL = `
SELECT
  account_id,
  strftime(CAST(submitted_at AS TIMESTAMP), ${TIMESTAMP_FORMAT}) AS opened_at,
  strftime(closed_at, ${TIMESTAMP_FORMAT}) AS resolved_at,
  'escalated support ticket ' || ticket_id AS reason
FROM raw_support_tickets
WHERE escalation_flag
ORDER BY ticket_id`;

/** The converted tables, in the order they are written, with their query. */
export const OUTPUT_TABLES: readonly (readonly [table: string, sql: string])[] = [
  ['accounts', ACCOUNTS_SQL],
  ['usage', USAGE_SQL],
  ['feature_usage', FEATURE_USAGE_SQL],
  ['tickets', TICKETS_SQL],
  ['escalations', ESCALATIONS_SQL],
];
