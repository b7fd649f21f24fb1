/**
 * The Calibration view's charts: bands now as one stacked bar, and bands over
 * time as stacked columns per snapshot. `onDrawn` fires once Plotly has drawn,
 * which is when the view counts a recompute as shown.
 */
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { useEffect, useRef } from 'react';
import { formatDay } from '../../../core/dates.ts';
import type { CalibrationResult } from './compute.ts';

type PlotlyModule = (typeof import('plotly.js-dist-min'))['default'];
let plotly: Promise<PlotlyModule> | undefined;
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((module) => module.default);
  return plotly;
}

export const BANDS = [
  { key: 'red', label: 'Red', colour: '#D92D20' },
  { key: 'yellow', label: 'Yellow', colour: '#F79009' },
  { key: 'green', label: 'Green', colour: '#17B26A' },
] as const;

const PLOT_CONFIG: Partial<Config> = { displayModeBar: false, responsive: true };

function overTimeData(result: CalibrationResult): Data[] {
  const x = result.overTime.asOf.map(formatDay);
  return BANDS.map((band) => ({
    type: 'bar',
    name: band.label,
    x,
    y: result.overTime.counts.map((counts) => counts[band.key]),
    marker: { color: band.colour },
    hovertemplate: `%{x|%b %Y}: %{y} ${band.key}<extra></extra>`,
  }));
}

function overTimeLayout(): Partial<Layout> {
  return {
    barmode: 'stack',
    bargap: 0.25,
    height: 230,
    margin: { l: 40, r: 8, t: 8, b: 28 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'Inter Variable, Inter, system-ui, sans-serif', size: 11, color: '#475467' },
    xaxis: { type: 'date', tickformat: '%b %y', fixedrange: true, showgrid: false },
    yaxis: { gridcolor: 'rgba(16,24,40,0.06)', fixedrange: true, title: { text: 'Accounts' } },
    showlegend: false,
  };
}

interface OverTimeProps {
  readonly result: CalibrationResult;
  readonly onDrawn: () => void;
}

export function BandsOverTimeChart({ result, onDrawn }: OverTimeProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let current = true;
    void loadPlotly()
      .then((Plotly) => Plotly.react(target, overTimeData(result), overTimeLayout(), PLOT_CONFIG))
      .then(() => {
        if (current) onDrawn();
      });
    return () => {
      current = false;
    };
  }, [result, onDrawn]);
  useEffect(() => {
    const target = element.current;
    return () => {
      if (target) void loadPlotly().then((Plotly) => Plotly.purge(target));
    };
  }, []);
  return <div ref={element} className="cal-chart" data-testid="bands-over-time" />;
}
