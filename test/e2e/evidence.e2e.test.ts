/**
 * The Backtest and Drift views in the browser, on the sample workspace, checked
 * against core's evaluation of the same month-end matrix in this process; the
 * exported report opened offline with JavaScript disabled. Screenshots go to
 * test-artifacts/ and, for the docs, to docs/screenshots/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LABEL, ensureSampleWorkspace } from '../../cli/sample-workspace.ts';
import { startServer, type RunningServer } from '../../cli/server.ts';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { formatDay } from '../../core/dates.ts';
import { evaluateHistory, type Evaluation } from '../../core/evaluate.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import { REPO_ROOT, ensureRendererBuilt, launchChromium, screenshot } from './harness.ts';

const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

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
  const path = await screenshot(page, name);
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  copyFileSync(path, join(DOCS_SCREENSHOTS, `${name}.png`));
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('the Backtest and Drift views, on the sample workspace', () => {
  let folder: string;
  let workspace: Workspace;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let expected: Evaluation;
  let snapshotDates: number[];
  const problems: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'healthscore-evidence-'));
    const [staticDir, sample] = await Promise.all([
      ensureRendererBuilt(),
      ensureSampleWorkspace({ workspacePath: join(folder, 'sample.duckdb') }),
    ]);
    workspace = await openWorkspace(sample.path);
    snapshotDates = await snapshotSchedule(workspace, 'month');
    const matrix = await buildSignalMatrix(workspace, snapshotDates);
    expected = evaluateHistory(matrix, DEFAULT_MODEL, { suggestWeights: false });

    server = await startServer({
      workspace,
      port: 0,
      staticDir,
      label: SAMPLE_LABEL,
      isSample: true,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
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
    expect(problems).toEqual([]);
  });

  it('exports a report that opens offline with JavaScript off and holds the figures', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-report]'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^health-score-report-default-model-\d{4}-\d{2}-\d{2}\.html$/,
    );
    const saved = join(folder, 'report.html');
    await download.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);

    const offline = await browser.newContext({ javaScriptEnabled: false });
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
      path: join(REPO_ROOT, 'test-artifacts', 'evidence-report.png'),
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
    expect(problems).toEqual([]);
  });

  it('recomputes PSI against a newly chosen baseline', async () => {
    const last = snapshotDates.length - 1;
    await page.selectOption('[data-testid=baseline-select]', String(last));
    const lastRow = page.locator('[data-testid=psi-table] tbody tr').nth(last);
    await expect.poll(() => lastRow.getAttribute('data-psi')).toBe('0');
  });
});
