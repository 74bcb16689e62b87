import { Attempt, type Connector, type ConnectorKind } from './attempt';
import { pickConnector } from './connector';
import { NO_RESPONSE, isLocalFailure } from './errno';
import type { ProbeLocator } from './probe-layout';
import { RateLimiter } from './rate-limiter';
import type { WorkSource } from './work-source';

/** Receives each probe's final status: 0, NO_RESPONSE or a negative errno; rtt -1 = no answer. */
export type ProbeSink = (index: number, status: number, rttUs: number) => void;

export interface ProbeLoopOptions {
  readonly window: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly rate: number | null;
  readonly connector?: ConnectorKind;
  /** First back-off after a local resource failure; doubles per try (tests shorten it). */
  readonly backoffBaseMs?: number;
  /** Local failures of one probe before it is recorded as `error`. */
  readonly maxLocalTries?: number;
  /** For tests: a connector built around the loop's completion handler. */
  readonly makeConnector?: (onComplete: (a: Attempt, status: number) => void) => Connector;
}

const MAX_BACKOFF_MS = 1000;

/**
 * One thread's scanner: keeps up to `window` connects in flight, times them out in FIFO order (one
 * timer for all, since every try has the same timeout), retries silent ports, backs off and narrows
 * the window when the kernel refuses for lack of resources, and paces probes under a rate limit.
 */
export class ProbeLoop {
  private readonly connector: Connector;
  private readonly limiter: RateLimiter | null;
  private readonly backoffBaseMs: number;
  private readonly maxLocalTries: number;
  private readonly maxWindow: number;
  private window: number;
  private inflight = 0;
  /** Tries in start order; settled ones are skipped when they reach the head. */
  private fifo: Attempt[] = [];
  private fifoLaunch: number[] = [];
  private head = 0;
  private readonly retryQueue: Attempt[] = [];
  private sourceDone = false;
  private backoffUntil = 0;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private pausedFlag = false;
  private stopped = false;
  private finished = false;

  constructor(
    private readonly source: WorkSource,
    private readonly locator: ProbeLocator,
    private readonly sink: ProbeSink,
    private readonly onDone: () => void,
    private readonly options: ProbeLoopOptions,
  ) {
    const onComplete = (a: Attempt, status: number): void => this.complete(a, status);
    this.connector =
      options.makeConnector?.(onComplete) ?? pickConnector(onComplete, options.connector);
    this.limiter = options.rate === null ? null : new RateLimiter(options.rate);
    this.backoffBaseMs = options.backoffBaseMs ?? 10;
    this.maxLocalTries = options.maxLocalTries ?? 10;
    this.maxWindow = Math.max(1, options.window);
    this.window = this.maxWindow;
  }

  get connectorKind(): ConnectorKind {
    return this.connector.kind;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  start(): void {
    this.pump();
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.pump();
  }

  /** Cancels: drops everything in flight without reporting it, and ends. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (let i = this.head; i < this.fifo.length; i += 1) {
      const a = this.fifo[i];
      if (a !== undefined && this.isLive(i)) {
        a.settled = true;
        this.connector.abandon(a);
      }
    }
    this.fifo = [];
    this.fifoLaunch = [];
    this.head = 0;
    this.inflight = 0;
    this.clearTimers();
    this.finish();
  }

  private pump(): void {
    while (!this.pausedFlag && !this.stopped && this.inflight < this.window) {
      if (this.backoffUntil > 0) {
        const wait = this.backoffUntil - performance.now();
        if (wait > 0) return this.wakeIn(wait);
        this.backoffUntil = 0;
      }
      const attempt = this.retryQueue.shift() ?? this.nextAttempt();
      if (attempt === null) break;
      // Work first, then a token: a loop with nothing left must end now, not after the next token
      // (at T0 that is five minutes away).
      if (this.limiter !== null && !this.limiter.take()) {
        this.retryQueue.unshift(attempt);
        return this.wakeIn(this.limiter.waitMs());
      }
      this.launch(attempt);
    }
    this.checkDone();
  }

  private nextAttempt(): Attempt | null {
    if (this.sourceDone) return null;
    const index = this.source.next();
    if (index < 0) {
      this.sourceDone = true;
      return null;
    }
    const host = this.locator.host(this.locator.hostIndexOf(index));
    return new Attempt(index, host.address, host.family, this.locator.portOf(index));
  }

  private launch(a: Attempt): void {
    a.settled = false;
    a.launch += 1;
    a.startedAt = performance.now();
    const rc = this.connector.start(a);
    if (rc !== 0) {
      a.settled = true;
      if (isLocalFailure(rc)) this.localFailure(a, rc);
      else this.sink(a.index, rc, -1);
      return;
    }
    this.inflight += 1;
    this.fifo.push(a);
    this.fifoLaunch.push(a.launch);
    if (this.timeoutTimer === null) this.armTimeout();
  }

  private complete(a: Attempt, status: number): void {
    if (a.settled || this.stopped) return;
    a.settled = true;
    this.inflight -= 1;
    const rttUs = Math.round((performance.now() - a.startedAt) * 1000);
    this.connector.finish(a, status);
    if (isLocalFailure(status)) {
      this.localFailure(a, status);
    } else {
      this.sink(a.index, status, rttUs);
      if (this.window < this.maxWindow) this.window += 1;
    }
    this.dropSettledHead();
    this.pump();
  }

  /** The kernel refused for lack of resources: narrow the window, wait, and try this probe again. */
  private localFailure(a: Attempt, status: number): void {
    a.localTries += 1;
    if (a.localTries >= this.maxLocalTries) {
      this.sink(a.index, status, -1);
      return;
    }
    this.retryQueue.unshift(a);
    this.window = Math.max(1, Math.min(this.window, this.inflight) >> 1);
    const delay = Math.min(MAX_BACKOFF_MS, this.backoffBaseMs * 2 ** (a.localTries - 1));
    this.backoffUntil = Math.max(this.backoffUntil, performance.now() + delay);
  }

  /** Whether queue entry i is a try still in flight (not settled, not an earlier launch). */
  private isLive(i: number): boolean {
    const a = this.fifo[i];
    return a !== undefined && !a.settled && a.launch === this.fifoLaunch[i];
  }

  private dropSettledHead(): void {
    while (this.head < this.fifo.length && !this.isLive(this.head)) this.head += 1;
    // Compact now and then so the array does not keep every try of a long scan.
    if (this.head > 4096 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.fifoLaunch = this.fifoLaunch.slice(this.head);
      this.head = 0;
    }
  }

  private armTimeout(): void {
    this.dropSettledHead();
    const first = this.fifo[this.head];
    if (first === undefined) return;
    const wait = first.startedAt + this.options.timeoutMs - performance.now();
    // Expire from the check phase, after this turn's poll phase: connects that completed while the
    // loop was blocked (a database commit, say) are taken first, not counted as timeouts.
    this.timeoutTimer = setTimeout(
      () => setImmediate(() => this.onTimeout()),
      Math.max(1, Math.ceil(wait)),
    );
  }

  private onTimeout(): void {
    this.timeoutTimer = null;
    if (this.stopped) return;
    const now = performance.now();
    for (;;) {
      this.dropSettledHead();
      const a = this.fifo[this.head];
      if (a === undefined || a.startedAt + this.options.timeoutMs > now) break;
      this.head += 1;
      a.settled = true;
      this.inflight -= 1;
      this.connector.abandon(a);
      if (a.tries < this.options.retries) {
        a.tries += 1;
        this.retryQueue.push(a);
      } else {
        this.sink(a.index, NO_RESPONSE, -1);
      }
    }
    this.armTimeout();
    this.pump();
  }

  private wakeIn(ms: number): void {
    if (this.wakeTimer !== null) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.pump();
    }, Math.ceil(ms));
  }

  private checkDone(): void {
    if (this.sourceDone && this.inflight === 0 && this.retryQueue.length === 0) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    this.onDone();
  }

  private clearTimers(): void {
    if (this.timeoutTimer !== null) clearTimeout(this.timeoutTimer);
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.timeoutTimer = null;
    this.wakeTimer = null;
  }
}
