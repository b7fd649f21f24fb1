/**
 * The whole score history's raw material: the signal matrix at every snapshot
 * date. Building it is the slowest read the workbench makes, and the renderer
 * asks again whenever a view opens, so each workspace keeps the last build per
 * schedule until its dataset changes.
 */
import type { SnapshotEvery, SnapshotHistory } from '../../core/api.ts';
import { buildSignalMatrix } from '../signals.ts';
import { snapshotSchedule } from '../snapshots.ts';
import { toText, type Workspace } from '../workspace.ts';

// Every import rewrites dataset_tables, so its rows name the dataset a build came from.
const DATASET_FINGERPRINT_SQL = `
SELECT coalesce(
  string_agg(table_name || '|' || source_file || '|' || CAST(row_count AS VARCHAR), ';'
    ORDER BY table_name),
  '')
FROM dataset_tables`;

interface CachedHistory {
  readonly fingerprint: string;
  readonly history: Promise<SnapshotHistory>;
}

const caches = new WeakMap<Workspace, Map<SnapshotEvery, CachedHistory>>();

/**
 * The matrix at every snapshot date of the schedule (snapshotSchedule: whole
 * periods within the data), built once per workspace and schedule and built
 * again when the workspace's dataset has changed since. Callers asking at the
 * same time share one build; a failed build is not kept.
 */
export async function getSnapshots(
  workspace: Workspace,
  every: SnapshotEvery,
): Promise<SnapshotHistory> {
  const fingerprint = await datasetFingerprint(workspace);
  let cache = caches.get(workspace);
  if (cache === undefined) {
    cache = new Map();
    caches.set(workspace, cache);
  }

  const cached = cache.get(every);
  if (cached !== undefined && cached.fingerprint === fingerprint) return cached.history;

  const history = buildHistory(workspace, every);
  const entry = { fingerprint, history };
  cache.set(every, entry);
  history.catch(() => {
    if (cache.get(every) === entry) cache.delete(every);
  });
  return history;
}

/** Drops the cached histories of a workspace, for a writer that changes its data in place. */
export function forgetSnapshots(workspace: Workspace): void {
  caches.delete(workspace);
}

async function buildHistory(workspace: Workspace, every: SnapshotEvery): Promise<SnapshotHistory> {
  const snapshotDates = await snapshotSchedule(workspace, every);
  const matrix = await buildSignalMatrix(workspace, snapshotDates);
  return { every, snapshotDates: matrix.asOfDates, matrix };
}

async function datasetFingerprint(workspace: Workspace): Promise<string> {
  const reader = await workspace.connection.runAndReadAll(DATASET_FINGERPRINT_SQL);
  return toText(reader.getRows()[0]?.[0] ?? null) ?? '';
}
