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

// Column kernels. A kernel restates a signal's scalar function above for a whole column,
// in two steps: it works out which band each row falls in, as a slot number, and returns
// the points of every slot (the last slot is always NaN, missing); the points of a row are
// then its slot's. On real data the band changes from one row to the next, so a branch
// per band edge would be mispredicted half the time and cost more than the arithmetic: a
// kernel turns each band condition into 0 or 1 (`Number(comparison)`) and sums those into
// the slot. Missing values stay an early branch, as missing data come in long runs. The
// comparisons are the scalar functions' own, operand for operand, so every row gets the
// same points; a test checks each kernel against its scalar function.

/** Writes each row's band slot into `slots` and returns the points of each slot. */
type SlotKernel = (matrix: SignalMatrix, bands: Bands, slots: Int32Array) => Float64Array;

/** Writes each row's points into `out`, for the signals whose points are a formula, not a band. */
type ValueKernel = (matrix: SignalMatrix, bands: Bands, out: Float64Array) => void;

/** `whenTrue` when the 0/1 `condition` is 1, else `whenFalse`, by arithmetic on small integers. */
function choose(condition: number, whenTrue: number, whenFalse: number): number {
  return whenFalse + condition * (whenTrue - whenFalse);
}

/**
 * The slot of the first tier t with scaled ≥ edges[t] × denominator, or edges.length when
 * none holds: the sum over t of "every tier up to t missed", which stops growing at the
 * first hit whatever the later tiers say.
 */
function firstAtLeast(scaled: number, denominator: number, edges: Float64Array): number {
  let slot = 0;
  let missedSoFar = 1;
  for (let tier = 0; tier < edges.length; tier += 1) {
    missedSoFar *= 1 - Number(scaled >= (edges[tier] as number) * denominator);
    slot += missedSoFar;
  }
  return slot;
}

/** As firstAtLeast, for tiers on a count: the first tier t with value ≥ edges[t]. */
function firstCountAtLeast(value: number, edges: Float64Array): number {
  let slot = 0;
  let missedSoFar = 1;
  for (let tier = 0; tier < edges.length; tier += 1) {
    missedSoFar *= 1 - Number(value >= (edges[tier] as number));
    slot += missedSoFar;
  }
  return slot;
}

/** As firstAtLeast, for strict tiers: the first tier t with scaled > edges[t] × denominator. */
function firstAbove(scaled: number, denominator: number, edges: Float64Array): number {
  let slot = 0;
  let missedSoFar = 1;
  for (let tier = 0; tier < edges.length; tier += 1) {
    missedSoFar *= 1 - Number(scaled > (edges[tier] as number) * denominator);
    slot += missedSoFar;
  }
  return slot;
}

/** As firstAtLeast, for ≤ tiers: the first tier t with scaled ≤ edges[t] × denominator. */
function firstAtMost(scaled: number, denominator: number, edges: Float64Array): number {
  let slot = 0;
  let missedSoFar = 1;
  for (let tier = 0; tier < edges.length; tier += 1) {
    missedSoFar *= 1 - Number(scaled <= (edges[tier] as number) * denominator);
    slot += missedSoFar;
  }
  return slot;
}

/** Points by slot for tiered bands: one per tier, then `otherwise`, then NaN (missing). */
function tierPoints(
  tiers: readonly { readonly points: number }[],
  otherwise: number,
): Float64Array {
  return Float64Array.from([...tiers.map((tier) => tier.points), otherwise, Number.NaN]);
}

/**
 * Slot of a coded answer: 0 for code 2, 1 for code 1, 2 for code 0, 3 (missing) for any
 * other value or NaN, the order of the three-way answers' points tables.
 */
function threeWaySlots(codes: Float64Array, slots: Int32Array): void {
  for (let row = 0; row < slots.length; row += 1) {
    const code = codes[row] as number;
    slots[row] = 3 - 3 * Number(code === 2) - 2 * Number(code === 1) - Number(code === 0);
  }
}

/** Checklist points by slot: 100 when true, 0 when false, NaN when missing. */
const CHECKLIST_POINTS = Float64Array.of(100, 0, Number.NaN);
const CHECKLIST_FALSE = 1;
const CHECKLIST_MISSING = 2;

/** A checklist item from a flag: missing without relationship data or without the flag. */
function checklistSlots(
  started: Float64Array,
  flags: Float64Array,
  slots: Int32Array,
): Float64Array {
  for (let row = 0; row < slots.length; row += 1) {
    const flag = flags[row] as number;
    if (!((started[row] as number) > 0) || flag !== flag) {
      slots[row] = CHECKLIST_MISSING;
      continue;
    }
    slots[row] = 1 - Number(flag > 0);
  }
  return CHECKLIST_POINTS;
}

/** usage_trend and data_volume_trend: trendPoints with hasTrendHistory, slot by slot. */
function trendSlots(
  matrix: SignalMatrix,
  last: Float64Array,
  prior: Float64Array,
  bands: TrendBands,
  slots: Int32Array,
): Float64Array {
  const { expanding, stable, declining, critical, dead, restarted } = bands.points;
  const expandingEdge = 100 + bands.expandingAbove;
  const stableEdge = 100 + bands.stableFrom;
  const decliningEdge = 100 + bands.decliningFrom;
  const { accountIndex, asOfIndex, asOfDates } = matrix;
  const starts = matrix.accounts.contractStart;
  for (let row = 0; row < slots.length; row += 1) {
    const start = starts[accountIndex[row] as number] as number;
    const asOf = asOfDates[asOfIndex[row] as number] as number;
    const lastValue = last[row] as number;
    const priorValue = prior[row] as number;
    if (!hasTrendHistory(start, asOf) || lastValue !== lastValue || priorValue !== priorValue) {
      slots[row] = 6;
      continue;
    }
    const scaled = lastValue * 100;
    const notExpanding = 1 - Number(scaled > priorValue * expandingEdge);
    const notStable = 1 - Number(scaled >= priorValue * stableEdge);
    const notDeclining = 1 - Number(scaled >= priorValue * decliningEdge);
    const slot = choose(
      Number(priorValue === 0),
      5,
      notExpanding * (1 + notStable * (1 + notDeclining)),
    );
    slots[row] = choose(Number(lastValue === 0), 4, slot);
  }
  return Float64Array.of(expanding, stable, declining, critical, dead, restarted, Number.NaN);
}

const SLOT_KERNELS: Readonly<Partial<Record<SignalId, SlotKernel>>> = {
  usage_trend(matrix, bands, slots) {
    const { usage_last14: last, usage_prior14: prior } = matrix.columns;
    return trendSlots(matrix, last, prior, bands.usage_trend, slots);
  },
  license_utilization(matrix, bands, slots) {
    const users = matrix.columns.active_users_28;
    const seats = matrix.accounts.paidSeats;
    const { accountIndex } = matrix;
    const { tiers, otherwise } = bands.license_utilization;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    for (let row = 0; row < slots.length; row += 1) {
      const paidSeats = seats[accountIndex[row] as number] as number;
      const activeUsers = users[row] as number;
      if (!(paidSeats > 0) || activeUsers !== activeUsers) {
        slots[row] = tiers.length + 1;
        continue;
      }
      slots[row] = firstAtLeast(activeUsers * 100, paidSeats, edges);
    }
    return tierPoints(tiers, otherwise);
  },
  feature_adoption_depth(matrix, bands, slots) {
    const { core_features_used_28: used, core_features_total: total } = matrix.columns;
    const rows = matrix.columns.feature_rows_to_date;
    const { tiers, otherwise } = bands.feature_adoption_depth;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    for (let row = 0; row < slots.length; row += 1) {
      const coreTotal = total[row] as number;
      if (!(coreTotal > 0) || !((rows[row] as number) > 0)) {
        slots[row] = tiers.length + 1;
        continue;
      }
      const usedValue = used[row] as number;
      const usedCount = usedValue === usedValue ? usedValue : 0;
      slots[row] = firstAtLeast(usedCount * 100, coreTotal, edges);
    }
    return tierPoints(tiers, otherwise);
  },
  login_frequency(matrix, bands, slots) {
    const { dau_sum_28: dauSum, active_users_28: users } = matrix.columns;
    const { tiers, otherwise } = bands.login_frequency;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    for (let row = 0; row < slots.length; row += 1) {
      const dau = dauSum[row] as number;
      const activeUsers = users[row] as number;
      if (dau !== dau || activeUsers !== activeUsers) {
        slots[row] = tiers.length + 1;
        continue;
      }
      slots[row] = choose(
        Number(activeUsers > 0),
        firstAtLeast(dau * 100, WINDOW_28 * activeUsers, edges),
        tiers.length,
      );
    }
    return tierPoints(tiers, otherwise);
  },
  workflow_completion(matrix, bands, slots) {
    const { workflows_started_28: started, workflows_completed_28: completed } = matrix.columns;
    const { tiers, otherwise } = bands.workflow_completion;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    for (let row = 0; row < slots.length; row += 1) {
      const startedCount = started[row] as number;
      const completedCount = completed[row] as number;
      if (!(startedCount > 0) || completedCount !== completedCount) {
        slots[row] = tiers.length + 1;
        continue;
      }
      slots[row] = firstAtLeast(completedCount * 100, startedCount, edges);
    }
    return tierPoints(tiers, otherwise);
  },
  data_volume_trend(matrix, bands, slots) {
    const { records_last14: last, records_prior14: prior } = matrix.columns;
    return trendSlots(matrix, last, prior, bands.data_volume_trend, slots);
  },
  integration_activity(matrix, bands, slots) {
    const { integrations_connected: connected, api_calls_28: apiCalls } = matrix.columns;
    const { tiers, apiOnly, none } = bands.integration_activity;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    // Slots: one per tier, then apiOnly, none, missing.
    const apiOnlySlot = tiers.length;
    const missingSlot = tiers.length + 2;
    for (let row = 0; row < slots.length; row += 1) {
      const integrations = connected[row] as number;
      if (integrations !== integrations) {
        slots[row] = missingSlot;
        continue;
      }
      const calls = apiCalls[row] as number;
      const tierSlot = firstCountAtLeast(integrations, edges);
      const apiSlot = choose(
        Number(calls === calls),
        apiOnlySlot + 1 - Number(calls > 0),
        missingSlot,
      );
      slots[row] = choose(Number(tierSlot < tiers.length), tierSlot, apiSlot);
    }
    return Float64Array.from([...tiers.map((tier) => tier.points), apiOnly, none, Number.NaN]);
  },
  email_response_time(matrix, bands, slots) {
    const { emails_counted_90: counted, emails_answered_90: answered } = matrix.columns;
    const median = matrix.columns.email_median_hours_90;
    const { fastBelowHours, slowFromHours } = bands.email_response_time;
    for (let row = 0; row < slots.length; row += 1) {
      if (!((counted[row] as number) > 0)) {
        slots[row] = 4;
        continue;
      }
      const hours = median[row] as number;
      const notFast = 1 - Number(hours < fastBelowHours);
      const notMedium = 1 - Number(hours < slowFromHours);
      const slot = choose(Number(hours === hours), notFast * (1 + notMedium), 4);
      slots[row] = choose(Number((answered[row] as number) === 0), 3, slot);
    }
    const { fast, medium, slow, unanswered } = bands.email_response_time.points;
    return Float64Array.of(fast, medium, slow, unanswered, Number.NaN);
  },
  email_response_trend(matrix, bands, slots) {
    const { email_median_hours_30: recent, email_median_hours_prior90: prior } = matrix.columns;
    const { tiers, otherwise } = bands.email_response_trend;
    const edges = Float64Array.from(tiers, (tier) => tier.atMost);
    for (let row = 0; row < slots.length; row += 1) {
      const recentHours = recent[row] as number;
      const priorHours = prior[row] as number;
      if (recentHours !== recentHours || priorHours !== priorHours) {
        slots[row] = tiers.length + 1;
        continue;
      }
      slots[row] = choose(
        Number(recentHours === Number.POSITIVE_INFINITY),
        tiers.length,
        firstAtMost(recentHours * 100, priorHours, edges),
      );
    }
    return tierPoints(tiers, otherwise);
  },
  meeting_attendance(matrix, bands, slots) {
    const { meetings_held_90: held, meetings_attended_90: attended } = matrix.columns;
    const { tiers, otherwise } = bands.meeting_attendance;
    const edges = Float64Array.from(tiers, (tier) => tier.above);
    for (let row = 0; row < slots.length; row += 1) {
      const heldCount = held[row] as number;
      const attendedCount = attended[row] as number;
      if (!(heldCount > 0) || attendedCount !== attendedCount) {
        slots[row] = tiers.length + 1;
        continue;
      }
      slots[row] = firstAbove(attendedCount * 100, heldCount, edges);
    }
    return tierPoints(tiers, otherwise);
  },
  csm_call_participation(matrix, bands, slots) {
    threeWaySlots(matrix.columns.csm_call_participation, slots);
    const { active, passive, absent } = bands.csm_call_participation;
    return Float64Array.of(active, passive, absent, Number.NaN);
  },
  community_participation(matrix, bands, slots) {
    const { community_posts_90: posts, community_views_90: views } = matrix.columns;
    for (let row = 0; row < slots.length; row += 1) {
      const postCount = posts[row] as number;
      const viewCount = views[row] as number;
      if (postCount !== postCount || viewCount !== viewCount) {
        slots[row] = 3;
        continue;
      }
      slots[row] = choose(Number(postCount > 0), 0, choose(Number(viewCount > 0), 1, 2));
    }
    const { active, lurker, none } = bands.community_participation;
    return Float64Array.of(active, lurker, none, Number.NaN);
  },
  training_attendance(matrix, bands, slots) {
    const trainings = matrix.columns.trainings_attended_180;
    const { tiers, otherwise } = bands.training_attendance;
    const edges = Float64Array.from(tiers, (tier) => tier.atLeast);
    for (let row = 0; row < slots.length; row += 1) {
      const attended = trainings[row] as number;
      slots[row] = attended === attended ? firstCountAtLeast(attended, edges) : tiers.length + 1;
    }
    return tierPoints(tiers, otherwise);
  },
  champion_active(matrix, _bands, slots) {
    return checklistSlots(matrix.columns.contacts_started, matrix.columns.champion_active, slots);
  },
  exec_sponsor_engaged(matrix, _bands, slots) {
    const { contacts_started: started, exec_sponsor_engaged: engaged } = matrix.columns;
    return checklistSlots(started, engaged, slots);
  },
  multi_threaded(matrix, bands, slots) {
    const { contacts_started: started, active_contacts: active } = matrix.columns;
    const threshold = bands.multi_threaded.activeContactsAtLeast;
    for (let row = 0; row < slots.length; row += 1) {
      const contacts = active[row] as number;
      if (!((started[row] as number) > 0) || contacts !== contacts) {
        slots[row] = CHECKLIST_MISSING;
        continue;
      }
      slots[row] = 1 - Number(contacts >= threshold);
    }
    return CHECKLIST_POINTS;
  },
  stakeholder_sentiment(matrix, _bands, slots) {
    const { contacts_started: started, active_sentiment_sum: sums } = matrix.columns;
    const counts = matrix.columns.active_sentiment_count;
    for (let row = 0; row < slots.length; row += 1) {
      if (!((started[row] as number) > 0)) {
        slots[row] = CHECKLIST_MISSING;
        continue;
      }
      const sum = sums[row] as number;
      const slot = choose(Number(sum === sum), 1 - Number(sum > 0), CHECKLIST_MISSING);
      slots[row] = choose(Number((counts[row] as number) > 0), slot, CHECKLIST_FALSE);
    }
    return CHECKLIST_POINTS;
  },
  leadership_stable(matrix, _bands, slots) {
    const { contacts_started: started, new_senior_contacts_90: newSenior } = matrix.columns;
    for (let row = 0; row < slots.length; row += 1) {
      const newContacts = newSenior[row] as number;
      if (!((started[row] as number) > 0) || newContacts !== newContacts) {
        slots[row] = CHECKLIST_MISSING;
        continue;
      }
      slots[row] = 1 - Number(newContacts === 0);
    }
    return CHECKLIST_POINTS;
  },
  roi_documented(matrix, bands, slots) {
    const roi = matrix.columns.outcome_roi;
    for (let row = 0; row < slots.length; row += 1) {
      const code = roi[row] as number;
      slots[row] = 2 - 2 * Number(code === 1) - Number(code === 0);
    }
    const { yes, no } = bands.roi_documented;
    return Float64Array.of(yes, no, Number.NaN);
  },
  goals_on_track(matrix, bands, slots) {
    threeWaySlots(matrix.columns.outcome_goals, slots);
    const { on_track, at_risk, off_track } = bands.goals_on_track;
    return Float64Array.of(on_track, at_risk, off_track, Number.NaN);
  },
  reported_value(matrix, bands, slots) {
    threeWaySlots(matrix.columns.outcome_value, slots);
    const { positive, neutral, negative } = bands.reported_value;
    return Float64Array.of(positive, neutral, negative, Number.NaN);
  },
  renewal_intent(matrix, bands, slots) {
    threeWaySlots(matrix.columns.outcome_intent, slots);
    const { yes, unsure, no } = bands.renewal_intent;
    return Float64Array.of(yes, unsure, no, Number.NaN);
  },
};

const VALUE_KERNELS: Readonly<Partial<Record<SignalId, ValueKernel>>> = {
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
 * Where signalPointsInto adds a signal's part of its layer score: per row, points × weight
 * into `weighted` and `bit` into `present` for every row where the signal has points.
 */
export interface LayerAccumulator {
  readonly weighted: Float64Array;
  readonly present: Int32Array;
  readonly weight: number;
  readonly bit: number;
}

/**
 * The points of one signal for every row (NaN where missing) written into `out`, and with
 * `layer`, each present row's points × weight added into its layer sums. `slots` is
 * scratch, at least as long as the matrix.
 */
export function signalPointsInto(
  matrix: SignalMatrix,
  signal: SignalId,
  config: ModelConfig,
  out: Float64Array,
  slots: Int32Array,
  layer?: LayerAccumulator,
): void {
  const slotKernel = SLOT_KERNELS[signal];
  if (slotKernel === undefined) {
    (VALUE_KERNELS[signal] as ValueKernel)(matrix, config.bands, out);
    if (layer !== undefined) addPresentPoints(out, layer);
    return;
  }
  const pointsOfSlot = slotKernel(matrix, config.bands, slots);
  if (layer === undefined) expandSlots(slots, pointsOfSlot, out);
  else expandSlotsInto(slots, pointsOfSlot, out, layer);
}

function expandSlots(slots: Int32Array, pointsOfSlot: Float64Array, out: Float64Array): void {
  for (let row = 0; row < out.length; row += 1) {
    out[row] = pointsOfSlot[slots[row] as number] as number;
  }
}

/**
 * Points by slot, plus the layer sums by slot: points × weight and the layer bit for a
 * present slot, 0 and 0 for the missing one, so no row needs a branch on being present.
 */
function expandSlotsInto(
  slots: Int32Array,
  pointsOfSlot: Float64Array,
  out: Float64Array,
  layer: LayerAccumulator,
): void {
  const { weighted, present, weight, bit } = layer;
  const weightedOfSlot = pointsOfSlot.map((points) => (points === points ? points * weight : 0));
  const bitOfSlot = Int32Array.from(pointsOfSlot, (points) => (points === points ? bit : 0));
  for (let row = 0; row < out.length; row += 1) {
    const slot = slots[row] as number;
    out[row] = pointsOfSlot[slot] as number;
    weighted[row] = (weighted[row] as number) + (weightedOfSlot[slot] as number);
    present[row] = (present[row] as number) | (bitOfSlot[slot] as number);
  }
}

/** Adds a column of points into its layer's sums: points × weight and the bit where present. */
export function addPresentPoints(values: Float64Array, layer: LayerAccumulator): void {
  const { weighted, present, weight, bit } = layer;
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (value === value) {
      weighted[row] = (weighted[row] as number) + value * weight;
      present[row] = (present[row] as number) | bit;
    }
  }
}

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
  signalPointsInto(matrix, signal, config, out, slotScratch(out.length));
  return out;
}

let scratch = new Int32Array(0);

/**
 * A slot array of `length` entries to write over, shared by every call: slots never
 * outlive the call that fills them, and a call never runs inside another.
 */
export function slotScratch(length: number): Int32Array {
  if (scratch.length !== length) scratch = new Int32Array(length);
  return scratch;
}
