/**
 * The Backtest and Drift views in the browser, on the sample workspace, checked
 * against core's evaluation of the same month-end matrix in this process; the
 * exported report opened offline with JavaScript disabled. Screenshots go to
 * test-artifacts/ and, with UPDATE_SCREENSHOTS=1, to docs/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { formatDay } from '../../core/dates.ts';
import { evaluateHistory, type Evaluation } from '../../core/evaluate.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import {
  ARTIFACTS_DIR,
  EVENTUALLY,
  openSampleSession,
  publishScreenshot,
  screenshot,
  type SampleSession,
} from './harness.ts';

/** A share as the views print it, worked out here: one decimal and a percent sign. */
function percent(share: number | null): string {
  if (share === null) throw new Error('no rate');
  return `${(share * 100).toFixed(1)}%`;
}

/** Screenshots the whole scrolling view: the page grows to the view's content first. */
async function viewScreenshot(page: Page, view: string, name: string): Promise<void> {
  const height = await page.$eval(view, (element) => element.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.min(4000, height + 80) });
  await page.waitForTimeout(800);
  await publishScreenshot(await screenshot(page, name), name);
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the Backtest and Drift views, on the sample workspace', () => {
  let session: SampleSession;
  let page: Page;
  let expected: Evaluation;
  let snapshotDates: number[];

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'evidence',
      acceptDownloads: true,
      prepare: async (workspace) => {
        snapshotDates = await snapshotSchedule(workspace, 'month');
        const matrix = await buildSignalMatrix(workspace, snapshotDates);
        expected = evaluateHistory(matrix, DEFAULT_MODEL, { suggestWeights: false });
      },
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the pooled AUC and band churn rates core computes on the same history', async () => {
    const pooled = expected.backtest.pooled;
    expect(pooled.auc).not.toBeNull();
    await page.click('#tab-backtest');
    const auc = page.locator('[data-testid=pooled-auc]');
    await auc.waitFor({ timeout: 60_000 });
    expect(Number(await auc.getAttribute('data-value'))).toBe(pooled.auc);
    expect(await auc.textContent()).toBe(pooled.auc!.toFixed(3));
    for (const band of ['red', 'yellow', 'green'] as const) {
      expect(await page.textContent(`[data-testid=churn-rate-${band}]`)).toBe(
        percent(pooled.bands[band].churnRate),
      );
    }
    // Every chart drew.
    for (const chart of [
      'band-chart',
      'quarter-chart',
      'roc-chart',
      'decile-chart',
      'lead-time-chart',
      'layer-chart',
      'signal-chart',
    ]) {
      await page.locator(`[data-testid=${chart}] .main-svg`).first().waitFor({ timeout: 30_000 });
    }
    await viewScreenshot(page, '.evidence-view[data-testid=backtest-view]', 'backtest');
    expect(session.problems).toEqual([]);
  });

  it('exports a report that opens offline with JavaScript off and holds the figures', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-report]'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^health-score-report-default-model-\d{4}-\d{2}-\d{2}\.html$/,
    );
    const saved = join(session.folder, 'report.html');
    await download.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);

    const offline = await session.browser.newContext({ javaScriptEnabled: false });
    const requested: string[] = [];
    await offline.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requested.push(url);
      return route.abort();
    });
    const reader = await offline.newPage();
    await reader.goto(pathToFileURL(saved).href);
    const text = (await reader.textContent('body')) ?? '';
    const pooled = expected.backtest.pooled;
    expect(text).toContain(pooled.auc!.toFixed(3));
    for (const band of ['red', 'yellow', 'green'] as const) {
      expect(text).toContain(percent(pooled.bands[band].churnRate));
    }
    expect(text).toContain(
      `Of accounts flagged red, ${Math.round(pooled.bands.red.churnRate! * 100)}% churned`,
    );
    expect(await reader.locator('svg').count()).toBeGreaterThan(4);
    expect(requested).toEqual([]);
    await reader.screenshot({
      path: join(ARTIFACTS_DIR, 'evidence-report.png'),
      fullPage: true,
    });
    await offline.close();
  });

  it('shows the PSI of every snapshot against the first, as core computes it', async () => {
    await page.click('#tab-drift');
    const table = page.locator('[data-testid=psi-table] tbody tr');
    await table.first().waitFor({ timeout: 60_000 });
    expect(await table.count()).toBe(snapshotDates.length);
    const rows = await table.evaluateAll((elements) =>
      elements.map((element) => ({
        asOf: element.getAttribute('data-as-of'),
        psi: element.getAttribute('data-psi'),
      })),
    );
    expect(rows.map((row) => row.asOf)).toEqual(snapshotDates.map(formatDay));
    rows.forEach((row, index) => {
      expect(row.psi).not.toBe('');
      // The browser's Math.log may differ from Node's in the last bit.
      expect(Number(row.psi)).toBeCloseTo(expected.drift.snapshots[index]!.psi!, 12);
    });
    for (const chart of ['psi-chart', 'histogram-heatmap', 'rag-shares-chart']) {
      await page.locator(`[data-testid=${chart}] .main-svg`).first().waitFor({ timeout: 30_000 });
    }
    await viewScreenshot(page, '.evidence-view[data-testid=drift-view]', 'drift');
    expect(session.problems).toEqual([]);
  });

  it('recomputes PSI against a newly chosen baseline', async () => {
    const last = snapshotDates.length - 1;
    await page.selectOption('[data-testid=baseline-select]', String(last));
    const lastRow = page.locator('[data-testid=psi-table] tbody tr').nth(last);
    await expect.poll(() => lastRow.getAttribute('data-psi'), EVENTUALLY).toBe('0');
  });
});
