/**
 * `healthscore serve`: the browser mode. Opens a workspace (the sample one by
 * default), serves the built renderer and the typed API on 127.0.0.1, and
 * prints the address; it runs until interrupted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server.ts';
import { log } from '../db/log.ts';
import { openWorkspace, type Workspace } from '../db/workspace.ts';
import { UserError } from './errors.ts';
import { SAMPLE_LABEL, ensureSampleWorkspace } from './sample-workspace.ts';

export const RENDERER_DIR = join(import.meta.dirname, '..', 'dist', 'renderer');

/** Tried first when no port is named; a busy default falls back to any free port. */
export const DEFAULT_PORT = 4780;

export interface ServeOptions {
  readonly workspace?: string;
  readonly port?: string;
  readonly staticDir?: string;
}

export interface Serving {
  readonly server: RunningServer;
  readonly workspace: Workspace;
  /** Stops the server, then closes the workspace. */
  stop(): Promise<void>;
}

/** The port of `--port`: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new UserError(`--port must be a whole number from 0 to 65535, not "${text}"`);
  }
  return port;
}

/** Opens the workspace and starts serving it; the caller decides how long it runs. */
export async function serve(options: ServeOptions): Promise<Serving> {
  const staticDir = options.staticDir ?? RENDERER_DIR;
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new UserError('The workbench is not built yet; run `npm run build` (or `npm start`)');
  }
  if (options.workspace !== undefined && !existsSync(options.workspace)) {
    throw new UserError(
      `No workspace at ${options.workspace}; create it with: healthscore import <dataset-folder> --workspace ${options.workspace}`,
    );
  }

  const isSample = options.workspace === undefined;
  const path = options.workspace ?? (await ensureSampleWorkspace()).path;
  const workspace = await openWorkspace(path).catch((error: unknown) => {
    throw new UserError(`The workspace ${path} could not be opened: ${(error as Error).message}`, [
      'Is another workbench already using it? Close that one first.',
    ]);
  });

  try {
    const server = await listen(workspace, staticDir, options.port, isSample);
    return {
      server,
      workspace,
      async stop() {
        await server.close();
        workspace.close();
      },
    };
  } catch (error) {
    workspace.close();
    throw error;
  }
}

async function listen(
  workspace: Workspace,
  staticDir: string,
  portOption: string | undefined,
  isSample: boolean,
): Promise<RunningServer> {
  const labelled = isSample ? { label: SAMPLE_LABEL, isSample: true } : {};
  const start = (port: number) => startServer({ workspace, port, staticDir, ...labelled });
  if (portOption !== undefined) {
    const port = parsePort(portOption);
    return start(port).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new UserError(`Port ${port} is in use; choose another with --port, or 0 for any`);
    });
  }
  try {
    return await start(DEFAULT_PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.info(`port ${DEFAULT_PORT} is busy; serving on a free port instead`);
    return start(0);
  }
}
