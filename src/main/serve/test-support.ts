// Helpers for the browser host's tests (not shipped code paths): a page's side of the socket.
import { request, type IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { CallResult } from '../../shared/contract';
import type { ServerMessage } from '../../shared/wire';
import { until } from '../testing/until';

/** A connected page's side of the socket: every message it got, and calls by id. */
export interface Client {
  ws: WebSocket;
  messages: ServerMessage[];
  /** `method` is unknown: a hostile page sends whatever JSON it likes. */
  call(method: unknown, input?: unknown): Promise<CallResult<unknown>>;
}

/** Opens the page's socket to a host on `port` with its launch token, from its own Origin. */
export async function connectClient(port: number, token: string): Promise<Client> {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  const messages: ServerMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  let nextId = 1;
  return {
    ws,
    messages,
    async call(method, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'call', id, method, input }));
      const answer = await until(() => {
        const found = messages.find((m) => m.type === 'result' && m.id === id);
        if (!found && ws.readyState !== ws.OPEN) {
          throw new Error(`the socket closed before the answer to call ${id}`);
        }
        return found;
      }, `the answer to call ${id}`);
      return (answer as ServerMessage & { type: 'result' }).result;
    },
  };
}

export const valueOf = <T>(result: CallResult<unknown>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.message}`);
  return result.value as T;
};

/** A GET to the host as a browser sends it (or as a rebinding page would, with another Host). */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** Headers to send; undefined leaves one out (a request without an Origin). */
export type RequestHeaders = Record<string, string | undefined>;

/**
 * A form's POST to the host as the page's sends it: the page's Origin, a urlencoded body with its
 * length. `parts` sends the body in pieces without a length instead (chunked), as a client that
 * does not say how much is coming.
 */
export function postForm(
  port: number,
  path: string,
  body: string,
  headers: RequestHeaders = {},
  parts?: number,
): Promise<IncomingMessage> {
  const sent: RequestHeaders = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    ...(parts ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
    ...headers,
  };
  const defined = Object.entries(sent).filter((e): e is [string, string] => e[1] !== undefined);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: Object.fromEntries(defined) },
      resolve,
    );
    req.on('error', reject);
    const size = Math.ceil(body.length / (parts ?? 1));
    for (let at = 0; at < body.length; at += size) req.write(body.slice(at, at + size));
    req.end();
  });
}

/** The whole body of a response. */
export async function bodyOf(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
