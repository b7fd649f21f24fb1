/**
 * The model config: which signals count, how much, where every band edge lies and
 * what each band is worth, the override rules and the RAG thresholds. It is plain
 * JSON so that a model can be saved, diffed and shared; the zod schema below is the
 * one definition of its shape.
 *
 * Ratio thresholds are whole percents (80 means 0.8) so that the points code can
 * compare band edges in exact integer arithmetic rather than after a float division.
 */
import { z } from 'zod';
import { LAYER_IDS, SIGNAL_IDS, signalsOfLayer, type LayerId } from './catalogue.ts';

const points = z.number().min(0).max(100);
const weight = z.int().min(0).max(100);
const wholePercent = z.int().min(0).max(100_000);
const count = z.int().min(0);

/** Value ≥ atLeast (a whole percent of the ratio, or a count) earns the tier's points. */
const atLeastTier = z.strictObject({ atLeast: wholePercent, points });
/** Value strictly above the whole percent earns the tier's points. */
const aboveTier = z.strictObject({ above: wholePercent, points });
/** Value at most the whole percent earns the tier's points. */
const atMostTier = z.strictObject({ atMost: wholePercent.min(1), points });

type Tier = { atLeast: number } | { above: number } | { atMost: number };

function tierEdge(tier: Tier): number {
  if ('atLeast' in tier) return tier.atLeast;
  if ('above' in tier) return tier.above;
  return tier.atMost;
}

/** Tiers are tried in order, so their edges must move monotonically away from the best band. */
function monotonicTiers(direction: 'descending' | 'ascending') {
  return (tiers: readonly Tier[], context: z.RefinementCtx) => {
    for (let index = 1; index < tiers.length; index += 1) {
      const previous = tierEdge(tiers[index - 1] as Tier);
      const current = tierEdge(tiers[index] as Tier);
      const ordered = direction === 'descending' ? current < previous : current > previous;
      if (!ordered) {
        context.addIssue({
          code: 'custom',
          path: [index],
          message: `tier edges must be strictly ${direction} (${current} after ${previous})`,
        });
      }
    }
  };
}

const atLeastBands = z.strictObject({
  tiers: z.array(atLeastTier).min(1).superRefine(monotonicTiers('descending')),
  otherwise: points,
});

const aboveBands = z.strictObject({
  tiers: z.array(aboveTier).min(1).superRefine(monotonicTiers('descending')),
  otherwise: points,
});

const atMostBands = z.strictObject({
  tiers: z.array(atMostTier).min(1).superRefine(monotonicTiers('ascending')),
  otherwise: points,
});

const trendBands = z
  .strictObject({
    /** Trend strictly above this whole percent is expanding. */
    expandingAbove: z.int().min(-100).max(100_000),
    /** Trend at or above this whole percent (and not expanding) is stable. */
    stableFrom: z.int().min(-100).max(100_000),
    /** Trend at or above this whole percent (and not stable) is declining; below it, critical. */
    decliningFrom: z.int().min(-100).max(100_000),
    points: z.strictObject({
      expanding: points,
      stable: points,
      declining: points,
      critical: points,
      dead: points,
      restarted: points,
    }),
  })
  .superRefine((bands, context) => {
    if (bands.stableFrom > bands.expandingAbove) {
      context.addIssue({
        code: 'custom',
        path: ['stableFrom'],
        message: 'must not be above expandingAbove',
      });
    }
    if (bands.decliningFrom > bands.stableFrom) {
      context.addIssue({
        code: 'custom',
        path: ['decliningFrom'],
        message: 'must not be above stableFrom',
      });
    }
  });

const emailTimeBands = z
  .strictObject({
    fastBelowHours: z.number().positive(),
    slowFromHours: z.number().positive(),
    points: z.strictObject({ fast: points, medium: points, slow: points, unanswered: points }),
  })
  .superRefine((bands, context) => {
    if (bands.slowFromHours < bands.fastBelowHours) {
      context.addIssue({
        code: 'custom',
        path: ['slowFromHours'],
        message: 'must not be below fastBelowHours',
      });
    }
  });

const integrationBands = z.strictObject({
  tiers: z
    .array(z.strictObject({ atLeast: count.min(1), points }))
    .min(1)
    .superRefine(monotonicTiers('descending')),
  apiOnly: points,
  none: points,
});

const bandsSchema = z.strictObject({
  usage_trend: trendBands,
  license_utilization: atLeastBands,
  feature_adoption_depth: atLeastBands,
  login_frequency: atLeastBands,
  workflow_completion: atLeastBands,
  data_volume_trend: trendBands,
  integration_activity: integrationBands,
  email_response_time: emailTimeBands,
  email_response_trend: atMostBands,
  meeting_attendance: aboveBands,
  support_sentiment: z.strictObject({ positive: points, neutral: points, negative: points }),
  csm_call_participation: z.strictObject({ active: points, passive: points, absent: points }),
  community_participation: z.strictObject({ active: points, lurker: points, none: points }),
  training_attendance: atLeastBands,
  multi_threaded: z.strictObject({ activeContactsAtLeast: count.min(1) }),
  roi_documented: z.strictObject({ yes: points, no: points }),
  goals_on_track: z.strictObject({ on_track: points, at_risk: points, off_track: points }),
  reported_value: z.strictObject({ positive: points, neutral: points, negative: points }),
  renewal_intent: z.strictObject({ yes: points, unsure: points, no: points }),
});

const overridesSchema = z.strictObject({
  zeroUsage: z.strictObject({ enabled: z.boolean(), score: points }),
  championDeparted: z.strictObject({ enabled: z.boolean(), cap: points }),
  activeEscalation: z.strictObject({ enabled: z.boolean(), cap: points }),
  renewalRisk: z.strictObject({
    enabled: z.boolean(),
    windowDays: count,
    scoreBelow: points,
  }),
});

const ragSchema = z
  .strictObject({ greenFrom: points, yellowFrom: points })
  .superRefine((rag, context) => {
    if (rag.yellowFrom > rag.greenFrom) {
      context.addIssue({
        code: 'custom',
        path: ['yellowFrom'],
        message: 'must not be above greenFrom',
      });
    }
  });

export const modelConfigSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1),
  layers: z.record(z.enum(LAYER_IDS), z.strictObject({ weight })),
  signals: z.record(z.enum(SIGNAL_IDS), z.strictObject({ enabled: z.boolean(), weight })),
  bands: bandsSchema,
  overrides: overridesSchema,
  rag: ragSchema,
  /** Below this whole percent of the enabled layer weight present, a score carries low_coverage. */
  lowCoverageBelowPercent: z.int().min(0).max(100),
  /** A velocity of minus this many points or worse is urgent. */
  urgentVelocityDrop: z.number().positive().max(100),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type Bands = ModelConfig['bands'];
export type TrendBands = Bands['usage_trend'];
export type AtLeastBands = Bands['license_utilization'];
export type AboveBands = Bands['meeting_attendance'];
export type AtMostBands = Bands['email_response_trend'];
export type IntegrationBands = Bands['integration_activity'];
export type EmailTimeBands = Bands['email_response_time'];

// A fresh object per signal: a shared one would tie the two trends together in any
// structured clone of the config that an editor then changes.
const trendDefaults = (): TrendBands => ({
  expandingAbove: 10,
  stableFrom: -10,
  decliningFrom: -25,
  points: { expanding: 100, stable: 70, declining: 40, critical: 10, dead: 0, restarted: 70 },
});

const ladder = (atLeast: [number, number, number]): AtLeastBands => ({
  tiers: [
    { atLeast: atLeast[0], points: 100 },
    { atLeast: atLeast[1], points: 70 },
    { atLeast: atLeast[2], points: 40 },
  ],
  otherwise: 10,
});

/**
 * The default model: the ten signals and weights of the scoring rules, every other
 * signal present but switched off. Relationship weights are the checklist points of
 * each item, which makes the layer score "points earned ÷ points possible × 100".
 */
export const DEFAULT_MODEL: ModelConfig = {
  version: 1,
  name: 'Default model',
  layers: {
    usage: { weight: 40 },
    engagement: { weight: 25 },
    relationship: { weight: 20 },
    outcome: { weight: 15 },
  },
  signals: {
    usage_trend: { enabled: true, weight: 50 },
    license_utilization: { enabled: true, weight: 30 },
    feature_adoption_depth: { enabled: true, weight: 20 },
    login_frequency: { enabled: false, weight: 20 },
    workflow_completion: { enabled: false, weight: 20 },
    data_volume_trend: { enabled: false, weight: 15 },
    integration_activity: { enabled: false, weight: 15 },
    email_response_time: { enabled: true, weight: 60 },
    email_response_trend: { enabled: false, weight: 40 },
    meeting_attendance: { enabled: false, weight: 30 },
    support_sentiment: { enabled: true, weight: 40 },
    csm_call_participation: { enabled: false, weight: 20 },
    community_participation: { enabled: false, weight: 10 },
    training_attendance: { enabled: false, weight: 10 },
    champion_active: { enabled: true, weight: 30 },
    exec_sponsor_engaged: { enabled: true, weight: 20 },
    multi_threaded: { enabled: true, weight: 25 },
    stakeholder_sentiment: { enabled: false, weight: 15 },
    leadership_stable: { enabled: false, weight: 10 },
    roi_documented: { enabled: false, weight: 30 },
    goals_on_track: { enabled: false, weight: 40 },
    reported_value: { enabled: false, weight: 30 },
    renewal_intent: { enabled: true, weight: 50 },
    nps: { enabled: true, weight: 50 },
  },
  bands: {
    usage_trend: trendDefaults(),
    license_utilization: ladder([80, 60, 40]),
    feature_adoption_depth: ladder([60, 40, 20]),
    login_frequency: ladder([50, 30, 15]),
    workflow_completion: ladder([80, 60, 40]),
    data_volume_trend: trendDefaults(),
    integration_activity: {
      tiers: [
        { atLeast: 3, points: 100 },
        { atLeast: 1, points: 60 },
      ],
      apiOnly: 40,
      none: 0,
    },
    email_response_time: {
      fastBelowHours: 24,
      slowFromHours: 72,
      points: { fast: 100, medium: 60, slow: 20, unanswered: 0 },
    },
    email_response_trend: {
      tiers: [
        { atMost: 125, points: 100 },
        { atMost: 200, points: 60 },
      ],
      otherwise: 20,
    },
    meeting_attendance: {
      tiers: [
        { above: 80, points: 100 },
        { above: 50, points: 60 },
      ],
      otherwise: 20,
    },
    support_sentiment: { positive: 100, neutral: 60, negative: 20 },
    csm_call_participation: { active: 100, passive: 50, absent: 0 },
    community_participation: { active: 100, lurker: 40, none: 0 },
    training_attendance: {
      tiers: [
        { atLeast: 3, points: 100 },
        { atLeast: 1, points: 50 },
      ],
      otherwise: 0,
    },
    multi_threaded: { activeContactsAtLeast: 3 },
    roi_documented: { yes: 100, no: 0 },
    goals_on_track: { on_track: 100, at_risk: 50, off_track: 0 },
    reported_value: { positive: 100, neutral: 50, negative: 0 },
    renewal_intent: { yes: 100, unsure: 50, no: 0 },
  },
  overrides: {
    zeroUsage: { enabled: true, score: 10 },
    championDeparted: { enabled: true, cap: 40 },
    activeEscalation: { enabled: true, cap: 50 },
    renewalRisk: { enabled: true, windowDays: 60, scoreBelow: 60 },
  },
  rag: { greenFrom: 70, yellowFrom: 40 },
  lowCoverageBelowPercent: 50,
  urgentVelocityDrop: 20,
};

export type ParseResult = { ok: true; config: ModelConfig } | { ok: false; errors: string[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Validates untrusted JSON as a model config; every error message starts with the path of the bad field. */
export function parseModelConfig(json: unknown): ParseResult {
  const result = modelConfigSchema.safeParse(json);
  if (result.success) return { ok: true, config: result.data };

  const errors: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors.push(`${formatPath([...issue.path, key])}: unknown field`);
    } else {
      errors.push(`${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return { ok: false, errors };
}

export type GuardrailId =
  'too_many_signals' | 'equal_layer_weights' | 'layer_weights_not_100' | 'never_backtested';

export interface Guardrail {
  readonly id: GuardrailId;
  readonly message: string;
}

/** Layers that take part in the composite: some weight and at least one enabled, weighted signal. */
export function activeLayers(config: ModelConfig): LayerId[] {
  return LAYER_IDS.filter(
    (layer) =>
      config.layers[layer].weight > 0 &&
      signalsOfLayer(layer).some(
        (signal) => config.signals[signal].enabled && config.signals[signal].weight > 0,
      ),
  );
}

/**
 * The warnings the workbench shows beside a model, never enforces: more than ten
 * enabled signals, equal weights on every layer in use, layer weights not summing to
 * 100, and a model that has not been backtested.
 */
export function guardrails(config: ModelConfig, status: { backtested: boolean }): Guardrail[] {
  const warnings: Guardrail[] = [];

  const enabled = SIGNAL_IDS.filter((signal) => config.signals[signal].enabled);
  if (enabled.length > 10) {
    warnings.push({
      id: 'too_many_signals',
      message: `${enabled.length} signals are enabled; more than ten inputs make a score that CSMs stop trusting.`,
    });
  }

  const inUse = activeLayers(config).map((layer) => config.layers[layer].weight);
  if (inUse.length >= 2 && inUse.every((layerWeight) => layerWeight === inUse[0])) {
    warnings.push({
      id: 'equal_layer_weights',
      message:
        'Every layer in use has the same weight; equal weights say the model does not know what matters.',
    });
  }

  const total = LAYER_IDS.reduce((sum, layer) => sum + config.layers[layer].weight, 0);
  if (total !== 100) {
    warnings.push({
      id: 'layer_weights_not_100',
      message: `Layer weights sum to ${total}, not 100; composites are renormalised, but the weights no longer read as shares.`,
    });
  }

  if (!status.backtested) {
    warnings.push({
      id: 'never_backtested',
      message: 'This model has never been backtested against real churn.',
    });
  }
  return warnings;
}
