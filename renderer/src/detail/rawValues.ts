/**
 * The raw facts behind each signal's points, in words: what the account did, as
 * the matrix records it, so a CSM can check a score against what they know.
 */
import type { SignalId } from '../../../core/catalogue.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';

const NO_DATA = 'no data';

type Describe = (value: (column: keyof SignalMatrix['columns']) => number, seats: number) => string;

function count(value: number, one: string, many = `${one}s`): string {
  return `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
}

function hours(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return 'unanswered';
  return value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} days`;
}

function trend(last: number, prior: number, what: string): string {
  const change =
    prior > 0
      ? ` (${last >= prior ? '+' : '−'}${Math.abs(Math.round((last / prior - 1) * 100))}%)`
      : '';
  return `${count(last, what)} in the last 14 days, ${prior.toLocaleString('en-US')} in the 14 before${change}`;
}

const SCALE_OF_THREE: Record<string, readonly [string, string, string]> = {
  outcome_goals: ['off track', 'at risk', 'on track'],
  outcome_value: ['negative', 'neutral', 'positive'],
  outcome_intent: ['no', 'unsure', 'yes'],
  csm_call_participation: ['absent', 'passive', 'active'],
};

const DESCRIBE: Readonly<Record<SignalId, Describe>> = {
  usage_trend: (v) => trend(v('usage_last14'), v('usage_prior14'), 'event'),
  license_utilization: (v, seats) =>
    Number.isNaN(seats) || seats === 0
      ? `${count(v('active_users_28'), 'active user')} (28 days); no paid seats on record`
      : `${count(v('active_users_28'), 'active user')} of ${count(seats, 'paid seat')} (28 days)`,
  feature_adoption_depth: (v) =>
    `${v('core_features_used_28')} of ${count(v('core_features_total'), 'core feature')} used (28 days)`,
  login_frequency: (v) => {
    const users = v('active_users_28');
    const daily = v('dau_sum_28') / 28;
    return `${daily.toFixed(1)} daily active users on average, ${count(users, 'monthly user')}`;
  },
  workflow_completion: (v) =>
    `${v('workflows_completed_28')} of ${count(v('workflows_started_28'), 'workflow')} completed (28 days)`,
  data_volume_trend: (v) => trend(v('records_last14'), v('records_prior14'), 'record'),
  integration_activity: (v) =>
    `${count(v('integrations_connected'), 'integration')} connected, ${count(v('api_calls_28'), 'API call')} (28 days)`,
  email_response_time: (v) =>
    `median reply ${hours(v('email_median_hours_90'))} over ${count(v('emails_counted_90'), 'email')}, ${v('emails_answered_90')} answered (90 days)`,
  email_response_trend: (v) =>
    `median reply ${hours(v('email_median_hours_30'))} in the last 30 days, ${hours(v('email_median_hours_prior90'))} in the 90 before`,
  meeting_attendance: (v) =>
    `${v('meetings_attended_90')} of ${count(v('meetings_held_90'), 'meeting')} attended (90 days)`,
  support_sentiment: (v) =>
    `${v('tickets_positive_90')} positive, ${v('tickets_neutral_90')} neutral, ${v('tickets_negative_90')} negative tickets (90 days)`,
  csm_call_participation: (v) =>
    `${SCALE_OF_THREE.csm_call_participation![v('csm_call_participation')] ?? NO_DATA} in the latest CSM call`,
  community_participation: (v) =>
    `${count(v('community_posts_90'), 'post')}, ${count(v('community_views_90'), 'view')} (90 days)`,
  training_attendance: (v) =>
    `${count(v('trainings_attended_180'), 'training or webinar', 'trainings or webinars')} attended (180 days)`,
  champion_active: (v) =>
    v('champion_active') === 1
      ? 'an active champion'
      : v('champion_left') === 1
        ? 'no active champion; one has left'
        : 'no champion identified',
  exec_sponsor_engaged: (v) =>
    v('exec_sponsor_engaged') === 1
      ? 'executive sponsor met or replied in 90 days'
      : 'no engaged executive sponsor in 90 days',
  multi_threaded: (v) => `${count(v('active_contacts'), 'active contact')}`,
  stakeholder_sentiment: (v) => {
    const rated = v('active_sentiment_count');
    return rated > 0
      ? `mean sentiment ${(v('active_sentiment_sum') / rated).toFixed(2)} over ${count(rated, 'rated contact')}`
      : 'no rated active contact';
  },
  leadership_stable: (v) =>
    `${count(v('new_senior_contacts_90'), 'new C-level or VP contact')} in 90 days`,
  roi_documented: (v) =>
    `latest review: ROI ${v('outcome_roi') === 1 ? 'documented' : 'not documented'}`,
  goals_on_track: (v) =>
    `latest review: goals ${SCALE_OF_THREE.outcome_goals![v('outcome_goals')] ?? NO_DATA}`,
  reported_value: (v) =>
    `latest review: value ${SCALE_OF_THREE.outcome_value![v('outcome_value')] ?? NO_DATA}`,
  renewal_intent: (v) =>
    `latest review: intends to renew: ${SCALE_OF_THREE.outcome_intent![v('outcome_intent')] ?? NO_DATA}`,
  nps: (v) => {
    const responses = v('nps_responses_180');
    if (!(responses > 0)) return 'no survey answers in 180 days';
    const score = ((v('nps_promoters_180') - v('nps_detractors_180')) / responses) * 100;
    return `NPS ${Math.round(score)}: ${v('nps_promoters_180')} promoters, ${v('nps_detractors_180')} detractors of ${count(responses, 'answer')} (180 days)`;
  },
};

/** Which raw columns each signal reads; a signal with all of them missing has no data. */
const INPUTS: Readonly<Record<SignalId, readonly (keyof SignalMatrix['columns'])[]>> = {
  usage_trend: ['usage_last14'],
  license_utilization: ['active_users_28'],
  feature_adoption_depth: ['core_features_total'],
  login_frequency: ['active_users_28'],
  workflow_completion: ['workflows_started_28'],
  data_volume_trend: ['records_last14'],
  integration_activity: ['integrations_connected'],
  email_response_time: ['emails_counted_90'],
  email_response_trend: ['email_median_hours_30', 'email_median_hours_prior90'],
  meeting_attendance: ['meetings_held_90'],
  support_sentiment: ['tickets_positive_90'],
  csm_call_participation: ['csm_call_participation'],
  community_participation: ['community_posts_90'],
  training_attendance: ['trainings_attended_180'],
  champion_active: ['contacts_started'],
  exec_sponsor_engaged: ['contacts_started'],
  multi_threaded: ['contacts_started'],
  stakeholder_sentiment: ['contacts_started'],
  leadership_stable: ['contacts_started'],
  roi_documented: ['outcome_roi'],
  goals_on_track: ['outcome_goals'],
  reported_value: ['outcome_value'],
  renewal_intent: ['outcome_intent'],
  nps: ['nps_responses_180'],
};

/** The raw values of one signal at one matrix row, in words; "no data" when its inputs are missing. */
export function describeRawValues(matrix: SignalMatrix, signal: SignalId, row: number): string {
  const value = (column: keyof SignalMatrix['columns']) => matrix.columns[column][row] as number;
  const inputs = INPUTS[signal];
  if (inputs.some((column) => Number.isNaN(value(column)))) return NO_DATA;
  const seats = matrix.accounts.paidSeats[matrix.accountIndex[row] as number] as number;
  return DESCRIBE[signal](value, seats);
}
