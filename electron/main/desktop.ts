/**
 * The desktop app's main process: opens the workspace, answers the typed API
 * over IPC, and shows the window. Only the file locations differ between the
 * bundled app and tests, so they come in as options.
 */
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { pathToFileURL } from 'node:url';
import { createApiDispatcher } from '../../db/api/dispatch.ts';
import { log } from '../../db/log.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import { workspaceArgument } from './arguments.ts';
import { registerApiHandlers } from './ipc.ts';
import { createMainWindow, type WindowFiles } from './window.ts';

export interface DesktopOptions extends WindowFiles {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Desktop {
  readonly window: BrowserWindow;
  readonly workspace: Workspace;
}

// Until the embedded sample workspace exists, no argument opens an empty one.
const DEFAULT_WORKSPACE = ':memory:';

/** Starts the app; resolves once the window exists, or null when the workspace would not open. */
export async function startDesktop(options: DesktopOptions): Promise<Desktop | null> {
  app.enableSandbox();
  await app.whenReady();

  const path = workspaceArgument(options.argv, options.env) ?? DEFAULT_WORKSPACE;
  let workspace: Workspace;
  try {
    workspace = await openWorkspace(path);
  } catch (error) {
    log.error(`The workspace ${path} could not be opened: ${String(error)}`);
    dialog.showErrorBox('Health Score Workbench', `The workspace could not be opened:\n${path}`);
    app.exit(1);
    return null;
  }

  // `npm start` marks the bundled sample so the header can say so.
  const sample = options.argv.includes('--sample');
  const dispatch = createApiDispatcher(
    sample ? { workspace, label: 'Sample workspace', isSample: true } : { workspace },
  );
  const pageUrl = pathToFileURL(options.indexHtml).href;
  const unregister = registerApiHandlers(ipcMain, dispatch, pageUrl);
  const window = createMainWindow(options);

  app.on('window-all-closed', () => app.quit());
  app.once('will-quit', () => {
    unregister();
    workspace.close();
  });
  log.info(`Desktop app opened ${path}`);
  return { window, workspace };
}
