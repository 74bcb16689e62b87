/*
 * Worker-thread entry: a second ProbeLoop on the other core, pulling probe indices from the shared
 * cursor and sending results back in transferred typed arrays. Bundled as its own entry
 * (out/main/probe-worker.js); under vitest it runs from source through tsx.
 */
import { parentPort } from 'node:worker_threads';
import { ProbeLocator } from './probe-layout';
import { ProbeLoop } from './probe-loop';
import { ChunkedWorkSource } from './work-source';
import type { FromWorker, ProbeWorkerData, ToWorker } from './worker-protocol';

const BATCH = 2048;

function run(port: NonNullable<typeof parentPort>, data: ProbeWorkerData): void {
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  let index = new Float64Array(BATCH);
  let status = new Int32Array(BATCH);
  let rttUs = new Int32Array(BATCH);
  let count = 0;
  let flushQueued = false;

  const flush = (): void => {
    flushQueued = false;
    if (count === 0) return;
    post({ type: 'results', count, index, status, rttUs }, [
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
      post({ type: 'done' });
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
  post({ type: 'started' });
  loop.start();
}

// The worker may be started before the scan is planned (prewarmProbeWorker), so the job comes as
// the first message rather than as workerData.
const port = parentPort;
port?.once('message', (m: ToWorker) => {
  if (m.type !== 'scan') return;
  try {
    run(port, m.data);
  } catch (error) {
    port.postMessage({ type: 'failed', message: String(error) } satisfies FromWorker);
  }
});
