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
  // Bundled output is CommonJS (__dirname); under vitest/tsx the source is an ES module.
  if (typeof __dirname === 'string') return __dirname;
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

/** A second thread pays off only with a second core and enough probes to share. */
export const workerWorthwhile = (probes: number): boolean =>
  availableParallelism() > 1 && probes >= 4096;

let warm: Worker | null = null;

/**
 * Starts a probe worker ahead of the scan, so its ~40 ms of start-up overlaps the caller's own
 * (the CLI calls this first thing). Harmless to call more than once; unused, it exits with the process.
 */
export function prewarmProbeWorker(): void {
  if (warm !== null || availableParallelism() < 2) return;
  const entry = findWorkerEntry();
  if (entry === null) return;
  warm = new Worker(entry.script, { eval: entry.eval });
  // An idle warm worker must not keep the process alive.
  warm.unref();
  warm.on('error', () => {
    warm = null;
  });
}

/** The prewarmed worker if there is one (ref'ed again), else a new one. */
export function takeProbeWorker(entry: WorkerEntry): Worker {
  const w = warm ?? new Worker(entry.script, { eval: entry.eval });
  warm = null;
  w.ref();
  return w;
}
