import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthscoreApi } from '../../core/api.ts';
import {
  REPO_ROOT,
  launchChromium,
  loadClient,
  screenshot,
  startTestServer,
  type TestServer,
} from './harness.ts';

const packageVersion = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

interface PageGlobals {
  HealthscoreClient: { api: HealthscoreApi };
}

describe('browser mode, end to end', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer(':memory:');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the renderer and answers the real client from the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The renderer has no favicon; the browser's own request for one is not a fault of the page.
    page.on('response', (response) => {
      const isFavicon = new URL(response.url()).pathname === '/favicon.ico';
      if (response.status() >= 400 && !isFavicon) {
        problems.push(`HTTP ${response.status()} for ${response.url()}`);
      }
    });

    await page.goto(server.url);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Health Score Workbench');

    await loadClient(page);
    const ping = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).HealthscoreClient.api.ping(),
    );
    expect(ping).toEqual({ ok: true, value: { version: packageVersion } });

    const workspace = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).HealthscoreClient.api.getWorkspace(),
    );
    expect(workspace).toEqual({
      ok: true,
      value: {
        label: 'in-memory workspace',
        isSample: false,
        tables: [],
        accountCount: 0,
        dataStart: null,
        dataEnd: null,
      },
    });

    const path = await screenshot(page, 'smoke-browser-mode');
    expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(problems).toEqual([]);
  });
});
