import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import type { Dispatch } from '../rpc/dispatcher';
import type { EventHub } from '../rpc/event-hub';
import { rendererUrl } from './window';

/** Only our own renderer may call main; nothing else touches raw ipcMain. */
function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  const expected = new URL(rendererUrl());
  const actual = new URL(frame.url);
  return expected.protocol === 'file:'
    ? actual.protocol === 'file:' && actual.pathname === expected.pathname
    : actual.origin === expected.origin;
}

/** Binds the contract to Electron IPC; returns the function that unbinds it. */
export function setupIpc(dispatch: Dispatch, events: EventHub): () => void {
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return {
        ok: false,
        error: { kind: 'input', message: 'calls are accepted from the Porthole window only' },
      };
    }
    return dispatch(method, payload);
  });
  const unsubscribe = events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    unsubscribe();
  };
}
