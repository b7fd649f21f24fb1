/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * One model everywhere, in the browser mode on the sample workspace: a layer
 * weight moved in Calibration rescores the Accounts grid and the account detail
 * (their red count and score checked against core's scoreMatrix of the same
 * config, computed here on the same workspace), the selection and the scroll
 * stay, the header names the model and says when it has unsaved changes, and
 * the score-history chart marks the days saved versions took effect.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { formatDay, parseIsoDate } from '../../core/dates.ts';
import type { SignalMatrix } from '../../core/matrix.ts';
import { RAG_RED } from '../../core/rag.ts';
import { scoreMatrix } from '../../core/score.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import { listVersions, saveVersion } from '../../db/versions.ts';
import { toText, type Workspace } from '../../db/workspace.ts';
import {
  EVENTUALLY,
  openSampleSession,
  screenshot,
  scrollGridTo,
  settleGridScroll,
  type SampleSession,
} from './harness.ts';

const grid = '[data-testid=accounts-grid]';
const viewport = `${grid} .ag-grid-viewport`;
const calibration = '[data-testid=calibration-view]';
const chart = '[data-testid=history-chart]';
const badge = '[data-testid=active-model]';

/** A version saved mid-history, as a team would have saved one back then. */
const EARLIER_VERSION = 'Mid-2024 review';
const EARLIER_SAVED_AT = new Date('2024-07-15T09:30:00Z');

/**
 * The usage slider moved from 40 to 50: the other 50 is shared 25:20:15 as
 * 20.833, 16.667, 12.5, which largest remainder makes 21, 17, 12.
 */
function usageHeavy(): ModelConfig {
  const config = structuredClone(DEFAULT_MODEL);
  config.layers.usage.weight = 50;
  config.layers.engagement.weight = 21;
  config.layers.relationship.weight = 17;
  config.layers.outcome.weight = 12;
  return config;
}

interface AtAsOf {
  readonly red: number;
  readonly scores: ReadonlyMap<string, number>;
}

/** Core's red count and scores by account over the rows of the as-of date. */
function scoreAtAsOf(matrix: SignalMatrix, config: ModelConfig, asOf: number): AtAsOf {
  const table = scoreMatrix(matrix, config);
  const scores = new Map<string, number>();
  let red = 0;
  for (let row = 0; row < matrix.asOfIndex.length; row += 1) {
    if (matrix.asOfDates[matrix.asOfIndex[row]!] !== asOf) continue;
    scores.set(matrix.accounts.accountIds[matrix.accountIndex[row]!]!, table.score[row]!);
    if (table.rag[row] === RAG_RED) red += 1;
  }
  return { red, scores };
}

async function settledCalibration(page: Page): Promise<void> {
  // The first time, after the server built the monthly history for the view.
  await page.waitForSelector(`${calibration}[data-pending=false] [data-testid=headline-auc]`, {
    timeout: 40_000,
  });
}

async function redCount(page: Page): Promise<number> {
  return Number(await page.textContent('.segment[data-band=red] .segment-count'));
}

async function selectedRows(page: Page): Promise<string[]> {
  return page.$$eval(`${grid} .ag-row-selected[row-id]`, (rows) =>
    rows.map((row) => row.getAttribute('row-id') ?? ''),
  );
}

describe('one model everywhere, on the sample workspace', () => {
  let session: SampleSession;
  let page: Page;
  let asOf: number;
  let defaults: AtAsOf;
  let moved: AtAsOf;
  let account: string;
  let snapshots: number[];

  /** Saves the earlier version and works out, on the same workspace, what the views must show. */
  async function prepare(workspace: Workspace): Promise<void> {
    await saveVersion(
      workspace,
      { name: EARLIER_VERSION, config: DEFAULT_MODEL, headline: null },
      EARLIER_SAVED_AT,
    );

    // The workbench opens at the last usage day.
    const last = await workspace.connection.runAndReadAll('SELECT max(date) FROM usage');
    asOf = parseIsoDate(toText(String(last.getRows()[0]?.[0] ?? '')) ?? '')!;
    const matrix = await buildSignalMatrix(workspace, [asOf - 14, asOf]);
    defaults = scoreAtAsOf(matrix, DEFAULT_MODEL, asOf);
    moved = scoreAtAsOf(matrix, usageHeavy(), asOf);

    // The account to open: eligible at every month end, its score moved by the new weights.
    snapshots = await snapshotSchedule(workspace, 'month');
    const history = await buildSignalMatrix(workspace, snapshots);
    const rowsOf = new Map<string, number>();
    for (const index of history.accountIndex) {
      const id = history.accounts.accountIds[index]!;
      rowsOf.set(id, (rowsOf.get(id) ?? 0) + 1);
    }
    const chosen = [...moved.scores].find(
      ([id, score]) =>
        rowsOf.get(id) === snapshots.length &&
        !Number.isNaN(score) &&
        Math.abs(score - defaults.scores.get(id)!) >= 1,
    );
    if (chosen === undefined) throw new Error('No account of the sample moves with the weights');
    account = chosen[0];
  }

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'model',
      viewport: { width: 1600, height: 1000 },
      prepare,
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens on the default model, its red count core’s', async () => {
    // The test means something only if the new weights change the count.
    expect(moved.red).not.toBe(defaults.red);
    // The first count waits for the server's first matrix, seconds on a busy machine.
    await expect.poll(() => redCount(page), { timeout: 30_000 }).toBe(defaults.red);
    expect(await page.getAttribute(badge, 'data-name')).toBe('Default model');
    expect(await page.getAttribute(badge, 'data-unsaved')).toBe('false');

    await page.fill('input[type=search]', account);
    await page.click(`.ag-row[row-id="${account}"] [col-id=score]`);
    await page.waitForSelector('[data-testid=account-detail] .detail-score [data-rag]');
    expect(await page.textContent('.detail-score [data-rag]')).toBe(
      defaults.scores.get(account)!.toFixed(1),
    );
    await page.fill('input[type=search]', '');
    await scrollGridTo(page, grid, 400);
    expect(await page.locator(viewport).evaluate((element) => element.scrollTop)).toBe(400);
  });

  it('rescores the grid and the detail with a weight moved in Calibration', async () => {
    await page.click('#tab-calibration');
    await settledCalibration(page);
    await page.focus('#layer-usage');
    for (let step = 0; step < 10; step += 1) await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#layer-usage')).toBe('50');
    expect(await page.inputValue('#layer-engagement')).toBe('21');
    expect(await page.getAttribute(badge, 'data-unsaved')).toBe('true');
    expect(await page.textContent(badge)).toContain('unsaved changes');

    await page.click('#tab-accounts');
    await expect.poll(() => redCount(page), { timeout: 10_000 }).toBe(moved.red);
    expect(await page.$('.busy')).toBeNull();
    expect(await page.textContent('.detail-score [data-rag]')).toBe(
      moved.scores.get(account)!.toFixed(1),
    );
    await settleGridScroll(page, grid);
    expect(await page.locator(viewport).evaluate((element) => element.scrollTop)).toBe(400);
    // Searched for, the account is the one row, and it is still selected.
    await page.fill('input[type=search]', account);
    await expect.poll(() => selectedRows(page), EVENTUALLY).toEqual([account]);
    await page.fill('input[type=search]', '');
  });

  it('names a saved version in the header and marks the versions on the history', async () => {
    await page.click('#tab-calibration');
    await page.fill('[data-testid=version-name]', 'Usage heavy');
    await page.click('[data-testid=save-version]');
    await page.waitForSelector('[data-testid=versions] tr[data-version="Usage heavy"]');
    expect(await page.getAttribute(badge, 'data-name')).toBe('Usage heavy');
    expect(await page.getAttribute(badge, 'data-unsaved')).toBe('false');

    await page.click('#tab-accounts');
    // Plotly draws once its bundle has loaded and the history is rescored: wait for every point.
    await page
      .waitForFunction(
        ([selector, count]) =>
          document.querySelectorAll(`${selector} .scatterlayer .trace:nth-of-type(1) .point`)
            .length === count,
        [chart, snapshots.length] as const,
        { timeout: 20_000 },
      )
      .catch(() => undefined);

    // The mid-2024 version: a dashed line between the points of 30 June and 31 July, 15 of the
    // 31 days on, labelled with its name.
    const days = snapshots.map(formatDay);
    const june = days.indexOf('2024-06-30');
    expect(june).toBeGreaterThan(0);
    expect(days[june + 1]).toBe('2024-07-31');
    // Positions on the page: the line's x and the centre of each score point.
    const placed = await page.$eval(
      chart,
      (element, earlier) => {
        const target = element as HTMLElement & { layout: { shapes: { x0: string }[] } };
        const index = target.layout.shapes.findIndex((shape) => shape.x0 === earlier);
        const line = element.querySelector(`.shapelayer path[data-index="${index}"]`);
        const centre = (node: Element | null) => {
          const rect = node?.getBoundingClientRect();
          return rect === undefined ? Number.NaN : rect.left + rect.width / 2;
        };
        const plot = element.querySelector('.nsewdrag')?.getBoundingClientRect();
        return {
          index,
          lineX: centre(line),
          plotTop: plot?.top ?? Number.NaN,
          plotHeight: plot?.height ?? Number.NaN,
          points: [...element.querySelectorAll('.scatterlayer .trace:nth-of-type(1) .point')].map(
            centre,
          ),
          labels: [...element.querySelectorAll('.annotation-text')].map((node) => node.textContent),
        };
      },
      '2024-07-15',
    );
    expect(placed.index).toBeGreaterThan(0);
    expect(placed.points.length).toBe(snapshots.length);
    const [juneX, julyX] = [placed.points[june]!, placed.points[june + 1]!];
    expect((placed.lineX - juneX) / (julyX - juneX)).toBeCloseTo(15 / 31, 1);
    expect(placed.labels).toContain(EARLIER_VERSION);

    // The version saved now took effect today: after this history, so it is named beside it.
    const saved = (await listVersions(session.workspace)).find(
      (version) => version.name === 'Usage heavy',
    );
    const savedDay = parseIsoDate(saved!.createdAt.slice(0, 10))!;
    expect(savedDay).toBeGreaterThan(snapshots[snapshots.length - 1]!);
    const note = placed.labels.find((label) => label?.includes('Usage heavy'));
    expect(note).toMatch(/Usage heavy · \d{1,2} \w{3} \d{4} →/);

    // Hovering the line names the version and its day.
    await page.mouse.move(placed.lineX, placed.plotTop + placed.plotHeight * 0.1);
    await page.waitForSelector(`${chart} .hoverlayer .hovertext`);
    expect(await page.textContent(`${chart} .hoverlayer`)).toContain(
      `“${EARLIER_VERSION}” took effect 15 Jul 2024`,
    );
    await page.mouse.move(1500, 990);
    await screenshot(page, 'model-everywhere-detail');
    expect(session.problems).toEqual([]);
  });
});
