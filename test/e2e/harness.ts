/**
 * Helpers for browser end-to-end tests: the built renderer, a browser-mode
 * server on a free port, Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a whole session of them over a fresh workspace, the
 * real API client loaded into a page, and screenshots in test-artifacts/.
 *
 * The renderer is built here when dist/renderer is missing or older than its
 * sources (renderer/, core/, vite.config.ts), so `npm test` works without a
 * prior `npm run build`; the sample workspace is imported once into
 * dist/e2e-sample/ and copied for each session. Lock directories keep parallel
 * test files from building either at the same time.
 *
 * Screenshots always go to test-artifacts/ (ignored by git). The ones in
 * docs/screenshots/ are replaced only when asked for, with
 * `UPDATE_SCREENSHOTS=1 npm test`, so that a plain test run leaves the work
 * tree clean.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { SAMPLE_LABEL, ensureSampleWorkspace } from '../../cli/sample-workspace.ts';
import { startServer, type RunningServer } from '../../cli/server.ts';
import { settleImports } from '../../db/api/import-jobs.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIST = join(REPO_ROOT, 'dist', 'renderer');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-artifacts');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DOCS_SCREENSHOTS_DIR = join(REPO_ROOT, 'docs', 'screenshots');
/**
 * Options for expect.poll on a page: its default second is too short for a view
 * that rescores or re-reads a file on a busy machine.
 */
export const EVENTUALLY = { timeout: 15_000 } as const;

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
const SAMPLE_CACHE = join(REPO_ROOT, 'dist', 'e2e-sample', 'sample.duckdb');
const SAMPLE_LOCK = join(REPO_ROOT, 'dist', '.e2e-sample.lock');
const LOCK_STALE_MS = 180_000;
const RENDERER_SOURCES = ['renderer', 'core', 'vite.config.ts'];
/** What the sample workspace is made with besides its dataset: the import, the schema, the contract. */
const SAMPLE_SOURCES = ['db', 'core', 'cli/sample-workspace.ts'];

/** Builds dist/renderer when it is missing or stale; returns its directory. */
export async function ensureRendererBuilt(): Promise<string> {
  await acquireLock(BUILD_LOCK);
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

/**
 * Copies a screenshot from test-artifacts/ to docs/screenshots/<name>.png, but
 * only when UPDATE_SCREENSHOTS=1: the docs' pictures change when someone means
 * to update them, never as a side effect of `npm test`. Returns whether it copied.
 */
export async function publishScreenshot(path: string, name: string): Promise<boolean> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return false;
  await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
  await copyFile(path, join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
  return true;
}

export interface SessionOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly acceptDownloads?: boolean;
  /** Names the session's temporary folder, healthscore-<prefix>-XXXXXX. */
  readonly prefix?: string;
  /**
   * The workspace to serve, opened by the caller; the session closes it. By
   * default a fresh copy of the sample workspace, served under its label.
   */
  readonly workspace?: (folder: string) => Promise<Workspace>;
  /** Runs on the open workspace before the page first loads (saving versions, say). */
  readonly prepare?: (workspace: Workspace) => Promise<void>;
}

export interface SampleSession {
  /** A temporary folder of the session's own, removed by close(). */
  readonly folder: string;
  readonly workspace: Workspace;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Opened at the server's URL. */
  readonly page: Page;
  /** Page errors, console errors and HTTP errors of the page, the browser's favicon request aside. */
  readonly problems: string[];
  /** Closes the browser and the server, then the workspace, and removes the folder. */
  close(): Promise<void>;
}

/**
 * Opens a workspace (a copy of the sample unless told otherwise), serves it in
 * the browser mode, and opens a page of Chromium on it that reports its
 * problems. Whatever was started is stopped again if a step fails.
 */
export async function openSampleSession(options: SessionOptions = {}): Promise<SampleSession> {
  const folder = await mkdtemp(join(tmpdir(), `healthscore-${options.prefix ?? 'e2e'}-`));
  const problems: string[] = [];
  let workspace: Workspace | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    if (workspace !== undefined) {
      await settleImports(workspace);
      workspace.close();
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const isSample = options.workspace === undefined;
    const [staticDir, opened] = await Promise.all([
      ensureRendererBuilt(),
      isSample ? openSampleCopy(folder) : options.workspace!(folder),
    ]);
    workspace = opened;
    await options.prepare?.(workspace);
    server = await startServer({
      workspace,
      port: 0,
      staticDir,
      ...(isSample ? { label: SAMPLE_LABEL, isSample: true } : {}),
    });
    browser = await launchChromium();
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1440, height: 900 },
      acceptDownloads: options.acceptDownloads ?? false,
    });
    watchProblems(page, problems);
    await page.goto(server.url);
    return { folder, workspace, server, browser, page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The page has no favicon: the browser's own request for one is no fault of the app. */
function isFavicon(url: string): boolean {
  return URL.canParse(url) && new URL(url).pathname === '/favicon.ico';
}

function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isFavicon(message.location().url)) {
      problems.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isFavicon(response.url())) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
}

/**
 * The sample workspace, imported once into dist/e2e-sample/ (again whenever
 * its dataset or the code that imports it changes) and copied into `folder`,
 * so that a test may write to its copy and no test file waits for an import
 * of its own.
 */
async function openSampleCopy(folder: string): Promise<Workspace> {
  const copy = join(folder, 'sample.duckdb');
  await acquireLock(SAMPLE_LOCK);
  try {
    const built = await modifiedAt(SAMPLE_CACHE);
    const code = await newestModification(SAMPLE_SOURCES.map((path) => join(REPO_ROOT, path)));
    await ensureSampleWorkspace({
      workspacePath: SAMPLE_CACHE,
      force: built !== null && built < code,
    });
    await copyFile(SAMPLE_CACHE, copy);
  } finally {
    await rm(SAMPLE_LOCK, { recursive: true, force: true });
  }
  return openWorkspace(copy);
}

/**
 * Scrolls the AG Grid inside `grid` (a selector) to `top` pixels and waits
 * until the grid has followed; see settleGridScroll.
 */
export async function scrollGridTo(page: Page, grid: string, top: number): Promise<void> {
  await page.$eval(`${grid} .ag-grid-viewport`, (element, to) => (element.scrollTop = to), top);
  await settleGridScroll(page, grid);
}

/**
 * Waits until the AG Grid inside `grid` has handled its scrolling: three frames
 * on, with its own vertical scrollbar where its viewport is. The grid moves that
 * scrollbar a frame after the viewport scrolled and follows the scrollbar's
 * scroll event in turn; read back before then, under load more than 150 ms
 * later, the scrollbar's stale place is written over a scroll just made.
 */
export async function settleGridScroll(page: Page, grid: string): Promise<void> {
  await page.$eval(grid, async (element) => {
    const viewport = element.querySelector('.ag-grid-viewport');
    const scrollbar = element.querySelector('.ag-body-vertical-scroll-viewport');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let frames = 0; frames < 3; frames += 1) await frame();
    while (viewport !== null && scrollbar !== null && scrollbar.scrollTop !== viewport.scrollTop) {
      await frame();
    }
  });
}

/**
 * Waits until the AG Grid inside `grid` has drawn, score pill and all, every
 * row its viewport shows (it draws only those, a few frames after a scroll),
 * `shown` being the number of rows the grid displays. Fails naming the rows
 * still missing.
 */
export async function waitForVisibleRows(page: Page, grid: string, shown: number): Promise<void> {
  /** Whether every row in view is drawn, or with `explain`, which are not (empty once all are). */
  const drawnInView = ([selector, count, explain]: readonly [string, number, boolean]) => {
    const answer = (missing: string) => (explain ? missing : missing === '');
    const viewport = document.querySelector<HTMLElement>(`${selector} .ag-grid-viewport`);
    if (viewport === null) return answer('no grid');
    // Rows on their way out stay in the page a while, hidden: only shown ones count.
    const drawn = new Set<number>();
    let height = 0;
    for (const pill of document.querySelectorAll(
      `${selector} .ag-row[row-index] [col-id=score] [data-rag]`,
    )) {
      const row = pill.closest<HTMLElement>('.ag-row');
      if (row === null || row.offsetHeight === 0) continue;
      drawn.add(Number(row.getAttribute('row-index')));
      height = Math.max(height, row.offsetHeight);
    }
    if (count === 0) return answer('');
    if (height === 0) return answer('no row drawn');
    // Rows stand one height apart from the top; the header inside only makes `last` generous.
    const first = Math.floor(viewport.scrollTop / height);
    const last = Math.min(
      count - 1,
      Math.floor((viewport.scrollTop + viewport.clientHeight) / height),
    );
    const missing: number[] = [];
    for (let index = first; index <= last; index += 1) if (!drawn.has(index)) missing.push(index);
    return answer(
      missing.length === 0
        ? ''
        : `rows ${missing.join(', ')} of ${first}-${last} (scrolled to ${viewport.scrollTop}px)`,
    );
  };
  try {
    await page.waitForFunction(drawnInView, [grid, shown, false] as const, { timeout: 15_000 });
  } catch (error) {
    const detail = await page
      .evaluate(drawnInView, [grid, shown, true] as const)
      .catch(() => 'the page is gone');
    throw new Error(`The grid has not drawn ${detail}`, { cause: error });
  }
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

/** Waits until this process holds the lock directory `lock`; one left behind by a crash expires. */
async function acquireLock(lock: string): Promise<void> {
  await mkdir(dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const lockedAt = await modifiedAt(lock);
    if (lockedAt !== null && Date.now() - lockedAt > LOCK_STALE_MS) {
      await rm(lock, { recursive: true, force: true });
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
