/**
 * Entry point of Electron's main process, bundled to dist/electron/main.js; the
 * preload and the renderer are found beside it in dist/.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from '../../db/log.ts';
import { startDesktop } from './desktop.ts';

const here = dirname(fileURLToPath(import.meta.url));

startDesktop({
  argv: process.argv,
  env: process.env,
  preload: join(here, 'preload.cjs'),
  indexHtml: join(here, '..', 'renderer', 'index.html'),
}).catch((error: unknown) => {
  log.error(
    `The desktop app failed to start: ${error instanceof Error ? error.stack : String(error)}`,
  );
  process.exit(1);
});
