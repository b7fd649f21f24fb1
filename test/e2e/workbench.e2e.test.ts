/**
 * The workbench in the browser mode, on the sample workspace, checked against
 * counts worked out here without the renderer: eligible accounts by SQL, red
 * accounts and override markers by core scoring, chart points by SQL over the
 * snapshot dates. Screenshots go to test-artifacts/ and, for the docs, to
 * docs/screenshots/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LABEL, ensureSampleWorkspace } from '../../cli/sample-workspace.ts';
import { startServer, type RunningServer } from '../../cli/server.ts';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { formatDay, parseIsoDate } from '../../core/dates.ts';
import { RAG_RED } from '../../core/rag.ts';
import { scoreMatrix } from '../../core/score.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import { saveVersion } from '../../db/versions.ts';
import { openWorkspace, toNumber, toText, type Workspace } from '../../db/workspace.ts';
import { REPO_ROOT, ensureRendererBuilt, launchChromium, screenshot } from './harness.ts';

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

const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
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
  await expect
    .poll(read, { timeout: 15_000 })
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
  const viewport = page.locator('[data-testid=accounts-grid] .ag-grid-viewport');
  await viewport.evaluate((element) => (element.scrollTop = 0));
  for (let step = 0; step < 200; step += 1) {
    await page.waitForTimeout(60);
    const rows = await page.$$eval(
      '[data-testid=accounts-grid] .ag-row[row-id] [col-id=score] [data-rag]',
      (pills) =>
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
  await viewport.evaluate((element) => (element.scrollTop = 0));
  return seen;
}

function selectedIds(rows: Map<string, { selected: boolean }>): string[] {
  return [...rows].filter(([, row]) => row.selected).map(([id]) => id);
}

describe('the workbench in the browser, on the sample workspace', () => {
  let folder: string;
  let workspace: Workspace;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let asOf: string;
  let eligible: number;
  let red: number;
  let snapshotDays: string;
  let chosen: ChosenAccount;
  const problems: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'healthscore-workbench-'));
    const [staticDir, sample] = await Promise.all([
      ensureRendererBuilt(),
      ensureSampleWorkspace({ workspacePath: join(folder, 'sample.duckdb') }),
    ]);
    workspace = await openWorkspace(sample.path);
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
    snapshotDays = snapshots.map(formatDay).join(',');
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

    server = await startServer({
      workspace,
      port: 0,
      staticDir,
      label: SAMPLE_LABEL,
      isSample: true,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        problems.push(message.text());
      }
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    workspace?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
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
    await screenshot(page, 'workbench-accounts');
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
    const expectedPoints = await count(workspace, ELIGIBLE_SNAPSHOTS_SQL, {
      days: snapshotDays,
      account: chosen.id,
    });
    expect(expectedPoints).toBeGreaterThan(1);

    await page.fill('input[type=search]', chosen.id);
    expect(await shownCount(page, 1)).toBe(1);
    await page.click(`.ag-row[row-id="${chosen.id}"] [col-id=score]`);
    await page.waitForSelector('[data-testid=account-detail] h2');
    expect(await page.textContent('[data-testid=account-detail] h2')).toBe(chosen.name);

    const chart = '[data-testid=history-chart] .scatterlayer .trace';
    await page.waitForSelector(`${chart} .point`, { timeout: 20_000 });
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
    await screenshot(page, 'workbench-account-detail');
  });

  it('keeps the selection and the scroll position when the as-of date changes', async () => {
    expect(selectedIds(await allGridRows(page))).toEqual([chosen.id]);
    const viewport = page.locator('[data-testid=accounts-grid] .ag-grid-viewport');
    await viewport.evaluate((element) => (element.scrollTop = 400));
    await page.waitForTimeout(200);
    expect(await viewport.evaluate((element) => element.scrollTop)).toBe(400);

    // Thirty days earlier the account is still eligible: it is at every snapshot up to now.
    const earlier = formatDay(parseIsoDate(asOf)! - 30);
    const eligibleEarlier = await count(workspace, ELIGIBLE_SQL, { day: earlier });
    await page.fill('#as-of-date', earlier);
    const settled = async () =>
      (await page.textContent('[data-testid=eligible-count]')) ===
        eligibleEarlier.toLocaleString('en-US') && (await page.$('.busy')) === null;
    await expect.poll(settled, { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(200);

    expect(await viewport.evaluate((element) => element.scrollTop)).toBe(400);
    expect(await shownCount(page, eligibleEarlier)).toBe(eligibleEarlier);
    expect(selectedIds(await allGridRows(page))).toEqual([chosen.id]);
    expect(await page.textContent('[data-testid=account-detail] h2')).toBe(chosen.name);
  });

  it('ran without page errors, and its screenshots are in the docs', () => {
    expect(problems).toEqual([]);
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(
      join(REPO_ROOT, 'test-artifacts', 'workbench-accounts.png'),
      join(DOCS_SCREENSHOTS, 'accounts.png'),
    );
    copyFileSync(
      join(REPO_ROOT, 'test-artifacts', 'workbench-account-detail.png'),
      join(DOCS_SCREENSHOTS, 'account-detail.png'),
    );
  });
});
