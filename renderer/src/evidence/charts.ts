/** The Plotly figures of the Backtest view, built from the evidence of one or two models. */
import type { Data, Layout } from 'plotly.js-dist-min';
import { LAYERS, SIGNALS, type LayerId, type SignalId } from '../../../core/catalogue.ts';
import { leadTimeBins, BAND_COLOURS } from '../report/build.ts';
import type { ModelEvidence } from './evaluation.ts';
import { AXIS, baseLayout } from './Plot.tsx';

export const MODEL_COLOURS = ['#2F5BEA', '#7A5AF8'] as const;
const BANDS = ['red', 'yellow', 'green'] as const;
const BAND_WORDS = ['Red', 'Yellow', 'Green'];

export interface Figure {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
}

/** Churn rate of each band, one bar group per model. */
export function bandFigure(models: readonly ModelEvidence[]): Figure {
  const single = models.length === 1;
  const data: Data[] = models.map((model, m) => {
    const rates = BANDS.map((band) => model.evaluation.backtest.pooled.bands[band].churnRate);
    return {
      type: 'bar',
      name: model.name,
      x: BAND_WORDS,
      y: rates.map((rate) => (rate === null ? null : rate * 100)),
      text: rates.map((rate) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`)),
      textposition: 'outside',
      marker: { color: single ? BANDS.map((band) => BAND_COLOURS[band]) : MODEL_COLOURS[m] },
      hovertemplate: '%{x}: %{y:.1f}% churned<extra>' + model.name + '</extra>',
      cliponaxis: false,
    };
  });
  return {
    data,
    layout: baseLayout(240, {
      showlegend: !single,
      barmode: 'group',
      xaxis: { ...AXIS, showgrid: false },
      yaxis: {
        ...AXIS,
        ticksuffix: '%',
        rangemode: 'tozero',
        title: { text: 'Churned within horizon' },
      },
    }),
  };
}

/** Churn rate by band per quarter, for the first model. */
export function quarterFigure(model: ModelEvidence): Figure {
  const x = model.quarters.map((quarter) => quarter.label);
  const data: Data[] = BANDS.map((band, b) => ({
    type: 'bar',
    name: BAND_WORDS[b]!,
    x,
    y: model.quarters.map((quarter) => {
      const rate = quarter.bands[band].churnRate;
      return rate === null ? null : rate * 100;
    }),
    marker: { color: BAND_COLOURS[band] },
    hovertemplate: `%{x} · ${BAND_WORDS[b]}: %{y:.1f}% churned<extra></extra>`,
  }));
  return {
    data,
    layout: baseLayout(260, {
      barmode: 'group',
      xaxis: { ...AXIS, showgrid: false, type: 'category' },
      yaxis: { ...AXIS, ticksuffix: '%', rangemode: 'tozero' },
    }),
  };
}

/** The ROC curve of each model with the diagonal of a random ranking. */
export function rocFigure(models: readonly ModelEvidence[]): Figure {
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x: [0, 1],
      y: [0, 1],
      name: 'Random',
      line: { color: '#98A2B3', dash: 'dot', width: 1 },
      hoverinfo: 'skip',
    },
    ...models.map((model, m): Data => ({
      type: 'scatter',
      mode: 'lines',
      name: `${model.name} (AUC ${model.evaluation.backtest.pooled.auc?.toFixed(3) ?? '–'})`,
      x: model.roc?.points.map((point) => point.falsePositiveRate) ?? [],
      y: model.roc?.points.map((point) => point.truePositiveRate) ?? [],
      customdata: model.roc?.points.map((point) => point.threshold ?? 0) ?? [],
      line: { color: MODEL_COLOURS[m], width: 2.5, dash: m === 0 ? 'solid' : 'dash' },
      hovertemplate:
        'Score ≤ %{customdata:.1f}<br>%{y:.0%} of churners · %{x:.0%} of stayers<extra></extra>',
    })),
  ];
  return {
    data,
    layout: baseLayout(300, {
      xaxis: { ...AXIS, range: [0, 1], tickformat: '.0%', title: { text: 'Stayers flagged' } },
      yaxis: { ...AXIS, range: [0, 1], tickformat: '.0%', title: { text: 'Churners flagged' } },
      legend: { orientation: 'h', x: 0, y: 1.14, font: { size: 11 } },
    }),
  };
}

/** Lift per decile as bars and cumulative gains as a line, for the first model. */
export function decileFigure(model: ModelEvidence): Figure {
  const deciles = model.evaluation.backtest.pooled.deciles;
  const x = deciles.map((row) => `D${row.decile}`);
  return {
    data: [
      {
        type: 'bar',
        name: 'Lift',
        x,
        y: deciles.map((row) => row.lift),
        marker: { color: '#B2C6FB' },
        hovertemplate: '%{x}: churn at %{y:.1f}× the average<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'Gains (churners caught)',
        x,
        y: deciles.map((row) => row.gains),
        yaxis: 'y2',
        line: { color: MODEL_COLOURS[0], width: 2 },
        hovertemplate: 'Down to %{x}: %{y:.0%} of churners<extra></extra>',
      },
    ],
    layout: baseLayout(280, {
      margin: { l: 52, r: 52, t: 12, b: 40 },
      xaxis: { ...AXIS, showgrid: false, title: { text: 'Decile, riskiest first' } },
      yaxis: { ...AXIS, ticksuffix: '×', rangemode: 'tozero', title: { text: 'Lift' } },
      yaxis2: {
        ...AXIS,
        overlaying: 'y',
        side: 'right',
        range: [0, 1.05],
        tickformat: '.0%',
        showgrid: false,
      },
    }),
  };
}

/** Days from the first red and the first non-green snapshot to churn, in 30-day bins. */
export function leadTimeFigure(model: ModelEvidence): Figure {
  const accounts = model.evaluation.backtest.leadTime.accounts;
  const fromRed = accounts.flatMap((account) =>
    account.daysFromRed === null ? [] : [account.daysFromRed],
  );
  const fromNonGreen = accounts.flatMap((account) =>
    account.daysFromNonGreen === null ? [] : [account.daysFromNonGreen],
  );
  const binsOf = (days: number[]) => leadTimeBins(days);
  const longest = Math.max(binsOf(fromRed).length, binsOf(fromNonGreen).length);
  const labels = Array.from({ length: longest }, (_, i) => `${i * 30}–${i * 30 + 29}`);
  const counts = (days: number[]) => {
    const bins = binsOf(days);
    return labels.map((_, i) => bins[i]?.count ?? 0);
  };
  return {
    data: [
      {
        type: 'bar',
        name: 'From first red',
        x: labels,
        y: counts(fromRed),
        marker: { color: BAND_COLOURS.red },
        hovertemplate: '%{x} days: %{y} accounts<extra>first red</extra>',
      },
      {
        type: 'bar',
        name: 'From first yellow or red',
        x: labels,
        y: counts(fromNonGreen),
        marker: { color: BAND_COLOURS.yellow },
        hovertemplate: '%{x} days: %{y} accounts<extra>first non-green</extra>',
      },
    ],
    layout: baseLayout(260, {
      barmode: 'group',
      xaxis: { ...AXIS, showgrid: false, type: 'category', title: { text: 'Days before churn' } },
      yaxis: { ...AXIS, rangemode: 'tozero', title: { text: 'Churned accounts' } },
    }),
  };
}

function predictorLabel(name: string): string {
  if (name in LAYERS) return LAYERS[name as LayerId].label;
  if (name in SIGNALS) return SIGNALS[name as SignalId].label;
  return name;
}

/** AUC of each layer or signal alone, horizontal bars, one colour per model. */
export function predictorFigure(
  models: readonly ModelEvidence[],
  kind: 'layers' | 'signals',
): Figure {
  const first = models[0]!.evaluation.backtest[kind];
  const order = [...first].sort((left, right) => (left.auc ?? 0) - (right.auc ?? 0));
  const names = order.map((item) => item.name);
  const data: Data[] = models.map((model, m) => {
    const byName = new Map(model.evaluation.backtest[kind].map((item) => [item.name, item.auc]));
    return {
      type: 'bar',
      orientation: 'h',
      name: model.name,
      y: names.map(predictorLabel),
      x: names.map((name) => byName.get(name) ?? null),
      marker: { color: MODEL_COLOURS[m] },
      hovertemplate: '%{y}: AUC %{x:.3f}<extra></extra>',
    };
  });
  return {
    data,
    layout: baseLayout(Math.max(200, 40 + names.length * (models.length > 1 ? 26 : 20)), {
      showlegend: models.length > 1,
      barmode: 'group',
      margin: { l: 170, r: 16, t: 12, b: 36 },
      xaxis: { ...AXIS, range: [0.3, 1], title: { text: 'AUC (0.5 = coin toss)' } },
      yaxis: { ...AXIS, showgrid: false, automargin: true },
      shapes: [
        {
          type: 'line',
          xref: 'x',
          yref: 'paper',
          x0: 0.5,
          x1: 0.5,
          y0: 0,
          y1: 1,
          line: { color: '#98A2B3', dash: 'dot', width: 1 },
        },
      ],
    }),
  };
}
