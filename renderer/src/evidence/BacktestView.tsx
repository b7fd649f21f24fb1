/**
 * The Backtest view, for leaders: did red churn, did green renew, how well does the
 * score rank, how early does it warn, and which layers and signals carry it. With a
 * compare version, both models are evaluated on the same history and shown together.
 */
import { useMemo, useState } from 'react';
import type { LabelMetrics } from '../../../core/backtest.ts';
import type { ModelConfig } from '../../../core/config.ts';
import { formatDay } from '../../../core/dates.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { buildReport, headlineFigures, type ReportModel } from '../report/build.ts';
import { aucCaption, bandCaption, leadTimeCaption, outcomeCaption } from '../report/captions.ts';
import { downloadHtml, reportFileName } from '../report/download.ts';
import { formatCount, formatDate, formatLift, formatMetric, formatRate } from '../report/format.ts';
import {
  bandFigure,
  decileFigure,
  leadTimeFigure,
  predictorFigure,
  quarterFigure,
  rocFigure,
} from './charts.ts';
import { modelEvidence, type ModelEvidence } from './evaluation.ts';
import { Card } from './Card.tsx';
import { Plot } from './Plot.tsx';
import './evidence.css';

export interface CompareVersion {
  readonly name: string;
  readonly config: ModelConfig;
}

interface BacktestViewProps {
  /** Every eligible account at every month end; null while it loads. */
  readonly matrix: SignalMatrix | null;
  readonly config: ModelConfig;
  /** The config's name as the workbench shows it (an edit is "… (edited, unsaved)"). */
  readonly name: string;
  /** The config's changes since the version its name starts from, in words; empty when saved. */
  readonly unsavedChanges: readonly string[];
  readonly compare?: CompareVersion | null;
  readonly workspaceLabel?: string | null;
}

const BANDS = ['red', 'yellow', 'green'] as const;
const BAND_WORDS = { red: 'Red', yellow: 'Yellow', green: 'Green' } as const;

/** The parts of one model's evidence the report needs, with its unsaved changes in words. */
export function reportModel(
  evidence: ModelEvidence,
  unsavedChanges: readonly string[] = [],
): ReportModel {
  return {
    name: evidence.name,
    config: evidence.config,
    unsavedChanges,
    backtest: evidence.evaluation.backtest,
    drift: evidence.evaluation.drift,
    quarters: evidence.quarters,
    roc: evidence.roc,
    firstAsOf: evidence.firstAsOf,
    lastAsOf: evidence.lastAsOf,
  };
}

function todayDay(): number {
  return Math.floor(Date.now() / 86_400_000);
}

function Headline({ models }: { models: readonly ModelEvidence[] }) {
  const figures = models.map((model) => headlineFigures(reportModel(model)));
  const first = models[0]!;
  const pooled = first.evaluation.backtest.pooled;
  return (
    <div className="evidence-headline">
      <dl className="evidence-tiles">
        {figures[0]!.map((figure, i) => (
          <div className="evidence-tile" key={figure.label}>
            <dt>{figure.label}</dt>
            <dd
              data-testid={i === 0 ? 'pooled-auc' : undefined}
              data-value={i === 0 ? String(pooled.auc ?? '') : undefined}
            >
              {figure.value}
            </dd>
            {models.length > 1 ? (
              <dd
                className="evidence-tile-compare"
                data-testid={i === 0 ? 'compare-auc' : undefined}
              >
                {models[1]!.name}: {figures[1]![i]!.value}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <p className="evidence-lead" data-testid="band-caption">
        {bandCaption(pooled, first.evaluation.backtest.horizonDays)} {outcomeCaption(pooled)}
      </p>
    </div>
  );
}

function BandTable({ metrics }: { metrics: LabelMetrics }) {
  return (
    <table className="evidence-table" data-testid="confusion-table">
      <thead>
        <tr>
          <th>Band</th>
          <th className="num">Account-snapshots</th>
          <th className="num">Churned</th>
          <th className="num">Retained</th>
          <th className="num">Churn rate</th>
        </tr>
      </thead>
      <tbody>
        {BANDS.map((band) => {
          const outcome = metrics.bands[band];
          return (
            <tr key={band} data-band={band}>
              <td>
                <span className={`band-dot rag-${band}`} /> {BAND_WORDS[band]}
              </td>
              <td className="num">{formatCount(outcome.accounts)}</td>
              <td className="num">{formatCount(outcome.churned)}</td>
              <td className="num">{formatCount(outcome.retained)}</td>
              <td className="num" data-testid={`churn-rate-${band}`}>
                {formatRate(outcome.churnRate)}
              </td>
            </tr>
          );
        })}
        <tr className="evidence-total">
          <td>All scored</td>
          <td className="num">{formatCount(metrics.scored)}</td>
          <td className="num">{formatCount(metrics.churned)}</td>
          <td className="num">{formatCount(metrics.scored - metrics.churned)}</td>
          <td className="num">{formatRate(metrics.churnRate)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function QuarterTable({ model }: { model: ModelEvidence }) {
  return (
    <table className="evidence-table" data-testid="quarter-table">
      <thead>
        <tr>
          <th>Quarter</th>
          <th className="num">Snapshots</th>
          <th className="num">Scored</th>
          <th className="num">Red churn</th>
          <th className="num">Yellow churn</th>
          <th className="num">Green churn</th>
          <th className="num">All</th>
          <th className="num">AUC</th>
        </tr>
      </thead>
      <tbody>
        {model.quarters.map((quarter) => (
          <tr key={quarter.label}>
            <td>{quarter.label}</td>
            <td className="num">{quarter.snapshotIndices.length}</td>
            <td className="num">{formatCount(quarter.scored)}</td>
            <td className="num rag-text-red">{formatRate(quarter.bands.red.churnRate)}</td>
            <td className="num rag-text-yellow">{formatRate(quarter.bands.yellow.churnRate)}</td>
            <td className="num rag-text-green">{formatRate(quarter.bands.green.churnRate)}</td>
            <td className="num">{formatRate(quarter.churnRate)}</td>
            <td className="num">{formatMetric(quarter.auc)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DecileTable({ metrics }: { metrics: LabelMetrics }) {
  return (
    <table className="evidence-table evidence-table-compact">
      <thead>
        <tr>
          <th>Decile</th>
          <th className="num">Scores</th>
          <th className="num">Rows</th>
          <th className="num">Churn rate</th>
          <th className="num">Lift</th>
          <th className="num">Gains</th>
        </tr>
      </thead>
      <tbody>
        {metrics.deciles.map((row) => (
          <tr key={row.decile}>
            <td>D{row.decile}</td>
            <td className="num">
              {row.minScore === null
                ? '–'
                : `${row.minScore.toFixed(1)}–${(row.maxScore ?? row.minScore).toFixed(1)}`}
            </td>
            <td className="num">{formatCount(row.rows)}</td>
            <td className="num">{formatRate(row.churnRate)}</td>
            <td className="num">{formatLift(row.lift)}</td>
            <td className="num">{formatRate(row.gains)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BacktestView(props: BacktestViewProps) {
  const { matrix, config, name, unsavedChanges, compare, workspaceLabel } = props;
  const [exportError, setExportError] = useState<string | null>(null);
  const evidence = useMemo(() => (matrix ? modelEvidence(matrix, config) : null), [matrix, config]);
  // Named apart from the scoring: saving the edit renames it without changing a figure.
  const primary = useMemo(() => (evidence ? { ...evidence, name } : null), [evidence, name]);
  const secondary = useMemo(
    () =>
      matrix && compare ? { ...modelEvidence(matrix, compare.config), name: compare.name } : null,
    [matrix, compare],
  );
  const models = useMemo(
    () => (primary ? (secondary ? [primary, secondary] : [primary]) : []),
    [primary, secondary],
  );
  const figures = useMemo(
    () =>
      primary
        ? {
            bands: bandFigure(models),
            quarters: quarterFigure(primary),
            roc: rocFigure(models),
            deciles: decileFigure(primary),
            leadTime: leadTimeFigure(primary),
            layers: predictorFigure(models, 'layers'),
            signals: predictorFigure(models, 'signals'),
          }
        : null,
    [models, primary],
  );

  if (primary === null || figures === null) {
    return (
      <div className="evidence-view">
        <p className="evidence-loading">Scoring every month end of the history…</p>
      </div>
    );
  }
  const backtest = primary.evaluation.backtest;
  const pooled = backtest.pooled;
  const first = pooled.deciles[0];

  const exportReport = () => {
    try {
      const html = buildReport({
        model: reportModel(primary, unsavedChanges),
        compare: secondary ? reportModel(secondary) : null,
        workspaceLabel: workspaceLabel ?? null,
        generatedOn: todayDay(),
      });
      downloadHtml(reportFileName(primary.name, formatDay(todayDay())), html);
      setExportError(null);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="evidence-view" data-testid="backtest-view">
      <header className="evidence-header">
        <div>
          <h2>Backtest</h2>
          <p className="evidence-subtitle">
            <strong>{primary.name}</strong>
            {secondary ? (
              <>
                {' '}
                compared with <strong>{secondary.name}</strong>
              </>
            ) : null}{' '}
            · snapshots {formatDate(primary.firstAsOf)} to {formatDate(primary.lastAsOf)} ·{' '}
            {backtest.labelledSnapshots} labelled, {backtest.censoredSnapshots} too recent to judge
            · churn within {backtest.horizonDays} days
          </p>
        </div>
        <button type="button" className="button" onClick={exportReport} data-testid="export-report">
          Export report
        </button>
      </header>
      {exportError ? (
        <p className="error-text">The report could not be made: {exportError}</p>
      ) : null}
      <Headline models={models} />
      <div className="evidence-grid">
        <Card
          title="Did red churn? Did green renew?"
          caption={bandCaption(pooled, backtest.horizonDays)}
        >
          <Plot {...figures.bands} testId="band-chart" label="Churn rate by band" />
          <BandTable metrics={pooled} />
          <p className="evidence-note">
            Pooled over {backtest.labelledSnapshots} month ends: an account counts once per
            snapshot. {formatCount(pooled.unscored)} unscored rows are left out.
          </p>
        </Card>
        <Card
          title="Quarter by quarter"
          caption="Each quarter pools its month-end snapshots. Red should churn most and green least in every quarter, not only on average."
        >
          <Plot
            {...figures.quarters}
            testId="quarter-chart"
            label="Churn rate by band per quarter"
          />
          <QuarterTable model={primary} />
        </Card>
        <Card title="How well the score ranks risk" caption={aucCaption(pooled.auc)}>
          <Plot {...figures.roc} testId="roc-chart" label="ROC curve" />
          <p className="evidence-note">
            Gini {formatMetric(pooled.gini)} · KS {formatMetric(pooled.ks)} at score{' '}
            {pooled.ksScore === null ? '–' : pooled.ksScore.toFixed(1)}. Each point is a score
            threshold: accounts at or below it are flagged.
          </p>
        </Card>
        <Card
          title="Lift and gains by decile"
          caption={
            first
              ? `The riskiest tenth of accounts churned at ${formatLift(first.lift)} the average rate and held ${formatRate(first.gains)} of all churners.`
              : undefined
          }
        >
          <Plot {...figures.deciles} testId="decile-chart" label="Lift and gains by decile" />
          <DecileTable metrics={pooled} />
        </Card>
        <Card title="How early the score warned" caption={leadTimeCaption(backtest.leadTime)}>
          <Plot {...figures.leadTime} testId="lead-time-chart" label="Lead time histogram" />
        </Card>
        <Card
          title="What predicts churn: layers"
          caption="Each layer judged alone on the rows where it has a value. Near 0.5 it tells nothing; the further above, the better it ranks churners first."
        >
          <Plot {...figures.layers} testId="layer-chart" label="AUC per layer" />
        </Card>
        <Card title="What predicts churn: signals" wide>
          <Plot {...figures.signals} testId="signal-chart" label="AUC per signal" />
        </Card>
      </div>
    </div>
  );
}
