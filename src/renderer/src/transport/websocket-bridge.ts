import type { CallResult, EventName, MethodName, PortholeBridge } from '../../../shared/contract';
import type { ClientMessage, ServerMessage } from '../../../shared/wire';

/** The browser host's transport: the same bridge the Electron preload exposes, over a WebSocket. */
export function connectWebSocketBridge(
  url: string,
  onLost: (reason: string) => void = () => {},
): PortholeBridge {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    // Never the address itself: it carries the launch token, and this message is shown on screen.
    const where = new URL(url).host;
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            `cannot reach Porthole at ${where}: porthole serve may have stopped, or this address is from an earlier launch. Start porthole serve and open the address it prints.`,
          ),
        ),
      { once: true },
    );
  });
  let wasOpen = false;
  socket.addEventListener('open', () => (wasOpen = true), { once: true });
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as ServerMessage;
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    }
  });
  const closedResult: CallResult<never> = {
    ok: false,
    error: { kind: 'internal', message: 'the connection to Porthole closed' },
  };
  let closed = false;
  socket.addEventListener('close', () => {
    // A socket that never opened is reported by the first call; one that opened and closed is lost.
    if (wasOpen) {
      onLost(
        'The connection to Porthole closed: porthole serve stopped. Start it again and open the address it prints.',
      );
    }
    closed = true;
    for (const settle of pending.values()) settle(closedResult);
    pending.clear();
  });

  return {
    async call(method: MethodName, input: unknown) {
      await opened;
      // A call after the socket closed would never be answered: answer it now.
      if (closed) return closedResult;
      const id = nextId++;
      const message: ClientMessage = { type: 'call', id, method, input };
      return new Promise<CallResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify(message));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
