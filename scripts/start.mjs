#!/usr/bin/env node
/**
 * `npm start`: the workbench on the sample workspace, in seconds.
 *
 * 1. Builds the sample workspace (.workbench/sample.duckdb) from sample-data/default/
 *    when it is missing or older than the data.
 * 2. Builds the renderer bundle when it is missing or older than its sources.
 * 3. Opens the desktop app when Electron's binary is there (downloading it once if
 *    it is not, and building the Electron bundles when stale); otherwise, or with
 *    --browser, serves the same workbench to the browser and prints its address.
 *
 * Options: --browser (skip Electron), --retry-electron (try the download again even
 * if it failed lately), --no-open (do not open a browser tab).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const electronPackage = join(root, 'node_modules', 'electron');
const downloadFailedMarker = join(root, '.workbench', 'electron-download-failed');

const DOWNLOAD_TIMEOUT_MS = 180_000;
/** A failed download is not tried again on every start: at most once a day. */
const DOWNLOAD_RETRY_MS = 24 * 60 * 60 * 1000;
/** An Electron that exits this soon with an error did not start; the browser takes over. */
const EARLY_EXIT_MS = 15_000;

const flags = new Set(process.argv.slice(2));

function say(message) {
  console.error(`▸ ${message}`);
}

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** The latest modification time of any file under the paths (0 when none exists). */
function newestModification(paths) {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const info = statSync(path);
    if (info.isFile()) {
      newest = Math.max(newest, info.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/** Whether any output is missing or older than the newest source. */
function isStale(outputs, sources) {
  const newestSource = newestModification(sources.map((path) => join(root, path)));
  return outputs.some((output) => {
    const path = join(root, output);
    return !existsSync(path) || statSync(path).mtimeMs < newestSource;
  });
}

function run(what, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${what} failed`);
}

function sampleWorkspace() {
  const result = spawnSync(process.execPath, [tsx, join(root, 'scripts', 'sample-workspace.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) fail('the sample workspace could not be built');
  return result.stdout.trim();
}

function buildRenderer() {
  const sources = ['renderer', 'core', 'vite.config.ts', 'package.json'];
  if (!isStale(['dist/renderer/index.html'], sources)) return;
  say('Building the workbench (renderer bundle)…');
  run('Building the renderer', [vite, 'build', '--logLevel', 'warn']);
}

function buildElectron() {
  const sources = ['electron', 'core', 'db', 'vite.electron.config.ts', 'package.json'];
  if (!isStale(['dist/electron/main.js', 'dist/electron/preload.cjs'], sources)) return;
  say('Building the desktop app (Electron bundles)…');
  run('Building the Electron bundles', [
    vite,
    'build',
    '--config',
    'vite.electron.config.ts',
    '--logLevel',
    'warn',
  ]);
}

/** Electron's executable as its package records it, or null when it was never downloaded. */
function electronBinary() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function downloadFailedLately() {
  if (flags.has('--retry-electron') || !existsSync(downloadFailedMarker)) return false;
  return Date.now() - statSync(downloadFailedMarker).mtimeMs < DOWNLOAD_RETRY_MS;
}

/** Runs Electron's own installer once, with a time limit; the binary's path, or null. */
function downloadElectron() {
  if (!existsSync(join(electronPackage, 'install.js')) || downloadFailedLately()) return null;
  say("Downloading Electron's binary (once)…");
  const result = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    cwd: electronPackage,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  const binary = result.status === 0 ? electronBinary() : null;
  if (binary === null) {
    mkdirSync(dirname(downloadFailedMarker), { recursive: true });
    writeFileSync(downloadFailedMarker, `${new Date().toISOString()}\n`);
  }
  return binary;
}

/** Why the desktop app cannot open here, or null when it can, with the binary to run. */
function desktopUnavailable() {
  if (flags.has('--browser')) return { reason: 'You asked for the browser mode' };
  if (!existsSync(electronPackage)) return { reason: 'Electron is not installed here' };
  const binary = electronBinary() ?? downloadElectron();
  if (binary === null) return { reason: "Electron's binary could not be downloaded here" };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'There is no display here to open a window on' };
  }
  return { binary };
}

function openDesktop(binary, workspace) {
  buildElectron();
  say('Opening the desktop app…');
  const started = Date.now();
  const child = spawn(binary, [root, '--workspace', workspace, '--sample'], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => {
    if (code !== 0 && Date.now() - started < EARLY_EXIT_MS) {
      serveInBrowser(`The desktop app could not start (Electron exited with ${code})`);
      return;
    }
    process.exit(code ?? 0);
  });
}

function openInBrowser(url) {
  if (flags.has('--no-open') || process.env.CI) return;
  const linuxDisplay = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : linuxDisplay
          ? ['xdg-open', [url]]
          : null;
  if (opener === null) return;
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/** Runs `healthscore serve` on the sample workspace and says where, and why not the desktop. */
function serveInBrowser(reason) {
  const child = spawn(process.execPath, [tsx, join(root, 'cli', 'main.ts'), 'serve'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announced = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(text)?.[0];
    if (url === undefined || announced) {
      process.stdout.write(text);
      return;
    }
    announced = true;
    console.log(`\n${reason}; the same workbench runs in your browser at ${url}`);
    console.log('Press Ctrl+C to stop it.\n');
    openInBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const workspace = sampleWorkspace();
buildRenderer();
const desktop = desktopUnavailable();
if (desktop.binary) openDesktop(desktop.binary, workspace);
else serveInBrowser(desktop.reason);
