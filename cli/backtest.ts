/**
 * `healthscore backtest` and `healthscore drift`: score every snapshot of a
 * schedule, then print what the history says. The JSON forms are a stable,
 * documented interface for scripts (docs/cli-json.md); days become ISO dates and
 * account indices become account ids on the way out.
 */
import type { BacktestReport, LabelMetrics } from '../core/backtest.ts';
import type { ModelConfig } from '../core/config.ts';
import { formatDay } from '../core/dates.ts';
import type { DriftReport } from '../core/drift.ts';
import { evaluateHistory, type Evaluation } from '../core/evaluate.ts';
import type { SignalMatrix } from '../core/matrix.ts';
import { buildSignalMatrix } from '../db/signals.ts';
import { snapshotSchedule, type SnapshotPeriod } from '../db/snapshots.ts';
import type { Workspace } from '../db/workspace.ts';
import { log } from '../db/log.ts';
import { UserError } from './errors.ts';

export interface HistoryOptions {
  every: SnapshotPeriod;
  from?: number;
  to?: number;
  horizonDays: number;
  baseline?: number;
}

export interface History {
  readonly matrix: SignalMatrix;
  readonly evaluation: Evaluation;
}

/** Builds the snapshot matrix of the schedule and evaluates `config` on it. */
export async function evaluateSchedule(
  workspace: Workspace,
  config: ModelConfig,
  options: HistoryOptions,
): Promise<History> {
  const dates = await snapshotSchedule(workspace, options.every, {
    from: options.from,
    to: options.to,
  });
  if (dates.length === 0)
    throw new UserError('No snapshot date falls inside the data and the --from/--to range');
  log.info(
    `building signals for ${dates.length} snapshots (${formatDay(dates[0]!)} … ${formatDay(dates.at(-1)!)})`,
  );
  const started = performance.now();
  const matrix = await buildSignalMatrix(workspace, dates, {
    onProgress: (progress) =>
      log.info(`signals: ${progress.step} (${progress.done}/${progress.total})`),
  });
  log.info(
    `signal matrix: ${matrix.accountIndex.length} rows (${Math.round(performance.now() - started)} ms)`,
  );

  let baselineIndex = 0;
  if (options.baseline !== undefined) {
    baselineIndex = matrix.asOfDates.indexOf(options.baseline);
    if (baselineIndex < 0) {
      const listed = matrix.asOfDates.map(formatDay).join(', ');
      throw new UserError(
        `--baseline ${formatDay(options.baseline)} is not a snapshot date; snapshots: ${listed}`,
      );
    }
  }
  const scoring = performance.now();
  const evaluation = evaluateHistory(matrix, config, {
    horizonDays: options.horizonDays,
    baselineIndex,
  });
  log.info(`scored and backtested in ${Math.round(performance.now() - scoring)} ms`);
  return { matrix, evaluation };
}

const percent = (value: number | null): string =>
  value === null ? '–' : `${(value * 100).toFixed(1)} %`;
const decimal = (value: number | null, digits = 3): string =>
  value === null ? '–' : value.toFixed(digits);
const days = (value: number | null): string => (value === null ? '–' : `${Math.round(value)} d`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function headlineRows(metrics: LabelMetrics): string[][] {
  const { red, yellow, green } = metrics.bands;
  return [
    ['ROC AUC (lower score = higher risk)', decimal(metrics.auc)],
    ['Gini', decimal(metrics.gini)],
    ['KS', decimal(metrics.ks)],
    ['churn rate, red', `${percent(red.churnRate)} (${red.churned} of ${red.accounts})`],
    [
      'churn rate, yellow',
      `${percent(yellow.churnRate)} (${yellow.churned} of ${yellow.accounts})`,
    ],
    ['churn rate, green', `${percent(green.churnRate)} (${green.churned} of ${green.accounts})`],
    ['green renewed', percent(metrics.greenRenewed)],
    ['red precision', percent(metrics.redPrecision)],
    ['red recall', percent(metrics.redRecall)],
    ['labelled account-snapshots (scored / unscored)', `${metrics.scored} / ${metrics.unscored}`],
  ];
}

/** The backtest as Markdown: headline, lead time, per-layer AUC, suggested weights, per-snapshot table. */
export function backtestMarkdown(report: BacktestReport, config: ModelConfig): string {
  const out: string[] = [];
  const { pooled, pooledWithoutLowCoverage: pooledFull, leadTime } = report;
  out.push(`# Backtest of "${config.name}"`, '');
  out.push(
    `Label: churned within ${report.horizonDays} days after each snapshot. Data ends ${formatDay(report.dataEnd)}; ` +
      `${report.labelledSnapshots} labelled snapshots, ${report.censoredSnapshots} censored (their ${report.horizonDays}-day outcome is not known yet).`,
    '',
  );
  out.push('## Headline (all labelled snapshots pooled)', '');
  const withoutLow = headlineRows(pooledFull);
  out.push(
    table(
      ['metric', 'all accounts', `without low coverage (${report.lowCoverageRows} rows left out)`],
      headlineRows(pooled).map((row, index) => [row[0]!, row[1]!, withoutLow[index]![1]!]),
    ),
    '',
  );
  out.push(
    `Lead time (churned accounts with a snapshot in the ${leadTime.windowDays ?? 'whole'}-day window before churn: ${leadTime.churnedAccounts}): ` +
      `median ${days(leadTime.medianDaysFromRed)} from first red (${leadTime.withRed} accounts), ` +
      `${days(leadTime.medianDaysFromNonGreen)} from first non-green (${leadTime.withNonGreen} accounts).`,
    '',
  );
  out.push('## What predicted churn on its own', '');
  out.push(
    table(
      ['layer or signal', 'AUC', 'rows with a value', 'churned'],
      [...report.layers.map((row) => ({ ...row, name: `layer: ${row.name}` })), ...report.signals]
        .filter((row) => row.rows > 0)
        .map((row) => [row.name, decimal(row.auc), String(row.rows), String(row.churned)]),
    ),
    '',
  );
  const suggestion = report.suggestedWeights;
  if (suggestion) {
    out.push('## Suggested layer weights', '');
    if (!suggestion.fitted) {
      out.push(`No suggestion: ${suggestion.reason}.`, '');
    } else {
      out.push(
        `Fitted on ${suggestion.trainingAsOf.length} earlier snapshots (${suggestion.trainingRows} rows, ${suggestion.trainingChurned} churned); ` +
          `held out: ${suggestion.testAsOf.length} later snapshots (${suggestion.heldOutAuc.rows} rows).`,
        '',
        table(
          ['layer', 'current', 'suggested'],
          suggestion.layers.map((row) => [
            row.layer,
            String(row.currentWeight),
            String(row.suggestedWeight ?? '–'),
          ]),
        ),
        '',
        `Held-out AUC: current weights ${decimal(suggestion.heldOutAuc.current)}, suggested ${decimal(suggestion.heldOutAuc.suggested)}.`,
        '',
      );
    }
  }
  out.push('## Per snapshot', '');
  out.push(
    table(
      [
        'as of',
        'accounts',
        'churned ≤90d',
        'AUC',
        'red churn',
        'yellow churn',
        'green churn',
        'green renewed',
      ],
      report.snapshots.map((snapshot) => {
        const m = snapshot.metrics;
        if (!m)
          return [
            formatDay(snapshot.asOf),
            String(snapshot.rows),
            'censored',
            '–',
            '–',
            '–',
            '–',
            '–',
          ];
        return [
          formatDay(snapshot.asOf),
          String(snapshot.rows),
          String(m.churned),
          decimal(m.auc),
          percent(m.bands.red.churnRate),
          percent(m.bands.yellow.churnRate),
          percent(m.bands.green.churnRate),
          percent(m.greenRenewed),
        ];
      }),
    ),
    '',
  );
  return out.join('\n');
}

/** The drift report as Markdown: PSI per snapshot with its verdict, and RAG shares. */
export function driftMarkdown(report: DriftReport): string {
  const baseline = report.baselineAsOf === null ? '–' : formatDay(report.baselineAsOf);
  return [
    `# Score drift (baseline ${baseline})`,
    '',
    'PSI bands: below 0.10 stable, 0.10 to 0.25 moderate shift, above 0.25 major shift.',
    '',
    table(
      ['as of', 'scored', 'mean score', 'PSI', 'verdict', 'red', 'yellow', 'green'],
      report.snapshots.map((snapshot) => [
        formatDay(snapshot.asOf),
        String(snapshot.scored),
        decimal(snapshot.meanScore, 1),
        decimal(snapshot.psi),
        snapshot.psiVerdict ?? '–',
        percent(snapshot.rag.red.share),
        percent(snapshot.rag.yellow.share),
        percent(snapshot.rag.green.share),
      ]),
    ),
    '',
  ].join('\n');
}

function metricsJson(metrics: LabelMetrics) {
  return {
    rows: metrics.rows,
    scored: metrics.scored,
    unscored: metrics.unscored,
    unscoredChurned: metrics.unscoredChurned,
    churned: metrics.churned,
    churnRate: metrics.churnRate,
    bands: metrics.bands,
    greenRenewed: metrics.greenRenewed,
    redPrecision: metrics.redPrecision,
    redRecall: metrics.redRecall,
    auc: metrics.auc,
    gini: metrics.gini,
    ks: metrics.ks,
    ksScore: metrics.ksScore,
    deciles: metrics.deciles,
  };
}

/** The stable JSON form of a backtest (schema `healthscore.backtest/1`). */
export function backtestJson(report: BacktestReport, matrix: SignalMatrix, config: ModelConfig) {
  const ids = matrix.accounts.accountIds;
  const day = (value: number | null) => (value === null ? null : formatDay(value));
  const suggestion = report.suggestedWeights;
  return {
    schema: 'healthscore.backtest/1',
    model: config.name,
    horizonDays: report.horizonDays,
    dataEnd: formatDay(report.dataEnd),
    labelledSnapshots: report.labelledSnapshots,
    censoredSnapshots: report.censoredSnapshots,
    headline: metricsJson(report.pooled),
    headlineWithoutLowCoverage: metricsJson(report.pooledWithoutLowCoverage),
    lowCoverageRows: report.lowCoverageRows,
    leadTime: {
      windowDays: report.leadTime.windowDays,
      churnedAccounts: report.leadTime.churnedAccounts,
      withRed: report.leadTime.withRed,
      withNonGreen: report.leadTime.withNonGreen,
      medianDaysFromRed: report.leadTime.medianDaysFromRed,
      medianDaysFromNonGreen: report.leadTime.medianDaysFromNonGreen,
      accounts: report.leadTime.accounts.map((account) => ({
        accountId: ids[account.account]!,
        churnedOn: formatDay(account.churnedOn),
        firstRed: day(account.firstRed),
        daysFromRed: account.daysFromRed,
        firstNonGreen: day(account.firstNonGreen),
        daysFromNonGreen: account.daysFromNonGreen,
      })),
    },
    layers: report.layers,
    signals: report.signals,
    suggestedWeights: suggestion && {
      fitted: suggestion.fitted,
      reason: suggestion.reason,
      trainingAsOf: suggestion.trainingAsOf.map(formatDay),
      testAsOf: suggestion.testAsOf.map(formatDay),
      layers: suggestion.layers.map((row) => ({
        layer: row.layer,
        currentWeight: row.currentWeight,
        suggestedWeight: row.suggestedWeight,
        coefficient: row.coefficient,
      })),
      heldOutAuc: suggestion.heldOutAuc,
    },
    snapshots: report.snapshots.map((snapshot) => ({
      asOf: formatDay(snapshot.asOf),
      censored: snapshot.censored,
      rows: snapshot.rows,
      scored: snapshot.scored,
      unscored: snapshot.unscored,
      lowCoverage: snapshot.lowCoverage,
      metrics: snapshot.metrics && metricsJson(snapshot.metrics),
    })),
  };
}

/** The stable JSON form of a drift report (schema `healthscore.drift/1`). */
export function driftJson(report: DriftReport) {
  return {
    schema: 'healthscore.drift/1',
    baselineAsOf: report.baselineAsOf === null ? null : formatDay(report.baselineAsOf),
    snapshots: report.snapshots.map((snapshot) => ({
      asOf: formatDay(snapshot.asOf),
      rows: snapshot.rows,
      scored: snapshot.scored,
      unscored: snapshot.unscored,
      meanScore: snapshot.meanScore,
      psi: snapshot.psi,
      psiVerdict: snapshot.psiVerdict,
      rag: snapshot.rag,
      histogram: snapshot.histogram,
      segments: snapshot.segments,
    })),
  };
}
