/**
 * The score history of one account: a line over the snapshot dates on the red,
 * yellow and green bands of the model, with a marker wherever an override fired
 * and a dashed line, labelled, on each day a saved model version took effect.
 * Plotly is large, so it is loaded the first time a chart is drawn.
 */
import type { Annotation, Config, Data, Layout, Shape } from 'plotly.js-dist-min';
import { useEffect, useRef, useState } from 'react';
import type { ModelConfig } from '../../../core/config.ts';
import { formatDay } from '../../../core/dates.ts';
import { OVERRIDE_LABELS, RAG_LABELS } from '../labels.ts';
import type { HistoryPoint } from './history.ts';
import { historyTicks } from './historyAxis.ts';
import {
  outsideNote,
  versionsHover,
  type DayRange,
  type VersionLine,
  type VersionMarks,
} from './versionMarks.ts';

type PlotlyModule = (typeof import('plotly.js-dist-min'))['default'];

let plotly: Promise<PlotlyModule> | undefined;

function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((module) => module.default);
  return plotly;
}

const BAND_COLOURS = {
  red: '#D92D20',
  yellow: '#DC6803',
  green: '#079455',
  unscored: '#98A2B3',
} as const;

const VERSION_LINE = '#7F56D9';
const VERSION_TEXT = '#53389E';
/** Label rows are this many pixels apart, from the top of the plot down. */
const LABEL_ROW_PX = 17;
/** The invisible hover targets along a version line, every this many score points. */
const HOVER_STEP = 4;
/** Ticks closer than this (in ms, as Plotly counts a date axis) name their day, not only the month. */
const DAY_TICKS_BELOW_MS = 27 * 86_400_000;

const BAND_FILLS = [
  'rgba(240, 68, 56, 0.10)',
  'rgba(247, 144, 9, 0.10)',
  'rgba(23, 178, 106, 0.10)',
];

function bandShapes(rag: ModelConfig['rag']): Partial<Shape>[] {
  const edges = [0, rag.yellowFrom, rag.greenFrom, 100];
  return BAND_FILLS.map((fillcolor, index) => ({
    type: 'rect',
    xref: 'paper',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0: edges[index],
    y1: edges[index + 1],
    fillcolor,
    line: { width: 0 },
    layer: 'below',
  }));
}

/** The hover line of a point: its band, and which overrides fired there. */
function hoverDetail(point: HistoryPoint): string {
  const band = RAG_LABELS[point.rag];
  if (point.overrides.length === 0) return band;
  const fired = point.overrides.map((name) => OVERRIDE_LABELS[name]).join(', ');
  return `${band}<br><b>Override fired:</b> ${fired}`;
}

/** Plotly reads a few HTML tags in text; a version's name is shown as typed. */
function plain(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lineHover(line: VersionLine): string {
  return versionsHover(line.names.map((name) => ({ name, day: line.day })))
    .map(plain)
    .join('<br>');
}

/** Shapes have no hover of their own: invisible points up each version line carry it. */
function versionHoverTrace(lines: readonly VersionLine[]): Data {
  const x: string[] = [];
  const y: number[] = [];
  const text: string[] = [];
  for (const line of lines) {
    for (let score = 0; score <= 100; score += HOVER_STEP) {
      x.push(formatDay(line.day));
      y.push(score);
      text.push(lineHover(line));
    }
  }
  return {
    type: 'scatter',
    mode: 'markers',
    name: 'Model version',
    x,
    y,
    customdata: text,
    marker: { size: 10, color: 'rgba(0, 0, 0, 0)' },
    hovertemplate: '%{customdata}<extra></extra>',
    hoverlabel: { bgcolor: VERSION_TEXT, bordercolor: VERSION_TEXT },
    showlegend: false,
  };
}

function versionShapes(lines: readonly VersionLine[]): Partial<Shape>[] {
  return lines.map((line) => ({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: formatDay(line.day),
    x1: formatDay(line.day),
    y0: 0,
    y1: 1,
    line: { color: VERSION_LINE, width: 1.5, dash: 'dash' },
  }));
}

function versionAnnotations(marks: VersionMarks): Partial<Annotation>[] {
  const labels = marks.lines.map((line): Partial<Annotation> => ({
    xref: 'x',
    yref: 'paper',
    x: formatDay(line.day),
    y: 1,
    xanchor: line.side === 'right' ? 'left' : 'right',
    yanchor: 'top',
    xshift: line.side === 'right' ? 3 : -3,
    yshift: -2 - line.row * LABEL_ROW_PX,
    text: plain(line.label),
    hovertext: lineHover(line),
    showarrow: false,
    font: { size: 10.5, color: VERSION_TEXT },
    bgcolor: 'rgba(255, 255, 255, 0.88)',
    borderpad: 2,
  }));
  const note = outsideNote(marks);
  if (note === null) return labels;
  const outside = [...marks.before, ...marks.after];
  return [
    ...labels,
    {
      xref: 'paper',
      yref: 'paper',
      x: 1,
      y: 1,
      xanchor: 'right',
      yanchor: 'bottom',
      yshift: 6,
      text: plain(note),
      hovertext: versionsHover(outside).map(plain).join('<br>'),
      showarrow: false,
      font: { size: 10.5, color: VERSION_TEXT },
    },
  ];
}

function traces(points: readonly HistoryPoint[], marks: VersionMarks): Data[] {
  const x = points.map((point) => formatDay(point.day));
  const score: Data = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'Score',
    x,
    y: points.map((point) => (Number.isNaN(point.score) ? null : point.score)),
    customdata: points.map(hoverDetail),
    line: { color: '#344054', width: 2 },
    marker: {
      size: 8,
      color: points.map((point) => BAND_COLOURS[point.rag]),
      line: { color: '#FFFFFF', width: 1.5 },
    },
    hovertemplate: '%{x|%d %b %Y}<br>Score %{y:.1f} · %{customdata}<extra></extra>',
  };
  // The diamonds only mark; the score point under each says which override fired.
  const fired = points.filter((point) => point.overrides.length > 0 && !Number.isNaN(point.score));
  const overrides: Data = {
    type: 'scatter',
    mode: 'markers',
    name: 'Override fired',
    x: fired.map((point) => formatDay(point.day)),
    y: fired.map((point) => point.score),
    marker: { size: 16, symbol: 'diamond-open', color: '#7A271A', line: { width: 2 } },
    hoverinfo: 'skip',
  };
  const data = fired.length > 0 ? [score, overrides] : [score];
  // Last, so that the score and override traces keep their places for whoever reads the chart.
  return marks.lines.length > 0 ? [...data, versionHoverTrace(marks.lines)] : data;
}

interface LayoutInputs {
  readonly points: readonly HistoryPoint[];
  readonly config: ModelConfig;
  readonly asOf: number;
  readonly range: DayRange;
  readonly marks: VersionMarks;
  readonly hasOverrides: boolean;
}

function xAxis(points: readonly HistoryPoint[], range: DayRange): Partial<Layout['xaxis']> {
  const ticks = historyTicks(
    points.map((point) => point.day),
    range,
  );
  return {
    type: 'date',
    showgrid: false,
    linecolor: '#D0D5DD',
    ...(ticks === null
      ? {
          tickformat: '%b %Y',
          // Should the chart choose ticks weeks apart, they name their days and never repeat a month.
          tickformatstops: [{ dtickrange: [null, DAY_TICKS_BELOW_MS], value: '%-d %b %Y' }],
        }
      : { tickmode: 'array', tickvals: ticks.days.map(formatDay), ticktext: [...ticks.labels] }),
    // Fixed, so that version lines and the as-of date never stretch the axis beyond the history.
    range: [formatDay(range.start), formatDay(range.end)],
    autorange: false,
    fixedrange: true,
  };
}

function layout(inputs: LayoutInputs): Partial<Layout> {
  const { points, config, asOf, range, marks, hasOverrides } = inputs;
  const asOfText = formatDay(asOf);
  const annotations = versionAnnotations(marks);
  const aboveThePlot = hasOverrides || annotations.some((note) => note.xref === 'paper');
  return {
    height: 250,
    margin: { l: 36, r: 12, t: aboveThePlot ? 28 : 10, b: 32 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'Inter Variable, Inter, system-ui, sans-serif', size: 11, color: '#475467' },
    xaxis: xAxis(points, range),
    yaxis: {
      range: [0, 100],
      dtick: 20,
      gridcolor: 'rgba(16, 24, 40, 0.06)',
      zeroline: false,
      fixedrange: true,
    },
    shapes: [
      ...bandShapes(config.rag),
      {
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: asOfText,
        x1: asOfText,
        y0: 0,
        y1: 1,
        line: { color: '#2F5BEA', width: 1, dash: 'dot' },
      },
      ...versionShapes(marks.lines),
    ],
    annotations,
    showlegend: hasOverrides,
    legend: { orientation: 'h', x: 0, y: 1.14, font: { size: 11 } },
    hoverlabel: {
      bgcolor: '#101828',
      bordercolor: '#101828',
      font: { color: '#FFFFFF', size: 12 },
    },
  };
}

const PLOT_CONFIG: Partial<Config> = { displayModeBar: false, responsive: true };

interface ChartProps {
  readonly points: readonly HistoryPoint[];
  readonly config: ModelConfig;
  /** The as-of date of the view, drawn as a dotted line. */
  readonly asOf: number;
  /** The days shown (from historyRange). */
  readonly range: DayRange;
  /** The saved versions to mark (from versionMarks over the same range). */
  readonly marks: VersionMarks;
}

export function ScoreHistoryChart({ points, config, asOf, range, marks }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const target = element.current;
    if (!target) return;
    loadPlotly()
      .then((Plotly) => {
        if (!current) return;
        const data = traces(points, marks);
        const hasOverrides = points.some(
          (point) => point.overrides.length > 0 && !Number.isNaN(point.score),
        );
        const shape = layout({ points, config, asOf, range, marks, hasOverrides });
        return Plotly.react(target, data, shape, PLOT_CONFIG);
      })
      .catch((error: unknown) =>
        setFailure(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      current = false;
    };
  }, [points, config, asOf, range, marks]);

  useEffect(() => {
    const target = element.current;
    return () => {
      if (target) void loadPlotly().then((Plotly) => Plotly.purge(target));
    };
  }, []);

  if (failure !== null)
    return <p className="error-text">The chart could not be drawn: {failure}</p>;
  return <div ref={element} className="history-chart" data-testid="history-chart" />;
}
