/**
 * The columnar scorer and the backtest and drift around it, checked against plain
 * row-by-row versions written here from the scoring rules: every output of every row must
 * be the same number, to the last bit, on a seeded random history full of missing values,
 * zeros, infinities, exact band edges and every override. The fast code keeps its sums in
 * a particular order; these versions add in catalogue order, one row at a time, as the
 * rules read.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, SIGNAL_IDS, SIGNALS, type LayerId, type SignalId } from './catalogue.ts';
import { DEFAULT_MODEL, type Bands, type ModelConfig } from './config.ts';
import { evaluateHistory } from './evaluate.ts';
import { RAW_COLUMNS, emptyColumns, type RawColumn, type SignalMatrix } from './matrix.ts';
import {
  groupByValue,
  ksStatistic,
  liftByDecile,
  mergeGroups,
  scoreBin,
  type ValueGroups,
} from './metrics.ts';
import {
  championActivePoints,
  communityParticipationPoints,
  csmCallParticipationPoints,
  dataVolumeTrendPoints,
  emailResponseTimePoints,
  emailResponseTrendPoints,
  execSponsorEngagedPoints,
  featureAdoptionPoints,
  goalsOnTrackPoints,
  integrationActivityPoints,
  leadershipStablePoints,
  licenseUtilizationPoints,
  loginFrequencyPoints,
  meetingAttendancePoints,
  multiThreadedPoints,
  npsPoints,
  renewalIntentPoints,
  reportedValuePoints,
  roiDocumentedPoints,
  signalPoints,
  stakeholderSentimentPoints,
  supportSentimentPoints,
  trainingAttendancePoints,
  usageTrendPoints,
  workflowCompletionPoints,
} from './points.ts';
import { ragCode } from './rag.ts';
import {
  ACTIVE_ESCALATION,
  CHAMPION_DEPARTED,
  RENEWAL_RISK,
  ZERO_USAGE,
  roundHalfAwayFromZero,
  scoreMatrix,
  type ScoreTable,
} from './score.ts';

/** A small deterministic generator (an LCG), so that every run draws the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

const FIRST_AS_OF = 19_000;
const SNAPSHOT_DAYS = 14;

/**
 * A history of `accounts` accounts over `snapshots` as-of dates, two weeks apart. Every
 * raw column mixes missing values, zeros, small and large counts; ratio pairs often sit
 * exactly on a band edge (80 of 100, 3 of 5 …); email medians include +Infinity; contract
 * starts, renewals and override facts straddle their rule's edges. Accounts churn at
 * random and have rows only while eligible; about one in ten eligible rows is left out.
 */
function randomHistory(seed: number, accounts: number, snapshots: number): SignalMatrix {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const asOfDates = Array.from({ length: snapshots }, (_, s) => FIRST_AS_OF + s * SNAPSHOT_DAYS);
  const lastAsOf = asOfDates[snapshots - 1] as number;
  const churnedOn = Float64Array.from({ length: accounts }, () =>
    next() < 0.35 ? FIRST_AS_OF + 1 + Math.floor(next() * (lastAsOf - FIRST_AS_OF + 60)) : NaN,
  );
  // Contract starts around t − 27 and t − 13 of some snapshot, or long before.
  const contractStart = Float64Array.from({ length: accounts }, () =>
    next() < 0.3
      ? pick(asOfDates) - pick([26, 27, 28, 12, 13, 14])
      : FIRST_AS_OF - 30 - Math.floor(next() * 400),
  );
  const paidSeats = Float64Array.from({ length: accounts }, () =>
    pick([NaN, 0, 1, 5, 10, 20, 100, 250, 3]),
  );

  const accountIndex: number[] = [];
  const asOfIndex: number[] = [];
  for (let s = 0; s < snapshots; s += 1) {
    for (let a = 0; a < accounts; a += 1) {
      if ((churnedOn[a] as number) <= (asOfDates[s] as number) || next() < 0.1) continue;
      accountIndex.push(a);
      asOfIndex.push(s);
    }
  }
  const rows = accountIndex.length;
  const columns = emptyColumns(rows);
  const count = () =>
    pick([NaN, NaN, 0, 0, 1, 2, 3, 4, 5, 7, 10, 12, 20, 50, 99, 100, 101, 250, 1000]);
  for (const name of RAW_COLUMNS) {
    for (let row = 0; row < rows; row += 1) columns[name][row] = count();
  }

  // Ratio pairs on and beside band edges: [numerator, denominator].
  const edgePairs: [number, number][] = [
    [80, 100],
    [79, 100],
    [60, 100],
    [3, 5],
    [2, 5],
    [1, 5],
    [40, 100],
    [39, 100],
    [0, 10],
    [12, 10],
    [NaN, 10],
    [5, 0],
  ];
  const setPair = (numerator: RawColumn, denominator: RawColumn, row: number) => {
    const [top, bottom] = pick(edgePairs);
    columns[numerator][row] = top;
    columns[denominator][row] = bottom;
  };
  for (let row = 0; row < rows; row += 1) {
    const asOf = asOfDates[asOfIndex[row] as number] as number;
    const seats = paidSeats[accountIndex[row] as number] as number;
    if (next() < 0.5) {
      // Trends of exactly +10 %, −10 %, −25 % and one event beside.
      const prior = pick([100, 20, 0, NaN]);
      columns.usage_prior14[row] = prior;
      columns.usage_last14[row] = pick([110, 111, 90, 89, 75, 74, 0, 100, NaN]) * (prior / 100);
      columns.records_prior14[row] = prior;
      columns.records_last14[row] = pick([110, 111, 90, 89, 75, 74, 0, 5]);
    }
    if (next() < 0.6 && seats > 0) {
      columns.active_users_28[row] = Math.round(seats * pick([0.8, 0.6, 0.4, 0.39, 1.2, 0]));
    }
    if (next() < 0.5) setPair('core_features_used_28', 'core_features_total', row);
    if (next() < 0.5) setPair('workflows_completed_28', 'workflows_started_28', row);
    if (next() < 0.5) setPair('meetings_attended_90', 'meetings_held_90', row);
    if (next() < 0.5) {
      // Stickiness Σ DAU ÷ 28 ÷ users exactly at 50 %, 30 % and 15 %.
      const users = pick([10, 4, 0, NaN]);
      columns.active_users_28[row] = users;
      columns.dau_sum_28[row] = pick([140, 84, 42, 41, 0, 280]) * (users / 10);
    }
    const emailHours = () =>
      pick([NaN, Infinity, 0, 2, 3.99, 4, 23.5, 24, 24.01, 48, 71.9, 72, 100]);
    columns.email_median_hours_90[row] = emailHours();
    columns.email_median_hours_30[row] = emailHours();
    columns.email_median_hours_prior90[row] = emailHours();
    columns.emails_answered_90[row] = pick([0, 0, 1, 3, NaN]);
    columns.csm_call_participation[row] = pick([0, 1, 2, 3, NaN, 1.5]);
    columns.outcome_roi[row] = pick([0, 1, 2, NaN]);
    columns.outcome_goals[row] = pick([0, 1, 2, 3, NaN]);
    columns.outcome_value[row] = pick([0, 1, 2, NaN, -1]);
    columns.outcome_intent[row] = pick([0, 1, 2, NaN]);
    columns.champion_active[row] = pick([0, 1, 2, 0.5, NaN]);
    columns.champion_left[row] = pick([0, 1, 1, NaN]);
    columns.exec_sponsor_engaged[row] = pick([0, 1, 3, 0.5, NaN]);
    columns.active_sentiment_sum[row] = pick([-2, -1, 0, 1, 3, NaN]);
    columns.active_sentiment_count[row] = pick([0, 1, 4, NaN]);
    columns.new_senior_contacts_90[row] = pick([0, 0, 1, 2, NaN]);
    columns.contacts_started[row] = pick([0, 1, 3, 6, NaN]);
    columns.active_contacts[row] = pick([0, 1, 2, 2.5, 3, 4, NaN]);
    columns.open_escalations[row] = pick([0, 0, 0, 1, 2, NaN]);
    columns.next_renewal[row] = asOf + pick([NaN, -1, 0, 1, 30, 59, 60, 61, 200]);
    columns.integrations_connected[row] = pick([NaN, 0, 0, 1, 2, 3, 5]);
    columns.api_calls_28[row] = pick([NaN, 0, 0, 3, 40]);
    // Ticket counts and NPS responses consistent enough to stay within 0..100 points.
    const responses = pick([0, 1, 4, 10, NaN]);
    const promoters = Math.floor(next() * ((responses || 0) + 1));
    columns.nps_responses_180[row] = responses;
    columns.nps_promoters_180[row] = next() < 0.1 ? NaN : promoters;
    columns.nps_detractors_180[row] = Math.floor(next() * ((responses || 0) - promoters + 1));
    for (const name of [
      'tickets_positive_90',
      'tickets_neutral_90',
      'tickets_negative_90',
    ] as const) {
      columns[name][row] = pick([0, 0, 1, 2, 5, NaN]);
    }
  }

  return {
    accounts: {
      accountIds: Array.from({ length: accounts }, (_, a) => `A${a}`),
      accountNames: Array.from({ length: accounts }, () => null),
      segments: Array.from({ length: accounts }, (_, a) =>
        a % 7 === 0 ? null : (['smb', 'mid', 'ent'][a % 3] as string),
      ),
      csmOwners: Array.from({ length: accounts }, () => null),
      arr: new Float64Array(accounts),
      paidSeats,
      contractStart,
      renewalDate: new Float64Array(accounts).fill(NaN),
      churnedOn,
    },
    asOfDates,
    accountIndex: Int32Array.from(accountIndex),
    asOfIndex: Int32Array.from(asOfIndex),
    columns,
    dataEnd: lastAsOf + 40,
  };
}

/** The points of one signal at one row, straight from the scalar rule of that signal. */
function pointsAt(matrix: SignalMatrix, row: number, signal: SignalId, bands: Bands): number {
  const raw = (name: RawColumn) => matrix.columns[name][row] as number;
  const account = matrix.accountIndex[row] as number;
  const asOf = matrix.asOfDates[matrix.asOfIndex[row] as number] as number;
  const start = matrix.accounts.contractStart[account] as number;
  switch (signal) {
    case 'usage_trend':
      return usageTrendPoints(
        raw('usage_last14'),
        raw('usage_prior14'),
        start,
        asOf,
        bands.usage_trend,
      );
    case 'license_utilization':
      return licenseUtilizationPoints(
        raw('active_users_28'),
        matrix.accounts.paidSeats[account] as number,
        bands.license_utilization,
      );
    case 'feature_adoption_depth':
      return featureAdoptionPoints(
        raw('core_features_used_28'),
        raw('core_features_total'),
        raw('feature_rows_to_date'),
        bands.feature_adoption_depth,
      );
    case 'login_frequency':
      return loginFrequencyPoints(raw('dau_sum_28'), raw('active_users_28'), bands.login_frequency);
    case 'workflow_completion':
      return workflowCompletionPoints(
        raw('workflows_started_28'),
        raw('workflows_completed_28'),
        bands.workflow_completion,
      );
    case 'data_volume_trend':
      return dataVolumeTrendPoints(
        raw('records_last14'),
        raw('records_prior14'),
        start,
        asOf,
        bands.data_volume_trend,
      );
    case 'integration_activity':
      return integrationActivityPoints(
        raw('integrations_connected'),
        raw('api_calls_28'),
        bands.integration_activity,
      );
    case 'email_response_time':
      return emailResponseTimePoints(
        raw('emails_counted_90'),
        raw('emails_answered_90'),
        raw('email_median_hours_90'),
        bands.email_response_time,
      );
    case 'email_response_trend':
      return emailResponseTrendPoints(
        raw('email_median_hours_30'),
        raw('email_median_hours_prior90'),
        bands.email_response_trend,
      );
    case 'meeting_attendance':
      return meetingAttendancePoints(
        raw('meetings_held_90'),
        raw('meetings_attended_90'),
        bands.meeting_attendance,
      );
    case 'support_sentiment':
      return supportSentimentPoints(
        raw('tickets_positive_90'),
        raw('tickets_neutral_90'),
        raw('tickets_negative_90'),
        bands.support_sentiment,
      );
    case 'csm_call_participation':
      return csmCallParticipationPoints(
        raw('csm_call_participation'),
        bands.csm_call_participation,
      );
    case 'community_participation':
      return communityParticipationPoints(
        raw('community_posts_90'),
        raw('community_views_90'),
        bands.community_participation,
      );
    case 'training_attendance':
      return trainingAttendancePoints(raw('trainings_attended_180'), bands.training_attendance);
    case 'champion_active':
      return championActivePoints(raw('contacts_started'), raw('champion_active'));
    case 'exec_sponsor_engaged':
      return execSponsorEngagedPoints(raw('contacts_started'), raw('exec_sponsor_engaged'));
    case 'multi_threaded':
      return multiThreadedPoints(
        raw('contacts_started'),
        raw('active_contacts'),
        bands.multi_threaded,
      );
    case 'stakeholder_sentiment':
      return stakeholderSentimentPoints(
        raw('contacts_started'),
        raw('active_sentiment_sum'),
        raw('active_sentiment_count'),
      );
    case 'leadership_stable':
      return leadershipStablePoints(raw('contacts_started'), raw('new_senior_contacts_90'));
    case 'roi_documented':
      return roiDocumentedPoints(raw('outcome_roi'), bands.roi_documented);
    case 'goals_on_track':
      return goalsOnTrackPoints(raw('outcome_goals'), bands.goals_on_track);
    case 'reported_value':
      return reportedValuePoints(raw('outcome_value'), bands.reported_value);
    case 'renewal_intent':
      return renewalIntentPoints(raw('outcome_intent'), bands.renewal_intent);
    case 'nps':
      return npsPoints(
        raw('nps_promoters_180'),
        raw('nps_detractors_180'),
        raw('nps_responses_180'),
      );
  }
}

interface ReferenceRow {
  readonly points: Record<SignalId, number>;
  readonly layerScore: Record<LayerId, number>;
  readonly layerCoverage: Record<LayerId, number>;
  readonly rawComposite: number;
  readonly coverage: number;
  readonly score: number;
  readonly overrides: number;
  readonly rag: number;
  readonly lowCoverage: number;
}

/** One row scored as the rules read: layer means, composite, overrides in order, band. */
function referenceRow(matrix: SignalMatrix, config: ModelConfig, row: number): ReferenceRow {
  const points = {} as Record<SignalId, number>;
  for (const signal of SIGNAL_IDS) {
    points[signal] = config.signals[signal].enabled
      ? pointsAt(matrix, row, signal, config.bands)
      : NaN;
  }

  // A layer counts the enabled signals with a weight above 0; its score is the weighted
  // mean of those present, its coverage the share of their weight present.
  const layerScore = {} as Record<LayerId, number>;
  const layerCoverage = {} as Record<LayerId, number>;
  const layersInModel: LayerId[] = [];
  for (const layer of LAYER_IDS) {
    let weighted = 0;
    let present = 0;
    let total = 0;
    for (const signal of SIGNAL_IDS) {
      const { enabled, weight } = config.signals[signal];
      if (SIGNALS[signal].layer !== layer || !enabled || weight <= 0) continue;
      total += weight;
      if (Number.isNaN(points[signal])) continue;
      weighted += points[signal] * weight;
      present += weight;
    }
    if (total === 0) {
      layerScore[layer] = NaN;
      layerCoverage[layer] = NaN;
      continue;
    }
    layersInModel.push(layer);
    layerScore[layer] = present > 0 ? weighted / present : NaN;
    layerCoverage[layer] = present / total;
  }

  let weighted = 0;
  let present = 0;
  let total = 0;
  for (const layer of layersInModel) {
    const weight = config.layers[layer].weight;
    if (weight <= 0) continue;
    total += weight;
    if (Number.isNaN(layerScore[layer])) continue;
    weighted += layerScore[layer] * weight;
    present += weight;
  }
  const rawComposite = present > 0 ? roundHalfAwayFromZero(weighted / present) : NaN;

  const raw = (name: RawColumn) => matrix.columns[name][row] as number;
  const asOf = matrix.asOfDates[matrix.asOfIndex[row] as number] as number;
  const start = matrix.accounts.contractStart[matrix.accountIndex[row] as number] as number;
  const rules = config.overrides;
  let overrides = 0;
  if (rules.zeroUsage.enabled && raw('usage_last14') === 0 && start <= asOf - 13) {
    overrides |= ZERO_USAGE;
  }
  if (
    rules.championDeparted.enabled &&
    raw('champion_left') === 1 &&
    raw('champion_active') === 0
  ) {
    overrides |= CHAMPION_DEPARTED;
  }
  if (rules.activeEscalation.enabled && raw('open_escalations') > 0) overrides |= ACTIVE_ESCALATION;
  let score = rawComposite;
  if (overrides & ZERO_USAGE) {
    score = rules.zeroUsage.score;
  } else {
    if (overrides & CHAMPION_DEPARTED) score = Math.min(score, rules.championDeparted.cap);
    if (overrides & ACTIVE_ESCALATION) score = Math.min(score, rules.activeEscalation.cap);
  }
  const renewal = raw('next_renewal');
  if (
    rules.renewalRisk.enabled &&
    renewal >= asOf &&
    renewal <= asOf + rules.renewalRisk.windowDays &&
    score < rules.renewalRisk.scoreBelow
  ) {
    overrides |= RENEWAL_RISK;
  }
  const scored = !Number.isNaN(score);
  return {
    points,
    layerScore,
    layerCoverage,
    rawComposite,
    coverage: total > 0 ? present / total : 0,
    score,
    overrides,
    rag: ragCode(score, config.rag),
    lowCoverage: scored && present * 100 < config.lowCoverageBelowPercent * total ? 1 : 0,
  };
}

/** The first row where the column differs from the reference (Object.is, so NaN = NaN), or null. */
function firstDifference(
  column: ArrayLike<number>,
  expected: (row: number) => number,
): { row: number; actual: number; expected: number } | null {
  for (let row = 0; row < column.length; row += 1) {
    if (!Object.is(column[row], expected(row))) {
      return { row, actual: column[row] as number, expected: expected(row) };
    }
  }
  return null;
}

function expectTableMatchesReference(
  table: ScoreTable,
  matrix: SignalMatrix,
  config: ModelConfig,
): void {
  const reference = Array.from({ length: table.rows }, (_, row) =>
    referenceRow(matrix, config, row),
  );
  const at = (row: number) => reference[row] as ReferenceRow;
  for (const signal of SIGNAL_IDS) {
    expect(
      firstDifference(table.points[signal], (row) => at(row).points[signal]),
      signal,
    ).toBe(null);
  }
  for (const layer of LAYER_IDS) {
    expect(
      firstDifference(table.layerScore[layer], (row) => at(row).layerScore[layer]),
      layer,
    ).toBe(null);
    expect(
      firstDifference(table.layerCoverage[layer], (row) => at(row).layerCoverage[layer]),
      layer,
    ).toBe(null);
  }
  for (const field of [
    'rawComposite',
    'coverage',
    'score',
    'overrides',
    'rag',
    'lowCoverage',
  ] as const) {
    expect(
      firstDifference(table[field], (row) => at(row)[field]),
      field,
    ).toBe(null);
  }
}

function floatArrays(table: ScoreTable): Float64Array[] {
  return [
    table.score,
    table.rawComposite,
    table.coverage,
    ...Object.values(table.layerScore),
    ...Object.values(table.layerCoverage),
    ...Object.values(table.points),
  ];
}

function edited(change: (config: ModelConfig) => void): ModelConfig {
  const copy = structuredClone(DEFAULT_MODEL);
  change(copy);
  return copy;
}

const ALL_SIGNALS = edited((config) => {
  for (const signal of SIGNAL_IDS) config.signals[signal].enabled = true;
});

/** Every signal on, with a layer and a signal weighted 0, one rule off and moved edges. */
const UNUSUAL = edited((config) => {
  for (const signal of SIGNAL_IDS) config.signals[signal].enabled = true;
  config.layers.engagement.weight = 0;
  config.signals.nps.weight = 0;
  config.overrides.championDeparted.enabled = false;
  config.overrides.activeEscalation.cap = 35;
  config.overrides.zeroUsage.score = 5;
  config.overrides.renewalRisk = { enabled: true, windowDays: 30, scoreBelow: 65 };
  config.rag = { greenFrom: 65.5, yellowFrom: 35.25 };
  config.lowCoverageBelowPercent = 75;
  config.bands.license_utilization.tiers = [
    { atLeast: 120, points: 100 },
    { atLeast: 80, points: 90 },
    { atLeast: 60, points: 70 },
    { atLeast: 20, points: 30 },
  ];
  config.bands.usage_trend.expandingAbove = 11;
  config.bands.usage_trend.stableFrom = -10;
  config.bands.usage_trend.decliningFrom = -10;
  config.bands.training_attendance.tiers = [{ atLeast: 2, points: 100 }];
});

/** Only the relationship checklist, in a layer that has the whole weight. */
const CHECKLIST_ONLY = edited((config) => {
  for (const signal of SIGNAL_IDS) {
    config.signals[signal].enabled = SIGNALS[signal].layer === 'relationship';
  }
  config.layers = {
    usage: { weight: 0 },
    engagement: { weight: 0 },
    relationship: { weight: 100 },
    outcome: { weight: 0 },
  };
});

/** Signals enabled but no layer weighted: nothing takes part in the composite. */
const NO_LAYER_WEIGHT = edited((config) => {
  for (const layer of LAYER_IDS) config.layers[layer].weight = 0;
});

const CONFIGS: [string, ModelConfig][] = [
  ['the default model', DEFAULT_MODEL],
  ['every signal on', ALL_SIGNALS],
  ['unusual weights, rules and edges', UNUSUAL],
  ['the checklist alone', CHECKLIST_ONLY],
  ['no layer weight', NO_LAYER_WEIGHT],
];

describe('scoreMatrix against a row-by-row reference', () => {
  const matrix = randomHistory(7, 1_500, 6);

  it('draws a history that reaches every override and band', () => {
    const table = scoreMatrix(matrix, ALL_SIGNALS);
    for (const bit of [ZERO_USAGE, CHAMPION_DEPARTED, ACTIVE_ESCALATION, RENEWAL_RISK]) {
      expect(table.overrides.some((mask) => (mask & bit) !== 0)).toBe(true);
    }
    expect(new Set(table.rag)).toEqual(new Set([1, 2, 3]));
    expect(scoreMatrix(matrix, CHECKLIST_ONLY).rag.some((code) => code === 0)).toBe(true);
    expect(table.lowCoverage.some((flag) => flag === 1)).toBe(true);
    for (const signal of SIGNAL_IDS) {
      const points = table.points[signal];
      expect(points.some(Number.isNaN), signal).toBe(true);
      expect(new Set(points).size, signal).toBeGreaterThan(2);
    }
  });

  for (const [name, config] of CONFIGS) {
    it(`matches it on every output with ${name}`, () => {
      expectTableMatchesReference(scoreMatrix(matrix, config), matrix, config);
    });
  }

  it('writes the same numbers into a reused table, whatever model filled it before', () => {
    for (const [, before] of CONFIGS) {
      for (const [name, config] of CONFIGS) {
        const previous = scoreMatrix(matrix, before);
        const table = scoreMatrix(matrix, config, previous);
        const reused = new Set(floatArrays(previous));
        expect(
          floatArrays(table).filter((array) => reused.has(array)).length,
          name,
        ).toBeGreaterThan(0);
        expectTableMatchesReference(table, matrix, config);
      }
    }
  });

  it('keeps the columns a model change leaves valid, and recomputes the rest', () => {
    const layerMoved = edited((config) => {
      config.layers.usage.weight = 50;
      config.layers.outcome.weight = 5;
    });
    const signalMoved = edited((config) => {
      config.layers.usage.weight = 50;
      config.signals.license_utilization.weight = 45;
    });
    const bandMoved = edited((config) => {
      config.signals.license_utilization.weight = 45;
      config.bands.license_utilization.tiers[1]!.atLeast = 65;
    });
    const toggled = edited((config) => {
      config.signals.nps.enabled = false;
      config.signals.login_frequency.enabled = true;
    });
    let previous = scoreMatrix(matrix, DEFAULT_MODEL);
    const steps: [ModelConfig, LayerId[]][] = [
      [layerMoved, ['usage', 'engagement', 'relationship', 'outcome']],
      [signalMoved, ['engagement', 'relationship', 'outcome']],
      [bandMoved, ['engagement', 'relationship', 'outcome']],
      [toggled, ['engagement', 'relationship']],
      [DEFAULT_MODEL, ['engagement', 'relationship']],
      [DEFAULT_MODEL, ['usage', 'engagement', 'relationship', 'outcome']],
    ];
    for (const [config, keptLayers] of steps) {
      const layerArrays = { ...previous.layerScore };
      const table = scoreMatrix(matrix, config, previous);
      for (const layer of LAYER_IDS) {
        expect(table.layerScore[layer] === layerArrays[layer], layer).toBe(
          keptLayers.includes(layer),
        );
      }
      expectTableMatchesReference(table, matrix, config);
      previous = table;
    }
  });

  it('recomputes everything for a matrix that is not the same object', () => {
    const copy: SignalMatrix = { ...matrix, columns: { ...matrix.columns } };
    const previous = scoreMatrix(copy, DEFAULT_MODEL);
    const keptBefore = { ...previous.points };
    const table = scoreMatrix(matrix, DEFAULT_MODEL, previous);
    expect(SIGNAL_IDS.some((signal) => table.points[signal] === keptBefore[signal])).toBe(false);
    expectTableMatchesReference(table, matrix, DEFAULT_MODEL);
  });

  it('ignores a table passed as reuse a second time, so the first result stays whole', () => {
    const first = scoreMatrix(matrix, DEFAULT_MODEL);
    const second = scoreMatrix(matrix, UNUSUAL, first);
    const third = scoreMatrix(matrix, CHECKLIST_ONLY, first);
    const shared = new Set(floatArrays(second));
    expect(floatArrays(third).some((array) => shared.has(array))).toBe(false);
    expectTableMatchesReference(second, matrix, UNUSUAL);
    expectTableMatchesReference(third, matrix, CHECKLIST_ONLY);
  });

  it('takes fresh arrays when the reused table has another number of rows', () => {
    const smaller = randomHistory(3, 50, 2);
    const previous = scoreMatrix(smaller, ALL_SIGNALS);
    const table = scoreMatrix(matrix, UNUSUAL, previous);
    const reused = new Set(floatArrays(previous));
    expect(floatArrays(table).some((array) => reused.has(array))).toBe(false);
    expectTableMatchesReference(table, matrix, UNUSUAL);
  });

  it('computes every signal alone as its scalar rule, enabled or not', () => {
    for (const signal of SIGNAL_IDS) {
      const points = signalPoints(matrix, signal, DEFAULT_MODEL);
      expect(
        firstDifference(points, (row) => pointsAt(matrix, row, signal, DEFAULT_MODEL.bands)),
        signal,
      ).toBe(null);
    }
  });
});

describe('mergeGroups', () => {
  it('groups the union of two row sets as grouping them at once would', () => {
    const next = random(11);
    // On-grid scores, off-grid means and values in the same hundredth, with ties.
    const values = Float64Array.from({ length: 4_000 }, () =>
      next() < 0.5
        ? Math.round(next() * 1000) / 10
        : next() < 0.5
          ? (Math.floor(next() * 300) * 100) / 75 / 4
          : 42 + Math.floor(next() * 5) / 1000,
    );
    values[17] = NaN;
    const labels = Uint8Array.from(values, () => (next() < 0.3 ? 1 : 0));
    const rows = Int32Array.from({ length: values.length }, (_, row) => row);
    const odd = rows.filter((row) => row % 3 === 0);
    const rest = rows.filter((row) => row % 3 !== 0);
    const merged = mergeGroups(
      groupByValue(values, labels, odd),
      groupByValue(values, labels, rest),
    );
    expect(plain(merged)).toEqual(plain(groupByValue(values, labels)));
    expect(plain(mergeGroups(groupByValue(values, labels, odd), groupByValue([], [])))).toEqual(
      plain(groupByValue(values, labels, odd)),
    );
  });
});

function plain(groups: ValueGroups) {
  return {
    values: [...groups.values],
    churned: [...groups.churned],
    retained: [...groups.retained],
    totalChurned: groups.totalChurned,
    totalRetained: groups.totalRetained,
  };
}

describe('evaluateHistory against brute force', () => {
  const matrix = randomHistory(23, 400, 8);
  const horizonDays = 60;
  const evaluation = evaluateHistory(matrix, UNUSUAL, { horizonDays, baselineIndex: 1 });
  const { score, rag, lowCoverage } = evaluation.scores;
  const rows = score.length;
  const asOfOf = (row: number) => matrix.asOfDates[matrix.asOfIndex[row] as number] as number;
  const churnOf = (row: number) =>
    matrix.accounts.churnedOn[matrix.accountIndex[row] as number] as number;
  const churned = Uint8Array.from({ length: rows }, (_, row) =>
    churnOf(row) > asOfOf(row) && churnOf(row) <= asOfOf(row) + horizonDays ? 1 : 0,
  );
  const labelled = (s: number) => (matrix.asOfDates[s] as number) + horizonDays <= matrix.dataEnd;
  const rowsWhere = (keep: (row: number) => boolean) =>
    Int32Array.from({ length: rows }, (_, row) => row).filter(keep);

  /** AUC by counting every churner–stayer pair: a lower value is the riskier one. */
  function pairAuc(values: ArrayLike<number>, chosen: Int32Array): number | null {
    const present = [...chosen].filter((row) => !Number.isNaN(values[row] as number));
    const churners = present.filter((row) => churned[row] === 1);
    const stayers = present.filter((row) => churned[row] === 0);
    if (churners.length === 0 || stayers.length === 0) return null;
    let won = 0;
    for (const c of churners) {
      for (const s of stayers) {
        const difference = (values[s] as number) - (values[c] as number);
        won += difference > 0 ? 1 : difference === 0 ? 0.5 : 0;
      }
    }
    return won / (churners.length * stayers.length);
  }

  it('reports the same with a reused score table', () => {
    const again = evaluateHistory(matrix, UNUSUAL, {
      horizonDays,
      baselineIndex: 1,
      reuse: evaluateHistory(matrix, ALL_SIGNALS).scores,
    });
    expect(again.backtest).toEqual(evaluation.backtest);
    expect(again.drift).toEqual(evaluation.drift);
    expect(again.scores.score).toEqual(evaluation.scores.score);
  });

  it('has labelled and censored snapshots, low coverage and churn to test', () => {
    expect(evaluation.backtest.labelledSnapshots).toBeGreaterThan(3);
    expect(evaluation.backtest.censoredSnapshots).toBeGreaterThan(0);
    expect(evaluation.backtest.lowCoverageRows).toBeGreaterThan(20);
    expect(evaluation.backtest.pooled.churned).toBeGreaterThan(20);
  });

  it('gives each labelled snapshot the metrics of its own scored rows', () => {
    evaluation.backtest.snapshots.forEach((snapshot, s) => {
      if (!labelled(s)) {
        expect(snapshot.metrics).toBe(null);
        return;
      }
      const chosen = rowsWhere((row) => matrix.asOfIndex[row] === s && !Number.isNaN(score[row]!));
      const metrics = snapshot.metrics!;
      expect(metrics.auc).toBeCloseTo(pairAuc(score, chosen) ?? NaN, 12);
      const ks = ksStatistic(score, churned, chosen);
      expect([metrics.ks, metrics.ksScore]).toEqual([ks.ks, ks.atScore]);
      expect(metrics.deciles).toEqual(liftByDecile(groupByValue(score, churned, chosen)));
      expect(metrics.bands.red.churned).toBe(
        [...chosen].filter((row) => rag[row] === 1 && churned[row] === 1).length,
      );
    });
  });

  it('pools the labelled snapshots, with and without the low-coverage rows', () => {
    const pooledRows = rowsWhere(
      (row) => labelled(matrix.asOfIndex[row]!) && !Number.isNaN(score[row]!),
    );
    const highCoverageRows = pooledRows.filter((row) => lowCoverage[row] === 0);
    for (const [metrics, chosen] of [
      [evaluation.backtest.pooled, pooledRows],
      [evaluation.backtest.pooledWithoutLowCoverage, highCoverageRows],
    ] as const) {
      expect(metrics.scored).toBe(chosen.length);
      expect(metrics.churned).toBe([...chosen].filter((row) => churned[row] === 1).length);
      expect(metrics.auc).toBeCloseTo(pairAuc(score, chosen) ?? NaN, 12);
      const ks = ksStatistic(score, churned, chosen);
      expect([metrics.ks, metrics.ksScore]).toEqual([ks.ks, ks.atScore]);
      expect(metrics.deciles).toEqual(liftByDecile(groupByValue(score, churned, chosen)));
    }
  });

  it('gives every layer and signal the AUC of its values on the labelled rows', () => {
    const labelledRows = rowsWhere((row) => labelled(matrix.asOfIndex[row]!));
    for (const entry of evaluation.backtest.layers) {
      const values = evaluation.scores.layerScore[entry.name as LayerId];
      expect(entry.auc ?? NaN, entry.name).toBeCloseTo(pairAuc(values, labelledRows) ?? NaN, 12);
    }
    for (const entry of evaluation.backtest.signals) {
      const values = signalPoints(matrix, entry.name as SignalId, UNUSUAL);
      expect(entry.auc ?? NaN, entry.name).toBeCloseTo(pairAuc(values, labelledRows) ?? NaN, 12);
    }
  });

  it('finds each churned account’s first red and non-green snapshot in the window', () => {
    for (const account of evaluation.backtest.leadTime.accounts) {
      const mine = rowsWhere(
        (row) =>
          matrix.accountIndex[row] === account.account &&
          asOfOf(row) >= account.churnedOn - horizonDays,
      );
      const firstWith = (codes: number[]) => {
        const days = [...mine].filter((row) => codes.includes(rag[row]!)).map(asOfOf);
        return days.length === 0 ? null : Math.min(...days);
      };
      expect(account.snapshotsInWindow).toBe(mine.length);
      expect(account.firstRed).toBe(firstWith([1]));
      expect(account.firstNonGreen).toBe(firstWith([1, 2]));
    }
  });

  it('tallies drift per snapshot and segment as a plain loop over the rows does', () => {
    evaluation.drift.snapshots.forEach((snapshot, s) => {
      const mine = rowsWhere((row) => matrix.asOfIndex[row] === s);
      const scored = [...mine].filter((row) => !Number.isNaN(score[row]!));
      const bins = new Array<number>(10).fill(0);
      let sum = 0;
      for (const row of scored) {
        bins[scoreBin(score[row]!)]! += 1;
        sum += score[row]!;
      }
      expect(snapshot.histogram.map((bin) => bin.count)).toEqual(bins);
      expect([snapshot.rows, snapshot.scored]).toEqual([mine.length, scored.length]);
      expect(snapshot.meanScore).toBe(scored.length > 0 ? sum / scored.length : null);
      expect(snapshot.rag.red.count).toBe([...mine].filter((row) => rag[row] === 1).length);
      for (const segment of snapshot.segments) {
        const inSegment = scored.filter(
          (row) => matrix.accounts.segments[matrix.accountIndex[row]!] === segment.segment,
        );
        let segmentSum = 0;
        for (const row of inSegment) segmentSum += score[row]!;
        expect(segment.scored).toBe(inSegment.length);
        expect(segment.meanScore).toBe(inSegment.length > 0 ? segmentSum / inSegment.length : null);
      }
    });
  });
});
