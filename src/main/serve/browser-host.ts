import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PortholeErrorData } from '../../shared/errors';
import type { ClientMessage, ServerMessage } from '../../shared/wire';
import type { Dispatch } from '../rpc/dispatcher';
import type { EventHub } from '../rpc/event-hub';
import { DOWNLOAD_PATH, type DownloadDesk } from './download-desk';
import { createDownloadRoute } from './download-route';
import { newLaunchToken, tokenMatches } from './launch-token';
import { createStaticHandler } from './static-files';

export interface BrowserHostOptions {
  rendererDir: string;
  dispatch: Dispatch;
  events: EventHub;
  /** 0 picks a free port. */
  port?: number;
  /** Exports waiting to be downloaded (the same desk given to openPorthole as its exportTarget). */
  downloads?: DownloadDesk;
}

export interface BrowserHost {
  /** Open this in a browser; the token rides in the fragment, which is never sent over HTTP. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The renderer served to a plain browser on loopback only. A random per-launch token guards the
 * WebSocket and the downloads, and their Origin and Host must be this host (DNS-rebinding and
 * cross-site defence).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = newLaunchToken();
  const serveStatic = createStaticHandler(options.rendererDir);
  options.downloads?.attach();
  // The port is known once listening; each request reads it then.
  const ownOrigin = (origin: string) => originIsOurs(origin, port);
  const serveDownload =
    options.downloads && createDownloadRoute(options.downloads, token, ownOrigin);
  const server = createServer((req, res) => {
    if (!hostIsLoopback(req, port)) {
      res.writeHead(421).end();
      return;
    }
    const path = requestPath(req);
    if (serveDownload && path?.startsWith(DOWNLOAD_PATH)) {
      serveDownload(req, res, path);
      return;
    }
    serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  let port = 0;

  server.on('upgrade', (req, socket, head) => {
    // A client that resets mid-handshake must not take the host down.
    socket.on('error', () => socket.destroy());
    // The one socket the renderer opens; any other path is not ours to upgrade.
    if (requestPath(req) !== RPC_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (
      !hostIsLoopback(req, port) ||
      !originIsOurs(req.headers.origin, port) ||
      !tokenMatches(req, token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serveConnection(ws: WebSocket, { dispatch, events }: BrowserHostOptions): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = events.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  // Oversized or malformed frames: drop that client, keep serving the others.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data) => {
    let message: ClientMessage;
    try {
      message = JSON.parse(String(data)) as ClientMessage;
    } catch {
      ws.close(1003, 'not JSON');
      return;
    }
    if (message?.type !== 'call' || typeof message.id !== 'number') {
      ws.close(1003, 'not a call');
      return;
    }
    const { id } = message;
    // The dispatcher resolves with an error result for every failure; should anything still
    // reject (or a result fail to serialise), the caller gets an internal error, and the process,
    // with the scans it runs, carries on: an unhandled rejection would end it.
    dispatch(message.method, message.input)
      .then((result) => send({ type: 'result', id, result }))
      .catch((error: unknown) => {
        try {
          send({ type: 'result', id, result: { ok: false, error: internalError(error) } });
        } catch {
          ws.terminate();
        }
      });
  });
}

const internalError = (error: unknown): PortholeErrorData => ({
  kind: 'internal',
  message: `the call could not be answered: ${error instanceof Error ? error.message : 'unexpected error'}`,
});

/** The WebSocket's path, the one the renderer's transport opens. */
const RPC_PATH = '/rpc';

/** The path of a request, read literally: `//x/rpc` is a path here, not a host. */
function requestPath(req: IncomingMessage): string | null {
  try {
    return new URL(`http://localhost${req.url ?? '/'}`).pathname;
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

function hostIsLoopback(req: IncomingMessage, port: number): boolean {
  return LOOPBACK_HOSTS.some((host) => req.headers.host === `${host}:${port}`);
}

/** A page this host served: the WebSocket's handshake and a download's form must come from one. */
function originIsOurs(origin: string | undefined, port: number): boolean {
  return LOOPBACK_HOSTS.some((host) => origin === `http://${host}:${port}`);
}
