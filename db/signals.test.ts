import { afterEach, describe, expect, it } from 'vitest';
import { parseIsoDate } from '../core/dates.ts';
import { RAW_COLUMNS, type RawColumn, type SignalMatrix } from '../core/matrix.ts';
import { isoDay, isoInstant, seedWorkspace, type Rows } from '../test/fixtures/signals/seed.ts';
import { setLogLevel } from './log.ts';
import { buildSignalMatrix } from './signals.ts';
import type { Workspace } from './workspace.ts';

/** The as-of date of the hand-worked examples: 2024-03-31; its end is 2024-04-01 00:00 UTC. */
const T = parseIsoDate('2024-03-31')!;

setLogLevel('warn');

const opened: Workspace[] = [];
afterEach(() => {
  for (const workspace of opened.splice(0)) workspace.close();
});

async function matrixOf(
  tables: Record<string, Rows>,
  asOfDates: number[] = [T],
): Promise<SignalMatrix> {
  const workspace = await seedWorkspace(tables);
  opened.push(workspace);
  return buildSignalMatrix(workspace, asOfDates);
}

/** The row of an account at an as-of date, or undefined when the pair is not eligible. */
function rowOf(matrix: SignalMatrix, accountId: string, asOf = T): number | undefined {
  const account = matrix.accounts.accountIds.indexOf(accountId);
  const date = matrix.asOfDates.indexOf(asOf);
  for (let row = 0; row < matrix.accountIndex.length; row++) {
    if (matrix.accountIndex[row] === account && matrix.asOfIndex[row] === date) return row;
  }
  return undefined;
}

function valueOf(matrix: SignalMatrix, accountId: string, column: RawColumn, asOf = T): number {
  const row = rowOf(matrix, accountId, asOf);
  if (row === undefined) throw new Error(`${accountId} is not eligible at ${asOf}`);
  return matrix.columns[column][row]!;
}

function valuesOf(
  matrix: SignalMatrix,
  accountId: string,
  columns: readonly RawColumn[],
  asOf = T,
): Record<string, number> {
  return Object.fromEntries(
    columns.map((column) => [column, valueOf(matrix, accountId, column, asOf)]),
  );
}

/** Accounts that all started long before T and have not churned. */
function accounts(...ids: string[]): Rows {
  return ids.map((id) => ({ account_id: id, contract_start: isoDay(T, -400) }));
}

describe('usage windows', () => {
  const usage: Rows = [
    {
      account_id: 'A',
      user_id: 'u1',
      date: isoDay(T),
      events: 5,
      records_created: 1,
      workflows_started: 2,
      workflows_completed: 1,
      api_calls: 10,
    },
    { account_id: 'A', user_id: null, date: isoDay(T), events: 2, api_calls: 3 },
    { account_id: 'A', user_id: 'u2', date: isoDay(T, -13), events: 3, records_created: 4 },
    { account_id: 'A', user_id: 'u2', date: isoDay(T, -14), events: 7, records_created: 8 },
    {
      account_id: 'A',
      user_id: 'u3',
      date: isoDay(T, -27),
      events: 11,
      workflows_started: 4,
      workflows_completed: 4,
      api_calls: 20,
    },
    {
      account_id: 'A',
      user_id: 'u3',
      date: isoDay(T, -28),
      events: 100,
      records_created: 16,
      workflows_started: 50,
      workflows_completed: 50,
      api_calls: 500,
    },
    // After t: must change nothing at t.
    {
      account_id: 'A',
      user_id: 'u1',
      date: isoDay(T, 1),
      events: 1000,
      records_created: 1000,
      workflows_started: 1000,
      workflows_completed: 1000,
      api_calls: 1000,
    },
  ];

  it('sums events and records over [t-13, t] and [t-27, t-14], t-28 and t+1 left out', async () => {
    const matrix = await matrixOf({ accounts: accounts('A'), usage });
    expect(
      valuesOf(matrix, 'A', ['usage_last14', 'usage_prior14', 'records_last14', 'records_prior14']),
    ).toEqual({
      usage_last14: 10, // t: 5 + 2 (no user), t-13: 3
      usage_prior14: 18, // t-14: 7, t-27: 11
      records_last14: 5, // t: 1, t-13: 4
      records_prior14: 8, // t-14: 8, t-27: empty
    });
  });

  it('sums workflows and api calls over [t-27, t]', async () => {
    const matrix = await matrixOf({ accounts: accounts('A'), usage });
    expect(
      valuesOf(matrix, 'A', ['workflows_started_28', 'workflows_completed_28', 'api_calls_28']),
    ).toEqual({
      workflows_started_28: 6, // t: 2, t-27: 4
      workflows_completed_28: 5, // t: 1, t-27: 4
      api_calls_28: 33, // t: 10 + 3, t-27: 20
    });
  });

  it('counts users over [t-27, t] once each, and sums daily active users', async () => {
    const matrix = await matrixOf({ accounts: accounts('A'), usage });
    // u1 (t), u2 (t-13, t-14), u3 (t-27) → 3 users; user-days t, t-13, t-14, t-27 → 4.
    expect(valuesOf(matrix, 'A', ['active_users_28', 'dau_sum_28'])).toEqual({
      active_users_28: 3,
      dau_sum_28: 4,
    });
  });

  it('counts a user only on days with events > 0 and ignores rows without a user', async () => {
    const matrix = await matrixOf({
      accounts: accounts('B'),
      usage: [
        { account_id: 'B', user_id: 'u1', date: isoDay(T, -27), events: 1 },
        { account_id: 'B', user_id: 'u1', date: isoDay(T), events: 2 },
        { account_id: 'B', user_id: 'u2', date: isoDay(T, -28), events: 9 },
        { account_id: 'B', user_id: 'u3', date: isoDay(T), events: 0 },
        { account_id: 'B', user_id: 'u4', date: isoDay(T, 1), events: 6 },
        { account_id: 'B', user_id: 'u5', date: isoDay(T, -10), events: 1 },
        { account_id: 'B', user_id: 'u5', date: isoDay(T, -10), events: 0 },
        { account_id: 'B', user_id: null, date: isoDay(T, -5), events: 4 },
      ],
    });
    // Active: u1 (t-27, t) and u5 (t-10, two rows); u2 only at t-28, u3 with 0 events, u4 after t.
    // Daily users: t-27 → 1, t-10 → 1, t → 1, so Σ = 3.
    // Events over [t-13, t]: u1 2 + u3 0 + u5 1 + 0 + no user 4 = 7.
    expect(valuesOf(matrix, 'B', ['active_users_28', 'dau_sum_28', 'usage_last14'])).toEqual({
      active_users_28: 2,
      dau_sum_28: 3,
      usage_last14: 7,
    });
  });

  it('leaves user counts unknown when no usage row of the dataset names a user', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      usage: [{ account_id: 'A', user_id: null, date: isoDay(T), events: 5 }],
    });
    // Account-level exports (no user_id at all) say nothing about users: NaN, not 0 users.
    expect(valuesOf(matrix, 'A', ['usage_last14', 'active_users_28', 'dau_sum_28'])).toEqual({
      usage_last14: 5,
      active_users_28: Number.NaN,
      dau_sum_28: Number.NaN,
    });
  });

  it('gives 0, not NaN, to an account without usage rows', async () => {
    const matrix = await matrixOf({ accounts: accounts('A', 'Z'), usage });
    expect(valuesOf(matrix, 'Z', ['usage_last14', 'active_users_28', 'records_last14'])).toEqual({
      usage_last14: 0,
      active_users_28: 0,
      records_last14: 0,
    });
  });
});

describe('integrations', () => {
  it('counts integrations connected on or before t and not disconnected by t', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      integrations: [
        { account_id: 'A', integration: 'i1', connected_on: isoDay(T, -100) },
        { account_id: 'A', integration: 'i2', connected_on: isoDay(T) },
        { account_id: 'A', integration: 'i3', connected_on: isoDay(T, 1) },
        {
          account_id: 'A',
          integration: 'i4',
          connected_on: isoDay(T, -50),
          disconnected_on: isoDay(T),
        },
        {
          account_id: 'A',
          integration: 'i5',
          connected_on: isoDay(T, -50),
          disconnected_on: isoDay(T, 1),
        },
      ],
    });
    // i1, i2 (connected on t), i5 (disconnected after t); not i3 (after t) nor i4 (gone on t).
    expect(valueOf(matrix, 'A', 'integrations_connected')).toBe(3);
  });
});

describe('feature usage', () => {
  it('counts distinct core features used in [t-27, t], the catalogue, and rows to date', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A', 'B'),
      features: [
        { feature: 'A', is_core: true },
        { feature: 'B', is_core: true },
        { feature: 'C', is_core: false },
        { feature: 'D', is_core: true },
        { feature: 'E', is_core: true },
      ],
      feature_usage: [
        { account_id: 'A', date: isoDay(T, -27), feature: 'A', events: 5 },
        { account_id: 'A', date: isoDay(T, -28), feature: 'B', events: 5 },
        { account_id: 'A', date: isoDay(T), feature: 'C', events: 9 },
        { account_id: 'A', date: isoDay(T), feature: 'D', events: 0 },
        { account_id: 'A', date: isoDay(T), feature: 'A', events: 1 },
        { account_id: 'A', date: isoDay(T, 1), feature: 'B', events: 3 },
        { account_id: 'A', date: isoDay(T, -5), feature: 'D', events: null },
      ],
    });
    // Used: A (t-27 and t, once), D (t-5, events empty counts as use); not B (t-28, t+1),
    // not C (not core), not D's 0-event row. Core catalogue: A, B, D, E. Rows dated ≤ t: 6.
    expect(
      valuesOf(matrix, 'A', [
        'core_features_used_28',
        'core_features_total',
        'feature_rows_to_date',
      ]),
    ).toEqual({ core_features_used_28: 2, core_features_total: 4, feature_rows_to_date: 6 });
    expect(
      valuesOf(matrix, 'B', [
        'core_features_used_28',
        'core_features_total',
        'feature_rows_to_date',
      ]),
    ).toEqual({ core_features_used_28: 0, core_features_total: 4, feature_rows_to_date: 0 });
  });
});

describe('emails', () => {
  const EMAIL_COLUMNS: RawColumn[] = [
    'emails_counted_90',
    'emails_answered_90',
    'email_median_hours_90',
    'email_median_hours_30',
    'email_median_hours_prior90',
  ];

  /** An email sent at 09:00 on day t+sentOffset, answered `hours` later (null: never). */
  function email(account: string, sentOffset: number, hours: number | null): Rows[number] {
    const sent = Date.UTC(2024, 2, 31 + sentOffset, 9);
    const replied = hours === null ? null : new Date(sent + hours * 3_600_000);
    return {
      account_id: account,
      sent_at: new Date(sent).toISOString().replace('T', ' ').slice(0, 19),
      replied_at: replied === null ? null : replied.toISOString().replace('T', ' ').slice(0, 19),
    };
  }

  it('takes the middle value of an odd count and the mean of the two middle values of an even one', async () => {
    const matrix = await matrixOf({
      accounts: accounts('odd', 'even'),
      emails: [
        email('odd', -10, 10),
        email('odd', -20, 30),
        email('odd', -30, 50),
        // Sent after t: not there at t.
        email('odd', 1, 1),
        email('even', -10, 10),
        email('even', -11, 20),
        email('even', -12, 30),
        email('even', -13, null),
      ],
    });
    // odd: 90 days [10, 30, 50] → 30; last 30 days (t-10, t-20) → (10 + 30) / 2 = 20;
    // t-30 falls in the 90 days before those 30 → 50.
    expect(valuesOf(matrix, 'odd', EMAIL_COLUMNS)).toEqual({
      emails_counted_90: 3,
      emails_answered_90: 3,
      email_median_hours_90: 30,
      email_median_hours_30: 20,
      email_median_hours_prior90: 50,
    });
    // even: [10, 20, 30, +∞] → middle values 20 and 30 → 25; nothing before t-29 → NaN.
    expect(valuesOf(matrix, 'even', EMAIL_COLUMNS)).toEqual({
      emails_counted_90: 4,
      emails_answered_90: 3,
      email_median_hours_90: 25,
      email_median_hours_30: 25,
      email_median_hours_prior90: Number.NaN,
    });
  });

  it('is +Infinity when a middle value is an unanswered email', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A', 'B'),
      emails: [
        email('A', -10, 10),
        email('A', -12, null),
        email('B', -10, 10),
        email('B', -11, null),
        email('B', -12, null),
      ],
    });
    // A: [10, +∞] → mean of 10 and +∞ → +∞. B: [10, +∞, +∞] → middle +∞.
    expect(valueOf(matrix, 'A', 'email_median_hours_90')).toBe(Number.POSITIVE_INFINITY);
    expect(valueOf(matrix, 'B', 'email_median_hours_90')).toBe(Number.POSITIVE_INFINITY);
    expect(valueOf(matrix, 'B', 'emails_answered_90')).toBe(1);
  });

  it('leaves out pending emails: unanswered at t and sent less than 72 h before its end', async () => {
    const matrix = await matrixOf({
      accounts: accounts('pending', 'boundary'),
      emails: [
        email('pending', -10, 10),
        email('pending', -20, 30),
        // 15 h before the end of t, unanswered: pending.
        { account_id: 'pending', sent_at: isoInstant(T, 0, '09:00:00'), replied_at: null },
        // 71:59:59 before the end of t, unanswered: pending.
        { account_id: 'pending', sent_at: isoInstant(T, -2, '00:00:01'), replied_at: null },
        // Sent at t 23:00 and answered after t: unanswered at t, so pending too.
        {
          account_id: 'pending',
          sent_at: isoInstant(T, 0, '23:00:00'),
          replied_at: isoInstant(T, 1, '01:00:00'),
        },
        // Exactly 72 h before the end of t: no longer pending, counted as unanswered.
        { account_id: 'boundary', sent_at: isoInstant(T, -2, '00:00:00'), replied_at: null },
      ],
    });
    // pending: only [10, 30] count → 20.
    expect(valuesOf(matrix, 'pending', ['emails_counted_90', 'email_median_hours_90'])).toEqual({
      emails_counted_90: 2,
      email_median_hours_90: 20,
    });
    expect(
      valuesOf(matrix, 'boundary', [
        'emails_counted_90',
        'emails_answered_90',
        'email_median_hours_90',
      ]),
    ).toEqual({
      emails_counted_90: 1,
      emails_answered_90: 0,
      email_median_hours_90: Number.POSITIVE_INFINITY,
    });
  });

  it('treats a reply after the end of t as no reply', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      emails: [
        email('A', -10, 10),
        // Answered at the last second of t: answered.
        {
          account_id: 'A',
          sent_at: isoInstant(T, -5, '09:00:00'),
          replied_at: isoInstant(T, 0, '23:59:59'),
        },
        // Answered at midnight after t, and a second later: both unanswered at t.
        {
          account_id: 'A',
          sent_at: isoInstant(T, -3, '09:00:00'),
          replied_at: isoInstant(T, 1, '00:00:00'),
        },
        {
          account_id: 'A',
          sent_at: isoInstant(T, -4, '09:00:00'),
          replied_at: isoInstant(T, 1, '00:00:01'),
        },
      ],
    });
    // [10, 134.99972…, +∞, +∞] → middle values 134.99… and +∞ → +∞; 2 of 4 answered.
    expect(
      valuesOf(matrix, 'A', ['emails_counted_90', 'emails_answered_90', 'email_median_hours_90']),
    ).toEqual({
      emails_counted_90: 4,
      emails_answered_90: 2,
      email_median_hours_90: Number.POSITIVE_INFINITY,
    });
  });

  it('puts t-89 in the 90 days and t-90 out; t-29 in the 30 days, t-30 and t-119 before them', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A', 'none'),
      emails: [
        email('A', -89, 10),
        email('A', -90, 20),
        email('A', -119, 30),
        email('A', -120, 40),
        email('A', -29, 50),
        email('A', -30, 60),
      ],
    });
    // 90 days: t-89 (10), t-29 (50), t-30 (60) → 50. 30 days: t-29 → 50.
    // [t-119, t-30]: t-89 (10), t-90 (20), t-119 (30), t-30 (60) → (20 + 30) / 2 = 25.
    expect(valuesOf(matrix, 'A', EMAIL_COLUMNS)).toEqual({
      emails_counted_90: 3,
      emails_answered_90: 3,
      email_median_hours_90: 50,
      email_median_hours_30: 50,
      email_median_hours_prior90: 25,
    });
    expect(valuesOf(matrix, 'none', EMAIL_COLUMNS)).toEqual({
      emails_counted_90: 0,
      emails_answered_90: 0,
      email_median_hours_90: Number.NaN,
      email_median_hours_30: Number.NaN,
      email_median_hours_prior90: Number.NaN,
    });
  });
});

describe('meetings', () => {
  it('counts meetings held and attended in [t-89, t] and trainings attended in [t-179, t]', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      meetings: [
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -89, '09:00:00'),
          kind: 'qbr',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -90, '09:00:00'),
          kind: 'qbr',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, 0, '23:59:59'),
          kind: 'other',
          attended: false,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, 1, '00:00:00'),
          kind: 'other',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -179, '09:00:00'),
          kind: 'training',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -180, '09:00:00'),
          kind: 'webinar',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -5, '09:00:00'),
          kind: 'training',
          attended: false,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -6, '09:00:00'),
          kind: 'webinar',
          attended: true,
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -60, '09:00:00'),
          kind: 'csm_call',
          attended: true,
          participation: 'active',
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, -10, '09:00:00'),
          kind: 'csm_call',
          attended: true,
          participation: 'passive',
        },
        {
          account_id: 'A',
          scheduled_at: isoInstant(T, 1, '00:00:00'),
          kind: 'csm_call',
          attended: true,
          participation: 'active',
        },
      ],
    });
    // Held in [t-89, t]: t-89, t 23:59:59, t-5, t-6, t-60, t-10 → 6; attended: t-89, t-6, t-60, t-10 → 4.
    // Trainings attended in [t-179, t]: t-179, t-6 → 2 (t-180 out, t-5 not attended).
    // Latest csm_call at or before the end of t: t-10, passive → 1.
    expect(
      valuesOf(matrix, 'A', [
        'meetings_held_90',
        'meetings_attended_90',
        'trainings_attended_180',
        'csm_call_participation',
      ]),
    ).toEqual({
      meetings_held_90: 6,
      meetings_attended_90: 4,
      trainings_attended_180: 2,
      csm_call_participation: 1,
    });
  });

  it('scores the latest csm_call of [t-89, t], absent when missed, NaN when none', async () => {
    const call = (
      account: string,
      offset: number,
      attended: boolean,
      participation: string | null,
      time = '10:00:00',
    ) => ({
      account_id: account,
      scheduled_at: isoInstant(T, offset, time),
      kind: 'csm_call',
      attended,
      participation,
    });
    const matrix = await matrixOf({
      accounts: accounts('old', 'edge', 'missed', 'attended', 'tie', 'contradiction', 'none'),
      meetings: [
        call('old', -90, true, 'active'),
        call('edge', -89, true, 'active'),
        call('missed', -3, false, null),
        call('attended', -3, true, null),
        call('tie', -2, true, 'active'),
        call('tie', -2, false, 'absent'),
        call('contradiction', -2, false, 'active'),
        {
          account_id: 'none',
          scheduled_at: isoInstant(T, -2, '10:00:00'),
          kind: 'qbr',
          attended: true,
        },
      ],
    });
    // old: the only call is at t-90 → NaN. edge: t-89 active → 2. missed: not attended and no
    // participation → absent 0. attended: attended without participation → passive 1.
    // tie: two calls at one instant → the more cautious, absent 0. contradiction: the
    // recorded participation wins over the attended flag → 2. none: no csm_call → NaN.
    const participation = (account: string) => valueOf(matrix, account, 'csm_call_participation');
    expect(
      ['old', 'edge', 'missed', 'attended', 'tie', 'contradiction', 'none'].map(participation),
    ).toEqual([Number.NaN, 2, 0, 1, 0, 2, Number.NaN]);
  });
});

describe('community and tickets', () => {
  it('counts community posts and views dated in [t-89, t]', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      community: [
        { account_id: 'A', date: isoDay(T, -89), action: 'post' },
        { account_id: 'A', date: isoDay(T, -90), action: 'post' },
        { account_id: 'A', date: isoDay(T), action: 'view' },
        { account_id: 'A', date: isoDay(T), action: 'view' },
        { account_id: 'A', date: isoDay(T, 1), action: 'view' },
        { account_id: 'A', date: isoDay(T, 1), action: 'post' },
      ],
    });
    // Posts: t-89 (t-90 out, t+1 after t) → 1; views: two on t → 2.
    expect(valuesOf(matrix, 'A', ['community_posts_90', 'community_views_90'])).toEqual({
      community_posts_90: 1,
      community_views_90: 2,
    });
  });

  it('counts tickets opened in [t-89, t] by sentiment, unrated ones in none', async () => {
    const ticket = (id: string, offset: number, time: string, sentiment: string | null) => ({
      account_id: 'A',
      ticket_id: id,
      opened_at: isoInstant(T, offset, time),
      sentiment,
    });
    const matrix = await matrixOf({
      accounts: accounts('A'),
      tickets: [
        ticket('k1', -89, '00:00:00', 'positive'),
        ticket('k2', -90, '23:59:59', 'negative'),
        ticket('k3', 0, '23:59:59', 'neutral'),
        ticket('k4', -1, '12:00:00', 'negative'),
        ticket('k5', -2, '12:00:00', null),
        ticket('k6', 1, '00:00:00', 'positive'),
      ],
    });
    // positive: k1 (k6 after t); neutral: k3; negative: k4 (k2 on t-90 is out).
    expect(
      valuesOf(matrix, 'A', ['tickets_positive_90', 'tickets_neutral_90', 'tickets_negative_90']),
    ).toEqual({ tickets_positive_90: 1, tickets_neutral_90: 1, tickets_negative_90: 1 });
  });
});

describe('escalations', () => {
  it('counts escalations opened by the end of t and not resolved by then', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      escalations: [
        { account_id: 'A', opened_at: isoInstant(T, -10, '09:00:00'), resolved_at: null },
        {
          account_id: 'A',
          opened_at: isoInstant(T, -10, '09:00:00'),
          resolved_at: isoInstant(T, 0, '23:00:00'),
        },
        {
          account_id: 'A',
          opened_at: isoInstant(T, -10, '09:00:00'),
          resolved_at: isoInstant(T, 1, '00:00:00'),
        },
        { account_id: 'A', opened_at: isoInstant(T, 1, '00:00:00'), resolved_at: null },
        { account_id: 'A', opened_at: isoInstant(T, 0, '23:59:59'), resolved_at: null },
      ],
    });
    // Open: the unresolved one, the one resolved only after t, the one opened at t 23:59:59.
    expect(valueOf(matrix, 'A', 'open_escalations')).toBe(3);
  });
});

describe('contacts', () => {
  const CONTACT_COLUMNS: RawColumn[] = [
    'contacts_started',
    'active_contacts',
    'champion_active',
    'champion_left',
    'exec_sponsor_engaged',
    'active_sentiment_sum',
    'active_sentiment_count',
    'new_senior_contacts_90',
  ];

  it('derives the relationship facts from the contacts active at t', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      contacts: [
        {
          account_id: 'A',
          contact_id: 'c1',
          role: 'champion',
          level: 'ic',
          started_on: isoDay(T, -400),
          left_on: isoDay(T, -5),
          sentiment: 'positive',
        },
        {
          account_id: 'A',
          contact_id: 'c2',
          role: 'champion',
          level: 'manager',
          started_on: isoDay(T, -10),
          sentiment: 'negative',
        },
        {
          account_id: 'A',
          contact_id: 'c3',
          role: 'exec_sponsor',
          level: 'c_level',
          started_on: isoDay(T, -300),
          sentiment: 'positive',
        },
        {
          account_id: 'A',
          contact_id: 'c4',
          role: 'user',
          level: 'ic',
          started_on: isoDay(T, 1),
          sentiment: 'positive',
        },
        {
          account_id: 'A',
          contact_id: 'c5',
          role: 'admin',
          level: 'vp',
          started_on: isoDay(T, -89),
          left_on: isoDay(T, 1),
          sentiment: 'neutral',
        },
        {
          account_id: 'A',
          contact_id: 'c6',
          role: 'user',
          level: 'vp',
          started_on: isoDay(T, -90),
        },
      ],
      meetings: [
        {
          account_id: 'A',
          contact_id: 'c3',
          scheduled_at: isoInstant(T, -89, '10:00:00'),
          kind: 'qbr',
          attended: true,
        },
      ],
    });
    // Started: c1, c2, c3, c5, c6 (c4 after t) → 5. Active: c2, c3, c5 (leaves after t), c6 → 4.
    // Champion c2 active → 1; champion c1 left on t-5 → 1. Sponsor c3 attended on t-89 → 1.
    // Sentiment of rated active contacts: c2 −1, c3 +1, c5 0 → sum 0 over 3.
    // Senior and started in [t-89, t]: c5 (t-89); c6 started t-90 → 1.
    expect(valuesOf(matrix, 'A', CONTACT_COLUMNS)).toEqual({
      contacts_started: 5,
      active_contacts: 4,
      champion_active: 1,
      champion_left: 1,
      exec_sponsor_engaged: 1,
      active_sentiment_sum: 0,
      active_sentiment_count: 3,
      new_senior_contacts_90: 1,
    });
  });

  it('engages an exec sponsor only while active and through meetings or replies of [t-89, t]', async () => {
    const sponsor = (account: string, id: string, leftOffset: number | null = null) => ({
      account_id: account,
      contact_id: id,
      role: 'exec_sponsor',
      level: 'c_level',
      started_on: isoDay(T, -300),
      left_on: leftOffset === null ? null : isoDay(T, leftOffset),
    });
    const matrix = await matrixOf({
      accounts: accounts('late', 'replied', 'left', 'recent'),
      contacts: [
        sponsor('late', 's1'),
        {
          account_id: 'late',
          contact_id: 'ch',
          role: 'champion',
          started_on: isoDay(T, -100),
          left_on: isoDay(T, 1),
        },
        sponsor('replied', 's2'),
        sponsor('left', 's3', 0),
        { account_id: 'recent', contact_id: 's4', role: 'exec_sponsor', started_on: isoDay(T, -5) },
      ],
      meetings: [
        {
          account_id: 'late',
          contact_id: 's1',
          scheduled_at: isoInstant(T, -90, '10:00:00'),
          kind: 'qbr',
          attended: true,
        },
        {
          account_id: 'late',
          contact_id: 's1',
          scheduled_at: isoInstant(T, -1, '10:00:00'),
          kind: 'qbr',
          attended: false,
        },
        {
          account_id: 'left',
          contact_id: 's3',
          scheduled_at: isoInstant(T, -1, '10:00:00'),
          kind: 'qbr',
          attended: true,
        },
        {
          account_id: 'recent',
          contact_id: 's4',
          scheduled_at: isoInstant(T, -30, '10:00:00'),
          kind: 'qbr',
          attended: true,
        },
      ],
      emails: [
        {
          account_id: 'late',
          contact_id: 's1',
          sent_at: isoInstant(T, 0, '20:00:00'),
          replied_at: isoInstant(T, 1, '00:00:00'),
        },
        {
          account_id: 'replied',
          contact_id: 's2',
          sent_at: isoInstant(T, -90, '09:00:00'),
          replied_at: isoInstant(T, -89, '10:00:00'),
        },
      ],
    });
    // late: attended only on t-90, missed t-1, replied after t → 0; its champion leaves after t.
    // replied: reply dated t-89 → 1. left: sponsor left on t → not active → 0.
    // recent: active since t-5, attended on t-30 (inside [t-89, t]) → 1.
    expect(
      valuesOf(matrix, 'late', ['exec_sponsor_engaged', 'champion_active', 'champion_left']),
    ).toEqual({
      exec_sponsor_engaged: 0,
      champion_active: 1,
      champion_left: 0,
    });
    expect(valueOf(matrix, 'replied', 'exec_sponsor_engaged')).toBe(1);
    expect(
      valuesOf(matrix, 'left', ['exec_sponsor_engaged', 'active_contacts', 'contacts_started']),
    ).toEqual({
      exec_sponsor_engaged: 0,
      active_contacts: 0,
      contacts_started: 1,
    });
    expect(valueOf(matrix, 'recent', 'exec_sponsor_engaged')).toBe(1);
  });
});

describe('outcomes and nps', () => {
  const OUTCOME_COLUMNS: RawColumn[] = [
    'outcome_roi',
    'outcome_goals',
    'outcome_value',
    'outcome_intent',
  ];

  it('reads the latest outcome record of [t-179, end of t], field by field', async () => {
    const record = (
      account: string,
      offset: number,
      time: string,
      roi: boolean | null,
      goals: string | null,
      value: string | null,
      intent: string | null,
    ) => ({
      account_id: account,
      recorded_at: isoInstant(T, offset, time),
      roi_documented: roi,
      goals_on_track: goals,
      reported_value: value,
      renewal_intent: intent,
    });
    const matrix = await matrixOf({
      accounts: accounts('A', 'old', 'edge', 'tie', 'none'),
      outcomes: [
        record('A', -200, '10:00:00', true, 'on_track', 'positive', 'yes'),
        record('A', -100, '10:00:00', true, 'at_risk', 'positive', 'yes'),
        record('A', -20, '10:00:00', false, 'off_track', null, 'unsure'),
        record('A', 1, '00:00:00', true, 'on_track', 'positive', 'yes'),
        record('old', -180, '23:59:59', true, 'on_track', 'positive', 'yes'),
        record('edge', -179, '00:00:00', true, 'on_track', 'neutral', 'no'),
        record('tie', -5, '12:00:00', true, 'on_track', 'positive', 'yes'),
        record('tie', -5, '12:00:00', false, 'at_risk', null, 'no'),
      ],
    });
    // A: latest by t is t-20: roi no 0, off_track 0, value empty NaN, unsure 1 (the t+1 record is after t).
    expect(valuesOf(matrix, 'A', OUTCOME_COLUMNS)).toEqual({
      outcome_roi: 0,
      outcome_goals: 0,
      outcome_value: Number.NaN,
      outcome_intent: 1,
    });
    // old: recorded on t-180, outside the 180 days → NaN.
    expect(valuesOf(matrix, 'old', OUTCOME_COLUMNS)).toEqual({
      outcome_roi: Number.NaN,
      outcome_goals: Number.NaN,
      outcome_value: Number.NaN,
      outcome_intent: Number.NaN,
    });
    // edge: t-179 is inside: yes 1, on_track 2, neutral 1, no 0.
    expect(valuesOf(matrix, 'edge', OUTCOME_COLUMNS)).toEqual({
      outcome_roi: 1,
      outcome_goals: 2,
      outcome_value: 1,
      outcome_intent: 0,
    });
    // tie: two records at one instant merge to the more cautious answer of each field.
    expect(valuesOf(matrix, 'tie', OUTCOME_COLUMNS)).toEqual({
      outcome_roi: 0,
      outcome_goals: 1,
      outcome_value: 2,
      outcome_intent: 0,
    });
    expect(valueOf(matrix, 'none', 'outcome_intent')).toBeNaN();
  });

  it('counts NPS promoters, detractors and responses of [t-179, end of t]', async () => {
    const response = (offset: number, time: string, score: number) => ({
      account_id: 'A',
      responded_at: isoInstant(T, offset, time),
      score,
    });
    const matrix = await matrixOf({
      accounts: accounts('A'),
      nps: [
        response(-179, '10:00:00', 10),
        response(-180, '10:00:00', 0),
        response(0, '23:59:59', 6),
        response(0, '10:00:00', 8),
        response(1, '00:00:00', 0),
        response(-50, '10:00:00', 9),
      ],
    });
    // In: 10, 6, 8, 9 → promoters 10 and 9 → 2; detractors 6 → 1; responses 4.
    expect(
      valuesOf(matrix, 'A', ['nps_promoters_180', 'nps_detractors_180', 'nps_responses_180']),
    ).toEqual({
      nps_promoters_180: 2,
      nps_detractors_180: 1,
      nps_responses_180: 4,
    });
  });
});

describe('next renewal', () => {
  it('takes the earliest renewal on or after t from renewals and accounts', async () => {
    const matrix = await matrixOf({
      accounts: [
        { account_id: 'A', contract_start: isoDay(T, -400), renewal_date: isoDay(T, 200) },
        { account_id: 'B', contract_start: isoDay(T, -400), renewal_date: isoDay(T, 5) },
        { account_id: 'C', contract_start: isoDay(T, -400) },
        { account_id: 'D', contract_start: isoDay(T, -400), renewal_date: isoDay(T, 7) },
        { account_id: 'E', contract_start: isoDay(T, -400), renewal_date: isoDay(T, -1) },
      ],
      renewals: [
        { account_id: 'A', renewal_date: isoDay(T, -10), outcome: 'renewed' },
        { account_id: 'A', renewal_date: isoDay(T, 30), outcome: 'pending' },
        { account_id: 'A', renewal_date: isoDay(T, 400), outcome: 'pending' },
        { account_id: 'B', renewal_date: isoDay(T), outcome: 'pending' },
      ],
    });
    // A: t-10 is past, t+30 < t+200 < t+400 → t+30. B: a renewal on t itself → t.
    // C: none → NaN. D: accounts only → t+7. E: only a past date → NaN.
    const next = (id: string) => valueOf(matrix, id, 'next_renewal');
    expect(['A', 'B', 'C', 'D', 'E'].map(next)).toEqual([T + 30, T, Number.NaN, T + 7, Number.NaN]);
  });
});

describe('missing values', () => {
  it('makes every column of an absent table NaN, and usage columns without values NaN', async () => {
    const matrix = await matrixOf({
      accounts: [{ account_id: 'A', contract_start: isoDay(T, -400), renewal_date: isoDay(T, 9) }],
      usage: [
        { account_id: 'A', user_id: 'u1', date: isoDay(T), events: 4, api_calls: 2 },
        { account_id: 'A', user_id: 'u1', date: isoDay(T, -1), events: 1 },
      ],
    });
    const usageColumns: RawColumn[] = [
      'usage_last14',
      'usage_prior14',
      'active_users_28',
      'dau_sum_28',
      'api_calls_28',
    ];
    // api_calls has one value in the dataset, so its sum counts; records and workflows have none.
    expect(valuesOf(matrix, 'A', usageColumns)).toEqual({
      usage_last14: 5,
      usage_prior14: 0,
      active_users_28: 1,
      dau_sum_28: 2,
      api_calls_28: 2,
    });
    const notUsage = RAW_COLUMNS.filter(
      (column) => !usageColumns.includes(column) && column !== 'next_renewal',
    );
    for (const column of notUsage) expect(valueOf(matrix, 'A', column), column).toBeNaN();
    expect(valueOf(matrix, 'A', 'next_renewal')).toBe(T + 9);
  });

  it('gives zero counts, not NaN, for tables present but empty', async () => {
    const empty: Rows = [];
    const matrix = await matrixOf({
      accounts: accounts('A'),
      usage: empty,
      feature_usage: empty,
      features: empty,
      integrations: empty,
      emails: empty,
      meetings: empty,
      community: empty,
      tickets: empty,
      escalations: empty,
      contacts: empty,
      nps: empty,
      outcomes: empty,
      renewals: empty,
    });
    // NaN by rule even with the table: medians without emails, no csm_call, no outcome record,
    // no renewal, and usage columns that hold no value (an empty usage table has none).
    const nanByRule: RawColumn[] = [
      'records_last14',
      'records_prior14',
      'workflows_started_28',
      'workflows_completed_28',
      'api_calls_28',
      'active_users_28',
      'dau_sum_28',
      'email_median_hours_90',
      'email_median_hours_30',
      'email_median_hours_prior90',
      'csm_call_participation',
      'outcome_roi',
      'outcome_goals',
      'outcome_value',
      'outcome_intent',
      'next_renewal',
    ];
    for (const column of RAW_COLUMNS) {
      const expected = nanByRule.includes(column) ? Number.NaN : 0;
      expect(valueOf(matrix, 'A', column), column).toEqual(expected);
    }
  });

  it('needs both feature tables for core features used, and only the catalogue for its size', async () => {
    const matrix = await matrixOf({
      accounts: accounts('A'),
      features: [
        { feature: 'x', is_core: true },
        { feature: 'y', is_core: false },
      ],
    });
    expect(
      valuesOf(matrix, 'A', [
        'core_features_used_28',
        'core_features_total',
        'feature_rows_to_date',
      ]),
    ).toEqual({
      core_features_used_28: Number.NaN,
      core_features_total: 1,
      feature_rows_to_date: Number.NaN,
    });
  });
});

describe('eligibility and shape', () => {
  const eligibilityAccounts: Rows = [
    { account_id: 'future', contract_start: isoDay(T, 1) },
    { account_id: 'starts', contract_start: isoDay(T) },
    { account_id: 'churned_on_t', contract_start: isoDay(T, -100), churned_on: isoDay(T) },
    { account_id: 'churned_after', contract_start: isoDay(T, -100), churned_on: isoDay(T, 1) },
    { account_id: 'churned_before', contract_start: isoDay(T, -100), churned_on: isoDay(T, -10) },
  ];

  it('has rows only for accounts started by t and not churned by t', async () => {
    const matrix = await matrixOf({ accounts: eligibilityAccounts, usage: [] });
    expect(matrix.accounts.accountIds).toEqual([
      'churned_after',
      'churned_before',
      'churned_on_t',
      'future',
      'starts',
    ]);
    const eligible = eligibilityAccounts.map(
      (row) => rowOf(matrix, String(row.account_id)) !== undefined,
    );
    expect(eligible).toEqual([false, true, false, true, false]);
  });

  it('orders rows by as-of date, then account, and sorts and de-duplicates the dates', async () => {
    const matrix = await matrixOf({ accounts: eligibilityAccounts, usage: [] }, [T + 1, T, T + 1]);
    expect(matrix.asOfDates).toEqual([T, T + 1]);
    // At t: churned_after (0), starts (4). At t+1: future (3) and starts (4); churned_after churned on t+1.
    expect(Array.from(matrix.asOfIndex)).toEqual([0, 0, 1, 1]);
    expect(Array.from(matrix.accountIndex)).toEqual([0, 4, 3, 4]);
  });

  it('hands out typed arrays and numbers only', async () => {
    const matrix = await matrixOf({
      accounts: [
        {
          account_id: 'A',
          contract_start: isoDay(T, -3),
          arr: 1200.5,
          paid_seats: 10,
          account_name: 'Acme',
        },
      ],
      usage: [{ account_id: 'A', user_id: 'u', date: isoDay(T), events: 3 }],
    });
    expect(matrix.accountIndex).toBeInstanceOf(Int32Array);
    expect(matrix.asOfIndex).toBeInstanceOf(Int32Array);
    for (const column of RAW_COLUMNS) expect(matrix.columns[column]).toBeInstanceOf(Float64Array);
    expect(matrix.accounts.arr[0]).toBe(1200.5);
    expect(matrix.accounts.paidSeats[0]).toBe(10);
    expect(matrix.accounts.contractStart[0]).toBe(T - 3);
    expect(matrix.accounts.churnedOn[0]).toBeNaN();
    expect(matrix.accounts.accountNames).toEqual(['Acme']);
    expect(matrix.dataEnd).toBe(T);
    expect(() => JSON.stringify(matrix.accounts)).not.toThrow();
  });

  it('returns the accounts and no rows for an empty as-of list', async () => {
    const matrix = await matrixOf({ accounts: accounts('A', 'B'), usage: [] }, []);
    expect(matrix.accounts.accountIds).toEqual(['A', 'B']);
    expect(matrix.asOfDates).toEqual([]);
    expect(matrix.accountIndex.length).toBe(0);
    expect(matrix.columns.usage_last14.length).toBe(0);
  });

  it('rejects as-of dates that are not whole days', async () => {
    const workspace = await seedWorkspace({ accounts: accounts('A'), usage: [] });
    opened.push(workspace);
    await expect(buildSignalMatrix(workspace, [T + 0.5])).rejects.toThrow(/whole day/);
  });

  it('reports progress step by step', async () => {
    const workspace = await seedWorkspace({ accounts: accounts('A'), usage: [] });
    opened.push(workspace);
    const seen: string[] = [];
    await buildSignalMatrix(workspace, [T], {
      onProgress: ({ step, done, total }) => seen.push(`${done}/${total} ${step}`),
    });
    expect(seen[0]).toBe('1/10 as-of dates');
    expect(seen.at(-1)).toBe('10/10 latest records');
  });
});

describe('as-of correctness', () => {
  /** A dataset with every table, all dated on or before t. */
  function pastTables(): Record<string, Rows> {
    return {
      accounts: [
        { account_id: 'A', contract_start: isoDay(T, -400), renewal_date: isoDay(T, 200) },
        { account_id: 'B', contract_start: isoDay(T, -400) },
      ],
      usage: [
        {
          account_id: 'A',
          user_id: 'u1',
          date: isoDay(T),
          events: 3,
          records_created: 1,
          workflows_started: 1,
          workflows_completed: 1,
          api_calls: 1,
        },
        { account_id: 'B', user_id: 'u1', date: isoDay(T, -3), events: 2 },
      ],
      features: [{ feature: 'f', is_core: true }],
      feature_usage: [{ account_id: 'A', date: isoDay(T, -2), feature: 'f', events: 1 }],
      integrations: [{ account_id: 'A', integration: 'crm', connected_on: isoDay(T, -30) }],
      emails: [
        {
          account_id: 'A',
          contact_id: 's',
          sent_at: isoInstant(T, -10, '09:00:00'),
          replied_at: null,
        },
        {
          account_id: 'A',
          contact_id: 's',
          sent_at: isoInstant(T, -20, '09:00:00'),
          replied_at: isoInstant(T, -20, '19:00:00'),
        },
      ],
      meetings: [
        {
          account_id: 'A',
          contact_id: 's',
          scheduled_at: isoInstant(T, -15, '09:00:00'),
          kind: 'csm_call',
          attended: true,
          participation: 'passive',
        },
      ],
      community: [{ account_id: 'A', date: isoDay(T, -1), action: 'view' }],
      tickets: [
        {
          account_id: 'A',
          ticket_id: 'k1',
          opened_at: isoInstant(T, -4, '10:00:00'),
          sentiment: 'positive',
        },
      ],
      escalations: [
        { account_id: 'A', opened_at: isoInstant(T, -8, '10:00:00'), resolved_at: null },
      ],
      contacts: [
        {
          account_id: 'A',
          contact_id: 'ch',
          role: 'champion',
          level: 'manager',
          started_on: isoDay(T, -200),
          sentiment: 'positive',
        },
        {
          account_id: 'A',
          contact_id: 's',
          role: 'exec_sponsor',
          level: 'c_level',
          started_on: isoDay(T, -200),
        },
      ],
      nps: [{ account_id: 'A', responded_at: isoInstant(T, -40, '10:00:00'), score: 9 }],
      outcomes: [
        {
          account_id: 'A',
          recorded_at: isoInstant(T, -30, '10:00:00'),
          roi_documented: true,
          goals_on_track: 'on_track',
          reported_value: 'positive',
          renewal_intent: 'yes',
        },
      ],
      renewals: [{ account_id: 'A', renewal_date: isoDay(T, 30), outcome: 'pending' }],
    };
  }

  /** The same dataset with rows and changes dated after t: the next day, or just after the end of t. */
  function withFuture(): Record<string, Rows> {
    const past = pastTables();
    const next = (time: string) => isoInstant(T, 1, time);
    return {
      ...past,
      accounts: [
        past.accounts![0]!,
        { account_id: 'B', contract_start: isoDay(T, -400), churned_on: isoDay(T, 1) },
      ],
      usage: [
        ...past.usage!,
        {
          account_id: 'A',
          user_id: 'u2',
          date: isoDay(T, 1),
          events: 50,
          records_created: 5,
          workflows_started: 5,
          workflows_completed: 5,
          api_calls: 5,
        },
      ],
      feature_usage: [
        ...past.feature_usage!,
        { account_id: 'B', date: isoDay(T, 1), feature: 'f', events: 1 },
      ],
      integrations: [
        {
          account_id: 'A',
          integration: 'crm',
          connected_on: isoDay(T, -30),
          disconnected_on: isoDay(T, 1),
        },
        { account_id: 'B', integration: 'erp', connected_on: isoDay(T, 1) },
      ],
      emails: [
        {
          account_id: 'A',
          contact_id: 's',
          sent_at: isoInstant(T, -10, '09:00:00'),
          replied_at: next('00:00:00'),
        },
        past.emails![1]!,
        {
          account_id: 'A',
          contact_id: 's',
          sent_at: next('00:00:00'),
          replied_at: next('01:00:00'),
        },
      ],
      meetings: [
        ...past.meetings!,
        {
          account_id: 'A',
          contact_id: 's',
          scheduled_at: next('00:00:00'),
          kind: 'csm_call',
          attended: true,
          participation: 'active',
        },
        {
          account_id: 'A',
          contact_id: 'ch',
          scheduled_at: next('00:00:00'),
          kind: 'training',
          attended: true,
        },
      ],
      community: [...past.community!, { account_id: 'A', date: isoDay(T, 1), action: 'post' }],
      tickets: [
        ...past.tickets!,
        { account_id: 'A', ticket_id: 'k2', opened_at: next('00:00:00'), sentiment: 'negative' },
      ],
      escalations: [
        {
          account_id: 'A',
          opened_at: isoInstant(T, -8, '10:00:00'),
          resolved_at: next('00:00:00'),
        },
        { account_id: 'B', opened_at: next('00:00:00'), resolved_at: null },
      ],
      contacts: [
        { ...past.contacts![0]!, left_on: isoDay(T, 1) },
        past.contacts![1]!,
        {
          account_id: 'A',
          contact_id: 'new',
          role: 'champion',
          level: 'vp',
          started_on: isoDay(T, 1),
          sentiment: 'negative',
        },
      ],
      nps: [...past.nps!, { account_id: 'A', responded_at: next('00:00:00'), score: 0 }],
      outcomes: [
        ...past.outcomes!,
        {
          account_id: 'A',
          recorded_at: next('00:00:00'),
          roi_documented: false,
          goals_on_track: 'off_track',
          reported_value: 'negative',
          renewal_intent: 'no',
        },
      ],
      renewals: [
        ...past.renewals!,
        { account_id: 'A', renewal_date: isoDay(T, 60), outcome: 'pending' },
      ],
    };
  }

  it('gives the same values at t whatever happens after t', async () => {
    const before = await matrixOf(pastTables());
    const after = await matrixOf(withFuture());
    for (const account of ['A', 'B']) {
      for (const column of RAW_COLUMNS) {
        expect(valueOf(after, account, column), `${account} ${column}`).toEqual(
          valueOf(before, account, column),
        );
      }
    }
  });

  it('does see those rows one day later, so the comparison above has something to miss', async () => {
    const before = await matrixOf(pastTables(), [T + 1]);
    const after = await matrixOf(withFuture(), [T + 1]);
    const changed = RAW_COLUMNS.filter(
      (column) =>
        !Object.is(valueOf(before, 'A', column, T + 1), valueOf(after, 'A', column, T + 1)),
    );
    expect(changed).toEqual(
      expect.arrayContaining([
        'usage_last14',
        'records_last14',
        'active_users_28',
        'workflows_started_28',
        'api_calls_28',
        'integrations_connected',
        'emails_answered_90',
        'email_median_hours_90',
        'meetings_held_90',
        'csm_call_participation',
        'trainings_attended_180',
        'community_posts_90',
        'tickets_negative_90',
        'open_escalations',
        'contacts_started',
        'champion_left',
        'nps_responses_180',
        'outcome_roi',
      ]),
    );
    // B churns on t+1, so it has no row then.
    expect(rowOf(after, 'B', T + 1)).toBeUndefined();
  });

  it('computes several as-of dates in one call exactly as in separate calls', async () => {
    const dates = [T, T - 14, T - 100, T + 1];
    const workspace = await seedWorkspace(withFuture());
    opened.push(workspace);
    const together = await buildSignalMatrix(workspace, dates);
    for (const date of dates) {
      const alone = await buildSignalMatrix(workspace, [date]);
      for (const account of ['A', 'B']) {
        expect(rowOf(together, account, date) === undefined).toBe(
          rowOf(alone, account, date) === undefined,
        );
        if (rowOf(alone, account, date) === undefined) continue;
        for (const column of RAW_COLUMNS) {
          expect(valueOf(together, account, column, date), `${account} ${column} ${date}`).toEqual(
            valueOf(alone, account, column, date),
          );
        }
      }
    }
  });
});

describe('against a brute-force recount of the raw rows', () => {
  /** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = Math.imul(state ^ (state >>> 15), 1 | state);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  interface UsageRow {
    account: string;
    user: string | null;
    day: number;
    events: number;
    api: number | null;
  }
  interface FeatureRow {
    account: string;
    day: number;
    feature: string;
    events: number | null;
  }
  interface EscalationRow {
    account: string;
    opened: number;
    resolved: number | null;
  }
  interface EmailRow {
    account: string;
    sent: number;
    replied: number | null;
  }

  const MS_PER_DAY = 86_400_000;
  const HOUR = 3_600_000;
  const start = T - 200;
  const next = random(20240331);
  const pick = (n: number) => Math.floor(next() * n);

  const accountIds = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
  const contractStart = accountIds.map(() => start - 30 + pick(120));
  const churnedOn = accountIds.map((_, index) =>
    pick(3) === 0 ? contractStart[index]! + 60 + pick(150) : null,
  );
  const core = new Set(['f0', 'f1', 'f3']);

  const usage: UsageRow[] = [];
  const features: FeatureRow[] = [];
  const escalations: EscalationRow[] = [];
  const emails: EmailRow[] = [];
  for (const account of accountIds) {
    for (let day = start; day <= T + 3; day++) {
      for (const user of ['u0', 'u1', 'u2', 'u3']) {
        if (next() < 0.12)
          usage.push({ account, user, day, events: pick(4), api: next() < 0.5 ? null : pick(9) });
        if (next() < 0.02) usage.push({ account, user, day, events: pick(3), api: null });
      }
      if (next() < 0.05) usage.push({ account, user: null, day, events: pick(20), api: pick(5) });
      for (const feature of ['f0', 'f1', 'f2', 'f3']) {
        if (next() < 0.04)
          features.push({ account, day, feature, events: next() < 0.2 ? null : pick(3) });
      }
      if (next() < 0.03) {
        const opened = day * MS_PER_DAY + pick(24) * HOUR;
        escalations.push({
          account,
          opened,
          resolved: next() < 0.3 ? null : opened + pick(40 * 24) * HOUR,
        });
      }
      if (next() < 0.25) {
        const sent = day * MS_PER_DAY + pick(24 * 60) * 60_000;
        emails.push({
          account,
          sent,
          replied: next() < 0.3 ? null : sent + pick(150 * 60) * 60_000,
        });
      }
    }
  }

  // Random dates and a run of consecutive ones, so that window edges interleave.
  const asOfDates = [
    ...new Set([
      ...Array.from({ length: 12 }, () => start + pick(204)),
      T - 20,
      T - 19,
      T - 18,
      T - 17,
      T - 16,
    ]),
  ];

  const instant = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  const tables: Record<string, Rows> = {
    accounts: accountIds.map((id, index) => ({
      account_id: id,
      contract_start: isoDay(contractStart[index]!),
      churned_on: churnedOn[index] === null ? null : isoDay(churnedOn[index]!),
    })),
    usage: usage.map((row) => ({
      account_id: row.account,
      user_id: row.user,
      date: isoDay(row.day),
      events: row.events,
      api_calls: row.api,
    })),
    features: ['f0', 'f1', 'f2', 'f3'].map((feature) => ({ feature, is_core: core.has(feature) })),
    feature_usage: features.map((row) => ({
      account_id: row.account,
      date: isoDay(row.day),
      feature: row.feature,
      events: row.events,
    })),
    escalations: escalations.map((row) => ({
      account_id: row.account,
      opened_at: instant(row.opened),
      resolved_at: row.resolved === null ? null : instant(row.resolved),
    })),
    emails: emails.map((row) => ({
      account_id: row.account,
      sent_at: instant(row.sent),
      replied_at: row.replied === null ? null : instant(row.replied),
    })),
  };

  const dayOf = (ms: number) => Math.floor(ms / MS_PER_DAY);
  const within = (day: number, from: number, to: number) => day >= from && day <= to;

  /** Every window recounted from the raw rows of one account at one t. */
  function recount(account: string, t: number): Partial<Record<RawColumn, number>> {
    const rows = usage.filter((row) => row.account === account);
    const sum = (from: number, to: number) =>
      rows.filter((row) => within(row.day, from, to)).reduce((total, row) => total + row.events, 0);
    const activeOn = (day: number) =>
      new Set(
        rows
          .filter((row) => row.day === day && row.user !== null && row.events > 0)
          .map((row) => row.user),
      );
    let dauSum = 0;
    const users = new Set<string | null>();
    for (let day = t - 27; day <= t; day++) {
      const active = activeOn(day);
      dauSum += active.size;
      for (const user of active) users.add(user);
    }
    const used = new Set(
      features
        .filter(
          (row) => row.account === account && within(row.day, t - 27, t) && core.has(row.feature),
        )
        .filter((row) => row.events === null || row.events > 0)
        .map((row) => row.feature),
    );
    // Instants against the end of t (midnight after it): answered when the reply is before it,
    // pending when unanswered and sent less than 72 h before it.
    const end = (t + 1) * MS_PER_DAY;
    const answered = (row: EmailRow) => row.replied !== null && row.replied < end;
    const counted = emails
      .filter((row) => row.account === account && within(dayOf(row.sent), t - 89, t))
      .filter((row) => answered(row) || end - row.sent >= 72 * HOUR)
      .map((row) => (answered(row) ? (row.replied! - row.sent) / HOUR : Infinity))
      .sort((a, b) => a - b);
    const middle = (values: number[]) => {
      if (values.length === 0) return Number.NaN;
      const low = values[Math.floor((values.length - 1) / 2)]!;
      const high = values[Math.floor(values.length / 2)]!;
      return high === Infinity ? Infinity : (low + high) / 2;
    };
    return {
      usage_last14: sum(t - 13, t),
      usage_prior14: sum(t - 27, t - 14),
      active_users_28: users.size,
      dau_sum_28: dauSum,
      api_calls_28: rows
        .filter((row) => within(row.day, t - 27, t))
        .reduce((total, row) => total + (row.api ?? 0), 0),
      core_features_used_28: used.size,
      feature_rows_to_date: features.filter((row) => row.account === account && row.day <= t)
        .length,
      open_escalations: escalations.filter(
        (row) =>
          row.account === account &&
          dayOf(row.opened) <= t &&
          (row.resolved === null || dayOf(row.resolved) > t),
      ).length,
      emails_counted_90: counted.length,
      email_median_hours_90: middle(counted),
    };
  }

  it('agrees on every pair of a random dataset', async () => {
    const matrix = await matrixOf(tables, asOfDates);
    let pairs = 0;
    for (const [index, account] of accountIds.entries()) {
      for (const t of asOfDates) {
        const eligible =
          contractStart[index]! <= t && (churnedOn[index] === null || churnedOn[index]! > t);
        expect(rowOf(matrix, account, t) !== undefined, `${account} ${t}`).toBe(eligible);
        if (!eligible) continue;
        pairs++;
        for (const [column, expected] of Object.entries(recount(account, t))) {
          const actual = valueOf(matrix, account, column as RawColumn, t);
          if (column === 'email_median_hours_90' && Number.isFinite(expected)) {
            expect(actual, `${account} ${t} ${column}`).toBeCloseTo(expected, 9);
          } else {
            expect(actual, `${account} ${t} ${column}`).toEqual(expected);
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(40);
  });
});
