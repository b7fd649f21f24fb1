/**
 * Helpers for browser end-to-end tests: the built renderer, a browser-mode
 * server on a free port, Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the real API client loaded into a page, and screenshots
 * in test-artifacts/.
 *
 * The renderer is built here when dist/renderer is missing or older than its
 * sources (renderer/, core/, vite.config.ts), so `npm test` works without a
 * prior `npm run build`; a lock directory keeps parallel test files from
 * building at the same time.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { startServer, type RunningServer } from '../../cli/server.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIST = join(REPO_ROOT, 'dist', 'renderer');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts');
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const BUILD_LOCK = join(REPO_ROOT, 'dist', '.renderer-build.lock');
const LOCK_STALE_MS = 180_000;
const RENDERER_SOURCES = ['renderer', 'core', 'vite.config.ts'];

/** Builds dist/renderer when it is missing or stale; returns its directory. */
export async function ensureRendererBuilt(): Promise<string> {
  await acquireBuildLock();
  try {
    const built = await modifiedAt(join(RENDERER_DIST, 'index.html'));
    const sources = await newestModification(RENDERER_SOURCES.map((path) => join(REPO_ROOT, path)));
    if (built === null || built < sources) {
      await build({
        configFile: join(REPO_ROOT, 'vite.config.ts'),
        root: join(REPO_ROOT, 'renderer'),
        logLevel: 'warn',
      });
    }
  } finally {
    await rm(BUILD_LOCK, { recursive: true, force: true });
  }
  return RENDERER_DIST;
}

export interface TestServer extends RunningServer {
  readonly workspace: Workspace;
  /** Stops the server, then closes the workspace if this helper opened it. */
  stop(): Promise<void>;
}

/** Starts the browser-mode server on a free port over a workspace (a path, or an open one). */
export async function startTestServer(
  workspace: string | Workspace = ':memory:',
): Promise<TestServer> {
  const staticDir = await ensureRendererBuilt();
  const opened = typeof workspace === 'string' ? await openWorkspace(workspace) : workspace;
  const server = await startServer({ workspace: opened, port: 0, staticDir });
  return {
    ...server,
    workspace: opened,
    async stop() {
      await server.close();
      if (typeof workspace === 'string') opened.close();
    },
  };
}

/** Launches Debian's Chromium headless; fails with the install command when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\``);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Writes a full-page PNG of `page` to test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

let clientBundle: Promise<string> | undefined;

/**
 * Loads renderer/src/api/client.ts, bundled as it is for the app, into the page
 * as `globalThis.HealthscoreClient`, so a test can call the real client even
 * before any view uses it.
 */
export async function loadClient(page: Page): Promise<void> {
  clientBundle ??= bundleClient();
  await page.evaluate(await clientBundle);
}

async function bundleClient(): Promise<string> {
  const output = (await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(REPO_ROOT, 'renderer', 'src', 'api', 'client.ts'),
        formats: ['iife'],
        name: 'HealthscoreClient',
      },
    },
  })) as Rolldown.RolldownOutput[];
  const code = output[0]?.output[0]?.code;
  if (code === undefined) throw new Error('Bundling the API client produced no code');
  return `globalThis.HealthscoreClient = (() => {\n${code}\nreturn HealthscoreClient;\n})();`;
}

async function acquireBuildLock(): Promise<void> {
  await mkdir(dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const lockedAt = await modifiedAt(BUILD_LOCK);
    if (lockedAt !== null && Date.now() - lockedAt > LOCK_STALE_MS) {
      await rm(BUILD_LOCK, { recursive: true, force: true });
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function modifiedAt(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info === null ? null : info.mtimeMs;
}

/** The latest modification time of any file under the given paths. */
async function newestModification(paths: readonly string[]): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) continue;
    if (info.isFile()) {
      newest = Math.max(newest, info.mtimeMs);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const time = await modifiedAt(join(entry.parentPath, entry.name));
      if (time !== null) newest = Math.max(newest, time);
    }
  }
  return newest;
}
