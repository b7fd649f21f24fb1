import { BrowserWindow } from 'electron';
import { log } from '../../db/log.ts';

export interface WindowFiles {
  /** The bundled preload script (CommonJS, as sandboxed preloads require). */
  readonly preload: string;
  /** The built renderer's index.html. */
  readonly indexHtml: string;
}

/**
 * Opens the workbench window: an isolated, sandboxed renderer without Node,
 * which may neither navigate away from our page nor open other windows.
 */
export function createMainWindow(files: WindowFiles): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Health Score Workbench',
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });

  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.loadFile(files.indexHtml).catch((error: unknown) => {
    log.error(`The window could not load ${files.indexHtml}: ${String(error)}`);
  });
  return window;
}
