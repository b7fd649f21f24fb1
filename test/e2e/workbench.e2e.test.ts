/**
 * The workbench in the browser mode, on the sample workspace, checked against
 * counts worked out here without the renderer: eligible accounts by SQL, red
 * accounts and override markers by core scoring, chart points by SQL over the
 * snapshot dates. Screenshots go to test-artifacts/ and, with
 * UPDATE_SCREENSHOTS=1, to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LABEL } from '../../cli/sample-workspace.ts';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { formatDay, parseIsoDate } from '../../core/dates.ts';
import { RAG_RED } from '../../core/rag.ts';
import { scoreMatrix } from '../../core/score.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import { saveVersion } from '../../db/versions.ts';
import { toNumber, toText, type Workspace } from '../../db/workspace.ts';
import {
  openSampleSession,
  publishScreenshot,
  screenshot,
  scrollGridTo,
  settleGridScroll,
  waitForVisibleRows,
  type SampleSession,
} from './harness.ts';

const LAST_USAGE_DAY_SQL = 'SELECT CAST(max(date) AS VARCHAR) FROM usage';
const ELIGIBLE_SQL = `
SELECT count(*) FROM accounts
WHERE contract_start <= CAST($day AS DATE) AND (churned_on IS NULL OR churned_on > CAST($day AS DATE))`;
// Snapshot dates at which one account is eligible: started on or before, not churned by then.
const ELIGIBLE_SNAPSHOTS_SQL = `
SELECT count(*)
FROM (SELECT CAST(unnest(string_split($days, ',')) AS DATE) AS day) snapshots
JOIN accounts a ON a.account_id = $account
WHERE a.contract_start <= snapshots.day AND (a.churned_on IS NULL OR a.churned_on > snapshots.day)`;

const GRID = '[data-testid=accounts-grid]';
/** A model version saved mid-history, so that the detail's chart (and its screenshot) marks one. */
const EARLIER_VERSION = 'Mid-2024 review';

interface ChosenAccount {
  readonly id: string;
  readonly name: string;
  /** Snapshots with an override, by core scoring of the history. */
  readonly overrideSnapshots: number;
}

async function count(workspace: Workspace, text: string, values: Record<string, string>) {
  const reader = await workspace.connection.runAndReadAll(text, values);
  return toNumber(reader.getRows()[0]?.[0] ?? null);
}

/** The shown-count of the toolbar, once it equals `expected` (or the wait runs out). */
async function shownCount(page: Page, expected: number): Promise<number> {
  const read = async () =>
    Number(await page.getAttribute('[data-testid=shown-count]', 'data-count'));
  // The first count waits for the server's first matrix, seconds on a busy machine.
  await expect
    .poll(read, { timeout: 30_000 })
    .toBe(expected)
    .catch(() => undefined);
  return read();
}

/**
 * Every row of the grid (id → band, and whether it is selected), scrolling through
 * it: the grid renders only the rows in view. Ends scrolled back to the top.
 */
async function allGridRows(page: Page): Promise<Map<string, { rag: string; selected: boolean }>> {
  const seen = new Map<string, { rag: string; selected: boolean }>();
  const shown = Number(await page.getAttribute('[data-testid=shown-count]', 'data-count'));
  const viewport = page.locator(`${GRID} .ag-grid-viewport`);
  await scrollGridTo(page, GRID, 0);
  for (let step = 0; step < 200; step += 1) {
    await waitForVisibleRows(page, GRID, shown);
    const rows = await page.$$eval(`${GRID} .ag-row[row-id] [col-id=score] [data-rag]`, (pills) =>
      pills.map((pill) => {
        const row = pill.closest('.ag-row');
        return {
          id: row?.getAttribute('row-id') ?? '',
          rag: pill.getAttribute('data-rag') ?? '',
          selected: row?.classList.contains('ag-row-selected') ?? false,
        };
      }),
    );
    for (const { id, ...state } of rows) seen.set(id, state);
    const done = await viewport.evaluate((element) => {
      const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
      element.scrollTop += element.clientHeight * 0.8;
      return atEnd;
    });
    if (done) break;
  }
  await scrollGridTo(page, GRID, 0);
  return seen;
}

/** Shows every account again: a test that failed half-way may have left a band or a search. */
async function unfiltered(page: Page): Promise<void> {
  await page.click('.segment[data-band=all]');
  await page.fill('input[type=search]', '');
}

function selectedIds(rows: Map<string, { selected: boolean }>): string[] {
  return [...rows].filter(([, row]) => row.selected).map(([id]) => id);
}

describe('the workbench in the browser, on the sample workspace', () => {
  let session: SampleSession;
  let page: Page;
  let asOf: string;
  let eligible: number;
  let red: number;
  let chosen: ChosenAccount;
  /** Snapshots at which the chosen account is eligible, by SQL. */
  let chosenPoints: number;
  /** Thirty days before the last day of the data, and the accounts eligible then. */
  let earlier: string;
  let eligibleEarlier: number;
  const shots: { accounts?: string; detail?: string } = {};

  /**
   * Saves the earlier version and works out, without the renderer, what the views
   * must show. All of it before the page opens: a query of this process on the
   * served workspace while the server builds a matrix would cut the build short.
   */
  async function prepare(workspace: Workspace): Promise<void> {
    await saveVersion(
      workspace,
      { name: EARLIER_VERSION, config: DEFAULT_MODEL, headline: null },
      new Date('2024-07-15T09:30:00Z'),
    );

    const lastDay = await workspace.connection.runAndReadAll(LAST_USAGE_DAY_SQL);
    asOf = toText(lastDay.getRows()[0]?.[0] ?? null)!;
    eligible = await count(workspace, ELIGIBLE_SQL, { day: asOf });

    const day = parseIsoDate(asOf)!;
    const current = await buildSignalMatrix(workspace, [day - 14, day]);
    const currentScores = scoreMatrix(current, DEFAULT_MODEL);
    const atAsOf = (row: number) => current.asOfDates[current.asOfIndex[row]!] === day;
    const redRows = [...current.accountIndex.keys()].filter(
      (row) => atAsOf(row) && currentScores.rag[row] === RAG_RED,
    );
    red = redRows.length;

    // The account to open: red now, scored at every snapshot, the most overrides in its history.
    const snapshots = await snapshotSchedule(workspace, 'month');
    const history = await buildSignalMatrix(workspace, snapshots);
    const historyScores = scoreMatrix(history, DEFAULT_MODEL);
    const candidates = redRows.map((row) => {
      const id = current.accounts.accountIds[current.accountIndex[row]!]!;
      const rows = [...history.accountIndex.keys()].filter(
        (historyRow) => history.accounts.accountIds[history.accountIndex[historyRow]!] === id,
      );
      return {
        id,
        name: current.accounts.accountNames[current.accountIndex[row]!] ?? id,
        allScored: rows.every((historyRow) => !Number.isNaN(historyScores.score[historyRow]!)),
        overrideSnapshots: rows.filter((historyRow) => historyScores.overrides[historyRow] !== 0)
          .length,
      };
    });
    const best = candidates
      .filter((candidate) => candidate.allScored && candidate.overrideSnapshots > 0)
      .sort((left, right) => right.overrideSnapshots - left.overrideSnapshots)[0];
    if (best === undefined) throw new Error('The sample has no red account to open');
    chosen = best;
    chosenPoints = await count(workspace, ELIGIBLE_SNAPSHOTS_SQL, {
      days: snapshots.map(formatDay).join(','),
      account: chosen.id,
    });

    // Thirty days earlier the account is still eligible: it is at every snapshot up to now.
    earlier = formatDay(day - 30);
    eligibleEarlier = await count(workspace, ELIGIBLE_SQL, { day: earlier });
  }

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'workbench',
      viewport: { width: 1600, height: 1000 },
      prepare,
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists every account eligible at the last day of the data', async () => {
    expect(eligible).toBeGreaterThan(100);
    expect(await shownCount(page, eligible)).toBe(eligible);
    expect(await page.textContent('[data-testid=eligible-count]')).toBe(
      eligible.toLocaleString('en-US'),
    );
    expect(await page.inputValue('#as-of-date')).toBe(asOf);
    expect(await page.textContent('[data-testid=workspace-label]')).toBe(SAMPLE_LABEL);
    await page.waitForTimeout(300);
    shots.accounts = await screenshot(page, 'workbench-accounts');
  });

  it('filters to red: every row is red and the count is core scoring’s', async () => {
    expect(red).toBeGreaterThan(0);
    await page.click('.segment[data-band=red]');
    expect(await shownCount(page, red)).toBe(red);
    const rows = await allGridRows(page);
    expect(rows.size).toBe(red);
    expect(new Set([...rows.values()].map((row) => row.rag))).toEqual(new Set(['red']));
    await page.click('.segment[data-band=all]');
    expect(await shownCount(page, eligible)).toBe(eligible);
  });

  it('opens an account with its history chart, one point per eligible snapshot', async () => {
    const expectedPoints = chosenPoints;
    expect(expectedPoints).toBeGreaterThan(1);

    await unfiltered(page);
    await page.fill('input[type=search]', chosen.id);
    expect(await shownCount(page, 1)).toBe(1);
    await page.click(`.ag-row[row-id="${chosen.id}"] [col-id=score]`);
    await page.waitForSelector('[data-testid=account-detail] h2');
    expect(await page.textContent('[data-testid=account-detail] h2')).toBe(chosen.name);

    const chart = '[data-testid=history-chart] .scatterlayer .trace';
    // Plotly draws once its bundle has loaded and the history is scored: wait for the counts due.
    await page
      .waitForFunction(
        ([selector, due]) =>
          due.every(
            (count, index) =>
              document.querySelectorAll(`${selector}:nth-of-type(${index + 1}) .point`).length ===
              count,
          ),
        [chart, [expectedPoints, chosen.overrideSnapshots]] as const,
        { timeout: 20_000 },
      )
      .catch(() => undefined);
    const points = await page.$$eval(`${chart}:nth-of-type(1) .point`, (nodes) => nodes.length);
    expect(points).toBe(expectedPoints);
    const markers = await page.$$eval(`${chart}:nth-of-type(2) .point`, (nodes) => nodes.length);
    expect(markers).toBe(chosen.overrideSnapshots);
    expect(await page.textContent('[data-testid=history-chart] .infolayer')).toContain(
      EARLIER_VERSION,
    );

    // Hovering a diamond shows the score point beneath it, which names the override.
    await page.hover(`${chart}:nth-of-type(2) .point >> nth=0`, { force: true });
    await page.waitForSelector('[data-testid=history-chart] .hoverlayer .hovertext');
    expect(await page.textContent('[data-testid=history-chart] .hoverlayer')).toMatch(
      /Override fired.*(Zero usage|Champion departed|Active escalation|Renewal risk)/,
    );

    for (const part of ['playbook', 'weakest-signal', 'layer-breakdown', 'signal-table']) {
      expect(await page.isVisible(`[data-testid=${part}]`)).toBe(true);
    }
    expect(await page.textContent('[data-testid=playbook]')).toContain('Manager and VP told');

    await page.fill('input[type=search]', '');
    await page.locator('input[type=search]').blur();
    // Away from the grid's header and the chart, so that no tooltip is in the picture.
    await page.mouse.move(1500, 990);
    await page.waitForTimeout(900);
    shots.detail = await screenshot(page, 'workbench-account-detail');
  });

  it('keeps the selection and the scroll position when the as-of date changes', async () => {
    await unfiltered(page);
    expect(selectedIds(await allGridRows(page))).toEqual([chosen.id]);
    const viewport = page.locator(`${GRID} .ag-grid-viewport`);
    await scrollGridTo(page, GRID, 400);
    expect(await viewport.evaluate((element) => element.scrollTop)).toBe(400);

    await page.fill('#as-of-date', earlier);
    const settled = async () =>
      (await page.textContent('[data-testid=eligible-count]')) ===
        eligibleEarlier.toLocaleString('en-US') && (await page.$('.busy')) === null;
    await expect.poll(settled, { timeout: 20_000 }).toBe(true);
    await settleGridScroll(page, GRID);

    expect(await viewport.evaluate((element) => element.scrollTop)).toBe(400);
    expect(await shownCount(page, eligibleEarlier)).toBe(eligibleEarlier);
    expect(selectedIds(await allGridRows(page))).toEqual([chosen.id]);
    expect(await page.textContent('[data-testid=account-detail] h2')).toBe(chosen.name);
  });

  it('ran without page errors', async () => {
    expect(session.problems).toEqual([]);
    if (shots.accounts !== undefined) await publishScreenshot(shots.accounts, 'accounts');
    if (shots.detail !== undefined) await publishScreenshot(shots.detail, 'account-detail');
  });
});
