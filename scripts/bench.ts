/**
 * Calibration speed: evaluateHistory over a synthetic 10,000-account ×
 * 24-month-end signal matrix, with and without the weight fit, timed as the
 * median of several runs and as a ratio to a fixed baseline loop (so a figure
 * from a noisy machine can still be read). Prints figures; asserts nothing.
 * The target for the live recompute (no fit) is 50 ms. The Calibration worker hands each
 * recompute the previous one's score table to overwrite, which also lets a weight change
 * keep the points and layer scores it leaves valid, so that path is timed too.
 */
import { DEFAULT_MODEL } from '../core/config.ts';
import { evaluateHistory } from '../core/evaluate.ts';
import { scoreMatrix, type ScoreTable } from '../core/score.ts';
import { runDrift } from '../core/drift.ts';
import { rocAuc } from '../core/metrics.ts';
import { churnLabels, runBacktest } from '../core/backtest.ts';
import { LAYER_IDS } from '../core/catalogue.ts';
import { emptyColumns, type SignalMatrix } from '../core/matrix.ts';

const ACCOUNTS = 10_000;
const SNAPSHOTS = 24;
const RUNS = 7;

/** A small deterministic generator (an LCG), so every run scores the same matrix. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

function syntheticMatrix(): SignalMatrix {
  const next = random(42);
  const firstDay = 19_358; // 2023-01-01
  const asOfDates = Array.from({ length: SNAPSHOTS }, (_, s) => firstDay + 30 + s * 30);
  const health = Float64Array.from({ length: ACCOUNTS }, () => next());
  const seats = Float64Array.from({ length: ACCOUNTS }, () => 5 + Math.floor(next() * 200));
  // About a quarter of the accounts churn, the least healthy most often.
  const churnedOn = Float64Array.from(health, (h) =>
    next() < 0.45 * (1 - h) ? asOfDates[Math.floor(next() * SNAPSHOTS)]! + 15 : Number.NaN,
  );
  const accountRows: number[] = [];
  const snapshotRows: number[] = [];
  for (let s = 0; s < SNAPSHOTS; s += 1) {
    for (let a = 0; a < ACCOUNTS; a += 1) {
      if (churnedOn[a]! <= asOfDates[s]!) continue;
      accountRows.push(a);
      snapshotRows.push(s);
    }
  }
  const rows = accountRows.length;
  const columns = emptyColumns(rows);
  for (let r = 0; r < rows; r += 1) {
    const a = accountRows[r]!;
    const h = Math.min(1, Math.max(0, health[a]! + (next() - 0.5) * 0.3));
    const events = Math.round(50 + h * 900 * next());
    columns.usage_last14[r] = h < 0.05 ? 0 : events;
    columns.usage_prior14[r] = Math.round(events * (0.7 + 0.6 * next() + (0.5 - h) * 0.4));
    columns.active_users_28[r] = Math.round(seats[a]! * Math.min(1, h * 1.2 * next() + 0.1));
    columns.dau_sum_28[r] = columns.active_users_28[r]! * (5 + 20 * h);
    columns.core_features_used_28[r] = Math.round(10 * h * (0.5 + next() / 2));
    columns.core_features_total[r] = 10;
    columns.feature_rows_to_date[r] = 100;
    columns.emails_counted_90[r] = 4 + Math.floor(next() * 20);
    columns.emails_answered_90[r] = Math.round(columns.emails_counted_90[r]! * h);
    columns.email_median_hours_90[r] =
      next() < 0.1 ? Number.POSITIVE_INFINITY : 4 + 120 * (1 - h) * next();
    columns.tickets_positive_90[r] = Math.floor(3 * h * next());
    columns.tickets_neutral_90[r] = Math.floor(2 * next());
    columns.tickets_negative_90[r] = Math.floor(3 * (1 - h) * next());
    columns.open_escalations[r] = next() < 0.05 * (1 - h) ? 1 : 0;
    columns.contacts_started[r] = 3 + Math.floor(next() * 8);
    columns.active_contacts[r] = Math.max(
      1,
      Math.round(columns.contacts_started[r]! * (0.5 + h / 2)),
    );
    columns.champion_active[r] = next() < 0.4 + 0.5 * h ? 1 : 0;
    columns.champion_left[r] = columns.champion_active[r] === 0 && next() < 0.3 ? 1 : 0;
    columns.exec_sponsor_engaged[r] = next() < h ? 1 : 0;
    columns.active_sentiment_sum[r] = Math.round((h - 0.5) * 4);
    columns.active_sentiment_count[r] = 3;
    columns.new_senior_contacts_90[r] = 0;
    columns.outcome_intent[r] = next() < 0.3 ? Number.NaN : Math.min(2, Math.floor(h * 3));
    columns.nps_responses_180[r] = Math.floor(next() * 6);
    columns.nps_promoters_180[r] = Math.round(columns.nps_responses_180[r]! * h * 0.8);
    columns.nps_detractors_180[r] = Math.round(columns.nps_responses_180[r]! * (1 - h) * 0.5);
    columns.next_renewal[r] = asOfDates[snapshotRows[r]!]! + Math.floor(next() * 365);
  }
  return {
    accounts: {
      accountIds: Array.from({ length: ACCOUNTS }, (_, a) => `acct-${a}`),
      accountNames: Array.from({ length: ACCOUNTS }, (_, a) => `Account ${a}`),
      segments: Array.from({ length: ACCOUNTS }, (_, a) => ['smb', 'mid', 'ent'][a % 3]!),
      csmOwners: Array.from({ length: ACCOUNTS }, () => null),
      arr: Float64Array.from(seats, (s) => s * 1_200),
      paidSeats: seats,
      contractStart: new Float64Array(ACCOUNTS).fill(firstDay - 400),
      renewalDate: new Float64Array(ACCOUNTS).fill(Number.NaN),
      churnedOn,
    },
    asOfDates,
    accountIndex: Int32Array.from(accountRows),
    asOfIndex: Int32Array.from(snapshotRows),
    columns,
    dataEnd: asOfDates[SNAPSHOTS - 1]! + 20,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => void): number[] {
  run();
  return Array.from({ length: RUNS }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
}

// A fixed amount of floating-point work, to express the figures in machine-independent units.
function baselineLoop(): void {
  const values = new Float64Array(1_000_000);
  let sum = 0;
  for (let pass = 0; pass < 10; pass += 1) {
    for (let i = 0; i < values.length; i += 1) {
      values[i] = values[i]! * 0.5 + i;
      sum += values[i]!;
    }
  }
  if (sum === -1) console.log(sum);
}

const matrix = syntheticMatrix();
console.log(
  `synthetic matrix: ${ACCOUNTS.toLocaleString('en-US')} accounts × ${SNAPSHOTS} snapshots → ${matrix.accountIndex.length.toLocaleString('en-US')} rows`,
);
const baseline = median(time(baselineLoop));
const live = median(time(() => evaluateHistory(matrix, DEFAULT_MODEL, { suggestWeights: false })));
const fitted = median(time(() => evaluateHistory(matrix, DEFAULT_MODEL, { suggestWeights: true })));
const report = (label: string, ms: number) =>
  console.log(
    `${label}: median ${ms.toFixed(1)} ms of ${RUNS} runs (${(ms / baseline).toFixed(2)} × baseline)`,
  );
console.log(`baseline loop: median ${baseline.toFixed(1)} ms`);
report('evaluateHistory, suggestWeights false (live recompute, target ≤ 50 ms)', live);
report('evaluateHistory, suggestWeights true (fit on release)', fitted);

// Where the live recompute spends its time, part by part.
const scores = scoreMatrix(matrix, DEFAULT_MODEL);
const parts: [string, () => void][] = [
  ['scoreMatrix', () => scoreMatrix(matrix, DEFAULT_MODEL)],
  [
    'runDrift',
    () =>
      runDrift({
        ...matrix,
        score: scores.score,
        rag: scores.rag,
        accountSegments: matrix.accounts.segments,
      }),
  ],
  [
    'rocAuc of the score',
    () =>
      rocAuc(
        scores.score,
        churnLabels(
          matrix.asOfDates,
          matrix.asOfIndex,
          matrix.accountIndex,
          matrix.accounts.churnedOn,
        ),
      ),
  ],
];
const layerWeights: Record<string, number> = {};
for (const layer of LAYER_IDS) layerWeights[layer] = DEFAULT_MODEL.layers[layer].weight;
parts.push([
  'runBacktest without weight fit and signal AUCs',
  () =>
    runBacktest({
      asOfDates: matrix.asOfDates,
      asOfIndex: matrix.asOfIndex,
      accountIndex: matrix.accountIndex,
      churnedOn: matrix.accounts.churnedOn,
      dataEnd: matrix.dataEnd,
      score: scores.score,
      rag: scores.rag,
      lowCoverage: scores.lowCoverage,
      layerScores: scores.layerScore,
      signalPoints: {},
      layerWeights,
      suggestWeights: false,
    }),
]);
let previous: ScoreTable = scoreMatrix(matrix, DEFAULT_MODEL);
parts.push([
  'scoreMatrix into the previous table',
  () => (previous = scoreMatrix(matrix, DEFAULT_MODEL, previous)),
]);
parts.push([
  'evaluateHistory without weight fit and signal AUCs (what a slider drag needs)',
  () => evaluateHistory(matrix, DEFAULT_MODEL, { suggestWeights: false, signalAuc: false }),
]);
// A layer weight drag: each recompute moves the usage weight and shares the rest out.
const dragged = structuredClone(DEFAULT_MODEL);
dragged.layers = {
  usage: { weight: 45 },
  engagement: { weight: 23 },
  relationship: { weight: 18 },
  outcome: { weight: 14 },
};
let drag = 0;
parts.push([
  'the same into the previous score table while a layer weight moves (the Calibration worker)',
  () => {
    drag += 1;
    previous = evaluateHistory(matrix, drag % 2 === 0 ? DEFAULT_MODEL : dragged, {
      suggestWeights: false,
      signalAuc: false,
      reuse: previous,
    }).scores;
  },
]);
for (const [label, run] of parts) report(`  part: ${label}`, median(time(run)));
