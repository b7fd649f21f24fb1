/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Calibration view in the browser mode, on the sample workspace: a layer
 * slider moved, and the headline and band counts shown checked against core's
 * evaluateHistory on the same monthly history computed here; a slider change
 * timed until the charts are redrawn; a version saved, compared and restored.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type ModelConfig } from '../../core/config.ts';
import { evaluateHistory } from '../../core/evaluate.ts';
import type { SignalMatrix } from '../../core/matrix.ts';
import { RAG_GREEN, RAG_RED, RAG_YELLOW } from '../../core/rag.ts';
import { buildSignalMatrix } from '../../db/signals.ts';
import { snapshotSchedule } from '../../db/snapshots.ts';
import { openSampleSession, publishScreenshot, screenshot, type SampleSession } from './harness.ts';

const view = '[data-testid=calibration-view]';

/** The page's promise of the time from a key press to the charts redrawn, in milliseconds. */
interface Timed {
  redrawn?: Promise<number>;
}

/** Waits for the view to show its figures for the config on screen. */
async function settled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector(`${view}[data-pending=false] [data-testid=headline-auc]`, {
    timeout,
  });
}

async function pressOn(page: Page, selector: string, key: string, times: number) {
  await page.focus(selector);
  for (let step = 0; step < times; step += 1) await page.keyboard.press(key);
}

describe('the Calibration view, on the sample workspace', () => {
  let session: SampleSession;
  let page: Page;
  let matrix: SignalMatrix;

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'calibration',
      viewport: { width: 1600, height: 1000 },
      prepare: async (workspace) => {
        matrix = await buildSignalMatrix(workspace, await snapshotSchedule(workspace, 'month'));
      },
    });
    page = session.page;
    await page.click('#tab-calibration');
    // The first figures wait for the server's matrices, the Accounts view's first.
    await settled(page, 90_000);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows for a moved layer slider exactly the AUC and band counts core computes', async () => {
    await pressOn(page, '#layer-usage', 'ArrowRight', 10);
    await settled(page);
    // usage 40 → 50 leaves 50 for 25:20:15: 20.833, 16.667, 12.5 → 21, 17, 12 by largest remainder.
    const config: ModelConfig = structuredClone(DEFAULT_MODEL);
    config.layers.usage.weight = 50;
    config.layers.engagement.weight = 21;
    config.layers.relationship.weight = 17;
    config.layers.outcome.weight = 12;
    for (const [layer, weight] of [
      ['usage', 50],
      ['engagement', 21],
      ['relationship', 17],
      ['outcome', 12],
    ] as const) {
      expect(await page.inputValue(`#layer-${layer}`)).toBe(String(weight));
    }

    const expected = evaluateHistory(matrix, config, { suggestWeights: false });
    const last = matrix.asOfDates.length - 1;
    const counts = { red: 0, yellow: 0, green: 0 };
    for (let row = 0; row < matrix.asOfIndex.length; row += 1) {
      if (matrix.asOfIndex[row] !== last) continue;
      const rag = expected.scores.rag[row];
      if (rag === RAG_RED) counts.red += 1;
      if (rag === RAG_YELLOW) counts.yellow += 1;
      if (rag === RAG_GREEN) counts.green += 1;
    }
    const shownAuc = await page.getAttribute('[data-testid=headline-auc]', 'data-value');
    expect(expected.backtest.pooled.auc).not.toBeNull();
    expect(Number(shownAuc)).toBe(expected.backtest.pooled.auc);
    for (const band of ['red', 'yellow', 'green'] as const) {
      const shown = await page.getAttribute(`[data-testid=latest-${band}]`, 'data-count');
      expect(Number(shown)).toBe(counts[band]);
    }
    const recall = await page.getAttribute('[data-testid=headline-red-recall]', 'data-value');
    expect(Number(recall)).toBe(expected.backtest.pooled.redRecall);
    expect(await page.textContent('[data-testid=what-moved]')).toContain('usage weight 40 → 50');
  });

  it('redraws the charts soon after a slider change', async () => {
    const timings: number[] = [];
    for (let trial = 0; trial < 5; trial += 1) {
      await settled(page);
      await page.focus('#layer-relationship');
      // Armed before the key is pressed, in its own round trip: no redraw can slip past it.
      await page.evaluate((selector) => {
        const root = document.querySelector(selector) as HTMLElement;
        (window as unknown as Timed).redrawn = new Promise<number>((resolve) => {
          let started = 0;
          window.addEventListener('keydown', () => (started = performance.now()), {
            capture: true,
            once: true,
          });
          const before = root.dataset.drawn;
          const observer = new MutationObserver(() => {
            if (root.dataset.drawn !== before && root.dataset.pending === 'false') {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          });
          observer.observe(root, { attributes: true });
        });
      }, view);
      await page.keyboard.press(trial % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      timings.push(await page.evaluate(() => (window as unknown as Timed).redrawn!));
    }
    timings.sort((a, b) => a - b);
    console.error(
      `calibration: slider change to redrawn charts, median ${timings[2]!.toFixed(1)} ms (runs ${timings.map((t) => t.toFixed(1)).join(', ')})`,
    );
    expect(timings.length).toBe(5);
  });

  it('saves a version, compares the edit with it and restores it', async () => {
    await settled(page);
    // The timing runs moved the relationship slider, so read the usage weight being saved.
    const saved = Number(await page.inputValue('#layer-usage'));
    await page.fill('[data-testid=version-name]', 'Usage heavy');
    await page.click('[data-testid=save-version]');
    const row = '[data-testid=versions] tr[data-version="Usage heavy"]';
    await page.waitForSelector(row);

    await pressOn(page, '#layer-usage', 'ArrowRight', 5);
    await page.click('.cal-switch:has([data-testid=signal-login_frequency-enabled])');
    await settled(page);
    await page.click(`${row} [data-testid=compare-version]`);
    const differences = await page.$$eval('[data-testid=differences] li', (items) =>
      items.map((item) => item.textContent),
    );
    expect(differences).toContain(`usage weight ${saved} → ${saved + 5}`);
    expect(differences).toContain('login_frequency enabled');
    await page.waitForTimeout(400);
    await settled(page);
    await page.$eval(view, (element) => (element.scrollTop = 0));
    await publishScreenshot(await screenshot(page, 'calibration'), 'calibration');

    await page.click(`${row} [data-testid=restore-version]`);
    await page.waitForSelector('[data-testid=no-differences]');
    expect(await page.inputValue('#layer-usage')).toBe(String(saved));
    expect(await page.isChecked('[data-testid=signal-login_frequency-enabled]')).toBe(false);

    // Restoring is one undoable step.
    await page.click('button:has-text("Undo")');
    expect(await page.inputValue('#layer-usage')).toBe(String(saved + 5));
    expect(session.problems).toEqual([]);
  });
});
