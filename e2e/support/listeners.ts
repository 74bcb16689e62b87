import { createServer, type Server, type Socket } from 'node:net';

export interface ListenerOptions {
  /** Sent as soon as a client connects, then the connection is closed; none: closed at once. */
  banner?: string;
  /** Sent in answer to the first data a client sends (an HTTP request), then closed. */
  reply?: string;
  /** A loopback address other than 127.0.0.1, to make a second host of one machine. */
  host?: string;
}

/**
 * TCP listeners on 127.0.0.1 that a test starts and closes. The scanner resets its probe
 * connections, so every socket's 'error' is expected and swallowed.
 */
export class Listeners {
  private readonly servers = new Set<Server>();
  private readonly sockets = new Set<Socket>();

  /** Listens on `port` (0: any free port); resolves the port, or null when it is taken. */
  async listen(options: ListenerOptions = {}, port = 0): Promise<number | null> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => this.sockets.delete(socket));
      const { banner, reply } = options;
      if (banner !== undefined) socket.end(banner);
      else if (reply !== undefined) socket.once('data', () => socket.end(reply));
      else socket.end();
    });
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ host: options.host ?? '127.0.0.1', port, exclusive: true }, () =>
        resolve(true),
      );
    });
    if (!bound) {
      server.close();
      return null;
    }
    server.on('error', () => {});
    this.servers.add(server);
    return (server.address() as { port: number }).port;
  }

  /** Listens on any free port. */
  async any(options: ListenerOptions = {}): Promise<number> {
    const port = await this.listen(options, 0);
    if (port === null) throw new Error('no free port on 127.0.0.1');
    return port;
  }

  /** Listens on the first port of `candidates` that is free; throws when none is. */
  async firstFreeOf(candidates: readonly number[], options: ListenerOptions = {}): Promise<number> {
    for (const candidate of candidates) {
      const port = await this.listen(options, candidate);
      if (port !== null) return port;
    }
    throw new Error(`none of the ports ${candidates.join(', ')} is free on 127.0.0.1`);
  }

  /** Stops the listener on `port` (of `host`): the port is closed from now on. */
  async stop(port: number, host = '127.0.0.1'): Promise<void> {
    for (const server of this.servers) {
      const address = server.address() as { port: number; address: string } | null;
      if (address?.port === port && address.address === host) {
        this.servers.delete(server);
        // Between scans no connection is wanted; a waiting one would keep close() from ending.
        for (const socket of this.sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(
      [...this.servers].map(
        (server) => new Promise<void>((resolve) => server.close(() => resolve())),
      ),
    );
    this.servers.clear();
  }
}

/**
 * Ports nothing listens on right now: each is bound once on 127.0.0.1 and released. A port taken
 * on any address fails to bind, so a free one answers a connect with a reset (closed).
 */
export async function closedPorts(
  count: number,
  candidates?: readonly number[],
): Promise<number[]> {
  const probe = new Listeners();
  const ports: number[] = [];
  for (const candidate of candidates ?? Array.from({ length: count }, () => 0)) {
    if (ports.length === count) break;
    const port = await probe.listen({}, candidate);
    if (port !== null && !ports.includes(port)) ports.push(port);
  }
  await probe.close();
  if (ports.length < count) throw new Error(`found ${ports.length} of ${count} closed ports`);
  return ports;
}
