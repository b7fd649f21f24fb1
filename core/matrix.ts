/**
 * The signal matrix: the raw, unscored facts about every eligible account at every
 * as-of date, as the workspace database computes them. One row is one
 * (account, as-of date) pair; one column is one raw value. Columns are typed
 * arrays so the whole history can cross a process boundary cheaply and be
 * rescored in place when a weight changes.
 *
 * Encoding: every raw column is a Float64Array; NaN means "no value" (SQL NULL).
 * A column is NaN when the table it comes from was not part of the dataset, or
 * when the rule below says so. Day values are whole days since 1970-01-01 (UTC).
 * Windows are calendar days ending at the as-of date t, t included.
 */

export const RAW_COLUMNS = [
  // --- usage (table `usage`; always present) ---
  /** Σ events over [t-13, t]. */
  'usage_last14',
  /** Σ events over [t-27, t-14]. */
  'usage_prior14',
  /** Σ records_created over [t-13, t]; NaN when the column has no values in the dataset. */
  'records_last14',
  /** Σ records_created over [t-27, t-14]; NaN as records_last14. */
  'records_prior14',
  /** Distinct user_id with events > 0 over [t-27, t]; NaN when no usage row of the dataset has a user_id. */
  'active_users_28',
  /** Σ over the 28 days [t-27, t] of that day's distinct users with events > 0; NaN as active_users_28. */
  'dau_sum_28',
  /** Σ workflows_started over [t-27, t]; NaN when the column has no values in the dataset. */
  'workflows_started_28',
  /** Σ workflows_completed over [t-27, t]; NaN as workflows_started_28. */
  'workflows_completed_28',
  /** Σ api_calls over [t-27, t]; NaN when the column has no values in the dataset. */
  'api_calls_28',

  // --- integrations ---
  /** Integrations with connected_on ≤ t and (disconnected_on empty or > t); NaN without the table. */
  'integrations_connected',

  // --- feature_usage + features ---
  /** Distinct core features (features.is_core) with a feature_usage row (events empty or > 0) in [t-27, t]; NaN without both tables. */
  'core_features_used_28',
  /** Number of core features in the catalogue; NaN without the features table. */
  'core_features_total',
  /** feature_usage rows of the account dated ≤ t; NaN without the table. */
  'feature_rows_to_date',

  // --- emails (instants: t ends at midnight UTC after day t) ---
  /** Emails sent in [t-89, t], not counting pending ones (unanswered at t and sent < 72 h before the end of t); NaN without the table. */
  'emails_counted_90',
  /** Of those, emails with replied_at ≤ end of t. */
  'emails_answered_90',
  /** Median reply hours over the counted emails of [t-89, t]; +Infinity for unanswered ones; NaN when none counted. */
  'email_median_hours_90',
  /** Same median over emails sent in [t-29, t]. */
  'email_median_hours_30',
  /** Same median over emails sent in the 90 days before that, [t-119, t-30]. */
  'email_median_hours_prior90',

  // --- meetings ---
  /** Meetings scheduled in [t-89, t] (any kind); NaN without the table. */
  'meetings_held_90',
  /** Of those, meetings attended. */
  'meetings_attended_90',
  /** Participation in the latest csm_call scheduled in [t-89, t]: 2 active, 1 passive, 0 absent (a call not attended and without participation counts as absent); NaN when no such call or no table. */
  'csm_call_participation',
  /** Meetings of kind training or webinar, attended, scheduled in [t-179, t]; NaN without the table. */
  'trainings_attended_180',

  // --- community ---
  /** Posts dated in [t-89, t]; NaN without the table. */
  'community_posts_90',
  /** Views dated in [t-89, t]; NaN without the table. */
  'community_views_90',

  // --- tickets (opened in [t-89, t]) ---
  /** Tickets with sentiment positive; NaN without the table. */
  'tickets_positive_90',
  /** Tickets with sentiment neutral. */
  'tickets_neutral_90',
  /** Tickets with sentiment negative. */
  'tickets_negative_90',

  // --- escalations ---
  /** Escalations opened ≤ end of t and not resolved by the end of t; NaN without the table. */
  'open_escalations',

  // --- contacts (active at t: started_on ≤ t and left_on empty or > t) ---
  /** Contacts with started_on ≤ t, whether or not they have left since; NaN without the table. */
  'contacts_started',
  /** Active contacts. */
  'active_contacts',
  /** 1 when an active contact has role champion, else 0. */
  'champion_active',
  /** 1 when a contact with role champion has left_on ≤ t, else 0. */
  'champion_left',
  /** 1 when an active exec_sponsor attended a meeting scheduled in [t-89, t] or replied (replied_at in [t-89, end of t]) to an email, matched by contact_id; else 0. */
  'exec_sponsor_engaged',
  /** Σ sentiment of active contacts (positive 1, neutral 0, negative −1), rated ones only. */
  'active_sentiment_sum',
  /** Active contacts with a sentiment. */
  'active_sentiment_count',
  /** Active contacts of level c_level or vp with started_on in [t-89, t]. */
  'new_senior_contacts_90',

  // --- outcomes: latest record with recorded_at in [t-179, end of t] ---
  /** roi_documented: 1 yes, 0 no; NaN when empty, no record, or no table. */
  'outcome_roi',
  /** goals_on_track: 2 on_track, 1 at_risk, 0 off_track; NaN as outcome_roi. */
  'outcome_goals',
  /** reported_value: 2 positive, 1 neutral, 0 negative; NaN as outcome_roi. */
  'outcome_value',
  /** renewal_intent: 2 yes, 1 unsure, 0 no; NaN as outcome_roi. */
  'outcome_intent',

  // --- nps: responses with responded_at in [t-179, end of t] ---
  /** Responses with score 9–10; NaN without the table. */
  'nps_promoters_180',
  /** Responses with score 0–6. */
  'nps_detractors_180',
  /** All responses. */
  'nps_responses_180',

  // --- renewals ---
  /** Earliest day ≥ t among renewals.renewal_date and accounts.renewal_date; NaN when none. */
  'next_renewal',
] as const;

export type RawColumn = (typeof RAW_COLUMNS)[number];

/** Account attributes, one entry per account, in the order of `accountIds`. */
export interface AccountTable {
  readonly accountIds: readonly string[];
  readonly accountNames: readonly (string | null)[];
  readonly segments: readonly (string | null)[];
  readonly csmOwners: readonly (string | null)[];
  /** NaN when empty. */
  readonly arr: Float64Array;
  /** NaN when empty. */
  readonly paidSeats: Float64Array;
  readonly contractStart: Float64Array;
  /** NaN when empty. */
  readonly renewalDate: Float64Array;
  /** NaN when the account has not churned. */
  readonly churnedOn: Float64Array;
}

export interface SignalMatrix {
  readonly accounts: AccountTable;
  /** The as-of dates, ascending, as day numbers. */
  readonly asOfDates: readonly number[];
  /** Row r belongs to account accountIndex[r] at asOfDates[asOfIndex[r]]. Only eligible pairs have rows. */
  readonly accountIndex: Int32Array;
  readonly asOfIndex: Int32Array;
  readonly columns: Readonly<Record<RawColumn, Float64Array>>;
  /** The last day any table of the dataset has data for (used to censor backtest labels). */
  readonly dataEnd: number;
}

/** Number of rows of a matrix. */
export function rowCount(matrix: SignalMatrix): number {
  return matrix.accountIndex.length;
}

/** A matrix of `rows` rows whose raw columns are all NaN, to be filled by a producer. */
export function emptyColumns(rows: number): Record<RawColumn, Float64Array> {
  const columns = {} as Record<RawColumn, Float64Array>;
  for (const name of RAW_COLUMNS) columns[name] = new Float64Array(rows).fill(Number.NaN);
  return columns;
}
