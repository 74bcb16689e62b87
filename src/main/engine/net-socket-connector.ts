import { Socket } from 'node:net';
import type { CompletionHandler, Connector } from './attempt';

/** The portable connector: one net.Socket per try. Slower, but uses only public API. */
export function createNetSocketConnector(onComplete: CompletionHandler): Connector {
  return {
    kind: 'net-socket',
    start(attempt) {
      const socket = new Socket();
      attempt.handle = socket;
      socket.once('connect', () => {
        if (attempt.handle === socket) onComplete(attempt, 0);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        if (attempt.handle === socket)
          onComplete(attempt, typeof err.errno === 'number' ? err.errno : -1);
      });
      socket.connect({ host: attempt.address, port: attempt.port, family: attempt.family });
      return 0;
    },
    finish(attempt, status) {
      const socket = attempt.handle as Socket | null;
      attempt.handle = null;
      if (socket === null) return;
      if (status === 0) socket.resetAndDestroy();
      else socket.destroy();
    },
    abandon(attempt) {
      const socket = attempt.handle as Socket | null;
      attempt.handle = null;
      // Keep a late 'error' from becoming an unhandled one.
      socket?.on('error', () => undefined);
      socket?.destroy();
    },
  };
}
