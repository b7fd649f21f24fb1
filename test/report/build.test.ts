import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../core/backtest.ts';
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

function smallModel(name: string): ReportModel {
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
    expect(compared.match(/<th class="num">Proposed<\/th>/g)).toHaveLength(1);
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
