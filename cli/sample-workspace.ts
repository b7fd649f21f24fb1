/**
 * The embedded sample workspace: sample-data/default/ imported into
 * .workbench/sample.duckdb, so that `npm start` and `healthscore serve` show
 * scored accounts without the user importing anything first. It is rebuilt
 * whenever a file of the dataset is newer than the workspace.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importDataset } from '../db/import.ts';
import { log } from '../db/log.ts';
import { openWorkspace, type Workspace } from '../db/workspace.ts';
import { UserError } from './errors.ts';
import { formatIssue } from './inputs.ts';

const REPO_ROOT = join(import.meta.dirname, '..');

export const SAMPLE_DATA_DIR = join(REPO_ROOT, 'sample-data', 'default');
export const SAMPLE_WORKSPACE = join(REPO_ROOT, '.workbench', 'sample.duckdb');
/** What the workbench calls the sample workspace in its header. */
export const SAMPLE_LABEL = 'Sample workspace';

export interface SampleWorkspaceOptions {
  readonly dataDir?: string;
  readonly workspacePath?: string;
  /** Rebuild even when the workspace is up to date. */
  readonly force?: boolean;
}

/** The latest modification time (ms) of any file under `folder`; 0 for an empty folder. */
function newestFileTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Whether the workspace file is missing or older than some file of the dataset folder. */
export function sampleWorkspaceIsStale(dataDir: string, workspacePath: string): boolean {
  if (!existsSync(workspacePath)) return true;
  return statSync(workspacePath).mtimeMs < newestFileTime(dataDir);
}

/**
 * Makes sure the sample workspace exists and is as new as its dataset, importing
 * the dataset when it is not. The import goes to a side file that replaces the
 * workspace only once it succeeded, so a failed or interrupted build never
 * leaves a half-filled sample behind. Returns the workspace path and whether it
 * was built now.
 */
export async function ensureSampleWorkspace(
  options: SampleWorkspaceOptions = {},
): Promise<{ path: string; built: boolean }> {
  const dataDir = options.dataDir ?? SAMPLE_DATA_DIR;
  const path = options.workspacePath ?? SAMPLE_WORKSPACE;
  if (!existsSync(dataDir)) {
    throw new UserError(
      `The sample dataset is missing (${dataDir}); open your own workspace with --workspace <file>`,
    );
  }
  if (!options.force && !sampleWorkspaceIsStale(dataDir, path)) return { path, built: false };

  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  removeDatabase(building);
  const started = performance.now();
  const workspace = await openWorkspace(building);
  try {
    await importQuietly(workspace, dataDir);
    // Folds the write-ahead log into the file, so the file alone is the workspace.
    await workspace.connection.run('CHECKPOINT');
  } catch (error) {
    workspace.close();
    removeDatabase(building);
    throw error;
  }
  workspace.close();
  removeDatabase(path);
  renameSync(building, path);
  log.info(`sample workspace built at ${path} (${Math.round(performance.now() - started)} ms)`);
  return { path, built: true };
}

/**
 * Imports without progress lines: the sample is ours, so its warnings (the
 * DATASET.md beside the tables, say) are no concern of the user's.
 */
async function importQuietly(workspace: Workspace, dataDir: string): Promise<void> {
  const result = await importDataset(workspace, dataDir);
  for (const warning of result.warnings) log.debug(formatIssue(warning));
  if (!result.ok) {
    throw new UserError(
      `The sample dataset in ${dataDir} could not be imported`,
      result.errors.map(formatIssue),
    );
  }
}

function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
