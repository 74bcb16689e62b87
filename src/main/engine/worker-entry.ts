import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * How to start the probe worker: the bundled .js beside this chunk, or (tests, scripts) the .ts
 * source through tsx. Workers refuse `--import` in execArgv, so the source form is a two-line
 * eval script that registers tsx's require hook first.
 */
export interface WorkerEntry {
  readonly script: string;
  readonly eval: boolean;
}

function hereDir(): string {
  // Bundled output is CommonJS; under vitest/tsx the source may be an ES module. __filename, not
  // __dirname: tsx's ESM loader sets __dirname to 'data:text' but __filename right.
  if (typeof __filename === 'string' && path.isAbsolute(__filename)) {
    return path.dirname(__filename);
  }
  return path.dirname(fileURLToPath(import.meta.url));
}

let cached: WorkerEntry | null | undefined;

export function findWorkerEntry(): WorkerEntry | null {
  if (cached !== undefined) return cached;
  const dir = hereDir();
  // The bundler may put this code in out/main/ or in a shared chunk under out/main/chunks/.
  const js = [path.join(dir, 'probe-worker.js'), path.join(dir, '..', 'probe-worker.js')].find(
    (f) => existsSync(f),
  );
  const ts = path.join(dir, 'probe-worker.ts');
  if (js !== undefined) cached = { script: js, eval: false };
  else if (existsSync(ts)) {
    cached = { script: `require('tsx/cjs');\nrequire(${JSON.stringify(ts)});`, eval: true };
  } else cached = null;
  return cached;
}

/** Probing in workers pays off once there are enough probes to outweigh a worker's start-up. */
export const workerWorthwhile = (probes: number): boolean => probes >= 4096;

/**
 * Probe workers for a big scan: one per core, so the main thread (the desktop app's main process,
 * which also commits results and answers the window) does no probing of its own.
 */
export const probeWorkerCount = (): number => Math.max(1, Math.min(2, availableParallelism()));

const warm: Worker[] = [];

/**
 * Starts the probe workers ahead of the scan, so their ~40 ms of start-up overlaps the caller's
 * own (the CLI calls this first thing). Harmless to call more than once; unused, they exit with
 * the process.
 */
export function prewarmProbeWorker(): void {
  const entry = findWorkerEntry();
  if (entry === null) return;
  while (warm.length < probeWorkerCount()) {
    const worker = new Worker(entry.script, { eval: entry.eval });
    // An idle warm worker must not keep the process alive.
    worker.unref();
    worker.on('error', () => {
      const i = warm.indexOf(worker);
      if (i !== -1) warm.splice(i, 1);
    });
    warm.push(worker);
  }
}

/** A prewarmed worker if there is one (ref'ed again), else a new one. */
export function takeProbeWorker(entry: WorkerEntry): Worker {
  const w = warm.shift() ?? new Worker(entry.script, { eval: entry.eval });
  w.ref();
  return w;
}
