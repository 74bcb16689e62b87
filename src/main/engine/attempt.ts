import type { Family } from '../../shared/targets';

/** One connect attempt for one probe; a retried probe reuses its Attempt with a fresh handle. */
export class Attempt {
  /** Tries after no response so far. */
  tries = 0;
  /** Tries refused by local resource limits (EMFILE, ENOBUFS, …) so far. */
  localTries = 0;
  /** performance.now() when the connect started. */
  startedAt = 0;
  /** True once this try has an outcome (or was abandoned); late callbacks are ignored. */
  settled = false;
  /** Counts launches, so a stale entry of an earlier try in the timeout queue is recognised. */
  launch = 0;
  /** The connector's socket handle for the current try. */
  handle: unknown = null;

  constructor(
    readonly index: number,
    readonly address: string,
    readonly family: Family,
    readonly port: number,
  ) {}
}

/** Opens and closes sockets for the probe loop; one implementation per socket API. */
export interface Connector {
  readonly kind: ConnectorKind;
  /** Starts a connect; returns 0, or a negative errno when it failed before leaving the process. */
  start(attempt: Attempt): number;
  /** Releases the socket of a try that completed: an open connection is closed with a reset. */
  finish(attempt: Attempt, status: number): void;
  /** Drops a try still in flight (timeout, cancel); its callback will not be delivered. */
  abandon(attempt: Attempt): void;
}

export type ConnectorKind = 'tcp-wrap' | 'net-socket';

/** Called by a connector when a try completes: status 0 (connected) or a negative errno. */
export type CompletionHandler = (attempt: Attempt, status: number) => void;
