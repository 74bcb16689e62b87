/*
 * Worker-thread entry: the JavaScript ProbeLoop on its own core, pulling probe indices from the
 * shared cursor and sending results back in transferred typed arrays. Used where the native
 * prober (whose own threads need no worker) is not built. Bundled as its own entry
 * (out/main/probe-worker.js); under vitest it runs from source through tsx.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ProbeLocator } from './probe-layout';
import { ProbeLoop } from './probe-loop';
import { ChunkedWorkSource } from './work-source';
import type { FromWorker, ProbeWorkerData, ToWorker } from './worker-protocol';

const BATCH = 2048;
type Port = NonNullable<typeof parentPort>;

const PROBE_THREAD_NICE = 10;

const post = (port: Port, m: FromWorker, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(m, transfer);

function run(port: Port, data: ProbeWorkerData): void {
  let index = new Float64Array(BATCH);
  let status = new Int32Array(BATCH);
  let rttUs = new Int32Array(BATCH);
  let count = 0;
  let flushQueued = false;

  const flush = (): void => {
    flushQueued = false;
    if (count === 0) return;
    post(port, { type: 'results', count, index, status, rttUs }, [
      index.buffer,
      status.buffer,
      rttUs.buffer,
    ]);
    index = new Float64Array(BATCH);
    status = new Int32Array(BATCH);
    rttUs = new Int32Array(BATCH);
    count = 0;
  };

  const sink = (i: number, s: number, rtt: number): void => {
    index[count] = i;
    status[count] = s;
    rttUs[count] = rtt;
    count += 1;
    if (count === BATCH) flush();
    else if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  };

  const loop = new ProbeLoop(
    new ChunkedWorkSource(data.cursor, data.layout.totalProbes, data.chunkSize),
    new ProbeLocator(data.layout),
    sink,
    () => {
      flush();
      post(port, { type: 'done' });
      port.close();
    },
    {
      window: data.window,
      timeoutMs: data.timeoutMs,
      retries: data.retries,
      rate: null,
      ...(data.connector ? { connector: data.connector } : {}),
    },
  );
  port.on('message', (m: ToWorker) => {
    if (m.type === 'pause') loop.pause();
    else if (m.type === 'resume') loop.resume();
    else if (m.type === 'stop') loop.stop();
  });
  post(port, { type: 'started' });
  loop.start();
}

// The worker may be started before the scan is planned (prewarmProbeWorker), so the job comes as
// the first message rather than as workerData.
// Probing yields to the main thread: there the results are committed and (in the app) the window
// is answered. On Linux the nice value is per thread, so this lowers only this worker.
// Elsewhere (macOS, Windows) it would lower the whole process, the app's window included.
if (process.platform === 'linux') {
  try {
    setPriority(0, PROBE_THREAD_NICE);
  } catch {
    // Not permitted here: probe at normal priority.
  }
}

const port = parentPort;
port?.once('message', (m: ToWorker) => {
  if (m.type !== 'scan') return;
  try {
    run(port, m.data);
  } catch (error) {
    port.postMessage({ type: 'failed', message: String(error) } satisfies FromWorker);
  }
});
