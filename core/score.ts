/**
 * Points → layer scores → composite → overrides → RAG, for every row of a signal
 * matrix at once. Everything is columnar: one typed array per output, config lookups
 * resolved once into a plan, and no object allocated per row, so that a whole history
 * can be rescored while a weight slider moves.
 */
import { LAYER_IDS, SIGNAL_IDS, SIGNALS, type LayerId, type SignalId } from './catalogue.ts';
import type { ModelConfig } from './config.ts';
import { rowCount, type SignalMatrix } from './matrix.ts';
import { signalPoints } from './points.ts';
import { RAG_GREEN, RAG_RED, RAG_UNSCORED, RAG_YELLOW } from './rag.ts';

/** Override bits of `ScoreTable.overrides`, in the order the rules apply. */
export const ZERO_USAGE = 1;
export const CHAMPION_DEPARTED = 2;
export const ACTIVE_ESCALATION = 4;
export const RENEWAL_RISK = 8;

export const OVERRIDE_NAMES = [
  'zero_usage',
  'champion_departed',
  'active_escalation',
  'renewal_risk',
] as const;

export type OverrideName = (typeof OVERRIDE_NAMES)[number];

/** The names of the override rules recorded in a bitmask, in rule order. */
export function overrideNames(mask: number): OverrideName[] {
  return OVERRIDE_NAMES.filter((_name, bit) => (mask & (1 << bit)) !== 0);
}

export interface ScoreTable {
  readonly rows: number;
  /** Final score after overrides, one decimal; NaN when unscored. */
  readonly score: Float64Array;
  /** The composite rounded to one decimal, before overrides; NaN when no layer is present. */
  readonly rawComposite: Float64Array;
  /** 0 unscored, 1 red, 2 yellow, 3 green. */
  readonly rag: Uint8Array;
  /** Share (0..1) of the enabled layer weight whose layer is present. */
  readonly coverage: Float64Array;
  /** 1 when a scored row has less than the configured share of layer weight present. */
  readonly lowCoverage: Uint8Array;
  /** Bitmask of ZERO_USAGE, CHAMPION_DEPARTED, ACTIVE_ESCALATION, RENEWAL_RISK. */
  readonly overrides: Uint8Array;
  /** Exact (unrounded) layer score; NaN when the layer is missing or has no enabled signal. */
  readonly layerScore: Readonly<Record<LayerId, Float64Array>>;
  /** Share (0..1) of the layer's enabled signal weight present; NaN for a layer without enabled signals. */
  readonly layerCoverage: Readonly<Record<LayerId, Float64Array>>;
  /**
   * Points per signal; NaN when missing. Disabled signals all share one NaN-filled array,
   * so the arrays of a table are to be read, never written.
   */
  readonly points: Readonly<Record<SignalId, Float64Array>>;
}

interface WeightedSignal {
  readonly signal: SignalId;
  readonly weight: number;
}

interface LayerPlan {
  readonly layer: LayerId;
  readonly weight: number;
  /** Enabled signals with a weight above 0. */
  readonly signals: readonly WeightedSignal[];
  readonly signalWeightTotal: number;
}

/** The config resolved once into the lists the row loops walk. */
interface ModelPlan {
  /** Layers with at least one enabled, weighted signal (layer weight may be 0). */
  readonly layers: readonly LayerPlan[];
  /** Of those, the layers that take part in the composite (weight above 0). */
  readonly compositeLayers: readonly LayerPlan[];
  readonly layerWeightTotal: number;
}

function modelPlan(config: ModelConfig): ModelPlan {
  const layers: LayerPlan[] = [];
  for (const layer of LAYER_IDS) {
    const signals = SIGNAL_IDS.filter(
      (signal) =>
        SIGNALS[signal].layer === layer &&
        config.signals[signal].enabled &&
        config.signals[signal].weight > 0,
    ).map((signal) => ({ signal, weight: config.signals[signal].weight }));
    if (signals.length === 0) continue;
    const signalWeightTotal = signals.reduce((sum, entry) => sum + entry.weight, 0);
    layers.push({ layer, weight: config.layers[layer].weight, signals, signalWeightTotal });
  }
  const compositeLayers = layers.filter((layer) => layer.weight > 0);
  const layerWeightTotal = compositeLayers.reduce((sum, layer) => sum + layer.weight, 0);
  return { layers, compositeLayers, layerWeightTotal };
}

/**
 * Rounds to `decimals` places, halves away from zero (72.25 → 72.3, −0.05 → −0.1).
 * Float noise of a weighted mean (72.24999999999999 for a true 72.25) is snapped away
 * first: the scaled value is taken to the nearest millionth before the half is judged.
 */
export function roundHalfAwayFromZero(value: number, decimals = 1): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** decimals;
  const scaled = Math.round(Math.abs(value) * factor * 1e6) / 1e6;
  const rounded = Math.floor(scaled + 0.5) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * Scores every row of the matrix with the model: points per enabled signal, layer scores
 * as weighted means over present signals, the composite as the weighted mean over present
 * layers (rounded once to one decimal), then the overrides in rule order and the RAG band.
 */
export function scoreMatrix(matrix: SignalMatrix, config: ModelConfig): ScoreTable {
  const rows = rowCount(matrix);
  const plan = modelPlan(config);

  const missing = new Float64Array(rows).fill(Number.NaN);
  const points = {} as Record<SignalId, Float64Array>;
  for (const signal of SIGNAL_IDS) {
    points[signal] = config.signals[signal].enabled
      ? signalPoints(matrix, signal, config)
      : missing;
  }

  // Weighted sums accumulate column by column, each pass streaming one array, straight
  // into the output arrays (score sums into the score array, present weight into the
  // coverage array) and are divided out in place: no scratch arrays to allocate.
  const layerScore = {} as Record<LayerId, Float64Array>;
  const layerCoverage = {} as Record<LayerId, Float64Array>;
  for (const layer of LAYER_IDS) {
    layerScore[layer] = missing;
    layerCoverage[layer] = missing;
  }
  for (const layer of plan.layers) {
    const scores = new Float64Array(rows);
    const coverage = new Float64Array(rows);
    for (const entry of layer.signals) {
      accumulate(points[entry.signal], entry.weight, scores, coverage);
    }
    const total = layer.signalWeightTotal;
    for (let row = 0; row < rows; row += 1) {
      const present = coverage[row] as number;
      scores[row] = present > 0 ? (scores[row] as number) / present : Number.NaN;
      coverage[row] = present / total;
    }
    layerScore[layer.layer] = scores;
    layerCoverage[layer.layer] = coverage;
  }

  const table: ScoreTable = {
    rows,
    score: new Float64Array(rows),
    rawComposite: new Float64Array(rows),
    rag: new Uint8Array(rows),
    coverage: new Float64Array(rows),
    lowCoverage: new Uint8Array(rows),
    overrides: new Uint8Array(rows),
    layerScore,
    layerCoverage,
    points,
  };
  for (const layer of plan.compositeLayers) {
    accumulate(layerScore[layer.layer], layer.weight, table.rawComposite, table.coverage);
  }
  composeAndOverride(matrix, config, plan.layerWeightTotal, table);
  return table;
}

/** Adds value × weight and weight into the sums for every row whose value is present. */
function accumulate(
  values: Float64Array,
  weight: number,
  weighted: Float64Array,
  presentWeight: Float64Array,
): void {
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (value === value) {
      weighted[row] = (weighted[row] as number) + value * weight;
      presentWeight[row] = (presentWeight[row] as number) + weight;
    }
  }
}

function composeAndOverride(
  matrix: SignalMatrix,
  config: ModelConfig,
  totalWeight: number,
  table: ScoreTable,
): void {
  // On entry rawComposite holds Σ layer score × weight and coverage the present weight.
  const weighted = table.rawComposite;
  const presentWeight = table.coverage;
  const lowCoveragePercent = config.lowCoverageBelowPercent;
  const { greenFrom, yellowFrom } = config.rag;
  const { zeroUsage, championDeparted, activeEscalation, renewalRisk } = config.overrides;
  const zeroUsageOn = zeroUsage.enabled;
  const zeroUsageScore = zeroUsage.score;
  const championOn = championDeparted.enabled;
  const championCap = championDeparted.cap;
  const escalationOn = activeEscalation.enabled;
  const escalationCap = activeEscalation.cap;
  const renewalOn = renewalRisk.enabled;
  const renewalWindow = renewalRisk.windowDays;
  const renewalBelow = renewalRisk.scoreBelow;

  const columns = matrix.columns;
  const usageLast14 = columns.usage_last14;
  const championLeft = columns.champion_left;
  const championActive = columns.champion_active;
  const openEscalations = columns.open_escalations;
  const nextRenewal = columns.next_renewal;
  const contractStart = matrix.accounts.contractStart;
  const asOfDates = matrix.asOfDates;
  const accountIndex = matrix.accountIndex;
  const asOfIndex = matrix.asOfIndex;

  for (let row = 0; row < table.rows; row += 1) {
    const present = presentWeight[row] as number;
    const composite =
      present > 0 ? roundHalfAwayFromZero((weighted[row] as number) / present) : Number.NaN;
    table.rawComposite[row] = composite;
    table.coverage[row] = totalWeight > 0 ? present / totalWeight : 0;

    const asOf = asOfDates[asOfIndex[row] as number] as number;
    let flags = 0;
    let score = composite;
    if (
      zeroUsageOn &&
      usageLast14[row] === 0 &&
      (contractStart[accountIndex[row] as number] as number) <= asOf - 13
    ) {
      flags |= ZERO_USAGE;
    }
    if (championOn && championLeft[row] === 1 && championActive[row] === 0) {
      flags |= CHAMPION_DEPARTED;
    }
    if (escalationOn && (openEscalations[row] as number) > 0) {
      flags |= ACTIVE_ESCALATION;
    }
    if (flags & ZERO_USAGE) {
      score = zeroUsageScore;
    } else {
      // Math.min keeps NaN, so a cap never turns an unscored account into a score.
      if (flags & CHAMPION_DEPARTED) score = Math.min(score, championCap);
      if (flags & ACTIVE_ESCALATION) score = Math.min(score, escalationCap);
    }
    const renewal = nextRenewal[row] as number;
    if (renewalOn && renewal >= asOf && renewal <= asOf + renewalWindow && score < renewalBelow) {
      flags |= RENEWAL_RISK;
    }

    const scored = score === score;
    table.score[row] = score;
    table.overrides[row] = flags;
    // The same bands as ragCode, inlined for the hot loop.
    table.rag[row] = !scored
      ? RAG_UNSCORED
      : score >= greenFrom
        ? RAG_GREEN
        : score >= yellowFrom
          ? RAG_YELLOW
          : RAG_RED;
    table.lowCoverage[row] = scored && present * 100 < lowCoveragePercent * totalWeight ? 1 : 0;
  }
}

const TIE_TOLERANCE = 1e-9;

export interface SignalContribution {
  readonly signal: SignalId;
  readonly layer: LayerId;
  /** Points of the signal, NaN when missing. */
  readonly points: number;
  /** The signal's share of the composite: its share of present weight in its layer × its layer's share of present layer weight; 0 when missing. */
  readonly effectiveWeight: number;
  /** points × effectiveWeight: the composite points this signal supplies (0 when missing). */
  readonly contribution: number;
  /** (100 − points) × effectiveWeight: how much the composite would rise were this signal at 100. */
  readonly lostPoints: number;
}

/**
 * Each enabled, weighted signal's part in one row's composite, in catalogue order. The
 * contributions of the present signals sum to the composite before rounding and overrides;
 * missing signals are listed with zero weight so a detail view can show them as gaps.
 */
export function weightedContributions(
  table: ScoreTable,
  config: ModelConfig,
  row: number,
): SignalContribution[] {
  const plan = modelPlan(config);
  const presentLayers = plan.compositeLayers.filter(
    (layer) => !Number.isNaN(table.layerScore[layer.layer][row] as number),
  );
  const presentLayerWeight = presentLayers.reduce((sum, layer) => sum + layer.weight, 0);

  const contributions: SignalContribution[] = [];
  for (const layer of plan.compositeLayers) {
    const layerShare = presentLayers.includes(layer) ? layer.weight / presentLayerWeight : 0;
    const presentSignalWeight = layer.signals.reduce(
      (sum, entry) =>
        Number.isNaN(table.points[entry.signal][row] as number) ? sum : sum + entry.weight,
      0,
    );
    for (const entry of layer.signals) {
      const value = table.points[entry.signal][row] as number;
      const effectiveWeight = Number.isNaN(value)
        ? 0
        : (entry.weight / presentSignalWeight) * layerShare;
      contributions.push({
        signal: entry.signal,
        layer: layer.layer,
        points: value,
        effectiveWeight,
        contribution: effectiveWeight === 0 ? 0 : value * effectiveWeight,
        lostPoints: effectiveWeight === 0 ? 0 : (100 - value) * effectiveWeight,
      });
    }
  }
  return contributions;
}

/**
 * The present, enabled signal that costs the composite the most points: the largest
 * (100 − points) × effective weight, i.e. the one whose repair to 100 would raise the
 * composite most. Ties go to the earlier signal in the catalogue; undefined when no
 * present signal loses any points.
 */
export function weakestSignal(
  table: ScoreTable,
  config: ModelConfig,
  row: number,
): SignalContribution | undefined {
  let weakest: SignalContribution | undefined;
  for (const contribution of weightedContributions(table, config, row)) {
    // The tolerance keeps float noise from breaking a tie that is exact on paper.
    if (contribution.lostPoints > (weakest?.lostPoints ?? 0) + TIE_TOLERANCE) {
      weakest = contribution;
    }
  }
  return weakest;
}
