import { Worker } from 'node:worker_threads';
import type { PortResult } from '../../shared/domain';
import { serviceName } from '../../shared/ports';
import type { ConnectorKind } from './attempt';
import { grabBanner } from './banner';
import { BatchQueue } from './batch-queue';
import { classify } from './errno';
import { socketBudget } from './fd-limit';
import { type NativeProber, loadNativeProber } from './native-prober';
import { type NativeScan, startNativeScan } from './native-scan';
import type { ScanPlan } from './plan';
import { ProbeLocator } from './probe-layout';
import { ProbeLoop } from './probe-loop';
import {
  type WorkerEntry,
  findWorkerEntry,
  probeWorkerCount,
  takeProbeWorker,
  workerWorthwhile,
} from './worker-entry';
import { ChunkedWorkSource, chunkSizeFor, newCursorBuffer } from './work-source';
import { type WorkerEngine, startWorkerEngine } from './worker-engine';
import type { ProbeWorkerData } from './worker-protocol';

export interface ScanRun {
  /** Every probed port exactly once, in batches; ends when the scan ends or is cancelled. */
  readonly batches: AsyncIterable<PortResult[]>;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Which prober runs: the native addon's threads, or JavaScript (here or in workers). */
  readonly prober: 'native' | 'js';
}

export interface StartOptions {
  readonly signal?: AbortSignal;
  /**
   * 1 = one probing thread (the native prober's, else this one); 2 = one per core (the native
   * prober's threads, else workers; the default for big scans).
   */
  readonly threads?: 1 | 2;
  /** Forces the JavaScript prober with this connector. */
  readonly connector?: ConnectorKind;
  /** Socket budget override (tests); defaults to what the open-file limit allows. */
  readonly socketBudget?: number;
  /** Worker script override (tests); defaults to the bundled or source probe worker. */
  readonly workerEntry?: WorkerEntry;
  /** The native prober (tests: a stand-in whose threads cannot start); defaults to the addon. */
  readonly nativeProber?: NativeProber | null;
}

const BATCH_SIZE = 1024;
/**
 * Batches waiting for the consumer before probing pauses: a /8 must not pile up in memory when
 * the database writer is slower than the network. 64 batches is about 65,000 results.
 */
const MAX_BACKLOG = 64;
/** Open ports whose banner is being read at once: banners are slow, but sockets are not free. */
const BANNER_PARALLEL = 32;

/**
 * Starts the probing over a shared work cursor and turns raw statuses into PortResult batches.
 * The native prober's threads probe when the addon is built (Linux) and no rate limit asks for
 * the JavaScript loop's pacing; otherwise JavaScript probes here (small scans) or in one worker
 * per core (big ones), so the main thread keeps its event loop for the database and the window.
 */
export function startScan(plan: ScanPlan, opts: StartOptions = {}): ScanRun {
  const queue = new BatchQueue<PortResult[]>();
  const locator = new ProbeLocator(plan.layout);
  const window = Math.max(
    1,
    Math.min(plan.timing.concurrency, opts.socketBudget ?? socketBudget()),
  );
  const native =
    opts.connector === undefined && plan.timing.rate === null
      ? opts.nativeProber !== undefined
        ? opts.nativeProber
        : loadNativeProber()
      : null;
  const entry = opts.workerEntry ?? findWorkerEntry();
  // Workers for the JavaScript prober: used when the native prober is not built or cannot start.
  const workerCount =
    opts.threads === 1 || entry === null || plan.timing.rate !== null
      ? 0
      : opts.threads === 2 || workerWorthwhile(plan.totalProbes)
        ? Math.min(probeWorkerCount(), window)
        : 0;
  const cursor = newCursorBuffer();
  const chunkSize = chunkSizeFor(plan.totalProbes);

  let batch: PortResult[] = [];
  let flushQueued = false;
  /** Probe loops (native, local or workers) that have not reported their end; set at start. */
  let enginesRunning = 0;
  let bannersPending = 0;
  const bannerWaiting: PortResult[] = [];
  let ended = false;
  let pausedFlag = false;

  // Pausing is wanted by the person (pause()) or by back-pressure; probing runs only if neither.
  let heldBack = false;
  const applyPause = (): void => {
    if (pausedFlag || heldBack) {
      loop?.pause();
      nativeScan?.pause();
      for (const worker of workers) worker.pause();
    } else {
      loop?.resume();
      nativeScan?.resume();
      for (const worker of workers) worker.resume();
    }
  };
  const flush = (): void => {
    flushQueued = false;
    if (batch.length === 0) return;
    queue.push(batch);
    batch = [];
    if (!heldBack && queue.backlog >= MAX_BACKLOG) {
      heldBack = true;
      applyPause();
    }
  };
  queue.onDrain = () => {
    if (heldBack && queue.backlog <= MAX_BACKLOG / 2) {
      heldBack = false;
      applyPause();
    }
  };
  const emit = (result: PortResult): void => {
    batch.push(result);
    if (batch.length >= BATCH_SIZE) flush();
    else if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  };
  const maybeEnd = (): void => {
    if (ended || enginesRunning > 0 || bannersPending > 0 || bannerWaiting.length > 0) return;
    ended = true;
    flush();
    queue.close();
    opts.signal?.removeEventListener('abort', onAbort);
  };

  const startBanner = (result: PortResult): void => {
    bannersPending += 1;
    void grabBanner(result.host, result.host.includes(':') ? 6 : 4, result.port)
      .catch(() => null)
      .then((banner) => {
        bannersPending -= 1;
        if (ended) return;
        emit({ ...result, banner });
        const next = bannerWaiting.shift();
        if (next !== undefined) startBanner(next);
        maybeEnd();
      });
  };

  const accept = (index: number, status: number, rttUs: number): void => {
    if (ended) return;
    const outcome = classify(status);
    const host = locator.host(locator.hostIndexOf(index));
    const port = locator.portOf(index);
    const result: PortResult = {
      host: host.address,
      hostname: host.hostname,
      port,
      protocol: 'tcp',
      state: outcome.state,
      reason: outcome.reason,
      rttUs: rttUs < 0 ? null : rttUs,
      service: serviceName(port),
      banner: null,
      scannedAt: Date.now(),
    };
    if (plan.banners && outcome.state === 'open') {
      if (bannersPending < BANNER_PARALLEL) startBanner(result);
      else bannerWaiting.push(result);
    } else {
      emit(result);
    }
  };

  const engineDone = (): void => {
    enginesRunning -= 1;
    maybeEnd();
  };

  // The main thread's own probe loop: for small scans, or when no worker could start.
  let loop: ProbeLoop | null = null;
  const startLocalLoop = (share: number): void => {
    if (loop !== null || ended) return;
    loop = new ProbeLoop(
      new ChunkedWorkSource(cursor, plan.totalProbes, chunkSize),
      locator,
      accept,
      engineDone,
      {
        window: share,
        timeoutMs: plan.timing.timeoutMs,
        retries: plan.timing.retries,
        rate: plan.timing.rate,
        ...(opts.connector ? { connector: opts.connector } : {}),
      },
    );
    if (pausedFlag || heldBack) loop.pause();
    loop.start();
  };

  let nativeScan: NativeScan | null = null;
  /** Starts the native prober's threads; false when they cannot start (then JavaScript probes). */
  const startNative = (prober: NonNullable<typeof native>): boolean => {
    try {
      nativeScan = startNativeScan(
        prober,
        new ChunkedWorkSource(cursor, plan.totalProbes, chunkSize),
        locator,
        { accept, done: engineDone, fail },
        {
          threads: opts.threads === 1 ? 1 : probeWorkerCount(),
          window,
          timeoutMs: plan.timing.timeoutMs,
          retries: plan.timing.retries,
        },
      );
      return true;
    } catch {
      // No threads or descriptors for the addon's loops: nothing was probed yet.
      return false;
    }
  };

  const workers: WorkerEngine[] = [];
  const workerWindow = Math.max(1, Math.floor(window / Math.max(1, workerCount)));
  const startWorkers = (): void => {
    for (let i = 0; i < workerCount && entry !== null; i += 1) {
      const data: ProbeWorkerData = {
        layout: plan.layout,
        cursor,
        chunkSize,
        window: workerWindow,
        timeoutMs: plan.timing.timeoutMs,
        retries: plan.timing.retries,
        ...(opts.connector ? { connector: opts.connector } : {}),
      };
      const thread = opts.workerEntry
        ? new Worker(entry.script, { eval: entry.eval })
        : takeProbeWorker(entry);
      workers.push(
        startWorkerEngine(thread, data, {
          accept,
          done: engineDone,
          fail,
          // A worker that cannot start took no work; the shared cursor lets this thread take it.
          unavailable: () => {
            if (loop === null) enginesRunning += 1;
            // Probing here instead of a worker: the whole window, as for a small scan.
            startLocalLoop(window);
          },
        }),
      );
    }
  };

  /** Stops every prober; what was already probed stays in the batches, what is in flight is dropped. */
  function stopProbing(): void {
    ended = true;
    loop?.stop();
    nativeScan?.stop();
    for (const worker of workers) worker.terminate();
    flush();
  }

  function fail(error: unknown): void {
    if (ended) return;
    stopProbing();
    queue.fail(error);
  }

  function onAbort(): void {
    if (ended) return;
    // Cancel keeps what was already probed.
    stopProbing();
    queue.close();
  }

  if (opts.signal?.aborted) onAbort();
  else {
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Counted before starting: a loop may report its end from inside its start.
    enginesRunning = 1;
    if (native !== null && startNative(native)) {
      // Probing in the addon's threads.
    } else if (workerCount === 0) startLocalLoop(window);
    else {
      enginesRunning = workerCount;
      startWorkers();
    }
  }

  return {
    batches: queue,
    pause() {
      pausedFlag = true;
      applyPause();
    },
    resume() {
      pausedFlag = false;
      applyPause();
    },
    get paused() {
      return pausedFlag;
    },
    get prober() {
      return nativeScan !== null ? 'native' : 'js';
    },
  };
}
