/**
 * The SQL of the signal matrix. Every statement works on all accounts and all
 * as-of dates at once: raw rows are reduced once to one row per account and
 * window edge (t, t-14, t-28, t-90 or t-180 of some as-of date t), running totals
 * are taken over those rows, and a window [t-N+1, t] is the running total at t
 * minus the one at t-N, found with ASOF joins. Point-in-time values (the latest call,
 * the latest outcome, the next renewal, email medians) are joins against the
 * as-of list. docs/signals.md explains the design.
 *
 * Conventions: a day is an INTEGER of days since 1970-01-01; `signal_day` turns a
 * DATE or a naive UTC TIMESTAMP into one, so an instant belongs to the day it
 * falls on and "at or before the end of t" means `signal_day(x) <= t`. Temporary
 * tables are named `signal_*` and dropped after each build.
 */

/** Marks a template literal as SQL; it takes no substitutions, so nothing can be pasted in. */
function sql(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length > 0) throw new Error('Signal SQL takes bound parameters, not substitutions');
  return strings.join('');
}

/** Helper macros, one statement each. */
export const MACROS_SQL = [
  sql`CREATE OR REPLACE TEMP MACRO signal_day(x) AS
    (CAST(x AS DATE) - DATE '1970-01-01')::INTEGER`,
  // Microseconds since 1970 of midnight UTC after day t: an instant x is at or before
  // the end of t exactly when epoch_us(x) < signal_day_end_us(t).
  sql`CREATE OR REPLACE TEMP MACRO signal_day_end_us(t) AS
    (t + 1)::BIGINT * 86400000000`,
];

/** The as-of dates, bound as `$as_of_dates` (sorted, distinct), numbered from 0. */
export const AS_OF_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_as_of AS
SELECT (row_number() OVER (ORDER BY t) - 1)::INTEGER AS as_of_index, t
FROM (SELECT unnest($as_of_dates) AS t)
`;

/** Every account, numbered in account_id order, with its dates as day numbers. */
export const ACCOUNTS_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_accounts AS
SELECT
  (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS account_index,
  account_id,
  signal_day(contract_start) AS contract_start,
  signal_day(renewal_date) AS renewal_date,
  signal_day(churned_on) AS churned_on
FROM accounts
`;

/** The account attributes of the AccountTable, in account order. */
export const ACCOUNT_TABLE_SQL = sql`
SELECT
  s.account_id,
  a.account_name,
  a.segment,
  a.csm_owner,
  a.arr::DOUBLE AS arr,
  a.paid_seats::DOUBLE AS paid_seats,
  s.contract_start::DOUBLE AS contract_start,
  s.renewal_date::DOUBLE AS renewal_date,
  s.churned_on::DOUBLE AS churned_on
FROM signal_accounts s
JOIN accounts a ON a.account_id = s.account_id
ORDER BY s.account_index
`;

/**
 * Eligible (account, as-of) pairs: started on or before t, not churned on or before t.
 * Rows are numbered as-of date first, then account, so each snapshot is one block.
 */
export const PAIRS_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_pairs AS
SELECT
  (row_number() OVER (ORDER BY o.as_of_index, a.account_index) - 1)::INTEGER AS row_index,
  a.account_index,
  o.as_of_index,
  o.t
FROM signal_accounts a
JOIN signal_as_of o
  ON a.contract_start <= o.t AND (a.churned_on IS NULL OR a.churned_on > o.t)
`;

/** The number of pairs, to size the row arrays. */
export const PAIRS_COUNT_SQL = sql`SELECT count(*) FROM signal_pairs`;

/** The pairs; each carries its row number, so their order does not matter. */
export const PAIRS_READ_SQL = sql`SELECT row_index, account_index, as_of_index FROM signal_pairs`;

/** Which usage columns hold any value at all (a column without values makes its signals NaN). */
export const USAGE_COLUMNS_PRESENT_SQL = sql`
SELECT
  count(records_created) > 0 AS records_created,
  count(workflows_started) > 0 AS workflows_started,
  count(workflows_completed) > 0 AS workflows_completed,
  count(api_calls) > 0 AS api_calls,
  count(user_id) > 0 AS user_id
FROM usage
`;

/** The tables the dataset provided. */
export const DATASET_TABLES_SQL = sql`SELECT table_name FROM dataset_tables`;

/** Core features in the catalogue. */
export const CORE_FEATURES_TOTAL_SQL = sql`
SELECT count(DISTINCT feature)::DOUBLE AS core_features_total FROM features WHERE is_core
`;

/**
 * The window edges and the date spine. Every window of every as-of date t ends at
 * one of t, t-14, t-28, t-90, t-180 (a window [t-N+1, t] is the running total at
 * t minus the one at t-N), so running totals are only ever read at those edges.
 * Each fact is therefore added to the first edge on or after its day: the running
 * total at an edge is then exactly the total over all days up to it, and a
 * running table has one row per account and edge instead of per account and day.
 */
export const EDGES_SQL = [
  sql`
CREATE OR REPLACE TEMP TABLE signal_edges AS
SELECT DISTINCT (o.t - k.offset_days)::INTEGER AS edge
FROM signal_as_of o
CROSS JOIN (VALUES (0), (14), (28), (90), (180)) k(offset_days)
`,
  // The first and last edge: days before the first edge belong to it, days after
  // the last one are never looked at.
  sql`
CREATE OR REPLACE TEMP TABLE signal_span AS
SELECT min(edge) AS first_edge, max(edge) AS last_edge FROM signal_edges
`,
  // Every day from the first edge to the last with the first edge on or after it.
  sql`
CREATE OR REPLACE TEMP TABLE signal_spine AS
SELECT d.day::INTEGER AS day, e.edge
FROM signal_span span
CROSS JOIN range(span.first_edge, span.last_edge + 1) d(day)
ASOF JOIN signal_edges e ON d.day <= e.edge
`,
];

/**
 * Active days per (account, user, window edge), from the (account, user, day)
 * pairs with events > 0. Events are never negative (the importer rejects them),
 * so a day is active as soon as one of its rows has events > 0.
 */
export const USER_EDGES_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_user_edges AS
WITH
-- One row per (account, user, day) on which the user had events > 0.
user_days AS (
  SELECT DISTINCT a.account_index, u.user_id, signal_day(u.date) AS day
  FROM usage u
  JOIN signal_accounts a ON a.account_id = u.account_id
  WHERE u.user_id IS NOT NULL AND u.events > 0
)
-- Those days counted at the first window edge on or after each.
SELECT
  d.account_index,
  d.user_id,
  coalesce(s.edge, span.first_edge) AS edge,
  count(*)::DOUBLE AS active_days
FROM user_days d
CROSS JOIN signal_span span
LEFT JOIN signal_spine s ON s.day = d.day
WHERE d.day <= span.last_edge
GROUP BY d.account_index, d.user_id, coalesce(s.edge, span.first_edge)
`;

/**
 * Running usage totals per account and window edge.
 *
 * Distinct users over 28 days: a user counts at t when active on a day of
 * [t-27, t] = (t-28, t]. Since t-28 and t are both edges, that span is a union of
 * whole edge buckets, so the user counts at t exactly when one of their active
 * edges e has t-28 < e <= t, i.e. t in [e, e+28). A user's active edges form
 * islands where consecutive edges are at most 28 days apart; an island from edge
 * f to edge l covers t in [f, l+28), and two islands of one user never touch. The
 * number of distinct users at t is then the number of islands covering t: the
 * running total of +1 at each island's first edge and -1 from day l+28.
 */
export const USAGE_RUNNING_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_usage_running AS
WITH
-- Usage totals per account and edge; rows without a user count towards events, not users.
usage_edges AS (
  SELECT
    a.account_index,
    coalesce(s.edge, span.first_edge) AS edge,
    sum(u.events)::DOUBLE AS events,
    sum(u.records_created)::DOUBLE AS records,
    sum(u.workflows_started)::DOUBLE AS workflows_started,
    sum(u.workflows_completed)::DOUBLE AS workflows_completed,
    sum(u.api_calls)::DOUBLE AS api_calls
  FROM usage u
  JOIN signal_accounts a ON a.account_id = u.account_id
  CROSS JOIN signal_span span
  LEFT JOIN signal_spine s ON s.day = signal_day(u.date)
  WHERE signal_day(u.date) <= span.last_edge
  GROUP BY a.account_index, coalesce(s.edge, span.first_edge)
),
-- Σ over days of that day's distinct active users, per account and edge.
user_day_counts AS (
  SELECT account_index, edge, sum(active_days) AS daily_users
  FROM signal_user_edges
  GROUP BY account_index, edge
),
-- Each user's active edges beside the same user's previous and next one.
user_neighbours AS (
  SELECT
    account_index,
    edge,
    lag(edge) OVER by_user AS previous_edge,
    lead(edge) OVER by_user AS next_edge
  FROM signal_user_edges
  WINDOW by_user AS (PARTITION BY account_index, user_id ORDER BY edge)
),
-- +1 where a user's island opens; -1 at the first edge on or after the day its reach ends.
user_islands AS (
  SELECT account_index, edge, 1.0 AS user_delta
  FROM user_neighbours
  WHERE previous_edge IS NULL OR edge - previous_edge > 28
  UNION ALL
  SELECT n.account_index, s.edge, -1.0 AS user_delta
  FROM user_neighbours n
  JOIN signal_spine s ON s.day = n.edge + 28
  WHERE n.next_edge IS NULL OR n.next_edge - n.edge > 28
),
-- Everything per account and edge.
by_edge AS (
  SELECT
    account_index,
    edge,
    coalesce(sum(events), 0) AS events,
    coalesce(sum(records), 0) AS records,
    coalesce(sum(workflows_started), 0) AS workflows_started,
    coalesce(sum(workflows_completed), 0) AS workflows_completed,
    coalesce(sum(api_calls), 0) AS api_calls,
    coalesce(sum(daily_users), 0) AS daily_users,
    coalesce(sum(user_delta), 0) AS user_delta
  FROM (
    SELECT * FROM usage_edges
    UNION ALL BY NAME SELECT * FROM user_day_counts
    UNION ALL BY NAME SELECT * FROM user_islands
  )
  GROUP BY account_index, edge
)
SELECT
  account_index,
  edge AS day,
  sum(events) OVER running AS events,
  sum(records) OVER running AS records,
  sum(workflows_started) OVER running AS workflows_started,
  sum(workflows_completed) OVER running AS workflows_completed,
  sum(api_calls) OVER running AS api_calls,
  sum(daily_users) OVER running AS daily_users,
  sum(user_delta) OVER running AS active_users
FROM by_edge
WINDOW running AS (
  PARTITION BY account_index ORDER BY edge ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
)
`;

/** Usage windows at every pair: running total at t minus the one at t-14 or t-28. */
export const USAGE_VALUES_SQL = sql`
SELECT
  p.row_index,
  coalesce(now.events, 0) - coalesce(ago14.events, 0) AS usage_last14,
  coalesce(ago14.events, 0) - coalesce(ago28.events, 0) AS usage_prior14,
  coalesce(now.records, 0) - coalesce(ago14.records, 0) AS records_last14,
  coalesce(ago14.records, 0) - coalesce(ago28.records, 0) AS records_prior14,
  coalesce(now.active_users, 0) AS active_users_28,
  coalesce(now.daily_users, 0) - coalesce(ago28.daily_users, 0) AS dau_sum_28,
  coalesce(now.workflows_started, 0) - coalesce(ago28.workflows_started, 0)
    AS workflows_started_28,
  coalesce(now.workflows_completed, 0) - coalesce(ago28.workflows_completed, 0)
    AS workflows_completed_28,
  coalesce(now.api_calls, 0) - coalesce(ago28.api_calls, 0) AS api_calls_28
FROM signal_pairs p
ASOF LEFT JOIN signal_usage_running now
  ON now.account_index = p.account_index AND p.t >= now.day
ASOF LEFT JOIN signal_usage_running ago14
  ON ago14.account_index = p.account_index AND p.t - 14 >= ago14.day
ASOF LEFT JOIN signal_usage_running ago28
  ON ago28.account_index = p.account_index AND p.t - 28 >= ago28.day
`;

/**
 * Running feature totals per account and window edge: feature_usage rows to date,
 * and distinct core features used over 28 days, counted with islands of active
 * edges exactly as distinct users are (see USAGE_RUNNING_SQL).
 */
export const FEATURE_RUNNING_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_feature_running AS
WITH
-- Core features used per (account, feature, edge): rows whose events are empty or > 0.
core_edges AS (
  SELECT a.account_index, fu.feature, coalesce(s.edge, span.first_edge) AS edge
  FROM feature_usage fu
  JOIN signal_accounts a ON a.account_id = fu.account_id
  JOIN (SELECT DISTINCT feature FROM features WHERE is_core) f ON f.feature = fu.feature
  CROSS JOIN signal_span span
  LEFT JOIN signal_spine s ON s.day = signal_day(fu.date)
  WHERE (fu.events IS NULL OR fu.events > 0) AND signal_day(fu.date) <= span.last_edge
  GROUP BY a.account_index, fu.feature, coalesce(s.edge, span.first_edge)
),
-- Each feature's used edges beside the previous and next one.
core_neighbours AS (
  SELECT
    account_index,
    edge,
    lag(edge) OVER by_feature AS previous_edge,
    lead(edge) OVER by_feature AS next_edge
  FROM core_edges
  WINDOW by_feature AS (PARTITION BY account_index, feature ORDER BY edge)
),
-- +1 where a feature's island opens; -1 at the first edge on or after its reach ends.
core_islands AS (
  SELECT account_index, edge, 1.0 AS core_delta
  FROM core_neighbours
  WHERE previous_edge IS NULL OR edge - previous_edge > 28
  UNION ALL
  SELECT n.account_index, s.edge, -1.0 AS core_delta
  FROM core_neighbours n
  JOIN signal_spine s ON s.day = n.edge + 28
  WHERE n.next_edge IS NULL OR n.next_edge - n.edge > 28
),
-- feature_usage rows per account and edge, whatever their events.
row_edges AS (
  SELECT
    a.account_index,
    coalesce(s.edge, span.first_edge) AS edge,
    count(*)::DOUBLE AS feature_rows
  FROM feature_usage fu
  JOIN signal_accounts a ON a.account_id = fu.account_id
  CROSS JOIN signal_span span
  LEFT JOIN signal_spine s ON s.day = signal_day(fu.date)
  WHERE signal_day(fu.date) <= span.last_edge
  GROUP BY a.account_index, coalesce(s.edge, span.first_edge)
),
-- Both per account and edge.
by_edge AS (
  SELECT
    account_index,
    edge,
    coalesce(sum(feature_rows), 0) AS feature_rows,
    coalesce(sum(core_delta), 0) AS core_delta
  FROM (SELECT * FROM row_edges UNION ALL BY NAME SELECT * FROM core_islands)
  GROUP BY account_index, edge
)
SELECT
  account_index,
  edge AS day,
  sum(feature_rows) OVER running AS feature_rows,
  sum(core_delta) OVER running AS core_features
FROM by_edge
WINDOW running AS (
  PARTITION BY account_index ORDER BY edge ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
)
`;

/** Feature values at every pair. */
export const FEATURE_VALUES_SQL = sql`
SELECT
  p.row_index,
  coalesce(now.core_features, 0) AS core_features_used_28,
  coalesce(now.feature_rows, 0) AS feature_rows_to_date
FROM signal_pairs p
ASOF LEFT JOIN signal_feature_running now
  ON now.account_index = p.account_index AND p.t >= now.day
`;

/**
 * Running totals of the smaller activity tables per account and window edge:
 * counts per day (meetings, community, tickets, nps) and +1/-1 changes of states
 * (integrations connected, escalations open), whose running total is the state at t.
 */
export const ACTIVITY_RUNNING_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_activity_running AS
WITH
-- Integrations: +1 from the day connected, -1 from the day disconnected.
integration_changes AS (
  SELECT a.account_index, signal_day(i.connected_on) AS day, 1.0 AS integrations
  FROM integrations i
  JOIN signal_accounts a ON a.account_id = i.account_id
  UNION ALL
  SELECT a.account_index, signal_day(i.disconnected_on) AS day, -1.0 AS integrations
  FROM integrations i
  JOIN signal_accounts a ON a.account_id = i.account_id
  WHERE i.disconnected_on IS NOT NULL
),
-- Meetings per scheduled day.
meeting_days AS (
  SELECT
    a.account_index,
    signal_day(m.scheduled_at) AS day,
    count(*)::DOUBLE AS meetings_held,
    count(*) FILTER (WHERE m.attended)::DOUBLE AS meetings_attended,
    count(*) FILTER (WHERE m.attended AND m.kind IN ('training', 'webinar'))::DOUBLE
      AS trainings_attended
  FROM meetings m
  JOIN signal_accounts a ON a.account_id = m.account_id
  GROUP BY a.account_index, signal_day(m.scheduled_at)
),
-- Community actions per day.
community_days AS (
  SELECT
    a.account_index,
    signal_day(c.date) AS day,
    count(*) FILTER (WHERE c.action = 'post')::DOUBLE AS community_posts,
    count(*) FILTER (WHERE c.action = 'view')::DOUBLE AS community_views
  FROM community c
  JOIN signal_accounts a ON a.account_id = c.account_id
  GROUP BY a.account_index, signal_day(c.date)
),
-- Tickets per opening day, by sentiment.
ticket_days AS (
  SELECT
    a.account_index,
    signal_day(k.opened_at) AS day,
    count(*) FILTER (WHERE k.sentiment = 'positive')::DOUBLE AS tickets_positive,
    count(*) FILTER (WHERE k.sentiment = 'neutral')::DOUBLE AS tickets_neutral,
    count(*) FILTER (WHERE k.sentiment = 'negative')::DOUBLE AS tickets_negative
  FROM tickets k
  JOIN signal_accounts a ON a.account_id = k.account_id
  GROUP BY a.account_index, signal_day(k.opened_at)
),
-- Escalations: +1 from the day opened, -1 from the day resolved.
escalation_changes AS (
  SELECT a.account_index, signal_day(e.opened_at) AS day, 1.0 AS escalations
  FROM escalations e
  JOIN signal_accounts a ON a.account_id = e.account_id
  UNION ALL
  SELECT a.account_index, signal_day(e.resolved_at) AS day, -1.0 AS escalations
  FROM escalations e
  JOIN signal_accounts a ON a.account_id = e.account_id
  WHERE e.resolved_at IS NOT NULL
),
-- NPS responses per day: promoters score 9-10, detractors 0-6.
nps_days AS (
  SELECT
    a.account_index,
    signal_day(n.responded_at) AS day,
    count(*) FILTER (WHERE n.score >= 9)::DOUBLE AS nps_promoters,
    count(*) FILTER (WHERE n.score <= 6)::DOUBLE AS nps_detractors,
    count(*)::DOUBLE AS nps_responses
  FROM nps n
  JOIN signal_accounts a ON a.account_id = n.account_id
  GROUP BY a.account_index, signal_day(n.responded_at)
),
-- All of them, per account and day.
facts AS (
  SELECT * FROM integration_changes
  UNION ALL BY NAME SELECT * FROM meeting_days
  UNION ALL BY NAME SELECT * FROM community_days
  UNION ALL BY NAME SELECT * FROM ticket_days
  UNION ALL BY NAME SELECT * FROM escalation_changes
  UNION ALL BY NAME SELECT * FROM nps_days
),
-- The facts at the first window edge on or after their day.
by_edge AS (
  SELECT
    f.account_index,
    coalesce(s.edge, span.first_edge) AS edge,
    coalesce(sum(f.integrations), 0) AS integrations,
    coalesce(sum(f.meetings_held), 0) AS meetings_held,
    coalesce(sum(f.meetings_attended), 0) AS meetings_attended,
    coalesce(sum(f.trainings_attended), 0) AS trainings_attended,
    coalesce(sum(f.community_posts), 0) AS community_posts,
    coalesce(sum(f.community_views), 0) AS community_views,
    coalesce(sum(f.tickets_positive), 0) AS tickets_positive,
    coalesce(sum(f.tickets_neutral), 0) AS tickets_neutral,
    coalesce(sum(f.tickets_negative), 0) AS tickets_negative,
    coalesce(sum(f.escalations), 0) AS escalations,
    coalesce(sum(f.nps_promoters), 0) AS nps_promoters,
    coalesce(sum(f.nps_detractors), 0) AS nps_detractors,
    coalesce(sum(f.nps_responses), 0) AS nps_responses
  FROM facts f
  CROSS JOIN signal_span span
  LEFT JOIN signal_spine s ON s.day = f.day
  WHERE f.day <= span.last_edge
  GROUP BY f.account_index, coalesce(s.edge, span.first_edge)
)
SELECT
  account_index,
  edge AS day,
  sum(integrations) OVER running AS integrations,
  sum(meetings_held) OVER running AS meetings_held,
  sum(meetings_attended) OVER running AS meetings_attended,
  sum(trainings_attended) OVER running AS trainings_attended,
  sum(community_posts) OVER running AS community_posts,
  sum(community_views) OVER running AS community_views,
  sum(tickets_positive) OVER running AS tickets_positive,
  sum(tickets_neutral) OVER running AS tickets_neutral,
  sum(tickets_negative) OVER running AS tickets_negative,
  sum(escalations) OVER running AS escalations,
  sum(nps_promoters) OVER running AS nps_promoters,
  sum(nps_detractors) OVER running AS nps_detractors,
  sum(nps_responses) OVER running AS nps_responses
FROM by_edge
WINDOW running AS (
  PARTITION BY account_index ORDER BY edge ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
)
`;

/** Activity values at every pair: states at t, 90-day and 180-day windows. */
export const ACTIVITY_VALUES_SQL = sql`
SELECT
  p.row_index,
  coalesce(now.integrations, 0) AS integrations_connected,
  coalesce(now.meetings_held, 0) - coalesce(ago90.meetings_held, 0) AS meetings_held_90,
  coalesce(now.meetings_attended, 0) - coalesce(ago90.meetings_attended, 0)
    AS meetings_attended_90,
  coalesce(now.trainings_attended, 0) - coalesce(ago180.trainings_attended, 0)
    AS trainings_attended_180,
  coalesce(now.community_posts, 0) - coalesce(ago90.community_posts, 0) AS community_posts_90,
  coalesce(now.community_views, 0) - coalesce(ago90.community_views, 0) AS community_views_90,
  coalesce(now.tickets_positive, 0) - coalesce(ago90.tickets_positive, 0) AS tickets_positive_90,
  coalesce(now.tickets_neutral, 0) - coalesce(ago90.tickets_neutral, 0) AS tickets_neutral_90,
  coalesce(now.tickets_negative, 0) - coalesce(ago90.tickets_negative, 0) AS tickets_negative_90,
  coalesce(now.escalations, 0) AS open_escalations,
  coalesce(now.nps_promoters, 0) - coalesce(ago180.nps_promoters, 0) AS nps_promoters_180,
  coalesce(now.nps_detractors, 0) - coalesce(ago180.nps_detractors, 0) AS nps_detractors_180,
  coalesce(now.nps_responses, 0) - coalesce(ago180.nps_responses, 0) AS nps_responses_180
FROM signal_pairs p
ASOF LEFT JOIN signal_activity_running now
  ON now.account_index = p.account_index AND p.t >= now.day
ASOF LEFT JOIN signal_activity_running ago90
  ON ago90.account_index = p.account_index AND p.t - 90 >= ago90.day
ASOF LEFT JOIN signal_activity_running ago180
  ON ago180.account_index = p.account_index AND p.t - 180 >= ago180.day
`;

/**
 * Running contact states per account and window edge. A contact is active on [started_on, left_on)
 * (left_on excluded, open when empty); each state below is +1 (or the sentiment)
 * on the day it begins and the opposite on the day it ends.
 *
 * An exec sponsor is engaged at t when active and an engagement day (an attended
 * meeting, a reply) falls in [t-89, t]. Engagement days closer than 90 days form
 * islands; an island from f to l covers t in [f, l+89]; clipped to the sponsor's
 * active span it becomes one interval of engagement.
 */
export const CONTACT_RUNNING_SQL = sql`
CREATE OR REPLACE TEMP TABLE signal_contact_running AS
WITH
-- Contacts with their active span as day numbers and their sentiment as -1, 0 or 1.
people AS (
  SELECT
    a.account_index,
    c.account_id,
    c.contact_id,
    coalesce(c.role = 'champion', false) AS is_champion,
    coalesce(c.role = 'exec_sponsor', false) AS is_sponsor,
    coalesce(c.level IN ('c_level', 'vp'), false) AS is_senior,
    signal_day(c.started_on) AS started,
    signal_day(c.left_on) AS left_day,
    CASE c.sentiment WHEN 'positive' THEN 1.0 WHEN 'neutral' THEN 0.0 WHEN 'negative' THEN -1.0 END
      AS sentiment
  FROM contacts c
  JOIN signal_accounts a ON a.account_id = c.account_id
),
-- Days on which an exec sponsor attended a meeting or replied to an email.
sponsor_days AS (
  SELECT s.account_index, s.contact_id, signal_day(m.scheduled_at) AS day
  FROM people s
  JOIN meetings m ON m.account_id = s.account_id AND m.contact_id = s.contact_id
  WHERE s.is_sponsor AND m.attended
  UNION
  SELECT s.account_index, s.contact_id, signal_day(e.replied_at) AS day
  FROM people s
  JOIN emails e ON e.account_id = s.account_id AND e.contact_id = s.contact_id
  WHERE s.is_sponsor AND e.replied_at IS NOT NULL
),
-- Engagement days numbered by island: a new island opens after a gap of more than 90 days.
sponsor_island_days AS (
  SELECT
    account_index,
    contact_id,
    day,
    sum(CASE WHEN previous_day IS NULL OR day - previous_day > 90 THEN 1 ELSE 0 END)
      OVER (PARTITION BY account_index, contact_id ORDER BY day) AS island
  FROM (
    SELECT *, lag(day) OVER (PARTITION BY account_index, contact_id ORDER BY day) AS previous_day
    FROM sponsor_days
  )
),
-- Each island as the half-open span of days it covers.
sponsor_islands AS (
  SELECT account_index, contact_id, min(day) AS from_day, max(day) + 90 AS until_day
  FROM sponsor_island_days
  GROUP BY account_index, contact_id, island
),
-- Islands clipped to the sponsor's active span.
sponsor_engaged AS (
  SELECT
    i.account_index,
    greatest(i.from_day, s.started) AS from_day,
    least(i.until_day, coalesce(s.left_day, i.until_day)) AS until_day
  FROM sponsor_islands i
  JOIN people s ON s.account_index = i.account_index AND s.contact_id = i.contact_id
),
-- Every change of a contact state.
changes AS (
  SELECT
    account_index,
    started AS day,
    1.0 AS contacts_started,
    1.0 AS active,
    is_champion::DOUBLE AS champions_active,
    sentiment AS sentiment_sum,
    (sentiment IS NOT NULL)::DOUBLE AS sentiment_count
  FROM people
  UNION ALL BY NAME
  SELECT
    account_index,
    left_day AS day,
    -1.0 AS active,
    -is_champion::DOUBLE AS champions_active,
    is_champion::DOUBLE AS champions_left,
    -sentiment AS sentiment_sum,
    -(sentiment IS NOT NULL)::DOUBLE AS sentiment_count
  FROM people
  WHERE left_day IS NOT NULL
  UNION ALL BY NAME
  SELECT account_index, started AS day, 1.0 AS new_senior
  FROM people
  WHERE is_senior
  UNION ALL BY NAME
  SELECT account_index, least(started + 90, coalesce(left_day, started + 90)) AS day, -1.0 AS new_senior
  FROM people
  WHERE is_senior
  UNION ALL BY NAME
  SELECT account_index, from_day AS day, 1.0 AS sponsors_engaged
  FROM sponsor_engaged
  WHERE from_day < until_day
  UNION ALL BY NAME
  SELECT account_index, until_day AS day, -1.0 AS sponsors_engaged
  FROM sponsor_engaged
  WHERE from_day < until_day
),
-- The changes at the first window edge on or after their day.
by_edge AS (
  SELECT
    f.account_index,
    coalesce(s.edge, span.first_edge) AS edge,
    coalesce(sum(f.contacts_started), 0) AS contacts_started,
    coalesce(sum(f.active), 0) AS active,
    coalesce(sum(f.champions_active), 0) AS champions_active,
    coalesce(sum(f.champions_left), 0) AS champions_left,
    coalesce(sum(f.sentiment_sum), 0) AS sentiment_sum,
    coalesce(sum(f.sentiment_count), 0) AS sentiment_count,
    coalesce(sum(f.new_senior), 0) AS new_senior,
    coalesce(sum(f.sponsors_engaged), 0) AS sponsors_engaged
  FROM changes f
  CROSS JOIN signal_span span
  LEFT JOIN signal_spine s ON s.day = f.day
  WHERE f.day <= span.last_edge
  GROUP BY f.account_index, coalesce(s.edge, span.first_edge)
)
SELECT
  account_index,
  edge AS day,
  sum(contacts_started) OVER running AS contacts_started,
  sum(active) OVER running AS active,
  sum(champions_active) OVER running AS champions_active,
  sum(champions_left) OVER running AS champions_left,
  sum(sentiment_sum) OVER running AS sentiment_sum,
  sum(sentiment_count) OVER running AS sentiment_count,
  sum(new_senior) OVER running AS new_senior,
  sum(sponsors_engaged) OVER running AS sponsors_engaged
FROM by_edge
WINDOW running AS (
  PARTITION BY account_index ORDER BY edge ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
)
`;

/** Contact values at every pair: the running states at t. */
export const CONTACT_VALUES_SQL = sql`
SELECT
  p.row_index,
  coalesce(now.contacts_started, 0) AS contacts_started,
  coalesce(now.active, 0) AS active_contacts,
  CASE WHEN now.champions_active > 0 THEN 1.0 ELSE 0.0 END AS champion_active,
  CASE WHEN now.champions_left > 0 THEN 1.0 ELSE 0.0 END AS champion_left,
  CASE WHEN now.sponsors_engaged > 0 THEN 1.0 ELSE 0.0 END AS exec_sponsor_engaged,
  coalesce(now.sentiment_sum, 0) AS active_sentiment_sum,
  coalesce(now.sentiment_count, 0) AS active_sentiment_count,
  coalesce(now.new_senior, 0) AS new_senior_contacts_90
FROM signal_pairs p
ASOF LEFT JOIN signal_contact_running now
  ON now.account_index = p.account_index AND p.t >= now.day
`;

/**
 * Email values at every pair. Each email meets the as-of dates whose widest
 * window ([t-119, t]) holds its send day, through a range join on the as-of list;
 * its state (answered, pending, reply hours) is then judged at that t.
 * Medians are exact: the middle value, or the mean of the two middle values,
 * and +Infinity when a middle value is an unanswered email.
 */
export const EMAIL_VALUES_SQL = sql`
WITH
-- Emails with their send day and instants in microseconds since 1970.
sent AS (
  SELECT
    a.account_index,
    signal_day(e.sent_at) AS sent_day,
    epoch_us(e.sent_at) AS sent_us,
    epoch_us(e.replied_at) AS replied_us,
    signal_day(e.replied_at) AS replied_day
  FROM emails e
  JOIN signal_accounts a ON a.account_id = e.account_id
),
-- Each email at each eligible as-of date within reach, answered when the reply is dated by t.
reached AS (
  SELECT
    p.row_index,
    p.t,
    s.sent_day,
    s.sent_us,
    s.replied_us,
    coalesce(s.replied_day <= p.t, false) AS answered
  FROM sent s
  JOIN signal_as_of o ON s.sent_day BETWEEN o.t - 119 AND o.t
  JOIN signal_pairs p ON p.account_index = s.account_index AND p.as_of_index = o.as_of_index
),
-- Reply hours (+Infinity while unanswered); pending = unanswered and sent < 72 h before the end of t.
judged AS (
  SELECT
    row_index,
    t,
    sent_day,
    answered,
    CASE WHEN answered THEN (replied_us - sent_us) / 3600000000.0 ELSE 'inf'::DOUBLE END AS hours,
    NOT answered AND signal_day_end_us(t) - sent_us < 72 * 3600000000::BIGINT AS pending
  FROM reached
),
-- Counted emails in each median window: last 90 days, last 30, and the 90 before those 30.
windowed AS (
  SELECT row_index, 'last90' AS span, hours, answered FROM judged WHERE NOT pending AND sent_day >= t - 89
  UNION ALL
  SELECT row_index, 'last30' AS span, hours, answered FROM judged WHERE NOT pending AND sent_day >= t - 29
  UNION ALL
  SELECT row_index, 'prior90' AS span, hours, answered FROM judged WHERE NOT pending AND sent_day <= t - 30
),
-- Per pair and window: the counts, and the reply hours in ascending order (+Infinity last).
sorted AS (
  SELECT
    row_index,
    span,
    count(*) AS counted,
    count(*) FILTER (WHERE answered) AS answered,
    list(hours ORDER BY hours) AS hours
  FROM windowed
  GROUP BY row_index, span
),
-- The one or two middle values (1-based positions (n+1)//2 and n//2+1).
middles AS (
  SELECT
    row_index,
    span,
    counted,
    answered,
    hours[(counted + 1) // 2] AS lower_middle,
    hours[counted // 2 + 1] AS upper_middle
  FROM sorted
),
-- The median: +Infinity when the upper middle value is an unanswered email, else their mean.
summaries AS (
  SELECT
    row_index,
    span,
    counted,
    answered,
    CASE
      WHEN upper_middle = 'inf'::DOUBLE THEN 'inf'::DOUBLE
      ELSE (lower_middle + upper_middle) / 2
    END AS median
  FROM middles
)
SELECT
  p.row_index,
  coalesce(last90.counted, 0)::DOUBLE AS emails_counted_90,
  coalesce(last90.answered, 0)::DOUBLE AS emails_answered_90,
  last90.median AS email_median_hours_90,
  last30.median AS email_median_hours_30,
  prior90.median AS email_median_hours_prior90
FROM signal_pairs p
LEFT JOIN summaries last90 ON last90.row_index = p.row_index AND last90.span = 'last90'
LEFT JOIN summaries last30 ON last30.row_index = p.row_index AND last30.span = 'last30'
LEFT JOIN summaries prior90 ON prior90.row_index = p.row_index AND prior90.span = 'prior90'
`;

/**
 * Point-in-time lookups at every pair, by ASOF join: the latest csm_call and the
 * latest outcome record at or before the end of t (then kept only when inside
 * their window), and the earliest renewal on or after t. Records sharing one
 * instant are merged into the most cautious value, so the result never depends
 * on row order.
 */
export const LOOKUP_VALUES_SQL = sql`
WITH
-- csm_call participation per account and instant: 2 active, 1 passive, 0 absent;
-- without a participation, attended counts as passive and not attended as absent.
calls AS (
  SELECT
    a.account_index,
    epoch_us(m.scheduled_at) AS at_us,
    signal_day(m.scheduled_at) AS day,
    min(
      CASE m.participation
        WHEN 'active' THEN 2.0
        WHEN 'passive' THEN 1.0
        WHEN 'absent' THEN 0.0
        ELSE CASE WHEN m.attended THEN 1.0 ELSE 0.0 END
      END
    ) AS participation
  FROM meetings m
  JOIN signal_accounts a ON a.account_id = m.account_id
  WHERE m.kind = 'csm_call'
  GROUP BY a.account_index, epoch_us(m.scheduled_at), signal_day(m.scheduled_at)
),
-- Outcome records per account and instant, each answer on its point scale.
records AS (
  SELECT
    a.account_index,
    epoch_us(o.recorded_at) AS at_us,
    signal_day(o.recorded_at) AS day,
    min(o.roi_documented::DOUBLE) AS roi,
    min(CASE o.goals_on_track WHEN 'on_track' THEN 2.0 WHEN 'at_risk' THEN 1.0 WHEN 'off_track' THEN 0.0 END)
      AS goals,
    min(CASE o.reported_value WHEN 'positive' THEN 2.0 WHEN 'neutral' THEN 1.0 WHEN 'negative' THEN 0.0 END)
      AS reported_value,
    min(CASE o.renewal_intent WHEN 'yes' THEN 2.0 WHEN 'unsure' THEN 1.0 WHEN 'no' THEN 0.0 END)
      AS intent
  FROM outcomes o
  JOIN signal_accounts a ON a.account_id = o.account_id
  GROUP BY a.account_index, epoch_us(o.recorded_at), signal_day(o.recorded_at)
),
-- Renewal days from the renewals history and from the accounts table.
renewal_days AS (
  SELECT a.account_index, signal_day(r.renewal_date) AS day
  FROM renewals r
  JOIN signal_accounts a ON a.account_id = r.account_id
  UNION
  SELECT account_index, renewal_date AS day
  FROM signal_accounts
  WHERE renewal_date IS NOT NULL
)
SELECT
  p.row_index,
  CASE WHEN c.day >= p.t - 89 THEN c.participation END AS csm_call_participation,
  CASE WHEN o.day >= p.t - 179 THEN o.roi END AS outcome_roi,
  CASE WHEN o.day >= p.t - 179 THEN o.goals END AS outcome_goals,
  CASE WHEN o.day >= p.t - 179 THEN o.reported_value END AS outcome_value,
  CASE WHEN o.day >= p.t - 179 THEN o.intent END AS outcome_intent,
  r.day::DOUBLE AS next_renewal
FROM signal_pairs p
ASOF LEFT JOIN calls c
  ON c.account_index = p.account_index AND signal_day_end_us(p.t) > c.at_us
ASOF LEFT JOIN records o
  ON o.account_index = p.account_index AND signal_day_end_us(p.t) > o.at_us
ASOF LEFT JOIN renewal_days r
  ON r.account_index = p.account_index AND p.t <= r.day
`;

/**
 * The first usage day and the last day of any dated column of the tables the dataset
 * provided. Forward-looking dates (accounts.renewal_date, renewals.renewal_date) are
 * not data about the past, so they never extend the end; the start is usage only,
 * because state tables (contacts, integrations, contract starts) reach back years
 * before the activity export begins.
 */
export const DATA_RANGE_SQL = sql`
WITH
-- The first day (usage only) and last day of every dated column, tagged with its table.
dated AS (
  SELECT 'usage' AS table_name, min(date) AS first_day, max(date) AS last_day FROM usage
  UNION ALL SELECT 'feature_usage', NULL, max(date) FROM feature_usage
  UNION ALL SELECT 'integrations', NULL, max(connected_on) FROM integrations
  UNION ALL SELECT 'integrations', NULL, max(disconnected_on) FROM integrations
  UNION ALL SELECT 'emails', NULL, max(sent_at)::DATE FROM emails
  UNION ALL SELECT 'emails', NULL, max(replied_at)::DATE FROM emails
  UNION ALL SELECT 'meetings', NULL, max(scheduled_at)::DATE FROM meetings
  UNION ALL SELECT 'community', NULL, max(date) FROM community
  UNION ALL SELECT 'tickets', NULL, max(opened_at)::DATE FROM tickets
  UNION ALL SELECT 'tickets', NULL, max(closed_at)::DATE FROM tickets
  UNION ALL SELECT 'escalations', NULL, max(opened_at)::DATE FROM escalations
  UNION ALL SELECT 'escalations', NULL, max(resolved_at)::DATE FROM escalations
  UNION ALL SELECT 'contacts', NULL, max(started_on) FROM contacts
  UNION ALL SELECT 'contacts', NULL, max(left_on) FROM contacts
  UNION ALL SELECT 'nps', NULL, max(responded_at)::DATE FROM nps
  UNION ALL SELECT 'outcomes', NULL, max(recorded_at)::DATE FROM outcomes
  UNION ALL SELECT 'accounts', NULL, max(churned_on) FROM accounts
)
-- Only the tables the dataset provided count.
SELECT
  (min(d.first_day) - DATE '1970-01-01')::INTEGER AS first_day,
  (max(d.last_day) - DATE '1970-01-01')::INTEGER AS last_day
FROM dated d
JOIN dataset_tables t ON t.table_name = d.table_name
`;

/** The temporary tables a build creates, dropped when it ends. */
export const TEMP_TABLES = [
  'signal_as_of',
  'signal_edges',
  'signal_span',
  'signal_spine',
  'signal_accounts',
  'signal_pairs',
  'signal_user_edges',
  'signal_usage_running',
  'signal_feature_running',
  'signal_activity_running',
  'signal_contact_running',
] as const;
