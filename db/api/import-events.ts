/**
 * The hook by which caches of a workspace's data learn that the data changed. An
 * import replaces every contract table at once, so anything computed from them
 * (snapshot histories, matrices, summaries) is stale the moment it commits.
 * Listeners are kept per workspace, so a cache need not know which dispatcher or
 * transport ran the import.
 */
import { log } from '../log.ts';
import type { Workspace } from '../workspace.ts';

type DataChangedListener = (workspace: Workspace) => void;

const listeners = new WeakMap<Workspace, Set<DataChangedListener>>();

/**
 * Calls `listener` after each operation that replaced the workspace's data (today:
 * a successful import). Registering the same function twice calls it once.
 * Returns a function that removes it.
 */
export function onDataChanged(workspace: Workspace, listener: DataChangedListener): () => void {
  let registered = listeners.get(workspace);
  if (registered === undefined) {
    registered = new Set();
    listeners.set(workspace, registered);
  }
  registered.add(listener);
  return () => registered.delete(listener);
}

/**
 * Tells every listener of the workspace that its data changed. A listener that
 * throws is logged and does not keep the others from running: the data has
 * changed whatever one cache makes of it.
 */
export function notifyDataChanged(workspace: Workspace): void {
  for (const listener of listeners.get(workspace) ?? []) {
    try {
      listener(workspace);
    } catch (error) {
      log.error(`A data-changed listener failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
}
