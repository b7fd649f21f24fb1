/**
 * Small static charts as inline SVG strings for the exported report: grouped bars and
 * lines on fixed axes. They need no script and no font file, so the report opens and
 * prints offline.
 */
import { escapeHtml } from './format.ts';

export interface BarSeries {
  readonly name: string;
  readonly colour: string;
  /** One value per category; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
  readonly colour: string;
}

export interface BarChartSpec {
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** Top of the value axis; default the largest value (or reference line) plus 10%. */
  readonly max?: number;
  readonly format: (value: number) => string;
  readonly referenceLines?: readonly ReferenceLine[];
  /** Per category: a colour for the bar instead of its series colour (one series only). */
  readonly barColours?: readonly string[];
  readonly width?: number;
  readonly height?: number;
}

export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface LineChartSpec {
  readonly series: readonly LineSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly format: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const AXIS = '#98a2b3';
const GRID = '#eaecf0';
const TEXT = '#475467';

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function legend(items: readonly { name: string; colour: string }[], x: number, y: number): string {
  let offset = x;
  return items
    .map((item) => {
      const text =
        `<rect x="${round(offset)}" y="${y - 8}" width="10" height="10" rx="2" fill="${item.colour}"/>` +
        `<text x="${round(offset + 14)}" y="${y + 1}" font-size="11" fill="${TEXT}" ${FONT}>${escapeHtml(item.name)}</text>`;
      offset += 24 + item.name.length * 6.2;
      return text;
    })
    .join('');
}

/** A grouped bar chart with a value axis from 0, optional dashed reference lines. */
export function barChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 240;
  const left = 52;
  const right = 12;
  const top = spec.series.length > 1 ? 28 : 14;
  const bottom = 34;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const values = spec.series.flatMap((series) =>
    series.values.filter((value): value is number => value !== null && Number.isFinite(value)),
  );
  const references = spec.referenceLines ?? [];
  const largest = Math.max(0, ...values, ...references.map((line) => line.value));
  const max = spec.max ?? (largest > 0 ? largest * 1.1 : 1);
  const y = (value: number) => top + plotHeight - (Math.min(value, max) / max) * plotHeight;

  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick++) {
    const value = (max * tick) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(value))}" y2="${round(y(value))}" stroke="${GRID}"/>`,
      `<text x="${left - 6}" y="${round(y(value) + 4)}" font-size="10" fill="${TEXT}" text-anchor="end" ${FONT}>${escapeHtml(spec.format(value))}</text>`,
    );
  }
  const slot = plotWidth / Math.max(1, spec.categories.length);
  const groupWidth = slot * 0.7;
  const barWidth = groupWidth / Math.max(1, spec.series.length);
  spec.categories.forEach((category, c) => {
    const start = left + c * slot + (slot - groupWidth) / 2;
    spec.series.forEach((series, s) => {
      const value = series.values[c];
      if (value === null || value === undefined || !Number.isFinite(value)) return;
      const colour = spec.barColours?.[c] ?? series.colour;
      const barTop = y(value);
      parts.push(
        `<rect x="${round(start + s * barWidth + 1)}" y="${round(barTop)}" width="${round(Math.max(1, barWidth - 2))}" height="${round(top + plotHeight - barTop)}" rx="2" fill="${colour}"/>`,
      );
      if (spec.categories.length * spec.series.length <= 16) {
        parts.push(
          `<text x="${round(start + s * barWidth + barWidth / 2)}" y="${round(barTop - 4)}" font-size="10" fill="${TEXT}" text-anchor="middle" ${FONT}>${escapeHtml(spec.format(value))}</text>`,
        );
      }
    });
    const every = Math.ceil(spec.categories.length / 12);
    if (c % every === 0) {
      parts.push(
        `<text x="${round(left + c * slot + slot / 2)}" y="${height - bottom + 16}" font-size="10" fill="${TEXT}" text-anchor="middle" ${FONT}>${escapeHtml(category)}</text>`,
      );
    }
  });
  for (const line of references) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(line.value))}" y2="${round(y(line.value))}" stroke="${line.colour}" stroke-dasharray="5 4"/>`,
      `<text x="${width - right - 4}" y="${round(y(line.value) - 4)}" font-size="10" fill="${line.colour}" text-anchor="end" ${FONT}>${escapeHtml(line.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="${AXIS}"/>`,
  );
  if (spec.series.length > 1) parts.push(legend(spec.series, left, 14));
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${parts.join('')}</svg>`;
}

/** Lines on a 0..1 × 0..1 square (ROC, gains), with the diagonal of a random ranking. */
export function unitLineChartSvg(spec: LineChartSpec): string {
  const width = spec.width ?? 360;
  const height = spec.height ?? 300;
  const left = 48;
  const right = 12;
  const top = 26;
  const bottom = 40;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (value: number) => left + value * plotWidth;
  const y = (value: number) => top + plotHeight - value * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= 4; tick++) {
    const value = tick / 4;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(value))}" y2="${round(y(value))}" stroke="${GRID}"/>`,
      `<text x="${left - 6}" y="${round(y(value) + 4)}" font-size="10" fill="${TEXT}" text-anchor="end" ${FONT}>${escapeHtml(spec.format(value))}</text>`,
      `<text x="${round(x(value))}" y="${top + plotHeight + 14}" font-size="10" fill="${TEXT}" text-anchor="middle" ${FONT}>${escapeHtml(spec.format(value))}</text>`,
    );
  }
  parts.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="${AXIS}" stroke-dasharray="4 4"/>`,
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${AXIS}"/>`,
  );
  for (const series of spec.series) {
    const path = series.points
      .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${round(x(px))} ${round(y(py))}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 3"' : ''}/>`,
    );
  }
  parts.push(
    `<text x="${round(left + plotWidth / 2)}" y="${height - 6}" font-size="11" fill="${TEXT}" text-anchor="middle" ${FONT}>${escapeHtml(spec.xLabel)}</text>`,
    `<text x="12" y="${round(top + plotHeight / 2)}" font-size="11" fill="${TEXT}" text-anchor="middle" transform="rotate(-90 12 ${round(top + plotHeight / 2)})" ${FONT}>${escapeHtml(spec.yLabel)}</text>`,
    legend(spec.series, left, 14),
  );
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${parts.join('')}</svg>`;
}
