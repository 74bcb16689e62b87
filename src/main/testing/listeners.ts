import type { Socket } from 'node:net';
import { close, listen as listenServer, unusedPort } from '../engine/test-support/fixtures';

/**
 * Real TCP listeners on loopback for the CLI, session and host tests, on the engine's fixtures:
 * an open port that accepts and hangs up (or does what `onConnect` says), with a close().
 */
export async function listen(host = '127.0.0.1', onConnect?: (socket: Socket) => void) {
  const server = await listenServer(host, (socket) => {
    socket.on('error', () => {});
    if (onConnect) onConnect(socket);
    else socket.end();
  });
  return { port: server.port, close: () => close(server) };
}

/** A port that was free a moment ago, so a connect is refused. */
export const closedPort = (host = '127.0.0.1'): Promise<number> => unusedPort(host);
