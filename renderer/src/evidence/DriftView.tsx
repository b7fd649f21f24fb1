/**
 * The Drift view: how the score distribution moves between snapshots. A heatmap of
 * the ten score bins over time, the PSI of each snapshot against a chosen baseline
 * with the 0.10 and 0.25 bands, the RAG shares stacked over time, for all accounts
 * or one segment, and the snapshots that shifted strongly.
 */
import type { Data, Layout } from 'plotly.js-dist-min';
import { useMemo, useState } from 'react';
import type { ModelConfig } from '../../../core/config.ts';
import { formatDay } from '../../../core/dates.ts';
import type { DriftReport } from '../../../core/drift.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import { scoreMatrix } from '../../../core/score.ts';
import { BAND_COLOURS } from '../report/build.ts';
import { driftCaption } from '../report/captions.ts';
import {
  formatCount,
  formatDate,
  formatMetric,
  formatRate,
  verdictLabel,
} from '../report/format.ts';
import { driftOf, segmentsOf, type SegmentChoice } from './drift.ts';
import { Card } from './Card.tsx';
import { AXIS, Plot, baseLayout } from './Plot.tsx';
import './evidence.css';

interface DriftViewProps {
  readonly matrix: SignalMatrix | null;
  readonly config: ModelConfig;
  /** The config's name as the workbench shows it (an edit is "… (edited, unsaved)"). */
  readonly name: string;
}

const ALL = '__all__';
const NO_SEGMENT = '__none__';

function heatmapFigure(drift: DriftReport): { data: Data[]; layout: Partial<Layout> } {
  const x = drift.snapshots.map((snapshot) => formatDay(snapshot.asOf));
  const bins = drift.snapshots[0]?.histogram.map((bin) => `${bin.from}–${bin.to}`) ?? [];
  const z = bins.map((_, b) =>
    drift.snapshots.map((snapshot) => {
      const share = snapshot.histogram[b]?.share ?? null;
      return share === null ? null : share * 100;
    }),
  );
  return {
    data: [
      {
        type: 'heatmap',
        x,
        y: bins,
        z,
        colorscale: [
          [0, '#F8F9FC'],
          [0.35, '#B2C6FB'],
          [1, '#1D3BAF'],
        ],
        colorbar: { ticksuffix: '%', thickness: 10, outlinewidth: 0 },
        hovertemplate: '%{x|%b %Y} · scores %{y}: %{z:.1f}% of accounts<extra></extra>',
        xgap: 1,
        ygap: 1,
      } as Data,
    ],
    layout: baseLayout(300, {
      xaxis: { ...AXIS, type: 'date', tickformat: '%b %Y', showgrid: false },
      yaxis: { ...AXIS, type: 'category' },
    }),
  };
}

function psiFigure(drift: DriftReport): { data: Data[]; layout: Partial<Layout> } {
  const x = drift.snapshots.map((snapshot) => formatDay(snapshot.asOf));
  const top = Math.max(0.3, ...drift.snapshots.map((snapshot) => (snapshot.psi ?? 0) * 1.15));
  const band = (y0: number, y1: number, colour: string) => ({
    type: 'rect' as const,
    xref: 'paper' as const,
    yref: 'y' as const,
    x0: 0,
    x1: 1,
    y0,
    y1,
    fillcolor: colour,
    line: { width: 0 },
    layer: 'below' as const,
  });
  const line = (y: number, colour: string) => ({
    type: 'line' as const,
    xref: 'paper' as const,
    yref: 'y' as const,
    x0: 0,
    x1: 1,
    y0: y,
    y1: y,
    line: { color: colour, width: 1, dash: 'dash' as const },
  });
  return {
    data: [
      {
        type: 'bar',
        x,
        y: drift.snapshots.map((snapshot) => snapshot.psi),
        marker: {
          color: drift.snapshots.map((snapshot) =>
            snapshot.psiVerdict === 'major_shift'
              ? BAND_COLOURS.red
              : snapshot.psiVerdict === 'moderate_shift'
                ? BAND_COLOURS.yellow
                : '#2F5BEA',
          ),
        },
        hovertemplate: '%{x|%d %b %Y}: PSI %{y:.3f}<extra></extra>',
        name: 'PSI',
      },
    ],
    layout: baseLayout(260, {
      margin: { l: 52, r: 90, t: 12, b: 40 },
      showlegend: false,
      xaxis: { ...AXIS, type: 'date', tickformat: '%b %Y', showgrid: false },
      yaxis: { ...AXIS, range: [0, top], title: { text: 'PSI vs baseline' } },
      shapes: [
        band(0.1, 0.25, 'rgba(247, 144, 9, 0.08)'),
        band(0.25, top, 'rgba(240, 68, 56, 0.08)'),
        line(0.1, '#B54708'),
        line(0.25, '#B42318'),
      ],
      annotations: [
        {
          xref: 'paper',
          yref: 'y',
          x: 1.005,
          y: 0.1,
          text: '0.10 moderate',
          showarrow: false,
          xanchor: 'left',
          yanchor: 'middle',
          font: { size: 10, color: '#B54708' },
        },
        {
          xref: 'paper',
          yref: 'y',
          x: 1.005,
          y: 0.25,
          text: '0.25 major',
          showarrow: false,
          xanchor: 'left',
          yanchor: 'middle',
          font: { size: 10, color: '#B42318' },
        },
      ],
    }),
  };
}

function ragFigure(drift: DriftReport): { data: Data[]; layout: Partial<Layout> } {
  const x = drift.snapshots.map((snapshot) => formatDay(snapshot.asOf));
  const data: Data[] = (['red', 'yellow', 'green'] as const).map((band) => ({
    type: 'bar',
    name: band[0]!.toUpperCase() + band.slice(1),
    x,
    y: drift.snapshots.map((snapshot) => {
      const share = snapshot.rag[band].share;
      return share === null ? null : share * 100;
    }),
    marker: { color: BAND_COLOURS[band] },
    hovertemplate: `%{x|%b %Y}: %{y:.1f}% ${band}<extra></extra>`,
  }));
  return {
    data,
    layout: baseLayout(260, {
      barmode: 'stack',
      bargap: 0.15,
      xaxis: { ...AXIS, type: 'date', tickformat: '%b %Y', showgrid: false },
      yaxis: { ...AXIS, range: [0, 100], ticksuffix: '%' },
    }),
  };
}

export function DriftView({ matrix, config, name }: DriftViewProps) {
  const [baselineIndex, setBaselineIndex] = useState(0);
  const [segmentKey, setSegmentKey] = useState(ALL);
  const scores = useMemo(() => (matrix ? scoreMatrix(matrix, config) : null), [matrix, config]);
  const segments = useMemo(() => (matrix ? segmentsOf(matrix) : []), [matrix]);
  const choice: SegmentChoice =
    segmentKey === ALL
      ? { kind: 'all' }
      : { kind: 'segment', segment: segmentKey === NO_SEGMENT ? null : segmentKey };
  const baseline = matrix ? Math.min(baselineIndex, Math.max(0, matrix.asOfDates.length - 1)) : 0;
  const drift = useMemo(
    () => (matrix && scores ? driftOf(matrix, scores, baseline, choice) : null),
    // The choice is rebuilt on every render; its key says when it changed.
    [matrix, scores, baseline, segmentKey],
  );
  const figures = useMemo(
    () =>
      drift
        ? { heatmap: heatmapFigure(drift), psi: psiFigure(drift), rag: ragFigure(drift) }
        : null,
    [drift],
  );

  if (matrix === null || drift === null || figures === null) {
    return (
      <div className="evidence-view">
        <p className="evidence-loading">Scoring every month end of the history…</p>
      </div>
    );
  }
  const flagged = drift.snapshots.filter((snapshot) => snapshot.psiVerdict === 'major_shift');

  return (
    <div className="evidence-view" data-testid="drift-view">
      <header className="evidence-header">
        <div>
          <h2>Drift</h2>
          <p className="evidence-subtitle">
            <strong>{name}</strong> · {drift.snapshots.length} month-end snapshots, from{' '}
            {formatDate(matrix.asOfDates[0])} to{' '}
            {formatDate(matrix.asOfDates[matrix.asOfDates.length - 1])}
          </p>
        </div>
        <div className="evidence-controls">
          <label>
            Baseline
            <select
              data-testid="baseline-select"
              value={baseline}
              onChange={(event) => setBaselineIndex(Number(event.target.value))}
            >
              {matrix.asOfDates.map((day, index) => (
                <option key={day} value={index}>
                  {formatDate(day)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Accounts
            <select
              data-testid="segment-select"
              value={segmentKey}
              onChange={(event) => setSegmentKey(event.target.value)}
            >
              <option value={ALL}>All segments</option>
              {segments.map((segment) => (
                <option key={segment ?? NO_SEGMENT} value={segment ?? NO_SEGMENT}>
                  {segment ?? 'No segment'}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <p className="evidence-lead" data-testid="drift-caption">
        {driftCaption(drift)}
      </p>
      {flagged.length > 0 ? (
        <div className="evidence-flags" data-testid="psi-flags">
          <strong>PSI above 0.25:</strong>
          {flagged.map((snapshot) => (
            <span key={snapshot.asOf} className="evidence-flag">
              {formatDate(snapshot.asOf)} · {formatMetric(snapshot.psi)}
            </span>
          ))}
        </div>
      ) : null}
      <div className="evidence-grid">
        <Card
          wide
          title="Population stability against the baseline"
          caption="Below 0.10 the distribution is stable; 0.10 to 0.25 is a moderate shift worth a look; above 0.25 a major shift."
        >
          <Plot {...figures.psi} testId="psi-chart" label="PSI per snapshot" />
        </Card>
        <Card
          title="Score distribution per snapshot"
          caption="Each column is one month end; darker cells hold more accounts. A band of colour moving up or down is the whole book getting healthier or sicker."
        >
          <Plot
            {...figures.heatmap}
            testId="histogram-heatmap"
            label="Score histogram per snapshot"
          />
        </Card>
        <Card
          title="Red, yellow and green over time"
          caption="The share of scored accounts in each band at each month end."
        >
          <Plot {...figures.rag} testId="rag-shares-chart" label="RAG shares over time" />
        </Card>
        <Card title="Every snapshot" wide>
          <table className="evidence-table evidence-table-compact" data-testid="psi-table">
            <thead>
              <tr>
                <th>Snapshot</th>
                <th className="num">Scored</th>
                <th className="num">Mean</th>
                <th className="num">Red</th>
                <th className="num">Green</th>
                <th className="num">PSI</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {drift.snapshots.map((snapshot, index) => (
                <tr
                  key={snapshot.asOf}
                  data-psi={snapshot.psi ?? ''}
                  data-as-of={formatDay(snapshot.asOf)}
                  className={
                    snapshot.psiVerdict === 'major_shift' ? 'evidence-row-flagged' : undefined
                  }
                >
                  <td>
                    {formatDate(snapshot.asOf)}
                    {index === drift.baselineIndex ? <span className="chip">baseline</span> : null}
                  </td>
                  <td className="num">{formatCount(snapshot.scored)}</td>
                  <td className="num">
                    {snapshot.meanScore === null ? '–' : snapshot.meanScore.toFixed(1)}
                  </td>
                  <td className="num">{formatRate(snapshot.rag.red.share)}</td>
                  <td className="num">{formatRate(snapshot.rag.green.share)}</td>
                  <td className="num">{formatMetric(snapshot.psi)}</td>
                  <td className={`verdict verdict-${snapshot.psiVerdict ?? 'none'}`}>
                    {verdictLabel(snapshot.psiVerdict)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
