import { performance } from 'node:perf_hooks';
import type { PortResult, ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import { PendingResults } from './pending-results';
import { ResultInserter } from './result-insert';
import type { StoreContext } from './statements';

export interface WriterOptions {
  /** Most rows in one transaction (default 2,000). */
  maxRows?: number;
  /** Longest a result waits before it is committed (default 50 ms): what a crash can lose. */
  maxDelayMs?: number;
  /** A transaction that takes longer than this halves the next one (default 10 ms). */
  targetTransactionMs?: number;
  /** Called after each commit with the rows committed so far. */
  onCommit?: (committedRows: number) => void;
}

export interface WriterSummary {
  rows: number;
  transactions: number;
  /** Longest a single transaction held the event loop. */
  maxTransactionMs: number;
  /** Time spent inside transactions, all together: the writer's cost to the scan. */
  totalTransactionMs: number;
}

export interface ResultWriter {
  /** Queues results; throws the original error once the writer has failed. */
  write(batch: readonly PortResult[]): void;
  /** Commits what is queued; resolves once `completion` has settled (never rejects). Idempotent. */
  close(): Promise<void>;
  /** Settles exactly once: after the final commit, or with the real SQLite error. */
  readonly completion: Promise<WriterSummary>;
  readonly failed: Error | null;
  /** Rows committed so far. */
  readonly committed: number;
}

/** What a writer needs from the database that owns it. */
export interface WriterHost {
  readonly ctx: StoreContext;
  /** Registers a writer to flush when the database closes; returns the unregister function. */
  track(writer: { flushAndFinish(): void }): () => void;
  /** Told after every commit (checkpoint bookkeeping). */
  afterCommit(rows: number): void;
}

export function createResultWriter(
  db: WriterHost,
  scanId: ScanId,
  opts: WriterOptions = {},
): ResultWriter {
  return new BatchedResultWriter(db, scanId, opts);
}

/**
 * Batches results into bounded transactions. write() only queues; commits run in their own
 * macrotask (setImmediate once a batch is full, a timer otherwise), so network events interleave
 * with commits and no transaction holds the loop for long.
 */
class BatchedResultWriter implements ResultWriter {
  readonly completion: Promise<WriterSummary>;
  failed: Error | null = null;
  committed = 0;

  private readonly pending = new PendingResults();
  private chunk: number;
  private closing = false;
  private settled = false;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Immediate | null = null;
  private readonly summary: WriterSummary = {
    rows: 0,
    transactions: 0,
    maxTransactionMs: 0,
    totalTransactionMs: 0,
  };
  private readonly maxRows: number;
  private readonly maxDelayMs: number;
  private readonly targetMs: number;
  private readonly inserter: ResultInserter;
  private readonly commit: { immediate(from: number, to: number): void };
  private readonly untrack: () => void;
  private resolve!: (summary: WriterSummary) => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly db: WriterHost,
    scanId: ScanId,
    private readonly opts: WriterOptions,
  ) {
    this.maxRows = Math.max(1, opts.maxRows ?? 2000);
    this.maxDelayMs = Math.max(0, opts.maxDelayMs ?? 50);
    this.targetMs = opts.targetTransactionMs ?? 10;
    this.chunk = this.maxRows;
    this.completion = new Promise<WriterSummary>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // The session awaits completion; this only keeps an unobserved failure from killing the process.
    this.completion.catch(() => undefined);
    this.inserter = new ResultInserter(db.ctx, scanId);
    this.commit = db.ctx.sqlite.transaction((from: number, to: number) =>
      this.inserter.insert(this.pending, from, to),
    );
    this.untrack = db.track(this);
  }

  write(batch: readonly PortResult[]): void {
    if (this.failed) throw this.failed;
    if (this.closing) throw new PortholeError('internal', 'result writer: write after close');
    for (const result of batch) this.pending.push(result);
    if (this.queued() >= this.chunk) this.commitSoon();
    else if (this.queued() > 0 && !this.timer && !this.soon) {
      this.timer = setTimeout(() => this.step(), this.maxDelayMs);
    }
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      if (!this.settled) this.commitSoon();
    }
    return this.completion.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The database is closing: commit everything now, synchronously, and settle. */
  flushAndFinish(): void {
    this.closing = true;
    this.clearTimers();
    while (!this.settled && this.queued() > 0) this.commitOne();
    this.finish();
  }

  private queued(): number {
    return this.pending.queued;
  }

  private commitSoon(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.soon ??= setImmediate(() => this.step());
  }

  private step(): void {
    this.timer = null;
    this.soon = null;
    if (this.settled) return;
    if (this.queued() > 0) this.commitOne();
    if (this.settled) return;
    if (this.queued() >= this.chunk || (this.closing && this.queued() > 0)) this.commitSoon();
    else if (this.queued() > 0) this.timer = setTimeout(() => this.step(), this.maxDelayMs);
    else if (this.closing) this.finish();
  }

  /** One transaction of at most `chunk` rows. */
  private commitOne(): void {
    const from = this.pending.head;
    const to = Math.min(this.pending.length, from + this.chunk);
    const started = performance.now();
    try {
      // IMMEDIATE takes the write lock up front, so another process writing the same file makes
      // us wait (busy_timeout) instead of failing a deferred upgrade with SQLITE_BUSY.
      this.commit.immediate(from, to);
    } catch (error) {
      this.inserter.rolledBack();
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const ms = performance.now() - started;
    this.inserter.committed();
    this.pending.committedUpTo(to);
    const rows = to - from;
    this.committed += rows;
    const s = this.summary;
    s.rows += rows;
    s.transactions += 1;
    s.totalTransactionMs += ms;
    if (ms > s.maxTransactionMs) s.maxTransactionMs = ms;
    // Keep each transaction near the target whatever the disk or the row sizes are doing.
    if (ms > this.targetMs && this.chunk > 64) this.chunk = Math.max(64, this.chunk >> 1);
    else if (ms < this.targetMs / 4 && this.chunk < this.maxRows) {
      this.chunk = Math.min(this.maxRows, this.chunk * 2);
    }
    this.db.afterCommit(rows);
    this.opts.onCommit?.(this.committed);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.failed = error;
    this.pending.clear();
    this.settle(() => this.reject(error));
  }

  private finish(): void {
    this.settle(() => this.resolve({ ...this.summary }));
  }

  private settle(how: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.clearTimers();
    this.untrack();
    how();
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearImmediate(this.soon);
    this.timer = null;
    this.soon = null;
  }
}
