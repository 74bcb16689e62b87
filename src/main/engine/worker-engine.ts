import type { Worker } from 'node:worker_threads';
import type { ProbeSink } from './probe-loop';
import type { FromWorker, ProbeWorkerData, ToWorker } from './worker-protocol';

/** The main thread's handle on a probe loop running in a worker thread. */
export interface WorkerEngine {
  pause(): void;
  resume(): void;
  /** Drops the worker and whatever it has in flight (cancel, failure). */
  terminate(): void;
}

export interface WorkerEngineEvents {
  readonly accept: ProbeSink;
  /** The worker finished its share, or never started (then it took no work: nothing is lost). */
  readonly done: () => void;
  /** The worker could not start, so it took no work: someone else must probe its share. */
  readonly unavailable?: () => void;
  /** The worker failed after taking work: its claimed probes are lost, so the scan fails. */
  readonly fail: (error: unknown) => void;
}

/** Hands the job to `worker` and relays its results and end to the main thread's scan. */
export function startWorkerEngine(
  worker: Worker,
  job: ProbeWorkerData,
  events: WorkerEngineEvents,
): WorkerEngine {
  let started = false;
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    events.done();
  };
  // A worker that cannot even start (say, its file cannot be loaded from a packaged app) took no
  // work from the shared cursor, so the main thread simply scans everything.
  const failed = (error: unknown): void => {
    if (ended) return;
    if (!started) {
      events.unavailable?.();
      return finish();
    }
    ended = true;
    events.fail(error);
  };

  worker.on('message', (m: FromWorker) => {
    if (m.type === 'started') {
      started = true;
    } else if (m.type === 'results') {
      for (let i = 0; i < m.count; i += 1) {
        events.accept(m.index[i] ?? 0, m.status[i] ?? 0, m.rttUs[i] ?? -1);
      }
    } else if (m.type === 'done') {
      finish();
    } else {
      failed(new Error(`probe worker failed: ${m.message}`));
    }
  });
  worker.on('error', failed);
  // An exit without 'done' loses the probes it had claimed: a failed scan, not a short one.
  worker.on('exit', (code) => failed(new Error(`probe worker exited with code ${code}`)));
  worker.postMessage({ type: 'scan', data: job } satisfies ToWorker);

  const send = (type: 'pause' | 'resume'): void => worker.postMessage({ type } satisfies ToWorker);
  return {
    pause: () => send('pause'),
    resume: () => send('resume'),
    terminate: () => {
      ended = true;
      void worker.terminate();
    },
  };
}
