/**
 * The backtest and drift report as ONE self-contained HTML page: tables in HTML,
 * charts as inline SVG, styles inline, no script, font file or link, so it opens
 * offline and prints cleanly to PDF. Pure: reports in, a string out.
 */
import type { BacktestReport, LabelMetrics } from '../../../core/backtest.ts';
import {
  LAYER_IDS,
  LAYERS,
  SIGNAL_IDS,
  SIGNALS,
  type LayerId,
  type SignalId,
} from '../../../core/catalogue.ts';
import type { ModelConfig } from '../../../core/config.ts';
import type { DriftReport } from '../../../core/drift.ts';
import type { QuarterRow } from '../evidence/quarters.ts';
import type { RocCurve } from '../evidence/roc.ts';
import {
  aucCaption,
  bandCaption,
  driftCaption,
  leadTimeCaption,
  outcomeCaption,
} from './captions.ts';
import {
  escapeHtml,
  formatCount,
  formatDate,
  formatDays,
  formatLift,
  formatMetric,
  formatMonth,
  formatRate,
  formatWholeRate,
  verdictLabel,
} from './format.ts';
import { REPORT_CSS } from './style.ts';
import { barChartSvg, unitLineChartSvg } from './svg.ts';

export interface ReportModel {
  /** The model's name as the workbench shows it, "(edited, unsaved)" included. */
  readonly name: string;
  /** The config the figures were computed with. */
  readonly config: ModelConfig;
  /** The changes since the saved version the name starts from, in words; empty when saved. */
  readonly unsavedChanges: readonly string[];
  readonly backtest: BacktestReport;
  readonly drift: DriftReport;
  readonly quarters: readonly QuarterRow[];
  readonly roc: RocCurve | null;
  /** First and last snapshot as-of dates, as day numbers. */
  readonly firstAsOf: number | null;
  readonly lastAsOf: number | null;
}

export interface ReportInput {
  readonly model: ReportModel;
  /** A second version whose headline is set beside the first. */
  readonly compare?: ReportModel | null;
  readonly workspaceLabel?: string | null;
  /** The day the report was made, as a day number. */
  readonly generatedOn: number;
}

export const BAND_COLOURS = { red: '#d92d20', yellow: '#f79009', green: '#17b26a' } as const;
const ACCENT = '#2f5bea';
const COMPARE = '#7a5af8';
const BANDS = ['red', 'yellow', 'green'] as const;
const BAND_WORDS = { red: 'Red', yellow: 'Yellow', green: 'Green' } as const;

const text = escapeHtml;

/** An HTML table; cells are HTML already. The first `textColumns` are text, the rest numbers. */
function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  className = '',
  textColumns = 1,
): string {
  const align = (i: number) => (i >= textColumns ? ' class="num"' : '');
  const header = head.map((cell, i) => `<th${align(i)}>${cell}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${align(i)}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="${className}"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`;
}

function section(title: string, body: string, id: string): string {
  return `<section class="section" id="${id}"><h2>${text(title)}</h2>${body}</section>`;
}

function caption(sentence: string): string {
  return `<p class="caption">${text(sentence)}</p>`;
}

/** The headline figures of one model, as label/value pairs in display order. */
export function headlineFigures(model: ReportModel): { label: string; value: string }[] {
  const pooled = model.backtest.pooled;
  const lead = model.backtest.leadTime;
  return [
    { label: 'ROC AUC', value: formatMetric(pooled.auc) },
    { label: 'Red churn rate', value: formatRate(pooled.bands.red.churnRate) },
    { label: 'Yellow churn rate', value: formatRate(pooled.bands.yellow.churnRate) },
    { label: 'Green churn rate', value: formatRate(pooled.bands.green.churnRate) },
    { label: 'Green renewed', value: formatRate(pooled.greenRenewed) },
    { label: 'Red precision', value: formatRate(pooled.redPrecision) },
    { label: 'Red recall', value: formatRate(pooled.redRecall) },
    { label: 'Median lead time from red', value: formatDays(lead.medianDaysFromRed) },
  ];
}

function headline(input: ReportInput): string {
  const { model, compare } = input;
  const figures = headlineFigures(model);
  const tiles = figures
    .map(
      (figure) =>
        `<div class="tile"><div class="tile-label">${text(figure.label)}</div><div class="tile-value">${text(figure.value)}</div></div>`,
    )
    .join('');
  const sentences =
    caption(bandCaption(model.backtest.pooled, model.backtest.horizonDays)) +
    caption(outcomeCaption(model.backtest.pooled)) +
    caption(aucCaption(model.backtest.pooled.auc));
  if (!compare)
    return section('Headline', `<div class="tiles">${tiles}</div>${sentences}`, 'headline');
  const other = headlineFigures(compare);
  const rows = figures.map((figure, i) => [
    text(figure.label),
    text(figure.value),
    text(other[i]!.value),
  ]);
  return section(
    'Headline',
    `<div class="tiles">${tiles}</div>${sentences}<h3>Compared with ${text(compare.name)}</h3>` +
      table(['Figure', text(model.name), text(compare.name)], rows, 'compare'),
    'headline',
  );
}

function bandRows(metrics: LabelMetrics): string[][] {
  return BANDS.map((band) => {
    const outcome = metrics.bands[band];
    return [
      `<span class="dot" style="background:${BAND_COLOURS[band]}"></span>${BAND_WORDS[band]}`,
      formatCount(outcome.accounts),
      formatCount(outcome.churned),
      formatCount(outcome.retained),
      formatRate(outcome.churnRate),
    ];
  });
}

function confusion(model: ReportModel, compare: ReportModel | null | undefined): string {
  const pooled = model.backtest.pooled;
  const chart = barChartSvg({
    categories: BANDS.map((band) => BAND_WORDS[band]),
    series: [
      {
        name: model.name,
        colour: ACCENT,
        values: BANDS.map((band) => pooled.bands[band].churnRate),
      },
      ...(compare
        ? [
            {
              name: compare.name,
              colour: COMPARE,
              values: BANDS.map((band) => compare.backtest.pooled.bands[band].churnRate),
            },
          ]
        : []),
    ],
    barColours: compare ? undefined : BANDS.map((band) => BAND_COLOURS[band]),
    format: (value) => formatRate(value),
    height: 220,
  });
  const totals = [
    '<strong>All scored</strong>',
    formatCount(pooled.scored),
    formatCount(pooled.churned),
    formatCount(pooled.scored - pooled.churned),
    formatRate(pooled.churnRate),
  ];
  return section(
    `Churn by band (within ${model.backtest.horizonDays} days)`,
    `<div class="figure">${chart}</div>` +
      caption(bandCaption(pooled, model.backtest.horizonDays)) +
      table(
        ['Band', 'Account-snapshots', 'Churned', 'Retained', 'Churn rate'],
        [...bandRows(pooled), totals],
      ) +
      `<p class="note">Pooled over ${model.backtest.labelledSnapshots} labelled snapshots: an account counts once per snapshot. ` +
      `${formatCount(pooled.unscored)} unscored rows (${formatCount(pooled.unscoredChurned)} of them churned) are left out.</p>`,
    'bands',
  );
}

function quarterTable(model: ReportModel): string {
  const rows = model.quarters.map((quarter) => [
    text(quarter.label),
    formatCount(quarter.snapshotIndices.length),
    formatCount(quarter.scored),
    formatRate(quarter.bands.red.churnRate),
    formatRate(quarter.bands.yellow.churnRate),
    formatRate(quarter.bands.green.churnRate),
    formatRate(quarter.churnRate),
    formatMetric(quarter.auc),
  ]);
  const chart = barChartSvg({
    categories: model.quarters.map((quarter) => quarter.label),
    series: BANDS.map((band) => ({
      name: BAND_WORDS[band],
      colour: BAND_COLOURS[band],
      values: model.quarters.map((quarter) => quarter.bands[band].churnRate),
    })),
    format: (value) => formatWholeRate(value),
    height: 230,
  });
  return section(
    'By quarter',
    `<div class="figure">${chart}</div>` +
      caption(
        'Each quarter pools its month-end snapshots. Red should churn most and green least in every quarter, not only on average.',
      ) +
      table(
        [
          'Quarter',
          'Snapshots',
          'Scored',
          'Red churn',
          'Yellow churn',
          'Green churn',
          'All',
          'AUC',
        ],
        rows,
      ),
    'quarters',
  );
}

function ranking(model: ReportModel, compare: ReportModel | null | undefined): string {
  const pooled = model.backtest.pooled;
  const rocOf = (item: ReportModel) =>
    (item.roc?.points ?? []).map(
      (point) => [point.falsePositiveRate, point.truePositiveRate] as const,
    );
  const gainsOf = (item: ReportModel) => [
    [0, 0] as const,
    ...item.backtest.pooled.deciles.map(
      (row) => [row.cumulativeRowShare ?? 0, row.gains ?? 0] as const,
    ),
  ];
  const series = (of: (item: ReportModel) => (readonly [number, number])[]) => [
    { name: model.name, colour: ACCENT, points: of(model) },
    ...(compare
      ? [{ name: compare.name, colour: COMPARE, points: of(compare), dashed: true }]
      : []),
  ];
  const roc = unitLineChartSvg({
    series: series(rocOf),
    xLabel: 'Share of stayers flagged',
    yLabel: 'Share of churners flagged',
    format: (value) => formatWholeRate(value),
  });
  const gains = unitLineChartSvg({
    series: series(gainsOf),
    xLabel: 'Share of accounts, riskiest first',
    yLabel: 'Share of churners caught',
    format: (value) => formatWholeRate(value),
  });
  const deciles = table(
    ['Decile (1 = riskiest)', 'Scores', 'Rows', 'Churned', 'Churn rate', 'Lift', 'Gains'],
    pooled.deciles.map((row) => [
      String(row.decile),
      row.minScore === null
        ? '–'
        : `${row.minScore.toFixed(1)}–${(row.maxScore ?? row.minScore).toFixed(1)}`,
      formatCount(row.rows),
      formatCount(row.churned),
      formatRate(row.churnRate),
      formatLift(row.lift),
      formatRate(row.gains),
    ]),
  );
  const first = pooled.deciles[0];
  const gainsSentence =
    first === undefined
      ? ''
      : `The riskiest tenth of accounts churned at ${formatLift(first.lift)} the average rate and held ${formatWholeRate(first.gains)} of all churners.`;
  return section(
    'Ranking: ROC, lift and gains',
    `<div class="pair"><div class="figure">${roc}</div><div class="figure">${gains}</div></div>` +
      caption(aucCaption(pooled.auc)) +
      (gainsSentence ? caption(gainsSentence) : '') +
      `<p class="note">Gini ${formatMetric(pooled.gini)} · KS ${formatMetric(pooled.ks)} at score ${pooled.ksScore === null ? '–' : pooled.ksScore.toFixed(1)}</p>` +
      deciles,
    'ranking',
  );
}

/** Counts of lead times in 30-day bins: 0–29, 30–59, … up to the largest value. */
export function leadTimeBins(
  days: readonly number[],
  width = 30,
): { label: string; count: number }[] {
  if (days.length === 0) return [];
  const top = Math.max(...days);
  const bins = Array.from({ length: Math.floor(top / width) + 1 }, (_, i) => ({
    label: `${i * width}–${i * width + width - 1}`,
    count: 0,
  }));
  for (const value of days) bins[Math.floor(value / width)]!.count++;
  return bins;
}

function leadTime(model: ReportModel): string {
  const lead = model.backtest.leadTime;
  const fromRed = lead.accounts.flatMap((account) =>
    account.daysFromRed === null ? [] : [account.daysFromRed],
  );
  const bins = leadTimeBins(fromRed);
  const chart =
    bins.length === 0
      ? ''
      : `<div class="figure">${barChartSvg({
          categories: bins.map((bin) => `${bin.label} d`),
          series: [
            { name: 'Accounts', colour: BAND_COLOURS.red, values: bins.map((bin) => bin.count) },
          ],
          format: (value) => String(Math.round(value)),
          height: 200,
        })}</div>`;
  return section(
    'Lead time',
    chart +
      caption(leadTimeCaption(lead)) +
      table(
        ['Warning', 'Accounts', 'Median days before churn'],
        [
          ['First red', formatCount(lead.withRed), formatDays(lead.medianDaysFromRed)],
          [
            'First yellow or red',
            formatCount(lead.withNonGreen),
            formatDays(lead.medianDaysFromNonGreen),
          ],
          ['Churned in the history', formatCount(lead.churnedAccounts), ''],
        ],
      ),
    'lead-time',
  );
}

function predictorName(name: string): string {
  if (name in LAYERS) return LAYERS[name as LayerId].label;
  if (name in SIGNALS) return SIGNALS[name as SignalId].label;
  return name;
}

function predictors(model: ReportModel): string {
  const { layers, signals } = model.backtest;
  const rowsOf = (items: typeof layers) =>
    items.map((item) => [
      text(predictorName(item.name)),
      formatCount(item.rows),
      formatCount(item.churned),
      formatMetric(item.auc),
    ]);
  const chart = barChartSvg({
    categories: layers.map((item) => predictorName(item.name)),
    series: [{ name: 'AUC', colour: ACCENT, values: layers.map((item) => item.auc) }],
    max: 1,
    format: (value) => value.toFixed(2),
    referenceLines: [{ value: 0.5, label: 'coin toss', colour: '#98a2b3' }],
    height: 200,
  });
  return section(
    'What predicts churn: layers and signals',
    `<div class="figure">${chart}</div>` +
      caption(
        'Each layer and signal judged alone on the rows where it has a value. Near 0.5 it tells nothing; the further above, the better it ranks churners first.',
      ) +
      `<h3>Layers</h3>` +
      table(['Layer', 'Rows', 'Churned', 'AUC'], rowsOf(layers)) +
      `<h3>Signals</h3>` +
      table(['Signal', 'Rows', 'Churned', 'AUC'], rowsOf(signals)),
    'predictors',
  );
}

function drift(model: ReportModel): string {
  const snapshots = model.drift.snapshots;
  const chart = barChartSvg({
    categories: snapshots.map((snapshot) => formatMonth(snapshot.asOf)),
    series: [{ name: 'PSI', colour: ACCENT, values: snapshots.map((snapshot) => snapshot.psi) }],
    barColours: snapshots.map((snapshot) =>
      snapshot.psiVerdict === 'major_shift'
        ? BAND_COLOURS.red
        : snapshot.psiVerdict === 'moderate_shift'
          ? BAND_COLOURS.yellow
          : ACCENT,
    ),
    format: (value) => value.toFixed(2),
    referenceLines: [
      { value: 0.1, label: '0.10 moderate', colour: '#b54708' },
      { value: 0.25, label: '0.25 major', colour: '#b42318' },
    ],
    height: 220,
  });
  const rows = snapshots.map((snapshot) => [
    text(formatDate(snapshot.asOf)) +
      (snapshot.psiVerdict === 'major_shift' ? ' <span class="flag">PSI &gt; 0.25</span>' : ''),
    formatCount(snapshot.scored),
    snapshot.meanScore === null ? '–' : snapshot.meanScore.toFixed(1),
    formatRate(snapshot.rag.red.share),
    formatRate(snapshot.rag.yellow.share),
    formatRate(snapshot.rag.green.share),
    formatMetric(snapshot.psi),
    text(verdictLabel(snapshot.psiVerdict)),
  ]);
  return section(
    'Drift of the score distribution',
    `<div class="figure">${chart}</div>` +
      caption(driftCaption(model.drift)) +
      table(['Snapshot', 'Scored', 'Mean score', 'Red', 'Yellow', 'Green', 'PSI', 'Verdict'], rows),
    'drift',
  );
}

function weightOf(config: ModelConfig, signal: SignalId): string {
  const setting = config.signals[signal];
  return setting.enabled ? String(setting.weight) : 'off';
}

/**
 * The weights the figures were computed with: each layer's, and each enabled
 * signal's within its layer (with a compare version, the signals enabled in
 * either, "off" where one leaves it out); then the unsaved changes, if any.
 */
function modelSettings(model: ReportModel, compare: ReportModel | null | undefined): string {
  const models = compare ? [model, compare] : [model];
  const weightHeads = compare ? models.map((item) => text(item.name)) : ['Weight'];
  const layerRows = LAYER_IDS.map((layer) => [
    text(LAYERS[layer].label),
    ...models.map((item) => String(item.config.layers[layer].weight)),
  ]);
  const signals = SIGNAL_IDS.filter((signal) =>
    models.some((item) => item.config.signals[signal].enabled),
  );
  const signalRows = signals.map((signal) => [
    text(SIGNALS[signal].label),
    text(LAYERS[SIGNALS[signal].layer].label),
    ...models.map((item) => weightOf(item.config, signal)),
  ]);
  const changes =
    model.unsavedChanges.length === 0
      ? ''
      : `<h3>Unsaved changes</h3>` +
        caption(
          'Every figure of this report is for the model as edited, which is not saved as a version. Its changes from the version it started from:',
        ) +
        `<ul class="changes">${model.unsavedChanges.map((change) => `<li>${text(change)}</li>`).join('')}</ul>`;
  return section(
    'The model',
    caption(
      'Weights are whole percents: a layer’s of the composite, a signal’s of its layer. Where an account lacks a layer or signal, the weights of the rest are scaled up to make the whole.',
    ) +
      `<h3>Layer weights</h3>` +
      table(['Layer', ...weightHeads], layerRows, 'weights') +
      `<h3>Enabled signals</h3>` +
      (signals.length === 0
        ? `<p class="note">No signal is enabled.</p>`
        : table(['Signal', 'Layer', ...weightHeads], signalRows, 'weights', 2)) +
      changes,
    'model',
  );
}

/** The whole report as one HTML document. */
export function buildReport(input: ReportInput): string {
  const { model, compare } = input;
  const title = `Health score backtest — ${model.name}`;
  const range =
    model.firstAsOf === null
      ? 'No snapshots'
      : `Snapshots ${formatDate(model.firstAsOf)} to ${formatDate(model.lastAsOf)} · data to ${formatDate(model.backtest.dataEnd)}`;
  const meta = [
    input.workspaceLabel ? `Workspace: ${input.workspaceLabel}` : null,
    range,
    `${model.backtest.labelledSnapshots} labelled, ${model.backtest.censoredSnapshots} too recent to label`,
    `Churn horizon ${model.backtest.horizonDays} days`,
    model.unsavedChanges.length === 0
      ? null
      : `Not saved: ${model.unsavedChanges.length} ${model.unsavedChanges.length === 1 ? 'change' : 'changes'}, listed under The model`,
    `Generated ${formatDate(input.generatedOn)}`,
  ]
    .filter((item): item is string => item !== null)
    .map((item) => `<span>${text(item)}</span>`)
    .join('');
  const body = [
    headline(input),
    modelSettings(model, compare),
    confusion(model, compare),
    quarterTable(model),
    ranking(model, compare),
    leadTime(model),
    predictors(model),
    drift(model),
  ].join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${text(title)}</title><style>${REPORT_CSS}</style></head><body>` +
    `<header class="report-header"><div class="eyebrow">Health Score Workbench · Backtest report</div>` +
    `<h1>${text(model.name)}</h1><div class="meta">${meta}</div></header>` +
    `<main>${body}</main>` +
    `<footer>How to read: a lower score means a higher churn risk. Every rate is over account-snapshots whose ${model.backtest.horizonDays}-day outcome is known.</footer>` +
    `</body></html>`
  );
}
