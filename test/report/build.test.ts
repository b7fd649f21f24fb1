import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../core/backtest.ts';
import { SIGNALS } from '../../core/catalogue.ts';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { parseIsoDate } from '../../core/dates.ts';
import { runDrift } from '../../core/drift.ts';
import { RAG } from '../../core/metrics.ts';
import { groupByQuarter } from '../../renderer/src/evidence/quarters.ts';
import { rocCurve } from '../../renderer/src/evidence/roc.ts';
import { buildReport, leadTimeBins, type ReportModel } from '../../renderer/src/report/build.ts';

const asOf = parseIsoDate('2024-01-31')!;
// Ten accounts at one snapshot. Red: 10, 20, 30, 35; yellow: 50, 55, 60; green: 80, 85, 90.
// Churned within 90 days: the accounts scoring 10 (day +30), 20 (+60) and 50 (+80).
const scores = [10, 20, 30, 35, 50, 55, 60, 80, 85, 90];
const bands = [1, 1, 1, 1, 2, 2, 2, 3, 3, 3];
const churnAfter = [30, 60, NaN, NaN, 80, NaN, NaN, NaN, NaN, NaN];

function smallModel(
  name: string,
  config: ModelConfig = DEFAULT_MODEL,
  unsavedChanges: readonly string[] = [],
): ReportModel {
  const score = Float64Array.from(scores);
  const backtest = runBacktest({
    asOfDates: [asOf],
    asOfIndex: new Int32Array(10),
    accountIndex: Int32Array.from(scores.keys()),
    churnedOn: Float64Array.from(churnAfter, (days) => asOf + days),
    dataEnd: asOf + 200,
    score,
    rag: Uint8Array.from(bands),
    lowCoverage: new Uint8Array(10),
    layerScores: { usage: score },
    signalPoints: {},
    layerWeights: { usage: 100 },
    suggestWeights: false,
  });
  // Drift over two snapshots: baseline 5, 5, 95, 95; then 5, 95, 95, 95.
  const drift = runDrift({
    asOfDates: [asOf, asOf + 29],
    asOfIndex: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
    accountIndex: Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]),
    score: Float64Array.from([5, 5, 95, 95, 5, 95, 95, 95]),
    rag: Uint8Array.from([
      RAG.red,
      RAG.red,
      RAG.green,
      RAG.green,
      RAG.red,
      RAG.green,
      RAG.green,
      RAG.green,
    ]),
    accountSegments: [null, null, null, null],
  });
  return {
    name,
    config,
    unsavedChanges,
    backtest,
    drift,
    quarters: groupByQuarter(backtest.snapshots, () => 0.5),
    roc: rocCurve(
      score,
      Uint8Array.from(churnAfter, (days) => (Number.isNaN(days) ? 0 : 1)),
    ),
    firstAsOf: asOf,
    lastAsOf: asOf,
  };
}

describe('buildReport', () => {
  const html = buildReport({
    model: smallModel('Default <model>'),
    generatedOn: parseIsoDate('2024-08-01')!,
    workspaceLabel: 'sample.duckdb',
  });

  it('holds the headline figures worked out by hand', () => {
    // AUC: churners 10, 20, 50 against stayers 30, 35, 55, 60, 80, 85, 90 (21 pairs):
    // 10 and 20 are below all 7, 50 below 5 → 19 / 21 = 0.9048.
    expect(html).toContain('0.905');
    // Red 2 of 4 churned, yellow 1 of 3, green 0 of 3.
    expect(html).toContain('50.0%');
    expect(html).toContain('33.3%');
    expect(html).toContain('0.0%');
    // Green renewed 3 of 3; red recall 2 of the 3 churners.
    expect(html).toContain('100.0%');
    expect(html).toContain('66.7%');
    // Lead time from red: 30 and 60 days → median 45; from non-green 30, 60, 80 → 60.
    expect(html).toContain('45 days');
    expect(html).toContain('60 days');
    expect(html).toContain(
      'Of accounts flagged red, 50% churned within 90 days; of yellow, 33%; of green, 0%.',
    );
  });

  it('holds the quarter, the data range and the drift PSI', () => {
    expect(html).toContain('2024 Q1');
    expect(html).toContain('31 Jan 2024');
    expect(html).toContain('sample.duckdb');
    // PSI of (0.25, 0.75) against (0.5, 0.5): −0.25·ln 0.5 + 0.25·ln 1.5 = 0.1733 + 0.1014 = 0.2747.
    expect(html).toContain('0.275');
    expect(html).toContain('Major shift');
  });

  it('escapes the model name', () => {
    expect(html).toContain('Default &lt;model&gt;');
    expect(html).not.toContain('Default <model>');
  });

  it('is self-contained and prints', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('@media print');
    expect(html).toContain('<svg');
  });

  it('sets the compare version’s headline beside the first', () => {
    const compared = buildReport({
      model: smallModel('Current'),
      compare: smallModel('Proposed'),
      generatedOn: asOf,
    });
    expect(compared).toContain('Compared with Proposed');
    const headline = /<section class="section" id="headline">(.*?)<\/section>/.exec(compared)![1]!;
    expect(headline.match(/<th class="num">Proposed<\/th>/g)).toHaveLength(1);
  });
});

describe('leadTimeBins', () => {
  it('counts days in 30-day bins up to the largest', () => {
    // 0 and 29 → first bin; 30 → second; 95 → fourth (90–119).
    expect(leadTimeBins([0, 29, 30, 95])).toEqual([
      { label: '0–29', count: 2 },
      { label: '30–59', count: 1 },
      { label: '60–89', count: 0 },
      { label: '90–119', count: 1 },
    ]);
    expect(leadTimeBins([])).toEqual([]);
  });
});

/** The rows of each table in the report's model section, cells as text. */
function modelTables(html: string): string[][][] {
  return [...modelSection(html).matchAll(/<tbody>(.*?)<\/tbody>/g)].map(([, body]) =>
    [...body!.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
      [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(([, cell]) => cell!),
    ),
  );
}

function modelSection(html: string): string {
  return /<section class="section" id="model">(.*?)<\/section>/.exec(html)?.[1] ?? '';
}

// The default model's weights, from the scoring rules' table of it: layers usage 40,
// engagement 25, relationship 20, outcome 15, and its ten enabled signals in catalogue order
// (renewal intent comes before NPS there).
const DEFAULT_SIGNAL_ROWS = [
  [SIGNALS.usage_trend.label, 'Product usage', '50'],
  [SIGNALS.license_utilization.label, 'Product usage', '30'],
  [SIGNALS.feature_adoption_depth.label, 'Product usage', '20'],
  [SIGNALS.email_response_time.label, 'Engagement', '60'],
  [SIGNALS.support_sentiment.label, 'Engagement', '40'],
  [SIGNALS.champion_active.label, 'Relationship', '30'],
  [SIGNALS.exec_sponsor_engaged.label, 'Relationship', '20'],
  [SIGNALS.multi_threaded.label, 'Relationship', '25'],
  [SIGNALS.renewal_intent.label, 'Outcome', '50'],
  [SIGNALS.nps.label, 'Outcome', '50'],
];

describe('buildReport’s model section', () => {
  // An edit with Product usage at 70 and the other three layers at 10 each (100 in all).
  const edited: ModelConfig = {
    ...DEFAULT_MODEL,
    layers: {
      usage: { weight: 70 },
      engagement: { weight: 10 },
      relationship: { weight: 10 },
      outcome: { weight: 10 },
    },
  };
  const changes = [
    'usage weight 40 → 70',
    'engagement weight 25 → 10',
    'relationship weight 20 → 10',
    'outcome weight 15 → 10',
  ];
  const html = buildReport({
    model: smallModel('Default model (edited, unsaved)', edited, changes),
    generatedOn: asOf,
  });

  it('names an edited model as edited and unsaved, in the title and the heading', () => {
    expect(html).toContain('<h1>Default model (edited, unsaved)</h1>');
    expect(html).toContain(
      '<title>Health score backtest — Default model (edited, unsaved)</title>',
    );
    expect(html).toContain('Not saved: 4 changes, listed under The model');
  });

  it('prints the layer weights the figures were computed with', () => {
    expect(modelTables(html)[0]).toEqual([
      ['Product usage', '70'],
      ['Engagement', '10'],
      ['Relationship', '10'],
      ['Outcome', '10'],
    ]);
  });

  it('prints the enabled signals with their weights, and no disabled one', () => {
    expect(modelTables(html)[1]).toEqual(DEFAULT_SIGNAL_ROWS);
    expect(modelSection(html)).not.toContain(SIGNALS.login_frequency.label);
  });

  it('lists the unsaved changes in words, in order', () => {
    const section = modelSection(html);
    expect(section).toContain('<h3>Unsaved changes</h3>');
    const items = [...section.matchAll(/<li>(.*?)<\/li>/g)].map(([, item]) => item);
    expect(items).toEqual(changes);
  });

  it('says nothing of unsaved changes for a saved model', () => {
    const saved = buildReport({ model: smallModel('Default model'), generatedOn: asOf });
    expect(saved).toContain('<h1>Default model</h1>');
    expect(saved).not.toContain('Unsaved changes');
    expect(saved).not.toContain('Not saved');
    expect(modelTables(saved)[0]).toEqual([
      ['Product usage', '40'],
      ['Engagement', '25'],
      ['Relationship', '20'],
      ['Outcome', '15'],
    ]);
  });

  it('says so when no signal is enabled', () => {
    const signals = Object.fromEntries(
      Object.entries(DEFAULT_MODEL.signals).map(([id, setting]) => [
        id,
        { ...setting, enabled: false },
      ]),
    ) as ModelConfig['signals'];
    const none = buildReport({
      model: smallModel('Nothing on', { ...DEFAULT_MODEL, signals }),
      generatedOn: asOf,
    });
    expect(modelSection(none)).toContain('No signal is enabled.');
    expect(modelTables(none)).toHaveLength(1);
  });

  it('sets a compare version’s weights beside, “off” where a signal is not enabled', () => {
    const proposed: ModelConfig = {
      ...DEFAULT_MODEL,
      signals: {
        ...DEFAULT_MODEL.signals,
        login_frequency: { enabled: true, weight: 15 },
        nps: { enabled: false, weight: 50 },
      },
    };
    const compared = buildReport({
      model: smallModel('Current'),
      compare: smallModel('Proposed', proposed),
      generatedOn: asOf,
    });
    const [layers, signals] = modelTables(compared);
    expect(layers![0]).toEqual(['Product usage', '40', '40']);
    // Login frequency is enabled in Proposed only, NPS in Current only.
    const byLabel = new Map(signals!.map((row) => [row[0], row.slice(1)]));
    expect(byLabel.get(SIGNALS.login_frequency.label)).toEqual(['Product usage', 'off', '15']);
    expect(byLabel.get(SIGNALS.nps.label)).toEqual(['Outcome', '50', 'off']);
    expect(byLabel.get(SIGNALS.usage_trend.label)).toEqual(['Product usage', '50', '50']);
    expect(signals).toHaveLength(11);
  });
});
