import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { ScanRequestSchema, type ScanRequestInput } from '../../../shared/scan-request';
import type { PortResult } from '../../../shared/domain';
import type { ScanRun } from '../scan-run';

/** A validated request with test defaults filled in. */
export const request = (input: ScanRequestInput) => ScanRequestSchema.parse(input);

/** Listens on an ephemeral port of `host`; the server answers nothing unless told to. */
export async function listen(
  host: string,
  onConnection?: Parameters<typeof createServer>[1],
): Promise<Server & { port: number }> {
  const server = createServer(onConnection ?? ((s) => s.on('error', () => undefined)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

export const close = (server: Server): Promise<void> => new Promise((r) => server.close(() => r()));

/** A port that nothing listens on: bind, note the port, close. */
export async function unusedPort(host: string): Promise<number> {
  const s = await listen(host);
  await close(s);
  return s.port;
}

export async function collect(run: ScanRun): Promise<PortResult[]> {
  const all: PortResult[] = [];
  for await (const batch of run.batches) all.push(...batch);
  return all;
}

export const byPort = (results: readonly PortResult[]): Map<string, PortResult> =>
  new Map(results.map((r) => [`${r.host}:${r.port}`, r]));

/** Sockets in TIME_WAIT on any of these ports (a prober that closes with a reset leaves none). */
export function timeWaitOn(ports: readonly number[]): string {
  const filter = ports.map((p) => `sport = :${p} or dport = :${p}`).join(' or ');
  return execFileSync('ss', ['-Htan', 'state', 'time-wait', `( ${filter} )`], {
    encoding: 'utf8',
  }).trim();
}

/** Sockets and epoll instances this process holds: what a prober could leak. */
export const socketFds = (): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return /^socket:|eventpoll/.test(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return false; // the directory's own descriptor, closed by now
    }
  }).length;

/**
 * The count once it is back to `before` or below, or after `withinMs`: listeners in this process
 * close their side of a reset connection, and stopped probe threads their sockets, a moment later
 * (and sockets of earlier tests may still be closing: fewer than before is no leak).
 */
export async function socketFdsSettled(before: number, withinMs = 1000): Promise<number> {
  const deadline = performance.now() + withinMs;
  while (socketFds() > before && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return socketFds();
}

export interface LoopbackFixture {
  /** A listener on 127.0.0.1 and one on ::1 (open ports). */
  readonly v4: Server & { port: number };
  readonly v6: Server & { port: number };
  /** A port nothing listens on, on each (closed ports). */
  readonly v4Closed: number;
  readonly v6Closed: number;
}

/** Open and closed ports on 127.0.0.1 and ::1 for the tests of a file or a describe block. */
export function useLoopbackFixture(): LoopbackFixture {
  let fixture: LoopbackFixture | null = null;
  beforeAll(async () => {
    fixture = {
      v4: await listen('127.0.0.1'),
      v6: await listen('::1'),
      v4Closed: await unusedPort('127.0.0.1'),
      v6Closed: await unusedPort('::1'),
    };
  });
  afterAll(async () => {
    if (fixture) await Promise.all([close(fixture.v4), close(fixture.v6)]);
  });
  const get = (): LoopbackFixture => {
    if (fixture === null) throw new Error('useLoopbackFixture: no fixture outside a test');
    return fixture;
  };
  return {
    get v4() {
      return get().v4;
    },
    get v6() {
      return get().v6;
    },
    get v4Closed() {
      return get().v4Closed;
    },
    get v6Closed() {
      return get().v6Closed;
    },
  };
}
