/**
 * Points → layer scores → composite → overrides → RAG, for every row of a signal
 * matrix at once. Everything is columnar: one typed array per output, config lookups
 * resolved once into a plan, and no object allocated per row, so that a whole history
 * can be rescored while a weight slider moves.
 */
import { LAYER_IDS, SIGNAL_IDS, SIGNALS, type LayerId, type SignalId } from './catalogue.ts';
import type { ModelConfig } from './config.ts';
import { rowCount, type SignalMatrix } from './matrix.ts';
import {
  addPresentPoints,
  signalPointsInto,
  slotScratch,
  type LayerAccumulator,
} from './points.ts';
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

/** Bits of a row's signal-presence word per plan layer: a layer has at most seven signals. */
const LAYER_MASK_BITS = 8;
const LAYER_MASK = (1 << LAYER_MASK_BITS) - 1;

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
 * With `reuse`, an earlier table of the same number of rows that the caller no longer
 * reads, the new table is written into its arrays instead of fresh ones: `reuse` then
 * holds parts of the new scores and must not be read, nor reused, again (a table passed a
 * second time is ignored). When `reuse` was scored from this same matrix object, left
 * unchanged since, the points of every signal whose bands are unchanged and the columns
 * of every layer whose signals, weights and bands are unchanged are kept, not recomputed:
 * moving a layer weight then rescores only the composite. The numbers are the same
 * either way.
 */
export function scoreMatrix(
  matrix: SignalMatrix,
  config: ModelConfig,
  reuse?: ScoreTable,
): ScoreTable {
  const rows = rowCount(matrix);
  const plan = modelPlan(config);
  const origin = tableOrigin(matrix, config, plan);
  const earlier = reuse === undefined || CONSUMED.has(reuse) ? undefined : reuse;
  if (earlier !== undefined) CONSUMED.add(earlier);
  const kept = keptColumns(earlier, origin, plan, rows);
  const arrays = new OutputArrays(rows, earlier, kept.arrays);

  const missing = arrays.filled(Number.NaN);
  const layerScore = {} as Record<LayerId, Float64Array>;
  const layerCoverage = {} as Record<LayerId, Float64Array>;
  for (const layer of LAYER_IDS) {
    layerScore[layer] = missing;
    layerCoverage[layer] = missing;
  }
  for (const layer of plan.layers) {
    const keptLayer = kept.layers.get(layer.layer);
    layerScore[layer.layer] = keptLayer?.score ?? arrays.zeros();
    layerCoverage[layer.layer] = keptLayer?.coverage ?? arrays.float64();
  }

  // Each weighted signal of a layer to recompute adds points × weight into the layer's
  // score array, and its bit into `present`, as its points are worked out (or from its
  // kept points); scoreRows then divides by the weight present. Signals are visited in
  // catalogue order, the order of the plan's sums.
  const layersToFinish = plan.layers.filter((layer) => !kept.layers.has(layer.layer)).length;
  const present = new Int32Array(layersToFinish > 0 ? rows : 0);
  const accumulators = new Map<SignalId, LayerAccumulator>();
  plan.layers.forEach((layer, index) => {
    if (kept.layers.has(layer.layer)) return;
    layer.signals.forEach((entry, position) => {
      accumulators.set(entry.signal, {
        weighted: layerScore[layer.layer],
        present,
        weight: entry.weight,
        bit: 1 << (index * LAYER_MASK_BITS + position),
      });
    });
  });
  let slots: Int32Array | undefined;
  const points = {} as Record<SignalId, Float64Array>;
  for (const signal of SIGNAL_IDS) {
    if (!config.signals[signal].enabled) {
      points[signal] = missing;
      continue;
    }
    const accumulator = accumulators.get(signal);
    const keptPoints = kept.points.get(signal);
    if (keptPoints !== undefined) {
      if (accumulator !== undefined) addPresentPoints(keptPoints, accumulator);
      points[signal] = keptPoints;
      continue;
    }
    const out = arrays.float64();
    slots ??= slotScratch(rows);
    signalPointsInto(matrix, signal, config, out, slots, accumulator);
    points[signal] = out;
  }

  const table: ScoreTable = {
    rows,
    score: arrays.float64(),
    rawComposite: arrays.float64(),
    rag: arrays.uint8(),
    coverage: arrays.float64(),
    lowCoverage: arrays.uint8(),
    overrides: arrays.uint8(),
    layerScore,
    layerCoverage,
    points,
  };
  const layerKept = Uint8Array.from(plan.layers, (layer) => (kept.layers.has(layer.layer) ? 1 : 0));
  scoreRows(matrix, rowPlan(plan, config, table, present, layerKept), table);
  ORIGINS.set(table, origin);
  return table;
}

/** What a table was scored from: enough to tell which of its columns a later model can keep. */
interface TableOrigin {
  readonly matrix: SignalMatrix;
  /** Per enabled signal: its bands, as JSON ('null' for a signal without bands). */
  readonly bands: ReadonlyMap<SignalId, string>;
  /** Per layer of the plan: its weighted signals and their weights, as JSON. */
  readonly layers: ReadonlyMap<LayerId, string>;
}

const ORIGINS = new WeakMap<ScoreTable, TableOrigin>();

/** Tables already handed to scoreMatrix as `reuse`: their arrays belong to a newer table. */
const CONSUMED = new WeakSet<ScoreTable>();

function tableOrigin(matrix: SignalMatrix, config: ModelConfig, plan: ModelPlan): TableOrigin {
  const allBands = config.bands as Readonly<Record<string, unknown>>;
  const bands = new Map<SignalId, string>();
  for (const signal of SIGNAL_IDS) {
    if (config.signals[signal].enabled) bands.set(signal, JSON.stringify(allBands[signal] ?? null));
  }
  const layers = new Map<LayerId, string>();
  for (const layer of plan.layers) layers.set(layer.layer, JSON.stringify(layer.signals));
  return { matrix, bands, layers };
}

interface KeptColumns {
  readonly points: ReadonlyMap<SignalId, Float64Array>;
  readonly layers: ReadonlyMap<LayerId, { score: Float64Array; coverage: Float64Array }>;
  /** Every array above, which the new table keeps rather than overwrites. */
  readonly arrays: ReadonlySet<Float64Array>;
}

/**
 * The columns of `earlier` that stay valid for the new model: all of them are functions
 * of the matrix and of the bands (points) or of the signals, weights and points (layers).
 */
function keptColumns(
  earlier: ScoreTable | undefined,
  origin: TableOrigin,
  plan: ModelPlan,
  rows: number,
): KeptColumns {
  const points = new Map<SignalId, Float64Array>();
  const layers = new Map<LayerId, { score: Float64Array; coverage: Float64Array }>();
  const arrays = new Set<Float64Array>();
  const before = earlier === undefined ? undefined : ORIGINS.get(earlier);
  if (earlier === undefined || before === undefined) return { points, layers, arrays };
  if (before.matrix !== origin.matrix || earlier.rows !== rows) return { points, layers, arrays };

  for (const [signal, bands] of origin.bands) {
    if (before.bands.get(signal) !== bands) continue;
    points.set(signal, earlier.points[signal]);
    arrays.add(earlier.points[signal]);
  }
  for (const layer of plan.layers) {
    if (before.layers.get(layer.layer) !== origin.layers.get(layer.layer)) continue;
    if (!layer.signals.every((entry) => points.has(entry.signal))) continue;
    const columns = {
      score: earlier.layerScore[layer.layer],
      coverage: earlier.layerCoverage[layer.layer],
    };
    layers.set(layer.layer, columns);
    arrays.add(columns.score);
    arrays.add(columns.coverage);
  }
  return { points, layers, arrays };
}

/**
 * Where scoreMatrix takes its output arrays: fresh ones, or the arrays of a table being
 * reused, each handed out at most once. Arrays from float64 and uint8 may hold old values,
 * so they go only to outputs whose every row is written.
 */
class OutputArrays {
  private readonly rows: number;
  private readonly floats: Float64Array[] = [];
  private readonly bytes: Uint8Array[] = [];

  constructor(rows: number, reuse: ScoreTable | undefined, kept: ReadonlySet<Float64Array>) {
    this.rows = rows;
    if (reuse === undefined) return;
    const floats = new Set<Float64Array>([
      reuse.score,
      reuse.rawComposite,
      reuse.coverage,
      ...Object.values(reuse.layerScore),
      ...Object.values(reuse.layerCoverage),
      ...Object.values(reuse.points),
    ]);
    for (const array of floats) {
      if (array instanceof Float64Array && array.length === rows && !kept.has(array)) {
        this.floats.push(array);
      }
    }
    for (const array of new Set([reuse.rag, reuse.lowCoverage, reuse.overrides])) {
      if (array instanceof Uint8Array && array.length === rows) this.bytes.push(array);
    }
  }

  float64(): Float64Array {
    return this.floats.pop() ?? new Float64Array(this.rows);
  }

  zeros(): Float64Array {
    return this.floats.pop()?.fill(0) ?? new Float64Array(this.rows);
  }

  filled(value: number): Float64Array {
    return (this.floats.pop() ?? new Float64Array(this.rows)).fill(value);
  }

  uint8(): Uint8Array {
    return this.bytes.pop() ?? new Uint8Array(this.rows);
  }
}

/**
 * The weight present for each subset of `weights`, the subset given as a bit mask:
 * entry m is the sum, in order, of the weights whose bit is set in m, so it equals what
 * a running sum over the present entries gives, to the last bit.
 */
function presentWeightOfMask(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(1 << weights.length);
  for (let mask = 0; mask < sums.length; mask += 1) {
    let present = 0;
    weights.forEach((weight, index) => {
      if (mask & (1 << index)) present += weight;
    });
    sums[mask] = present;
  }
  return sums;
}

/**
 * The model plan and the table's columns laid out for the row loop: per plan layer its
 * output columns and tables keyed by which of its signals are present, and the override
 * rules and bands as plain numbers.
 */
interface RowPlan {
  /**
   * Per row: bit LAYER_MASK_BITS·l + j set when signal j of plan layer l has points; empty
   * when every layer is kept.
   */
  readonly present: Int32Array;
  /** Per plan layer: Σ points × weight on entry, the layer score on return. */
  readonly layerScores: readonly Float64Array[];
  /** Per plan layer: 1 when its score and coverage columns are kept from an earlier table. */
  readonly layerKept: Uint8Array;
  readonly layerCoverages: readonly Float64Array[];
  /** Plan layer l's present signal weight for signal mask m at maskStart[l] + m. */
  readonly layerPresent: Float64Array;
  /** That present weight ÷ the layer's signal weight total, at the same place. */
  readonly layerCoverageOfMask: Float64Array;
  readonly maskStart: Int32Array;
  /** Per plan layer: its weight in the composite, 0 when it takes no part. */
  readonly compositeWeight: Float64Array;
  /** Per plan layer: its bit in the composite layer mask, 0 when it takes no part. */
  readonly compositeBit: Int32Array;
  /** By composite layer mask: the layer weight present, its share of the total, and 1 when that share is low. */
  readonly compositePresent: Float64Array;
  readonly compositeCoverage: Float64Array;
  readonly compositeLowCoverage: Uint8Array;
  readonly greenFrom: number;
  readonly yellowFrom: number;
  /** 1 when the rule is on, else 0, so that a flag is a product of 0/1 factors. */
  readonly zeroUsageOn: number;
  readonly zeroUsageScore: number;
  readonly championOn: number;
  readonly championCap: number;
  readonly escalationOn: number;
  readonly escalationCap: number;
  readonly renewalOn: number;
  readonly renewalWindow: number;
  readonly renewalBelow: number;
}

function rowPlan(
  plan: ModelPlan,
  config: ModelConfig,
  table: ScoreTable,
  present: Int32Array,
  layerKept: Uint8Array,
): RowPlan {
  const masks = plan.layers.map((layer) =>
    presentWeightOfMask(layer.signals.map((entry) => entry.weight)),
  );
  const maskStart = new Int32Array(plan.layers.length);
  let offset = 0;
  masks.forEach((sums, l) => {
    maskStart[l] = offset;
    offset += sums.length;
  });
  const layerPresent = new Float64Array(offset);
  const layerCoverageOfMask = new Float64Array(offset);
  plan.layers.forEach((layer, l) => {
    const sums = masks[l] as Float64Array;
    layerPresent.set(sums, maskStart[l]);
    sums.forEach((present, mask) => {
      layerCoverageOfMask[(maskStart[l] as number) + mask] = present / layer.signalWeightTotal;
    });
  });

  const totalWeight = plan.layerWeightTotal;
  const lowCoverageLimit = config.lowCoverageBelowPercent * totalWeight;
  const compositePresent = presentWeightOfMask(plan.compositeLayers.map((layer) => layer.weight));
  const { zeroUsage, championDeparted, activeEscalation, renewalRisk } = config.overrides;
  return {
    present,
    layerScores: plan.layers.map((layer) => table.layerScore[layer.layer]),
    layerKept,
    layerCoverages: plan.layers.map((layer) => table.layerCoverage[layer.layer]),
    layerPresent,
    layerCoverageOfMask,
    maskStart,
    compositeWeight: Float64Array.from(plan.layers, (layer) =>
      layer.weight > 0 ? layer.weight : 0,
    ),
    compositeBit: Int32Array.from(plan.layers, (layer) =>
      layer.weight > 0 ? 1 << plan.compositeLayers.indexOf(layer) : 0,
    ),
    compositePresent,
    compositeCoverage: compositePresent.map((present) =>
      totalWeight > 0 ? present / totalWeight : 0,
    ),
    compositeLowCoverage: Uint8Array.from(compositePresent, (present) =>
      present * 100 < lowCoverageLimit ? 1 : 0,
    ),
    greenFrom: config.rag.greenFrom,
    yellowFrom: config.rag.yellowFrom,
    zeroUsageOn: zeroUsage.enabled ? 1 : 0,
    zeroUsageScore: zeroUsage.score,
    championOn: championDeparted.enabled ? 1 : 0,
    championCap: championDeparted.cap,
    escalationOn: activeEscalation.enabled ? 1 : 0,
    escalationCap: activeEscalation.cap,
    renewalOn: renewalRisk.enabled ? 1 : 0,
    renewalWindow: renewalRisk.windowDays,
    renewalBelow: renewalRisk.scoreBelow,
  };
}

// RAG code by (scored, at least greenFrom, at least yellowFrom) as the index
// scored·4 + green·2 + yellow: the bands of ragCode, picked without a branch.
const RAG_OF_COMPARISONS = Uint8Array.from([
  RAG_UNSCORED,
  RAG_UNSCORED,
  RAG_UNSCORED,
  RAG_UNSCORED,
  RAG_RED,
  RAG_YELLOW,
  RAG_GREEN,
  RAG_GREEN,
]);

/**
 * Layer scores and coverage, composite, overrides, band and low-coverage flag of every
 * row, in one pass that writes each output once. The sums run over signals and layers in
 * plan order, as column-by-column passes would add them, and the present weights come
 * from tables summed in that same order. Scores fall on either side of a band edge from
 * one row to the next, so the flags and bands are products of 0/1 comparisons rather than
 * branches the processor would mispredict.
 */
function scoreRows(matrix: SignalMatrix, plan: RowPlan, table: ScoreTable): void {
  const { present: signalsPresent, layerScores, layerKept, layerCoverages } = plan;
  const { layerPresent, layerCoverageOfMask, maskStart, compositeWeight, compositeBit } = plan;
  const { compositePresent, compositeCoverage, compositeLowCoverage } = plan;
  const { greenFrom, yellowFrom, zeroUsageScore, championCap, escalationCap } = plan;
  const { zeroUsageOn, championOn, escalationOn, renewalOn, renewalWindow, renewalBelow } = plan;
  const layerCount = layerScores.length;

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
  const { score: scores, rawComposite, coverage, rag, lowCoverage, overrides } = table;

  for (let row = 0; row < scores.length; row += 1) {
    let compositeWeighted = 0;
    let compositeMask = 0;
    // Read only when some layer is finished here: with every layer kept it is empty.
    const presentBits = signalsPresent.length === 0 ? 0 : (signalsPresent[row] as number);
    for (let layer = 0; layer < layerCount; layer += 1) {
      const scoresOfLayer = layerScores[layer] as Float64Array;
      let layerValue = scoresOfLayer[row] as number;
      if (layerKept[layer] === 0) {
        const slot =
          (maskStart[layer] as number) + ((presentBits >>> (layer * LAYER_MASK_BITS)) & LAYER_MASK);
        const present = layerPresent[slot] as number;
        layerValue = present > 0 ? layerValue / present : Number.NaN;
        scoresOfLayer[row] = layerValue;
        (layerCoverages[layer] as Float64Array)[row] = layerCoverageOfMask[slot] as number;
      }
      const bit = compositeBit[layer] as number;
      if (bit !== 0 && layerValue === layerValue) {
        compositeWeighted += layerValue * (compositeWeight[layer] as number);
        compositeMask |= bit;
      }
    }
    const present = compositePresent[compositeMask] as number;
    const composite = present > 0 ? roundHalfAwayFromZero(compositeWeighted / present) : Number.NaN;
    rawComposite[row] = composite;
    coverage[row] = compositeCoverage[compositeMask] as number;

    const asOf = asOfDates[asOfIndex[row] as number] as number;
    const zeroUsageFlag =
      zeroUsageOn *
      Number(usageLast14[row] === 0) *
      Number((contractStart[accountIndex[row] as number] as number) <= asOf - 13);
    const championFlag =
      championOn * Number(championLeft[row] === 1) * Number(championActive[row] === 0);
    const escalationFlag = escalationOn * Number((openEscalations[row] as number) > 0);
    // A cap that does not apply is +Infinity, which Math.min leaves alone; Math.min keeps
    // NaN, so a cap never turns an unscored account into a score.
    let score = Math.min(
      composite,
      championFlag === 1 ? championCap : Number.POSITIVE_INFINITY,
      escalationFlag === 1 ? escalationCap : Number.POSITIVE_INFINITY,
    );
    if (zeroUsageFlag === 1) score = zeroUsageScore;
    const renewal = nextRenewal[row] as number;
    const renewalFlag =
      renewalOn *
      Number(renewal >= asOf) *
      Number(renewal <= asOf + renewalWindow) *
      Number(score < renewalBelow);

    const scored = Number(score === score);
    scores[row] = score;
    overrides[row] =
      zeroUsageFlag * ZERO_USAGE +
      championFlag * CHAMPION_DEPARTED +
      escalationFlag * ACTIVE_ESCALATION +
      renewalFlag * RENEWAL_RISK;
    rag[row] = RAG_OF_COMPARISONS[
      scored * 4 + Number(score >= greenFrom) * 2 + Number(score >= yellowFrom)
    ] as number;
    lowCoverage[row] = scored * (compositeLowCoverage[compositeMask] as number);
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
