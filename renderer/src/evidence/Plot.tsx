/**
 * One Plotly chart. Plotly is large, so it is loaded the first time a chart is
 * drawn; the chart redraws when its data or layout change.
 */
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { useEffect, useRef, useState } from 'react';

type PlotlyModule = (typeof import('plotly.js-dist-min'))['default'];

let plotly: Promise<PlotlyModule> | undefined;

function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import('plotly.js-dist-min').then((module) => module.default);
  return plotly;
}

const PLOT_CONFIG: Partial<Config> = { displayModeBar: false, responsive: true };

/** The look every evidence chart shares: quiet axes, the app's font and a dark hover label. */
export function baseLayout(height: number, extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    height,
    margin: { l: 52, r: 16, t: 12, b: 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'Inter Variable, Inter, system-ui, sans-serif', size: 11, color: '#475467' },
    hoverlabel: {
      bgcolor: '#101828',
      bordercolor: '#101828',
      font: { color: '#FFFFFF', size: 12 },
    },
    legend: { orientation: 'h', x: 0, y: 1.12, font: { size: 11 } },
    ...extra,
  };
}

export const AXIS = {
  gridcolor: 'rgba(16, 24, 40, 0.06)',
  linecolor: '#D0D5DD',
  zeroline: false,
  fixedrange: true,
} as const;

interface PlotProps {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
  readonly testId?: string;
  readonly label: string;
}

export function Plot({ data, layout, testId, label }: PlotProps) {
  const element = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const target = element.current;
    if (!target) return;
    loadPlotly()
      .then((Plotly) => (current ? Plotly.react(target, data, layout, PLOT_CONFIG) : undefined))
      .catch((error: unknown) =>
        setFailure(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      current = false;
    };
  }, [data, layout]);

  useEffect(() => {
    const target = element.current;
    return () => {
      if (target) void loadPlotly().then((Plotly) => Plotly.purge(target));
    };
  }, []);

  if (failure !== null)
    return <p className="error-text">The chart could not be drawn: {failure}</p>;
  return (
    <div
      ref={element}
      className="evidence-plot"
      data-testid={testId}
      aria-label={label}
      role="img"
    />
  );
}
