/**
 * What the handlers work on: the open workspace and how to name it to the
 * renderer. The opener (the command line, the server, Electron's main process)
 * owns the workspace and closes it; the handlers only read and write through it.
 */
import type { Workspace } from '../workspace.ts';

export interface ApiContext {
  readonly workspace: Workspace;
  /** The name shown to the user; by default the workspace's file name. */
  readonly label?: string;
  /** Whether the workspace is the embedded sample built from sample-data/. */
  readonly isSample?: boolean;
}

const IN_MEMORY_LABEL = 'in-memory workspace';

/** The last segment of a path, whether it uses `/` or `\` as separator; never the folders. */
export function fileName(path: string): string {
  const segments = path.split(/[\\/]/);
  return segments[segments.length - 1] ?? path;
}

/** The label of a workspace: the context's label, else the file name of its path. */
export function workspaceLabel(context: ApiContext): string {
  if (context.label !== undefined) return context.label;
  if (context.workspace.path === ':memory:') return IN_MEMORY_LABEL;
  return fileName(context.workspace.path);
}
