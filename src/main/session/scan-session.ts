import type { ScanId, ScanStatus, StateCounts } from '../../shared/domain';
import type { ProgressFrame, ScanFinished } from '../../shared/progress';
import { parseScanRequest, type ScanRequest } from '../../shared/scan-request';
import { planScan, startScan, type ScanPlan, type ScanRun } from '../engine';
import type { HistoryDb } from '../store/database';
import { createResultWriter, type ResultWriter } from '../store/writer';
import { FrameThrottle } from './frame-throttle';
import { ProgressTracker } from './progress-tracker';

export interface SessionOptions {
  /** Where results go; null keeps them only in memory (`--no-db`). */
  db: HistoryDb | null;
  onProgress?: (frame: ProgressFrame) => void;
  onFinished?: (finished: ScanFinished) => void;
  /** Writer batch bounds, for tests and benchmarks. */
  writer?: { maxRows?: number; maxDelayMs?: number };
  /** Frames per second ceiling is 1000 / this. */
  frameIntervalMs?: number;
  /** Frames carry the ports settled since the last one (`settled`), for a window's port map. */
  portMap?: boolean;
}

export interface SessionOutcome extends ScanFinished {
  durationMs: number;
}

/**
 * One scan from request to final status: engine -> writer -> progress frames. The scan is
 * `completed` only after the engine is done AND the writer's completion handle has resolved; any
 * writer failure stops the engine and ends the scan `failed` with the real cause.
 */
export class ScanSession {
  /** Settles once, on every path, with the status committed to the database. */
  readonly outcome: Promise<SessionOutcome>;
  readonly tracker: ProgressTracker;
  private readonly abort = new AbortController();
  private readonly run: ScanRun;
  private readonly writer: ResultWriter | null;
  private readonly throttle: FrameThrottle;
  private status: ScanStatus = 'running';
  private failure: Error | null = null;

  private constructor(
    readonly id: ScanId | null,
    readonly request: ScanRequest,
    readonly plan: ScanPlan,
    private readonly options: SessionOptions,
  ) {
    const startedAt = Date.now();
    this.tracker = new ProgressTracker(plan.totalProbes, startedAt, Date.now, {
      portMap: options.portMap,
    });
    this.writer =
      options.db && id !== null ? createResultWriter(options.db, id, options.writer) : null;
    // A writer that fails between batches stops the engine at once, not at the next batch.
    this.writer?.completion.catch((error: unknown) => this.fail(error));
    this.throttle = new FrameThrottle(() => this.emitFrame(), options.frameIntervalMs ?? 50);
    this.run = startScan(plan, { signal: this.abort.signal });
    this.outcome = this.drive(startedAt);
  }

  /**
   * Validates the request with the shared schema, resolves its targets, creates the scan row and
   * starts probing. Bad input throws InputError before anything is stored.
   */
  static async start(input: unknown, options: SessionOptions): Promise<ScanSession> {
    const request = parseScanRequest(input);
    const plan = await planScan(request);
    const id = options.db ? options.db.createScan(request, { name: request.name }) : null;
    try {
      return new ScanSession(id, request, plan, options);
    } catch (error) {
      // The row exists: it must not stay `running` for a scan that never started.
      if (id !== null) {
        options.db?.finishScan(id, { status: 'failed', endedAt: Date.now(), error: String(error) });
      }
      throw error;
    }
  }

  get currentStatus(): ScanStatus {
    return this.status;
  }

  pause(): void {
    if (this.status !== 'running') return;
    this.run.pause();
    this.setStatus('paused');
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.run.resume();
    this.setStatus('running');
  }

  /** Stops probing; resolves once what was probed is committed and the scan is `cancelled`. */
  cancel(): Promise<SessionOutcome> {
    if (this.status === 'running' || this.status === 'paused') {
      this.status = 'cancelled';
      // Abort while still paused: resuming first could launch new probes for an instant.
      this.abort.abort();
    }
    return this.outcome;
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.status = 'failed';
    this.abort.abort();
  }

  private setStatus(status: ScanStatus): void {
    this.status = status;
    if (this.id !== null) this.options.db?.setStatus(this.id, status);
    this.throttle.touch();
  }

  private async drive(startedAt: number): Promise<SessionOutcome> {
    try {
      for await (const batch of this.run.batches) {
        if (this.failure) break;
        this.writer?.write(batch);
        this.tracker.add(batch);
        this.throttle.touch();
      }
    } catch (error) {
      // An abort we asked for is not a failure; anything else is.
      if (!this.abort.signal.aborted) this.fail(error);
    }
    if (this.writer) {
      await this.writer.close();
      await this.writer.completion.catch((error: unknown) => this.fail(error));
    }
    if (this.status === 'running' || this.status === 'paused') this.status = 'completed';
    const finished: ScanFinished = {
      scanId: this.id,
      status: this.status,
      counts: { ...this.tracker.counts },
      error: this.failure?.message ?? null,
    };
    this.commitFinal(finished);
    this.throttle.stop();
    this.emitFrame();
    notify(() => this.options.onFinished?.(finished));
    return { ...finished, durationMs: Date.now() - startedAt };
  }

  /** Final status, counts and end time, on every path; a database that refuses even this fails the scan. */
  private commitFinal(finished: ScanFinished): void {
    if (this.id === null || !this.options.db) return;
    try {
      this.options.db.finishScan(this.id, {
        status: finished.status,
        counts: finished.counts,
        endedAt: Date.now(),
        error: finished.error,
      });
      // A scan that ended early reports what was committed, as stored.
      if (finished.status !== 'completed') {
        finished.counts = this.options.db.getScan(this.id)?.counts ?? finished.counts;
      }
    } catch (error) {
      this.fail(error);
      finished.status = 'failed';
      finished.error = this.failure?.message ?? null;
    }
  }

  private emitFrame(): void {
    const frame: ProgressFrame = {
      scanId: this.id,
      status: this.status,
      counts: { ...this.tracker.counts } satisfies StateCounts,
      done: this.tracker.done,
      total: this.tracker.total,
      rate: this.tracker.rate(),
      etaSeconds: this.status === 'running' ? this.tracker.etaSeconds() : null,
      elapsedMs: this.tracker.elapsedMs(),
      newOpen: this.tracker.takeNewOpen(),
      settled: this.tracker.takeSettled(),
    };
    notify(() => this.options.onProgress?.(frame));
  }
}

/** A listener's failure is the listener's: it must not fail the scan or escape a timer. */
function notify(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    console.error('porthole: a progress listener failed:', error);
  }
}
