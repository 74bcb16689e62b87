import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const scanHandle: unique symbol;
/** One running native scan: an opaque handle owned by the addon. */
export type NativeScanHandle = { readonly [scanHandle]: true };

/**
 * The native prober addon (native/prober/prober.c): C epoll loops in threads of the addon's own.
 * The caller feeds probes into a queue and polls results out of another, woken by onWake on its
 * own thread; no call blocks (close() waits at most a tick for threads told to stop).
 */
export interface NativeProber {
  /** Starts `threads` threads sharing `window` sockets, each at the given nice value (Linux). */
  start(
    threads: number,
    window: number,
    timeoutMs: number,
    retries: number,
    nice: number,
    onWake: () => void,
  ): NativeScanHandle;
  /** Queues the first `count` probes (address bytes 16 a probe); returns how many fitted. */
  feed(
    scan: NativeScanHandle,
    family: Uint8Array,
    addr: Uint8Array,
    port: Uint16Array,
    id: Float64Array,
    count: number,
  ): number;
  /** No more probes: the threads end once the queue is done. */
  end(scan: NativeScanHandle): void;
  /**
   * Copies out waiting results (status 0, NO_RESPONSE or a negative errno; rtt -1 when none);
   * info[0] becomes how many probes feed() would take, info[1] 1 once the scan has ended and
   * every result has been taken.
   */
  poll(
    scan: NativeScanHandle,
    outId: Float64Array,
    outStatus: Int32Array,
    outRttUs: Int32Array,
    info: Int32Array,
  ): number;
  /** CONTROL_RUN, CONTROL_PAUSE or CONTROL_STOP (probe-control.ts); a stop is final. */
  control(scan: NativeScanHandle, value: number): void;
  /** Stops what still runs, waits for the threads, and lets the process exit. */
  close(scan: NativeScanHandle): void;
}

const RELATIVE = path.join('native', 'prober', 'build', 'Release', 'porthole_prober.node');

function hereDir(): string {
  // Bundled output is CommonJS; under vitest/tsx the source may be an ES module. __filename, not
  // __dirname: tsx's ESM loader sets __dirname to 'data:text' but __filename right.
  if (typeof __filename === 'string' && path.isAbsolute(__filename))
    return path.dirname(__filename);
  return path.dirname(fileURLToPath(import.meta.url));
}

/**
 * Where the built addon may be: the repository root is 2 (out/main), 3 (out/main/chunks,
 * src/main/engine) or 4 levels up; in a packaged app, .node files live outside the asar archive.
 */
export function nativeProberCandidates(dir = hereDir()): string[] {
  const found: string[] = [];
  for (let up = 2; up <= 4; up += 1) {
    const file = path.resolve(dir, ...Array<string>(up).fill('..'), RELATIVE);
    found.push(
      file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`),
    );
  }
  return found;
}

let cached: NativeProber | null | undefined;

/**
 * The addon, or null (the JavaScript prober serves) when it is not built here (not Linux, no
 * compiler at install time), fails to load, or `PORTHOLE_PROBER=js` asks for the JS path.
 */
export function loadNativeProber(): NativeProber | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.platform !== 'linux' || process.env.PORTHOLE_PROBER === 'js') return cached;
  const file = nativeProberCandidates().find((f) => existsSync(f));
  if (file === undefined) return cached;
  try {
    // process.dlopen rather than require: the bundler leaves it alone, and it works from ESM too.
    const mod: { exports: Partial<NativeProber> } = { exports: {} };
    process.dlopen(mod, file);
    const calls = ['start', 'feed', 'end', 'poll', 'control', 'close'] as const;
    // A build of another version of the addon, without this interface: the JavaScript prober serves.
    if (calls.every((name) => typeof mod.exports[name] === 'function')) {
      cached = mod.exports as NativeProber;
    }
  } catch {
    // A stale or foreign build (wrong architecture): the JavaScript prober serves.
  }
  return cached;
}
