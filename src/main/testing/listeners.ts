import { createServer, type Server, type Socket } from 'node:net';

/** Real TCP listeners on loopback, for tests: open ports that answer, and ports known to be closed. */
export async function listen(host = '127.0.0.1', onConnect?: (socket: Socket) => void) {
  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    if (onConnect) onConnect(socket);
    else socket.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that was free a moment ago: bound, then released, so a connect is refused. */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const listener = await listen(host);
  await listener.close();
  return listener.port;
}
