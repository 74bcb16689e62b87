import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult, EventName, MethodName, PortholeBridge } from '../shared/contract';
import { IPC_CHANNELS } from '../shared/ipc-channels';

// The only thing the page gets: two functions, no ipcRenderer, no Node.
const bridge = {
  call: (method: MethodName, input: unknown): Promise<CallResult<unknown>> =>
    ipcRenderer.invoke(IPC_CHANNELS.call, method, input),
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const forward = (_e: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
    };
  },
} satisfies PortholeBridge;

contextBridge.exposeInMainWorld('porthole', bridge);
