import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthscoreApi } from '../../core/api.ts';
import { openWorkspace } from '../../db/workspace.ts';
import {
  REPO_ROOT,
  loadClient,
  openSampleSession,
  screenshot,
  type SampleSession,
} from './harness.ts';

const packageVersion = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

interface PageGlobals {
  HealthscoreClient: { api: HealthscoreApi };
}

describe('browser mode, end to end', () => {
  let session: SampleSession;

  beforeAll(async () => {
    session = await openSampleSession({
      prefix: 'smoke',
      viewport: { width: 1280, height: 800 },
      workspace: () => openWorkspace(':memory:'),
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('serves the renderer and answers the real client from the page', async () => {
    const { page, problems } = session;
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
