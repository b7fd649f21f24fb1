import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES, bugResult, channelFor } from '../../core/api.ts';
import type { Dispatch } from '../../db/api/dispatch.ts';
import { log } from '../../db/log.ts';

/**
 * Answers every operation of the contract on its own channel by calling the
 * dispatcher, but only for our own page (the top frame showing `pageUrl`): a
 * frame or page that is not ours gets a refusal, never the data.
 * Returns a function that removes the handlers.
 */
export function registerApiHandlers(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  pageUrl: string,
): () => void {
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(channelFor(operation), async (event, payload: unknown) => {
      if (!isOwnPage(event, pageUrl)) {
        log.warn(
          `IPC "${operation}" refused from ${event.senderFrame?.url ?? 'a destroyed frame'}`,
        );
        return bugResult(
          `"${operation}" refused: the request does not come from the workbench page`,
        );
      }
      return dispatch(operation, payload);
    });
  }
  return () => {
    for (const operation of OPERATION_NAMES) ipcMain.removeHandler(channelFor(operation));
  };
}

/** Whether the sender is the top frame showing our page (its hash and query aside). */
function isOwnPage(event: IpcMainInvokeEvent, pageUrl: string): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    url.hash = '';
    url.search = '';
    return url.href === pageUrl;
  } catch {
    return false;
  }
}
