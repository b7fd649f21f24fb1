import { describe, expect, it } from 'vitest';
import {
  churnLabels,
  compositeFromLayers,
  runBacktest,
  suggestLayerWeights,
  type BacktestInput,
} from './backtest.ts';

interface TestRow {
  readonly account: number;
  readonly snapshot: number;
  readonly score: number;
  readonly low?: boolean;
  readonly layers?: Record<string, number>;
  readonly signals?: Record<string, number>;
}

interface TestSetup {
  readonly asOfDates: number[];
  readonly churnedOn: number[];
  readonly dataEnd: number;
  readonly layerWeights?: Record<string, number>;
  readonly layerNames?: string[];
  readonly signalNames?: string[];
}

/** Bands by the default thresholds, written out here rather than borrowed. */
function band(score: number): number {
  if (Number.isNaN(score)) return 0;
  if (score >= 70) return 3;
  return score >= 40 ? 2 : 1;
}

function buildInput(rows: TestRow[], setup: TestSetup): BacktestInput {
  const column = (pick: (row: TestRow) => number) => Float64Array.from(rows, pick);
  const layerScores: Record<string, Float64Array> = {};
  for (const name of setup.layerNames ?? []) {
    layerScores[name] = column((row) => row.layers?.[name] ?? Number.NaN);
  }
  const signalPoints: Record<string, Float64Array> = {};
  for (const name of setup.signalNames ?? []) {
    signalPoints[name] = column((row) => row.signals?.[name] ?? Number.NaN);
  }
  return {
    asOfDates: setup.asOfDates,
    asOfIndex: Int32Array.from(rows, (row) => row.snapshot),
    accountIndex: Int32Array.from(rows, (row) => row.account),
    churnedOn: Float64Array.from(setup.churnedOn),
    dataEnd: setup.dataEnd,
    score: column((row) => row.score),
    rag: Uint8Array.from(rows, (row) => band(row.score)),
    lowCoverage: Uint8Array.from(rows, (row) => (row.low ? 1 : 0)),
    layerScores,
    signalPoints,
    layerWeights: setup.layerWeights ?? {},
  };
}

/** AUC by definition over (churner, stayer) pairs, lower score = riskier, ties ½. */
function bruteForceAuc(scores: number[], churned: number[]): number {
  let won = 0;
  let pairs = 0;
  scores.forEach((a, i) => {
    if (churned[i] !== 1) return;
    scores.forEach((b, j) => {
      if (churned[j] === 1) return;
      pairs++;
      won += a < b ? 1 : a === b ? 0.5 : 0;
    });
  });
  return won / pairs;
}

// Six accounts over four month-ish snapshots (days 0, 30, 60, 61), data up to day 150.
// Churn days: A0 50, A1 140, A2 never, A3 200 (after the data), A4 never, A5 95.
// Day 60 + 90 = 150 = dataEnd → labelled; day 61 + 90 = 151 → censored.
// churned_90 = churn in (t, t+90]:
//   day 0:  A0 (50) yes; A1 (140 > 90) no; A5 (95 > 90) no
//   day 30: A0 yes; A5 (95 ≤ 120) yes; A1 (140 > 120) no
//   day 60: A1 (140 ≤ 150) yes; A5 yes
const HAND_SETUP: TestSetup = {
  asOfDates: [0, 30, 60, 61],
  churnedOn: [50, 140, Number.NaN, 200, Number.NaN, 95],
  dataEnd: 150,
  layerNames: ['usage', 'outcome'],
  signalNames: ['nps'],
  layerWeights: { usage: 60, outcome: 40 },
};
const HAND_SCORES: [number, number, number, boolean?][] = [
  // [snapshot, account, score, low coverage]
  [0, 0, 35],
  [0, 1, 75],
  [0, 2, 80],
  [0, 3, 50],
  [0, 4, Number.NaN],
  [0, 5, 65],
  [1, 0, 20],
  [1, 1, 72],
  [1, 2, 85],
  [1, 3, 55],
  [1, 4, 45, true],
  [1, 5, 38],
  [2, 1, 45],
  [2, 2, 82],
  [2, 3, 60],
  [2, 4, 45, true],
  [2, 5, 30],
  [3, 1, 44],
  [3, 2, 81],
  [3, 3, 61],
  [3, 4, 49],
  [3, 5, 29],
];
const HAND_ROWS: TestRow[] = HAND_SCORES.map(([snapshot, account, score, low]) => ({
  snapshot,
  account,
  score,
  low: low ?? false,
  layers: {
    usage: score,
    // Outcome data only from day 30 on, and backwards: a high outcome score at churners.
    outcome: snapshot === 0 ? Number.NaN : 100 - score + (account % 2),
  },
  signals: { nps: account === 3 ? Number.NaN : (account * 17) % 100 },
}));

describe('churnLabels', () => {
  it('labels churn in (t, t+90]: day t+90 counts, t+91 does not', () => {
    const labels = churnLabels(
      [100],
      new Int32Array([0, 0, 0, 0]),
      new Int32Array([0, 1, 2, 3]),
      new Float64Array([101, 190, 191, Number.NaN]),
    );
    expect(Array.from(labels)).toEqual([1, 1, 0, 0]);
  });
});

describe('runBacktest on a hand-worked table', () => {
  const report = runBacktest(buildInput(HAND_ROWS, HAND_SETUP));

  it('censors only the snapshot whose horizon passes the end of the data', () => {
    expect(report.snapshots.map((s) => s.censored)).toEqual([false, false, false, true]);
    expect(report.labelledSnapshots).toBe(3);
    expect(report.censoredSnapshots).toBe(1);
    expect(report.snapshots[3]!.metrics).toBeNull();
    expect(report.snapshots[3]!.rows).toBe(5);
  });

  it('counts bands against churn per snapshot (day 0)', () => {
    // Red: A0 35 (churned). Yellow: A3 50, A5 65. Green: A1 75, A2 80. Unscored: A4.
    const day0 = report.snapshots[0]!.metrics!;
    expect([day0.rows, day0.scored, day0.unscored, day0.churned]).toEqual([6, 5, 1, 1]);
    expect(day0.bands.red).toEqual({ accounts: 1, churned: 1, retained: 0, churnRate: 1 });
    expect(day0.bands.yellow).toEqual({ accounts: 2, churned: 0, retained: 2, churnRate: 0 });
    expect(day0.bands.green).toEqual({ accounts: 2, churned: 0, retained: 2, churnRate: 0 });
    expect(day0.churnRate).toBeCloseTo(1 / 5, 12);
    expect(day0.greenRenewed).toBe(1);
    expect([day0.redPrecision, day0.redRecall]).toEqual([1, 1]);
    // The one churner (35) is below every stayer: AUC 1, KS 1 at 35.
    expect([day0.auc, day0.gini, day0.ks, day0.ksScore]).toEqual([1, 1, 1, 35]);
  });

  it('handles ties and partial recall (day 60)', () => {
    // Churners A1 45 (yellow), A5 30 (red); stayers A2 82, A3 60, A4 45.
    // Pairs: 30 beats 3; 45 beats 82 and 60 and ties 45 → 2.5; AUC = 5.5 / 6.
    // KS: at 45 churners 2/2 against stayers 1/3 → 2/3.
    const day60 = report.snapshots[2]!.metrics!;
    expect(day60.auc).toBeCloseTo(5.5 / 6, 12);
    expect(day60.gini).toBeCloseTo(2 * (5.5 / 6) - 1, 12);
    expect(day60.ks).toBeCloseTo(2 / 3, 12);
    expect(day60.ksScore).toBe(45);
    expect(day60.bands.yellow).toEqual({ accounts: 3, churned: 1, retained: 2, churnRate: 1 / 3 });
    expect(day60.redPrecision).toBe(1);
    expect(day60.redRecall).toBe(0.5);
    expect(report.snapshots[1]!.lowCoverage).toBe(1);
  });

  it('pools the labelled snapshots, with and without low-coverage rows', () => {
    // Scored rows 5 + 6 + 5 = 16, churned 1 + 2 + 2 = 5.
    // Red: day0 A0, day30 A0 A5, day60 A5 → 4 of 4 churned. Yellow 7 (1 churned). Green 5.
    const pooled = report.pooled;
    expect([pooled.rows, pooled.scored, pooled.unscored, pooled.churned]).toEqual([17, 16, 1, 5]);
    expect(pooled.bands.red).toEqual({ accounts: 4, churned: 4, retained: 0, churnRate: 1 });
    expect(pooled.bands.yellow.accounts).toBe(7);
    expect(pooled.bands.yellow.churned).toBe(1);
    expect(pooled.bands.green).toEqual({ accounts: 5, churned: 0, retained: 5, churnRate: 0 });
    expect(pooled.redRecall).toBeCloseTo(4 / 5, 12);
    // Churners 20 30 35 38 45 against 11 stayers; only 45 ties two stayers at 45:
    // 4·11 + (9 + 2·½) = 54 of 55 pairs.
    expect(pooled.auc).toBeCloseTo(54 / 55, 12);

    // Without A4's two low-coverage rows (both stayers at 45), no churner ties a stayer.
    const covered = report.pooledWithoutLowCoverage;
    expect(covered.scored).toBe(14);
    expect(covered.bands.yellow.accounts).toBe(5);
    expect(covered.auc).toBe(1);
    expect(report.lowCoverageRows).toBe(2);
  });

  it('builds deciles by mid-rank over the pooled rows', () => {
    // Sorted pooled scores (c = churned): 20c 30c 35c 38c 45c 45 45 50 55 60 65 72 75 80 82 85.
    // Decile ⌈10·rank/16⌉: 20→1; 30,35→2; 38→3; the three 45s (mid-rank 6)→⌈3.75⌉=4;
    // 50→5; 55→6; 60,65→7; 72→8; 75,80→9; 82,85→10.
    const deciles = report.pooled.deciles;
    expect(deciles.map((d) => d.rows)).toEqual([1, 2, 1, 3, 1, 1, 2, 1, 2, 2]);
    expect(deciles.map((d) => d.churned)).toEqual([1, 2, 1, 1, 0, 0, 0, 0, 0, 0]);
    // Decile 1 churn rate 1 against 5/16 overall → lift 3.2.
    expect(deciles[0]!.lift).toBeCloseTo(16 / 5, 12);
    expect(deciles[3]!.gains).toBeCloseTo(1, 12);
  });

  it('measures lead time from the first red and first non-green snapshot within the horizon', () => {
    // A0 churns day 50: window [−40, 50) holds days 0 (red 35) and 30 (red 20) → 50 days both.
    // A1 churns day 140: window [50, 140) holds days 60 (45) and 61 (44), both yellow →
    //   no red; non-green from day 60 → 80 days. (Days 0 and 30 are outside the window.)
    // A5 churns day 95: window [5, 95) holds days 30 (red 38), 60, 61 → 65 days both;
    //   its yellow at day 0 is outside the window.
    // A3 churns day 200, after the data: left out.
    const lead = report.leadTime;
    expect(lead.windowDays).toBe(90);
    expect(lead.churnedAccounts).toBe(3);
    expect(lead.accounts).toEqual([
      {
        account: 0,
        churnedOn: 50,
        snapshotsInWindow: 2,
        firstRed: 0,
        daysFromRed: 50,
        firstNonGreen: 0,
        daysFromNonGreen: 50,
      },
      {
        account: 1,
        churnedOn: 140,
        snapshotsInWindow: 2,
        firstRed: null,
        daysFromRed: null,
        firstNonGreen: 60,
        daysFromNonGreen: 80,
      },
      {
        account: 5,
        churnedOn: 95,
        snapshotsInWindow: 3,
        firstRed: 30,
        daysFromRed: 65,
        firstNonGreen: 30,
        daysFromNonGreen: 65,
      },
    ]);
    expect([lead.withRed, lead.withNonGreen]).toEqual([2, 3]);
    expect(lead.medianDaysFromRed).toBe(57.5); // (50 + 65) / 2
    expect(lead.medianDaysFromNonGreen).toBe(65); // median of 50, 65, 80
  });

  it('searches the whole history when the lead-time window is unlimited', () => {
    const unlimited = runBacktest({
      ...buildInput(HAND_ROWS, HAND_SETUP),
      leadTimeWindowDays: Number.POSITIVE_INFINITY,
    }).leadTime;
    // A5 is now non-green from day 0 (yellow 65): 95 days. A1's days 0 and 30 are green.
    expect(unlimited.windowDays).toBeNull();
    expect(unlimited.accounts.map((a) => a.daysFromNonGreen)).toEqual([50, 80, 95]);
    expect(unlimited.medianDaysFromNonGreen).toBe(80);
  });

  it('gives each layer and signal its own AUC over the rows where it has a value', () => {
    const labelled = HAND_ROWS.filter((row) => row.snapshot < 3);
    const label = (row: TestRow) => {
      const churnDay = HAND_SETUP.churnedOn[row.account]!;
      const asOf = HAND_SETUP.asOfDates[row.snapshot]!;
      return churnDay > asOf && churnDay <= asOf + 90 ? 1 : 0;
    };
    const expectFor = (values: (row: TestRow) => number) => {
      const present = labelled.filter((row) => !Number.isNaN(values(row)));
      return {
        rows: present.length,
        churned: present.filter((row) => label(row) === 1).length,
        auc: bruteForceAuc(present.map(values), present.map(label)),
      };
    };

    const [usage, outcome] = report.layers;
    const usageExpected = expectFor((row) => row.layers!.usage!);
    expect(usage!.name).toBe('usage');
    expect(usage!.rows).toBe(16);
    expect(usage!.auc).toBeCloseTo(usageExpected.auc, 12);
    const outcomeExpected = expectFor((row) => row.layers!.outcome!);
    expect(outcome!.rows).toBe(11); // day 0 has no outcome data: 6 + 5 rows remain
    expect(outcome!.churned).toBe(outcomeExpected.churned);
    expect(outcome!.auc).toBeCloseTo(outcomeExpected.auc, 12);
    expect(outcome!.auc).toBeLessThan(0.5);
    const nps = report.signals[0]!;
    expect(nps.rows).toBe(expectFor((row) => row.signals!.nps!).rows);
    expect(nps.auc).toBeCloseTo(expectFor((row) => row.signals!.nps!).auc, 12);
  });
});

describe('runBacktest edge cases', () => {
  it('moves a snapshot into censoring when the data end one day earlier', () => {
    const report = runBacktest(buildInput(HAND_ROWS, { ...HAND_SETUP, dataEnd: 149 }));
    expect(report.snapshots.map((s) => s.censored)).toEqual([false, false, true, true]);
  });

  it('reports a snapshot without churners as AUC null, and an empty band as rate null', () => {
    const rows: TestRow[] = [
      { account: 0, snapshot: 0, score: 50 },
      { account: 1, snapshot: 0, score: 80 },
      { account: 2, snapshot: 0, score: 80 },
    ];
    const report = runBacktest(
      buildInput(rows, { asOfDates: [10], churnedOn: [NaN, NaN, NaN], dataEnd: 500 }),
    );
    const metrics = report.snapshots[0]!.metrics!;
    expect([metrics.auc, metrics.gini, metrics.ks, metrics.ksScore]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(metrics.churnRate).toBe(0);
    expect(metrics.bands.red).toEqual({ accounts: 0, churned: 0, retained: 0, churnRate: null });
    expect(metrics.redPrecision).toBeNull();
    expect(metrics.redRecall).toBeNull();
    expect(metrics.greenRenewed).toBe(1);
    expect(report.leadTime.churnedAccounts).toBe(0);
    expect(report.leadTime.medianDaysFromRed).toBeNull();
  });

  it('survives a table where every row is unscored', () => {
    const rows: TestRow[] = [
      { account: 0, snapshot: 0, score: NaN },
      { account: 1, snapshot: 0, score: NaN },
      { account: 0, snapshot: 1, score: NaN },
    ];
    const report = runBacktest(
      buildInput(rows, {
        asOfDates: [0, 30],
        churnedOn: [40, NaN],
        dataEnd: 400,
        layerNames: ['usage'],
        layerWeights: { usage: 100 },
      }),
    );
    const pooled = report.pooled;
    expect([pooled.rows, pooled.scored, pooled.unscored, pooled.unscoredChurned]).toEqual([
      3, 0, 3, 2,
    ]);
    expect([pooled.churnRate, pooled.auc, pooled.greenRenewed, pooled.redRecall]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(pooled.deciles.every((d) => d.rows === 0)).toBe(true);
    expect(report.layers[0]!.rows).toBe(0);
    expect(report.layers[0]!.auc).toBeNull();
    expect(report.suggestedWeights!.fitted).toBe(false);
    expect(report.leadTime.accounts[0]!.firstNonGreen).toBeNull();
  });

  it('rejects inconsistent columns', () => {
    const input = buildInput(HAND_ROWS, HAND_SETUP);
    expect(() => runBacktest({ ...input, score: input.score.subarray(1) })).toThrow(RangeError);
    // Band thresholds are configurable, so only "unscored ⇔ no score" is checked.
    const unscoredCode = input.rag.slice();
    unscoredCode[0] = 0; // row 0 has score 35
    expect(() => runBacktest({ ...input, rag: unscoredCode })).toThrow(/RAG code/);
    const unknownCode = input.rag.slice();
    unknownCode[0] = 4;
    expect(() => runBacktest({ ...input, rag: unknownCode })).toThrow(/RAG code/);
    const notEligible = input.churnedOn.slice();
    notEligible[0] = 30; // A0 has a row at day 30
    expect(() => runBacktest({ ...input, churnedOn: notEligible })).toThrow(/churned on or before/);
    expect(() => runBacktest({ ...input, asOfDates: [0, 30, 30, 61] })).toThrow(/ascending/);
  });

  it('leaves the suggestion out on request', () => {
    const report = runBacktest({ ...buildInput(HAND_ROWS, HAND_SETUP), suggestWeights: false });
    expect(report.suggestedWeights).toBeNull();
  });
});

describe('compositeFromLayers', () => {
  it('renormalises over the layers present, worked by hand', () => {
    const layers = {
      usage: new Float64Array([80, NaN, 10]),
      engagement: new Float64Array([NaN, NaN, 90]),
      outcome: new Float64Array([50, NaN, 30]),
    };
    const weights = { usage: 40, engagement: 25, outcome: 35 };
    // Row 0: (80·40 + 50·35) / (40 + 35) = (3200 + 1750) / 75 = 66.
    // Row 1: no layer → NaN. Row 2: (400 + 2250 + 1050) / 100 = 37.
    const composite = compositeFromLayers(layers, weights);
    expect(composite[0]).toBeCloseTo(66, 12);
    expect(composite[1]).toBeNaN();
    expect(composite[2]).toBeCloseTo(37, 12);
    // A layer weighing 0 is ignored; rows picks and orders rows.
    expect(Array.from(compositeFromLayers(layers, { usage: 0, outcome: 1 }, [2, 0]))).toEqual([
      30, 50,
    ]);
  });
});

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 300 accounts over 9 monthly snapshots, all labelled. `signal` is lower for accounts
 * about to churn, `noise` is unrelated, `backwards` is higher for them.
 */
function weightScenario(seed: number): { rows: TestRow[]; setup: TestSetup } {
  const next = random(seed);
  const asOfDates = Array.from({ length: 9 }, (_, i) => 30 * i);
  const churnedOn = Array.from({ length: 300 }, () =>
    next() < 0.5 ? 1 + Math.floor(next() * 330) : Number.NaN,
  );
  const rows: TestRow[] = [];
  asOfDates.forEach((asOf, snapshot) => {
    churnedOn.forEach((churnDay, account) => {
      if (churnDay <= asOf) return;
      const soon = churnDay <= asOf + 90 ? 1 : 0;
      const clamp = (value: number) => Math.max(0, Math.min(100, value));
      const signal = clamp(70 - 30 * soon + 30 * (next() - 0.5));
      const noise = next() < 0.2 ? Number.NaN : clamp(100 * next());
      const backwards = clamp(40 + 20 * soon + 30 * (next() - 0.5));
      const score =
        Math.round(
          ((signal * 50 + (Number.isNaN(noise) ? 0 : noise * 30)) /
            (50 + (Number.isNaN(noise) ? 0 : 30))) *
            10,
        ) / 10;
      rows.push({ account, snapshot, score, layers: { signal, noise, backwards } });
    });
  });
  return {
    rows,
    setup: {
      asOfDates,
      churnedOn,
      dataEnd: 240 + 90,
      layerNames: ['signal', 'noise', 'backwards'],
      layerWeights: { signal: 50, noise: 30, backwards: 20 },
    },
  };
}

describe('suggested weights', () => {
  const { rows, setup } = weightScenario(42);
  const input = buildInput(rows, setup);
  const suggestion = suggestLayerWeights(input);

  it('fits on the earlier two thirds of the snapshot dates and tests on the rest', () => {
    expect(suggestion.fitted).toBe(true);
    expect(suggestion.trainingAsOf).toEqual([0, 30, 60, 90, 120, 150]); // round(9 · 2/3) = 6
    expect(suggestion.testAsOf).toEqual([180, 210, 240]);
    const training = rows.filter((row) => row.snapshot < 6);
    expect(suggestion.trainingRows).toBe(training.length);
    const churnedInTraining = training.filter((row) => {
      const churnDay = setup.churnedOn[row.account]!;
      return churnDay <= setup.asOfDates[row.snapshot]! + 90;
    });
    expect(suggestion.trainingChurned).toBe(churnedInTraining.length);
    const noise = suggestion.layers.find((layer) => layer.layer === 'noise')!;
    expect(noise.imputedRows).toBe(
      training.filter((row) => Number.isNaN(row.layers!.noise!)).length,
    );
  });

  it('weights the predictive layer, gives the backwards layer nothing, and sums to 100', () => {
    const byLayer = Object.fromEntries(suggestion.layers.map((layer) => [layer.layer, layer]));
    expect(byLayer.signal!.coefficient!).toBeLessThan(0);
    expect(byLayer.backwards!.coefficient!).toBeGreaterThan(0);
    expect(byLayer.backwards!.riskContribution).toBe(0);
    expect(byLayer.backwards!.suggestedWeight).toBe(0);
    expect(byLayer.signal!.suggestedWeight!).toBeGreaterThan(byLayer.noise!.suggestedWeight!);
    expect(suggestion.layers.reduce((sum, layer) => sum + layer.suggestedWeight!, 0)).toBe(100);
    expect(suggestion.layers.map((layer) => layer.currentWeight)).toEqual([50, 30, 20]);
    // Weights follow max(0, −coefficient) to within the one point that rounding moves.
    const contributions = suggestion.layers.map((layer) => layer.riskContribution!);
    const total = contributions.reduce((sum, value) => sum + value, 0);
    suggestion.layers.forEach((layer, j) => {
      expect(Math.abs(layer.suggestedWeight! - (100 * contributions[j]!) / total)).toBeLessThan(1);
    });
    expect(byLayer.signal!.coefficientPerPoint).toBeCloseTo(
      byLayer.signal!.coefficient! / byLayer.signal!.trainingStd!,
      12,
    );
  });

  it('reports held-out AUCs equal to a brute-force count over the later snapshots', () => {
    const suggested = Object.fromEntries(
      suggestion.layers.map((layer) => [layer.layer, layer.suggestedWeight!]),
    );
    const composite = (row: TestRow, weights: Record<string, number>) => {
      let sum = 0;
      let weight = 0;
      for (const [layer, w] of Object.entries(weights)) {
        const value = row.layers![layer]!;
        if (w > 0 && !Number.isNaN(value)) {
          sum += value * w;
          weight += w;
        }
      }
      return weight > 0 ? sum / weight : Number.NaN;
    };
    const test = rows.filter(
      (row) =>
        row.snapshot >= 6 &&
        !Number.isNaN(composite(row, setup.layerWeights!)) &&
        !Number.isNaN(composite(row, suggested)),
    );
    const labels = test.map((row) =>
      setup.churnedOn[row.account]! <= setup.asOfDates[row.snapshot]! + 90 ? 1 : 0,
    );
    const heldOut = suggestion.heldOutAuc;
    expect(heldOut.rows).toBe(test.length);
    expect(heldOut.churned).toBe(labels.filter((label) => label === 1).length);
    expect(heldOut.current).toBeCloseTo(
      bruteForceAuc(
        test.map((row) => composite(row, setup.layerWeights!)),
        labels,
      ),
      12,
    );
    expect(heldOut.suggested).toBeCloseTo(
      bruteForceAuc(
        test.map((row) => composite(row, suggested)),
        labels,
      ),
      12,
    );
    expect(heldOut.finalScore).toBeCloseTo(
      bruteForceAuc(
        test.map((row) => row.score),
        labels,
      ),
      12,
    );
    // Dropping the backwards layer must help on this data.
    expect(heldOut.suggested!).toBeGreaterThan(heldOut.current!);
  });

  it('says why when it cannot fit', () => {
    const oneLabelled = suggestLayerWeights({ ...input, dataEnd: 90 });
    expect(oneLabelled.fitted).toBe(false);
    expect(oneLabelled.reason).toBe('too_few_snapshots');
    expect(oneLabelled.layers.every((layer) => layer.suggestedWeight === null)).toBe(true);

    const noChurn = suggestLayerWeights({
      ...input,
      churnedOn: input.churnedOn.map((day) => (day <= 240 ? 10_000 : day)),
    });
    expect(noChurn.reason).toBe('no_churners_in_training');
    // The later snapshots still have churners: the current weights keep their AUC.
    expect(noChurn.heldOutAuc.suggested).toBeNull();
    expect(noChurn.heldOutAuc.current).toBeGreaterThan(0.5);
  });
});
