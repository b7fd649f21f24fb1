import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type ModelConfig } from './config.ts';
import { emptyColumns, type RawColumn, type SignalMatrix } from './matrix.ts';
import { signalPoints } from './points.ts';
import { RAG_GREEN, RAG_RED, RAG_UNSCORED, RAG_YELLOW } from './rag.ts';
import {
  ACTIVE_ESCALATION,
  CHAMPION_DEPARTED,
  RENEWAL_RISK,
  ZERO_USAGE,
  overrideNames,
  roundHalfAwayFromZero,
  scoreMatrix,
  weakestSignal,
  weightedContributions,
} from './score.ts';

const T = 20_000;
const LONG_AGO = T - 400;

type Raw = Partial<Record<RawColumn, number>>;

interface RowSpec {
  readonly raw: Raw;
  readonly contractStart?: number;
  readonly paidSeats?: number;
}

/** One account per row, all at as-of date T; columns not given stay NaN (no value). */
function matrixOf(rows: readonly RowSpec[]): SignalMatrix {
  const columns = emptyColumns(rows.length);
  rows.forEach((spec, row) => {
    for (const [name, value] of Object.entries(spec.raw)) {
      columns[name as RawColumn][row] = value;
    }
  });
  const ids = rows.map((_spec, row) => `A${row}`);
  return {
    accounts: {
      accountIds: ids,
      accountNames: ids,
      segments: ids.map(() => null),
      csmOwners: ids.map(() => null),
      arr: new Float64Array(rows.length).fill(Number.NaN),
      paidSeats: Float64Array.from(rows, (spec) => spec.paidSeats ?? Number.NaN),
      contractStart: Float64Array.from(rows, (spec) => spec.contractStart ?? LONG_AGO),
      renewalDate: new Float64Array(rows.length).fill(Number.NaN),
      churnedOn: new Float64Array(rows.length).fill(Number.NaN),
    },
    asOfDates: [T],
    accountIndex: Int32Array.from(rows, (_spec, row) => row),
    asOfIndex: new Int32Array(rows.length),
    columns,
    dataEnd: T,
  };
}

function edited(change: (config: ModelConfig) => void): ModelConfig {
  const copy = structuredClone(DEFAULT_MODEL);
  change(copy);
  return copy;
}

/** Facts that trigger no override. */
const CALM: Raw = { usage_last14: 100, usage_prior14: 100, champion_left: 0, open_escalations: 0 };

/** The full relationship checklist (30 + 20 + 25 + 15 + 10 = 100 points possible). */
const FULL_CHECKLIST = edited((config) => {
  config.signals.stakeholder_sentiment.enabled = true;
  config.signals.leadership_stable.enabled = true;
});

/** A model of the nps signal alone, so that a composite can be set to any tenth. */
const NPS_ONLY = edited((config) => {
  for (const signal of Object.keys(config.signals) as (keyof typeof config.signals)[]) {
    config.signals[signal].enabled = signal === 'nps';
  }
});

/** nps raw values whose points are 50 × (responses + promoters − detractors) / responses. */
function npsRaw(promoters: number, detractors: number, responses = 1000): Raw {
  return {
    ...CALM,
    nps_promoters_180: promoters,
    nps_detractors_180: detractors,
    nps_responses_180: responses,
  };
}

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero at one decimal', () => {
    expect(roundHalfAwayFromZero(72.25)).toBe(72.3);
    expect(roundHalfAwayFromZero(72.35)).toBe(72.4);
    expect(roundHalfAwayFromZero(-72.25)).toBe(-72.3);
    expect(roundHalfAwayFromZero(0.05)).toBe(0.1);
    expect(roundHalfAwayFromZero(72.24)).toBe(72.2);
    expect(roundHalfAwayFromZero(72.2499)).toBe(72.2);
    expect(roundHalfAwayFromZero(-0.04)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-0.04), -0)).toBe(false);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(Number.NaN)).toBeNaN();
  });

  it('treats float noise just under a half as the half it stands for', () => {
    // A weighted mean whose exact value is 57.25 comes out as 57.24999999999999.
    expect(roundHalfAwayFromZero(57.24999999999999)).toBe(57.3);
    expect(Math.round(57.24999999999999 * 10) / 10).toBe(57.2);
  });
});

describe('scoreMatrix: layers and composite', () => {
  it('scores all four layers at 70 as green', () => {
    const table = scoreMatrix(
      matrixOf([
        {
          paidSeats: 10,
          raw: {
            ...CALM, // trend 100 vs 100: stable 70
            active_users_28: 7, // 7 of 10 seats: 70
            core_features_used_28: 4, // 4 of 10 core features: 70
            core_features_total: 10,
            feature_rows_to_date: 30,
            emails_counted_90: 4, // median 30 h: 60
            emails_answered_90: 4,
            email_median_hours_90: 30,
            tickets_positive_90: 5, // (5·100 + 3·60) / 8 = 85
            tickets_neutral_90: 3,
            tickets_negative_90: 0,
            contacts_started: 4, // champion 30 + multi 25 + sentiment 15 = 70 of 100
            active_contacts: 3,
            champion_active: 1,
            exec_sponsor_engaged: 0,
            active_sentiment_sum: 1,
            active_sentiment_count: 3,
            new_senior_contacts_90: 1,
            nps_promoters_180: 8, // NPS 80 → 90
            nps_detractors_180: 0,
            nps_responses_180: 10,
            outcome_intent: 1, // unsure: 50 → (90 + 50) / 2 = 70
          },
        },
      ]),
      FULL_CHECKLIST,
    );
    expect(table.layerScore.usage[0]).toBe(70);
    expect(table.layerScore.engagement[0]).toBe(70); // (60·60 + 85·40) / 100
    expect(table.layerScore.relationship[0]).toBe(70);
    expect(table.layerScore.outcome[0]).toBe(70);
    expect(table.score[0]).toBe(70);
    expect(table.rag[0]).toBe(RAG_GREEN);
    expect(table.coverage[0]).toBe(1);
  });

  it('scores all four layers at 40 as yellow', () => {
    const table = scoreMatrix(
      matrixOf([
        {
          paidSeats: 10,
          raw: {
            ...CALM,
            usage_last14: 80, // −20 %: declining 40
            active_users_28: 4, // 40 %: 40
            core_features_used_28: 2, // 20 %: 40
            core_features_total: 10,
            feature_rows_to_date: 30,
            emails_counted_90: 4, // median 100 h: 20
            emails_answered_90: 3,
            email_median_hours_90: 100,
            tickets_positive_90: 1, // (100 + 3·60) / 4 = 70 → (20·60 + 70·40) / 100 = 40
            tickets_neutral_90: 3,
            tickets_negative_90: 0,
            contacts_started: 2, // champion 30 + leadership 10 = 40 of 100
            active_contacts: 2,
            champion_active: 1,
            exec_sponsor_engaged: 0,
            active_sentiment_sum: -1,
            active_sentiment_count: 2,
            new_senior_contacts_90: 0,
            nps_promoters_180: 1, // NPS −40 → 30
            nps_detractors_180: 5,
            nps_responses_180: 10,
            outcome_intent: 1, // 50 → (30 + 50) / 2 = 40
          },
        },
      ]),
      FULL_CHECKLIST,
    );
    for (const layer of ['usage', 'engagement', 'relationship', 'outcome'] as const) {
      expect(table.layerScore[layer][0]).toBeCloseTo(40, 12);
    }
    expect(table.score[0]).toBe(40);
    expect(table.rag[0]).toBe(RAG_YELLOW);
  });

  it('renormalises over present signals and layers, with coverage at both levels', () => {
    const table = scoreMatrix(
      matrixOf([
        {
          paidSeats: 10,
          raw: {
            ...CALM,
            usage_last14: 120, // +20 %: 100
            active_users_28: 7, // 70
            core_features_used_28: 2, // 40
            core_features_total: 10,
            feature_rows_to_date: 5,
            emails_counted_90: 3, // 100; support_sentiment missing (no rated tickets)
            emails_answered_90: 3,
            email_median_hours_90: 10,
            tickets_positive_90: 0,
            tickets_neutral_90: 0,
            tickets_negative_90: 0,
            contacts_started: 0, // relationship layer missing
            nps_promoters_180: 3, // NPS 0 → 50; renewal_intent missing
            nps_detractors_180: 3,
            nps_responses_180: 10,
          },
        },
      ]),
      DEFAULT_MODEL,
    );
    // usage = (100·50 + 70·30 + 40·20) / 100 = 79; engagement = 100; outcome = 50.
    expect(table.layerScore.usage[0]).toBe(79);
    expect(table.layerScore.engagement[0]).toBe(100);
    expect(table.layerScore.relationship[0]).toBeNaN();
    expect(table.layerScore.outcome[0]).toBe(50);
    // composite = (79·40 + 100·25 + 50·15) / (40 + 25 + 15) = 6410 / 80 = 80.125 → 80.1
    expect(table.rawComposite[0]).toBe(80.1);
    expect(table.score[0]).toBe(80.1);
    expect(table.coverage[0]).toBe(0.8); // 80 of 100 layer weight
    expect(table.layerCoverage.usage[0]).toBe(1);
    expect(table.layerCoverage.engagement[0]).toBe(0.6); // 60 of 60 + 40
    expect(table.layerCoverage.relationship[0]).toBe(0);
    expect(table.layerCoverage.outcome[0]).toBe(0.5);
    expect(table.lowCoverage[0]).toBe(0);
  });

  it('rounds the composite once, half away from zero, despite float noise', () => {
    const table = scoreMatrix(
      matrixOf([
        {
          paidSeats: 10,
          raw: {
            ...CALM,
            usage_last14: 120, // 100
            active_users_28: 7, // 70
            core_features_used_28: 4, // 70 → usage = (5000 + 2100 + 1400) / 100 = 85
            core_features_total: 10,
            feature_rows_to_date: 5,
            emails_counted_90: 3, // none answered: 0
            emails_answered_90: 0,
            email_median_hours_90: Number.POSITIVE_INFINITY,
            tickets_positive_90: 0, // (5·60 + 5·20) / 10 = 40 → engagement = 1600 / 100 = 16
            tickets_neutral_90: 5,
            tickets_negative_90: 5,
            contacts_started: 4, // (30 + 25) / 75 · 100 = 220/3
            active_contacts: 3,
            champion_active: 1,
            exec_sponsor_engaged: 0,
            nps_promoters_180: 8, // 50 · 22 / 18 = 550/9
            nps_detractors_180: 4,
            nps_responses_180: 18,
            outcome_intent: 0, // 0 → outcome = 275/9
          },
        },
      ]),
      DEFAULT_MODEL,
    );
    // composite = (85·40 + 16·25 + (220/3)·20 + (275/9)·15) / 100
    //           = (3400 + 400 + 4400/3 + 1375/3) / 100 = 5725 / 100 = 57.25 → 57.3
    const layers = table.layerScore;
    const floatComposite =
      ((layers.usage[0] as number) * 40 +
        (layers.engagement[0] as number) * 25 +
        (layers.relationship[0] as number) * 20 +
        (layers.outcome[0] as number) * 15) /
      100;
    expect(floatComposite).toBeLessThan(57.25);
    expect(table.rawComposite[0]).toBe(57.3);
  });

  it('leaves an account with no data unscored, not red', () => {
    const table = scoreMatrix(matrixOf([{ raw: {} }]), DEFAULT_MODEL);
    expect(table.score[0]).toBeNaN();
    expect(table.rawComposite[0]).toBeNaN();
    expect(table.rag[0]).toBe(RAG_UNSCORED);
    expect(table.coverage[0]).toBe(0);
    expect(table.lowCoverage[0]).toBe(0);
    expect(table.overrides[0]).toBe(0);
  });

  it('ignores a layer of weight 0 in the composite but still shows its score', () => {
    const config = edited((model) => {
      model.layers.outcome.weight = 0;
    });
    const table = scoreMatrix(matrixOf([{ raw: npsRaw(1000, 0) }]), config);
    expect(table.layerScore.outcome[0]).toBe(100);
    // Only usage (trend 100 vs 100: 70) counts; the enabled layer weight is 40 + 25 + 20.
    expect(table.score[0]).toBe(70);
    expect(table.coverage[0]).toBeCloseTo(40 / 85, 12);
    expect(table.lowCoverage[0]).toBe(1);
  });
});

describe('scoreMatrix: layers outside the model', () => {
  it('leaves layer score and coverage empty for a layer without enabled signals', () => {
    const table = scoreMatrix(matrixOf([{ raw: npsRaw(0, 0) }]), NPS_ONLY);
    expect(table.layerScore.usage[0]).toBeNaN();
    expect(table.layerCoverage.usage[0]).toBeNaN();
    expect(table.layerCoverage.outcome[0]).toBe(1);
    expect(table.score[0]).toBe(50);
  });

  it('has coverage 0 and no score when no layer takes part', () => {
    const config = edited((model) => {
      for (const layer of ['usage', 'engagement', 'relationship', 'outcome'] as const) {
        model.layers[layer].weight = 0;
      }
    });
    const table = scoreMatrix(matrixOf([{ raw: npsRaw(0, 0) }]), config);
    expect(table.coverage[0]).toBe(0);
    expect(table.score[0]).toBeNaN();
    expect(table.rag[0]).toBe(RAG_UNSCORED);
  });
});

describe('scoreMatrix: points per signal', () => {
  it('computes enabled signals and leaves disabled ones NaN', () => {
    const raw: Raw = { ...CALM, meetings_held_90: 10, meetings_attended_90: 9 };
    const off = scoreMatrix(matrixOf([{ raw }]), DEFAULT_MODEL);
    expect(off.points.usage_trend[0]).toBe(70);
    expect(off.points.meeting_attendance[0]).toBeNaN();

    const on = scoreMatrix(
      matrixOf([{ raw }]),
      edited((config) => {
        config.signals.meeting_attendance.enabled = true;
      }),
    );
    expect(on.points.meeting_attendance[0]).toBe(100);
    // usage = 70; engagement = meeting attendance alone = 100 → (70·40 + 100·25) / 65 = 81.538… → 81.5
    expect(on.score[0]).toBe(81.5);
  });

  it('reads contract start through the account index for the trend history rule', () => {
    const matrix = matrixOf([
      { contractStart: T - 26, raw: CALM },
      { contractStart: T - 27, raw: CALM },
    ]);
    const points = signalPoints(matrix, 'usage_trend', DEFAULT_MODEL);
    expect(points[0]).toBeNaN();
    expect(points[1]).toBe(70);
  });

  it('reads paid seats through the account index', () => {
    const matrix = matrixOf([
      { paidSeats: 10, raw: { active_users_28: 8 } },
      { paidSeats: 20, raw: { active_users_28: 8 } },
      { raw: { active_users_28: 8 } },
    ]);
    expect(Array.from(signalPoints(matrix, 'license_utilization', DEFAULT_MODEL))).toEqual([
      100,
      40,
      Number.NaN,
    ]);
  });
});

describe('scoreMatrix: overrides', () => {
  /** Composite 90 from nps alone: 50 · (1000 + 800) / 1000. */
  const high = npsRaw(800, 0);

  it('sets zero usage to 10 and it beats both caps, recording all three', () => {
    const table = scoreMatrix(
      matrixOf([
        {
          raw: {
            ...high,
            usage_last14: 0,
            champion_left: 1,
            champion_active: 0,
            open_escalations: 2,
          },
        },
      ]),
      NPS_ONLY,
    );
    expect(table.rawComposite[0]).toBe(90);
    expect(table.score[0]).toBe(10);
    expect(table.rag[0]).toBe(RAG_RED);
    expect(table.overrides[0]).toBe(ZERO_USAGE | CHAMPION_DEPARTED | ACTIVE_ESCALATION);
    expect(overrideNames(table.overrides[0] as number)).toEqual([
      'zero_usage',
      'champion_departed',
      'active_escalation',
    ]);
  });

  it('scores zero usage 10 even for an otherwise unscored account started at t−13', () => {
    const table = scoreMatrix(
      matrixOf([
        { contractStart: T - 13, raw: { usage_last14: 0, usage_prior14: 0 } },
        { contractStart: T - 12, raw: { usage_last14: 0, usage_prior14: 0 } },
      ]),
      DEFAULT_MODEL,
    );
    expect(table.rawComposite[0]).toBeNaN();
    expect(table.score[0]).toBe(10);
    expect(table.overrides[0]).toBe(ZERO_USAGE);
    expect(table.lowCoverage[0]).toBe(1); // a score with no layer behind it
    expect(table.score[1]).toBeNaN();
    expect(table.overrides[1]).toBe(0);
  });

  it('combines two caps as the lower one', () => {
    const table = scoreMatrix(
      matrixOf([
        { raw: { ...high, champion_left: 1, champion_active: 0, open_escalations: 1 } },
        { raw: { ...high, open_escalations: 1 } },
        { raw: { ...high, champion_left: 1, champion_active: 0 } },
        { raw: { ...high, champion_left: 1, champion_active: 1 } }, // replaced champion
      ]),
      NPS_ONLY,
    );
    expect(Array.from(table.score)).toEqual([40, 50, 40, 90]);
    expect(Array.from(table.overrides)).toEqual([
      CHAMPION_DEPARTED | ACTIVE_ESCALATION,
      ACTIVE_ESCALATION,
      CHAMPION_DEPARTED,
      0,
    ]);
  });

  it('never raises a score with a cap, and records the rule anyway', () => {
    // 50 · (1000 − 700) / 1000 = 15
    const table = scoreMatrix(
      matrixOf([{ raw: { ...npsRaw(0, 700), open_escalations: 1 } }]),
      NPS_ONLY,
    );
    expect(table.score[0]).toBe(15);
    expect(table.overrides[0]).toBe(ACTIVE_ESCALATION);
  });

  it('keeps a cap from scoring an unscored account', () => {
    const table = scoreMatrix(matrixOf([{ raw: { ...CALM, open_escalations: 1 } }]), NPS_ONLY);
    expect(table.score[0]).toBeNaN();
    expect(table.overrides[0]).toBe(ACTIVE_ESCALATION);
  });

  it('flags renewal risk below 60 without changing the score', () => {
    const table = scoreMatrix(
      matrixOf([
        { raw: { ...npsRaw(198, 0), next_renewal: T + 30 } }, // 50 · 1198 / 1000 = 59.9
        { raw: { ...npsRaw(200, 0), next_renewal: T + 30 } }, // 60.0
      ]),
      NPS_ONLY,
    );
    expect(Array.from(table.score)).toEqual([59.9, 60]);
    expect(Array.from(table.overrides)).toEqual([RENEWAL_RISK, 0]);
  });

  it('flags renewal risk from day t through day t+60, not t+61', () => {
    const below = npsRaw(0, 0); // 50
    const table = scoreMatrix(
      matrixOf([
        { raw: { ...below, next_renewal: T } },
        { raw: { ...below, next_renewal: T + 60 } },
        { raw: { ...below, next_renewal: T + 61 } },
        { raw: { ...below } },
      ]),
      NPS_ONLY,
    );
    expect(Array.from(table.overrides)).toEqual([RENEWAL_RISK, RENEWAL_RISK, 0, 0]);
    expect(Array.from(table.score)).toEqual([50, 50, 50, 50]);
  });

  it('judges renewal risk on the final score, after caps', () => {
    const table = scoreMatrix(
      matrixOf([{ raw: { ...high, open_escalations: 1, next_renewal: T + 10 } }]),
      NPS_ONLY,
    );
    expect(table.score[0]).toBe(50);
    expect(table.overrides[0]).toBe(ACTIVE_ESCALATION | RENEWAL_RISK);
  });

  it('takes an empty usage value for unknown, not for zero usage', () => {
    const table = scoreMatrix(matrixOf([{ raw: { ...high, usage_last14: Number.NaN } }]), NPS_ONLY);
    expect(table.overrides[0]).toBe(0);
    expect(table.score[0]).toBe(90);
  });

  it('never flags renewal risk on an unscored account', () => {
    const table = scoreMatrix(matrixOf([{ raw: { ...CALM, next_renewal: T + 5 } }]), NPS_ONLY);
    expect(table.score[0]).toBeNaN();
    expect(table.overrides[0]).toBe(0);
  });

  it('applies and records nothing for a switched-off rule', () => {
    const config = edited((model) => {
      model.signals = structuredClone(NPS_ONLY.signals);
      model.overrides.zeroUsage.enabled = false;
      model.overrides.activeEscalation.enabled = false;
    });
    const table = scoreMatrix(
      matrixOf([{ raw: { ...npsRaw(800, 0), usage_last14: 0, open_escalations: 1 } }]),
      config,
    );
    expect(table.score[0]).toBe(90);
    expect(table.overrides[0]).toBe(0);
  });
});

describe('scoreMatrix: RAG and low coverage', () => {
  it('bands at 70 and 40 on the final score', () => {
    const table = scoreMatrix(
      matrixOf([
        { raw: npsRaw(400, 0) }, // 50 · 1400 / 1000 = 70
        { raw: npsRaw(398, 0) }, // 69.9
        { raw: npsRaw(0, 200) }, // 50 · 800 / 1000 = 40
        { raw: npsRaw(0, 202) }, // 39.9
      ]),
      NPS_ONLY,
    );
    expect(Array.from(table.score)).toEqual([70, 69.9, 40, 39.9]);
    expect(Array.from(table.rag)).toEqual([RAG_GREEN, RAG_YELLOW, RAG_YELLOW, RAG_RED]);
  });

  it('flags low coverage below 50 % of layer weight, not at exactly 50 %', () => {
    const config = edited((model) => {
      model.layers.usage.weight = 50;
      model.layers.engagement.weight = 30;
      model.layers.relationship.weight = 10;
      model.layers.outcome.weight = 10;
    });
    const usageOnly = CALM;
    const engagementAndOutcome: Raw = {
      emails_counted_90: 2,
      emails_answered_90: 2,
      email_median_hours_90: 5,
      ...npsRaw(0, 0),
      usage_last14: Number.NaN,
    };
    const table = scoreMatrix(
      matrixOf([
        { raw: usageOnly },
        { raw: engagementAndOutcome },
        { raw: { ...CALM, ...npsRaw(0, 0) } },
      ]),
      config,
    );
    expect(Array.from(table.coverage)).toEqual([0.5, 0.4, 0.6]);
    expect(Array.from(table.lowCoverage)).toEqual([0, 1, 0]);
    expect(table.rag[1]).toBe(RAG_GREEN); // keeps its band: (100·30 + 50·10) / 40 = 87.5
    expect(table.score[1]).toBe(87.5);
  });
});

describe('weightedContributions and weakestSignal', () => {
  const matrix = matrixOf([
    {
      paidSeats: 10,
      raw: {
        ...CALM,
        usage_last14: 120,
        active_users_28: 7,
        core_features_used_28: 2,
        core_features_total: 10,
        feature_rows_to_date: 5,
        emails_counted_90: 3,
        emails_answered_90: 3,
        email_median_hours_90: 10,
        contacts_started: 0,
        nps_promoters_180: 3,
        nps_detractors_180: 3,
        nps_responses_180: 10,
      },
    },
  ]);
  const table = scoreMatrix(matrix, DEFAULT_MODEL);

  it('splits the composite into each signal’s part', () => {
    const parts = weightedContributions(table, DEFAULT_MODEL, 0);
    const bySignal = Object.fromEntries(parts.map((part) => [part.signal, part]));
    // Layers present: usage 40, engagement 25, outcome 15 of 80.
    expect(bySignal.usage_trend?.effectiveWeight).toBeCloseTo(0.25, 12); // 50/100 · 40/80
    expect(bySignal.usage_trend?.contribution).toBeCloseTo(25, 12);
    expect(bySignal.license_utilization?.contribution).toBeCloseTo(10.5, 12); // 70 · 0.15
    expect(bySignal.feature_adoption_depth?.contribution).toBeCloseTo(4, 12); // 40 · 0.1
    expect(bySignal.email_response_time?.contribution).toBeCloseTo(31.25, 12); // 100 · 25/80
    expect(bySignal.support_sentiment?.effectiveWeight).toBe(0);
    expect(bySignal.champion_active?.effectiveWeight).toBe(0);
    expect(bySignal.nps?.contribution).toBeCloseTo(9.375, 12); // 50 · 15/80
    expect(bySignal.renewal_intent?.points).toBeNaN();
    const total = parts.reduce((sum, part) => sum + part.contribution, 0);
    expect(total).toBeCloseTo(80.125, 12);
    expect(parts.map((part) => part.signal)).toEqual([
      'usage_trend',
      'license_utilization',
      'feature_adoption_depth',
      'email_response_time',
      'support_sentiment',
      'champion_active',
      'exec_sponsor_engaged',
      'multi_threaded',
      'renewal_intent',
      'nps',
    ]);
  });

  it('names the signal that costs the most points as the weakest', () => {
    // Lost points: license 30 · 0.15 = 4.5, features 60 · 0.1 = 6, nps 50 · 0.1875 = 9.375.
    const weakest = weakestSignal(table, DEFAULT_MODEL, 0);
    expect(weakest?.signal).toBe('nps');
    expect(weakest?.lostPoints).toBeCloseTo(9.375, 12);
  });

  it('breaks a tie by catalogue order and has none when nothing loses points', () => {
    const perfect = scoreMatrix(matrixOf([{ raw: npsRaw(1000, 0) }]), NPS_ONLY);
    expect(weakestSignal(perfect, NPS_ONLY, 0)).toBeUndefined();

    const config = edited((model) => {
      model.signals.usage_trend.weight = 50;
      model.signals.license_utilization.weight = 25;
      model.signals.feature_adoption_depth.enabled = false;
    });
    const tied = scoreMatrix(
      matrixOf([{ paidSeats: 10, raw: { ...CALM, active_users_28: 4 } }]),
      config,
    );
    // usage layer alone: lost = 30 · 50/75 = 20 and 60 · 25/75 = 20.
    expect(weakestSignal(tied, config, 0)?.signal).toBe('usage_trend');
  });
});
