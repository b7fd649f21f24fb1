/**
 * Signals → points. Each function turns the raw values of one signal (as the signal
 * matrix holds them) into points in 0..100, or NaN when the signal is missing.
 * Missing is never zero: the scorer leaves it out and renormalises the weights.
 *
 * Band edges are compared in exact arithmetic: a ratio a/b against a whole-percent
 * edge p is tested as a × 100 against p × b, so that 110 events against 100 is a
 * trend of exactly +10 % and never 10.000000000000002 %. The raw values are whole
 * counts, so the products stay exact integers below 2^53.
 */
import type { SignalId } from './catalogue.ts';
import type {
  AboveBands,
  AtLeastBands,
  AtMostBands,
  Bands,
  EmailTimeBands,
  IntegrationBands,
  ModelConfig,
  TrendBands,
} from './config.ts';
import { rowCount, type SignalMatrix } from './matrix.ts';

const WINDOW_28 = 28;

/** True when the value is a number we can score from (not NaN, the encoding of "no value"). */
function present(value: number): boolean {
  return !Number.isNaN(value);
}

/** Points of the ratio numerator/denominator on ≥ tiers of whole percents; the caller ensures denominator > 0. */
function atLeastRatioPoints(numerator: number, denominator: number, bands: AtLeastBands): number {
  const scaled = numerator * 100;
  const tiers = bands.tiers;
  for (let index = 0; index < tiers.length; index += 1) {
    const tier = tiers[index] as AtLeastBands['tiers'][number];
    if (scaled >= tier.atLeast * denominator) return tier.points;
  }
  return bands.otherwise;
}

/** Points of a whole count on ≥ tiers. */
function atLeastCountPoints(value: number, bands: AtLeastBands): number {
  for (const tier of bands.tiers) {
    if (value >= tier.atLeast) return tier.points;
  }
  return bands.otherwise;
}

/**
 * Points of a 14-day trend from the sums of the last 14 days and of the 14 before
 * (the division by 14 cancels). Missing without 28 days of history or without values;
 * a dead last fortnight scores `dead`, a restart after an empty fortnight `restarted`;
 * otherwise trend = last/prior − 1 is banded with the edges of `bands`.
 */
export function trendPoints(
  last14: number,
  prior14: number,
  hasHistory: boolean,
  bands: TrendBands,
): number {
  if (!hasHistory || !present(last14) || !present(prior14)) return Number.NaN;
  if (last14 === 0) return bands.points.dead;
  if (prior14 === 0) return bands.points.restarted;

  const scaled = last14 * 100;
  if (scaled > prior14 * (100 + bands.expandingAbove)) return bands.points.expanding;
  if (scaled >= prior14 * (100 + bands.stableFrom)) return bands.points.stable;
  if (scaled >= prior14 * (100 + bands.decliningFrom)) return bands.points.declining;
  return bands.points.critical;
}

/** Whether the account's contract started early enough (on or before t−27) for a 28-day trend. */
export function hasTrendHistory(contractStart: number, asOf: number): boolean {
  return contractStart <= asOf - 27;
}

/** usage_trend: events of the last 14 days against the 14 before; missing if the account started after t−27. */
export function usageTrendPoints(
  usageLast14: number,
  usagePrior14: number,
  contractStart: number,
  asOf: number,
  bands: TrendBands,
): number {
  return trendPoints(usageLast14, usagePrior14, hasTrendHistory(contractStart, asOf), bands);
}

/** data_volume_trend: as usage_trend, on records created; missing when the dataset has no records column. */
export function dataVolumeTrendPoints(
  recordsLast14: number,
  recordsPrior14: number,
  contractStart: number,
  asOf: number,
  bands: TrendBands,
): number {
  return trendPoints(recordsLast14, recordsPrior14, hasTrendHistory(contractStart, asOf), bands);
}

/** license_utilization: distinct active users of 28 days ÷ paid seats; missing when paid seats are empty or 0. */
export function licenseUtilizationPoints(
  activeUsers28: number,
  paidSeats: number,
  bands: AtLeastBands,
): number {
  if (!present(paidSeats) || paidSeats <= 0 || !present(activeUsers28)) return Number.NaN;
  return atLeastRatioPoints(activeUsers28, paidSeats, bands);
}

/**
 * feature_adoption_depth: core features used in 28 days ÷ core features in the catalogue.
 * Missing without the feature tables, without core features, or when the account has no
 * feature rows up to t; once it has some, a window without rows means none used.
 */
export function featureAdoptionPoints(
  coreFeaturesUsed28: number,
  coreFeaturesTotal: number,
  featureRowsToDate: number,
  bands: AtLeastBands,
): number {
  if (!present(coreFeaturesTotal) || coreFeaturesTotal <= 0) return Number.NaN;
  if (!present(featureRowsToDate) || featureRowsToDate <= 0) return Number.NaN;
  const used = present(coreFeaturesUsed28) ? coreFeaturesUsed28 : 0;
  return atLeastRatioPoints(used, coreFeaturesTotal, bands);
}

/**
 * login_frequency: stickiness = (Σ daily active users over 28 days ÷ 28) ÷ distinct active
 * users of those 28 days. No active user at all scores the lowest band: nobody logging in
 * is the least habitual use there is, not an absence of data.
 */
export function loginFrequencyPoints(
  dauSum28: number,
  activeUsers28: number,
  bands: AtLeastBands,
): number {
  if (!present(dauSum28) || !present(activeUsers28)) return Number.NaN;
  if (activeUsers28 <= 0) return bands.otherwise;
  return atLeastRatioPoints(dauSum28, WINDOW_28 * activeUsers28, bands);
}

/** workflow_completion: Σ completed ÷ Σ started over 28 days; missing when nothing was started. */
export function workflowCompletionPoints(
  workflowsStarted28: number,
  workflowsCompleted28: number,
  bands: AtLeastBands,
): number {
  if (!present(workflowsStarted28) || workflowsStarted28 <= 0) return Number.NaN;
  if (!present(workflowsCompleted28)) return Number.NaN;
  return atLeastRatioPoints(workflowsCompleted28, workflowsStarted28, bands);
}

/**
 * integration_activity: integrations connected at t, then API calls of 28 days for accounts
 * without integrations. Scored only when the data present decides the band: without the
 * integrations table, or with no integrations and no API-call column, it is missing.
 */
export function integrationActivityPoints(
  integrationsConnected: number,
  apiCalls28: number,
  bands: IntegrationBands,
): number {
  if (!present(integrationsConnected)) return Number.NaN;
  for (const tier of bands.tiers) {
    if (integrationsConnected >= tier.atLeast) return tier.points;
  }
  if (!present(apiCalls28)) return Number.NaN;
  return apiCalls28 > 0 ? bands.apiOnly : bands.none;
}

/**
 * email_response_time: median reply hours of the emails counted in 90 days (+Infinity for an
 * unanswered one). Missing when none were counted; `unanswered` when none was answered.
 */
export function emailResponseTimePoints(
  emailsCounted90: number,
  emailsAnswered90: number,
  medianHours90: number,
  bands: EmailTimeBands,
): number {
  if (!present(emailsCounted90) || emailsCounted90 <= 0) return Number.NaN;
  if (emailsAnswered90 === 0) return bands.points.unanswered;
  if (!present(medianHours90)) return Number.NaN;
  if (medianHours90 < bands.fastBelowHours) return bands.points.fast;
  if (medianHours90 < bands.slowFromHours) return bands.points.medium;
  return bands.points.slow;
}

/**
 * email_response_trend: median reply hours of the last 30 days ÷ that of the 90 days before,
 * on ≤ tiers of whole percents. Missing when either median is. An infinite recent median
 * (most recent emails unanswered) scores the lowest band whatever came before; an infinite
 * prior median with a finite recent one is a ratio of 0, the best band.
 */
export function emailResponseTrendPoints(
  medianHours30: number,
  medianHoursPrior90: number,
  bands: AtMostBands,
): number {
  if (!present(medianHours30) || !present(medianHoursPrior90)) return Number.NaN;
  if (medianHours30 === Number.POSITIVE_INFINITY) return bands.otherwise;

  const scaled = medianHours30 * 100;
  for (const tier of bands.tiers) {
    if (scaled <= tier.atMost * medianHoursPrior90) return tier.points;
  }
  return bands.otherwise;
}

/** meeting_attendance: attended ÷ held in 90 days on strict > tiers; missing when none was held. */
export function meetingAttendancePoints(
  meetingsHeld90: number,
  meetingsAttended90: number,
  bands: AboveBands,
): number {
  if (!present(meetingsHeld90) || meetingsHeld90 <= 0 || !present(meetingsAttended90)) {
    return Number.NaN;
  }
  const scaled = meetingsAttended90 * 100;
  for (const tier of bands.tiers) {
    if (scaled > tier.above * meetingsHeld90) return tier.points;
  }
  return bands.otherwise;
}

/** support_sentiment: mean of per-ticket points over the rated tickets of 90 days; missing without one. */
export function supportSentimentPoints(
  positive90: number,
  neutral90: number,
  negative90: number,
  bands: Bands['support_sentiment'],
): number {
  if (!present(positive90) || !present(neutral90) || !present(negative90)) return Number.NaN;
  const rated = positive90 + neutral90 + negative90;
  if (rated <= 0) return Number.NaN;
  return (
    (positive90 * bands.positive + neutral90 * bands.neutral + negative90 * bands.negative) / rated
  );
}

/** csm_call_participation: the latest CSM call of 90 days, coded 2 active, 1 passive, 0 absent. */
export function csmCallParticipationPoints(
  participation: number,
  bands: Bands['csm_call_participation'],
): number {
  if (participation === 2) return bands.active;
  if (participation === 1) return bands.passive;
  if (participation === 0) return bands.absent;
  return Number.NaN;
}

/** community_participation: any post in 90 days is active, only views a lurker, else none. */
export function communityParticipationPoints(
  posts90: number,
  views90: number,
  bands: Bands['community_participation'],
): number {
  if (!present(posts90) || !present(views90)) return Number.NaN;
  if (posts90 > 0) return bands.active;
  if (views90 > 0) return bands.lurker;
  return bands.none;
}

/** training_attendance: trainings and webinars attended in 180 days, on ≥ count tiers. */
export function trainingAttendancePoints(
  trainingsAttended180: number,
  bands: AtLeastBands,
): number {
  if (!present(trainingsAttended180)) return Number.NaN;
  return atLeastCountPoints(trainingsAttended180, bands);
}

/** Whether the relationship layer has data: some contact had started by t (left since or not). */
export function hasRelationshipData(contactsStarted: number): boolean {
  return present(contactsStarted) && contactsStarted > 0;
}

/** A checklist item: 100 when true, 0 when false, NaN when the layer has no data or the flag none. */
function checklistPoints(hasData: boolean, flag: number): number {
  if (!hasData || !present(flag)) return Number.NaN;
  return flag > 0 ? 100 : 0;
}

/** champion_active: 100 when an active contact is a champion, else 0; missing without contacts. */
export function championActivePoints(contactsStarted: number, championActive: number): number {
  return checklistPoints(hasRelationshipData(contactsStarted), championActive);
}

/** exec_sponsor_engaged: 100 when an active executive sponsor engaged in 90 days, else 0. */
export function execSponsorEngagedPoints(
  contactsStarted: number,
  execSponsorEngaged: number,
): number {
  return checklistPoints(hasRelationshipData(contactsStarted), execSponsorEngaged);
}

/** multi_threaded: 100 with at least the configured number of active contacts, else 0. */
export function multiThreadedPoints(
  contactsStarted: number,
  activeContacts: number,
  bands: Bands['multi_threaded'],
): number {
  if (!hasRelationshipData(contactsStarted) || !present(activeContacts)) return Number.NaN;
  return activeContacts >= bands.activeContactsAtLeast ? 100 : 0;
}

/**
 * stakeholder_sentiment: 100 when the mean sentiment of the rated active contacts is above 0,
 * else 0. No rated active contact is not a positive mean, so it earns 0.
 */
export function stakeholderSentimentPoints(
  contactsStarted: number,
  activeSentimentSum: number,
  activeSentimentCount: number,
): number {
  if (!hasRelationshipData(contactsStarted)) return Number.NaN;
  if (!(activeSentimentCount > 0)) return 0;
  if (!present(activeSentimentSum)) return Number.NaN;
  return activeSentimentSum > 0 ? 100 : 0;
}

/** leadership_stable: 100 when no active C-level or VP contact started in the last 90 days, else 0. */
export function leadershipStablePoints(
  contactsStarted: number,
  newSeniorContacts90: number,
): number {
  if (!hasRelationshipData(contactsStarted) || !present(newSeniorContacts90)) return Number.NaN;
  return newSeniorContacts90 === 0 ? 100 : 0;
}

/** roi_documented of the latest outcome record: 1 yes, 0 no. */
export function roiDocumentedPoints(roi: number, bands: Bands['roi_documented']): number {
  if (roi === 1) return bands.yes;
  if (roi === 0) return bands.no;
  return Number.NaN;
}

/** goals_on_track of the latest outcome record: 2 on_track, 1 at_risk, 0 off_track. */
export function goalsOnTrackPoints(goals: number, bands: Bands['goals_on_track']): number {
  if (goals === 2) return bands.on_track;
  if (goals === 1) return bands.at_risk;
  if (goals === 0) return bands.off_track;
  return Number.NaN;
}

/** reported_value of the latest outcome record: 2 positive, 1 neutral, 0 negative. */
export function reportedValuePoints(value: number, bands: Bands['reported_value']): number {
  if (value === 2) return bands.positive;
  if (value === 1) return bands.neutral;
  if (value === 0) return bands.negative;
  return Number.NaN;
}

/** renewal_intent of the latest outcome record: 2 yes, 1 unsure, 0 no. */
export function renewalIntentPoints(intent: number, bands: Bands['renewal_intent']): number {
  if (intent === 2) return bands.yes;
  if (intent === 1) return bands.unsure;
  if (intent === 0) return bands.no;
  return Number.NaN;
}

/**
 * nps: NPS = % promoters − % detractors over the responses of 180 days, and points =
 * (NPS + 100) / 2, i.e. 50 × (responses + promoters − detractors) ÷ responses.
 * Missing without responses.
 */
export function npsPoints(
  promoters180: number,
  detractors180: number,
  responses180: number,
): number {
  if (!present(responses180) || responses180 <= 0) return Number.NaN;
  if (!present(promoters180) || !present(detractors180)) return Number.NaN;
  return (50 * (responses180 + promoters180 - detractors180)) / responses180;
}

type ColumnPoints = (matrix: SignalMatrix, bands: Bands, out: Float64Array) => void;

/**
 * One loop per signal, each calling its own scalar function, keeps every call site
 * monomorphic so the engine inlines it: a whole history rescores in milliseconds.
 */
const COLUMN_POINTS: Readonly<Record<SignalId, ColumnPoints>> = {
  usage_trend(matrix, bands, out) {
    const { usage_last14: last, usage_prior14: prior } = matrix.columns;
    const { accountIndex, asOfIndex, asOfDates } = matrix;
    const starts = matrix.accounts.contractStart;
    for (let row = 0; row < out.length; row += 1) {
      const start = starts[accountIndex[row] as number] as number;
      const asOf = asOfDates[asOfIndex[row] as number] as number;
      out[row] = usageTrendPoints(
        last[row] as number,
        prior[row] as number,
        start,
        asOf,
        bands.usage_trend,
      );
    }
  },
  license_utilization(matrix, bands, out) {
    const users = matrix.columns.active_users_28;
    const seats = matrix.accounts.paidSeats;
    const { accountIndex } = matrix;
    for (let row = 0; row < out.length; row += 1) {
      const paidSeats = seats[accountIndex[row] as number] as number;
      out[row] = licenseUtilizationPoints(
        users[row] as number,
        paidSeats,
        bands.license_utilization,
      );
    }
  },
  feature_adoption_depth(matrix, bands, out) {
    const { core_features_used_28: used, core_features_total: total } = matrix.columns;
    const rows = matrix.columns.feature_rows_to_date;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = featureAdoptionPoints(
        used[row] as number,
        total[row] as number,
        rows[row] as number,
        bands.feature_adoption_depth,
      );
    }
  },
  login_frequency(matrix, bands, out) {
    const { dau_sum_28: dauSum, active_users_28: users } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = loginFrequencyPoints(
        dauSum[row] as number,
        users[row] as number,
        bands.login_frequency,
      );
    }
  },
  workflow_completion(matrix, bands, out) {
    const { workflows_started_28: started, workflows_completed_28: completed } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = workflowCompletionPoints(
        started[row] as number,
        completed[row] as number,
        bands.workflow_completion,
      );
    }
  },
  data_volume_trend(matrix, bands, out) {
    const { records_last14: last, records_prior14: prior } = matrix.columns;
    const { accountIndex, asOfIndex, asOfDates } = matrix;
    const starts = matrix.accounts.contractStart;
    for (let row = 0; row < out.length; row += 1) {
      const start = starts[accountIndex[row] as number] as number;
      const asOf = asOfDates[asOfIndex[row] as number] as number;
      out[row] = dataVolumeTrendPoints(
        last[row] as number,
        prior[row] as number,
        start,
        asOf,
        bands.data_volume_trend,
      );
    }
  },
  integration_activity(matrix, bands, out) {
    const { integrations_connected: connected, api_calls_28: apiCalls } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = integrationActivityPoints(
        connected[row] as number,
        apiCalls[row] as number,
        bands.integration_activity,
      );
    }
  },
  email_response_time(matrix, bands, out) {
    const { emails_counted_90: counted, emails_answered_90: answered } = matrix.columns;
    const median = matrix.columns.email_median_hours_90;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = emailResponseTimePoints(
        counted[row] as number,
        answered[row] as number,
        median[row] as number,
        bands.email_response_time,
      );
    }
  },
  email_response_trend(matrix, bands, out) {
    const { email_median_hours_30: recent, email_median_hours_prior90: prior } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = emailResponseTrendPoints(
        recent[row] as number,
        prior[row] as number,
        bands.email_response_trend,
      );
    }
  },
  meeting_attendance(matrix, bands, out) {
    const { meetings_held_90: held, meetings_attended_90: attended } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = meetingAttendancePoints(
        held[row] as number,
        attended[row] as number,
        bands.meeting_attendance,
      );
    }
  },
  support_sentiment(matrix, bands, out) {
    const { tickets_positive_90: positive, tickets_neutral_90: neutral } = matrix.columns;
    const negative = matrix.columns.tickets_negative_90;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = supportSentimentPoints(
        positive[row] as number,
        neutral[row] as number,
        negative[row] as number,
        bands.support_sentiment,
      );
    }
  },
  csm_call_participation(matrix, bands, out) {
    const participation = matrix.columns.csm_call_participation;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = csmCallParticipationPoints(
        participation[row] as number,
        bands.csm_call_participation,
      );
    }
  },
  community_participation(matrix, bands, out) {
    const { community_posts_90: posts, community_views_90: views } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = communityParticipationPoints(
        posts[row] as number,
        views[row] as number,
        bands.community_participation,
      );
    }
  },
  training_attendance(matrix, bands, out) {
    const trainings = matrix.columns.trainings_attended_180;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = trainingAttendancePoints(trainings[row] as number, bands.training_attendance);
    }
  },
  champion_active(matrix, _bands, out) {
    const { contacts_started: started, champion_active: champion } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = championActivePoints(started[row] as number, champion[row] as number);
    }
  },
  exec_sponsor_engaged(matrix, _bands, out) {
    const { contacts_started: started, exec_sponsor_engaged: engaged } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = execSponsorEngagedPoints(started[row] as number, engaged[row] as number);
    }
  },
  multi_threaded(matrix, bands, out) {
    const { contacts_started: started, active_contacts: active } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = multiThreadedPoints(
        started[row] as number,
        active[row] as number,
        bands.multi_threaded,
      );
    }
  },
  stakeholder_sentiment(matrix, _bands, out) {
    const { contacts_started: started, active_sentiment_sum: sum } = matrix.columns;
    const count = matrix.columns.active_sentiment_count;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = stakeholderSentimentPoints(
        started[row] as number,
        sum[row] as number,
        count[row] as number,
      );
    }
  },
  leadership_stable(matrix, _bands, out) {
    const { contacts_started: started, new_senior_contacts_90: newSenior } = matrix.columns;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = leadershipStablePoints(started[row] as number, newSenior[row] as number);
    }
  },
  roi_documented(matrix, bands, out) {
    const roi = matrix.columns.outcome_roi;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = roiDocumentedPoints(roi[row] as number, bands.roi_documented);
    }
  },
  goals_on_track(matrix, bands, out) {
    const goals = matrix.columns.outcome_goals;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = goalsOnTrackPoints(goals[row] as number, bands.goals_on_track);
    }
  },
  reported_value(matrix, bands, out) {
    const value = matrix.columns.outcome_value;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = reportedValuePoints(value[row] as number, bands.reported_value);
    }
  },
  renewal_intent(matrix, bands, out) {
    const intent = matrix.columns.outcome_intent;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = renewalIntentPoints(intent[row] as number, bands.renewal_intent);
    }
  },
  nps(matrix, _bands, out) {
    const { nps_promoters_180: promoters, nps_detractors_180: detractors } = matrix.columns;
    const responses = matrix.columns.nps_responses_180;
    for (let row = 0; row < out.length; row += 1) {
      out[row] = npsPoints(
        promoters[row] as number,
        detractors[row] as number,
        responses[row] as number,
      );
    }
  },
};

/**
 * The points of one signal for every row of the matrix (NaN where missing), whether or not
 * the signal is enabled, written into `out` when given.
 */
export function signalPoints(
  matrix: SignalMatrix,
  signal: SignalId,
  config: ModelConfig,
  out: Float64Array = new Float64Array(rowCount(matrix)),
): Float64Array {
  COLUMN_POINTS[signal](matrix, config.bands, out);
  return out;
}
